"""Reading inputs: every bad input gives a Discard with an exact one-line reason."""

from __future__ import annotations

import io
import json
import resource
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.errors import InputError
from tollwatch.ingest import Discard, parse_date, read_inputs, report_from_record
from tollwatch.model import Report, content_id
from tollwatch.settings import MAX_REPORT_BYTES

REPORT = (
    "Shelling killed at least 14 civilians in the town of Ariha on Monday, "
    "a local rescue group said.\n"
)


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, data: bytes | str) -> str:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    return _write


def _only(items: list[Report | Discard]) -> Report | Discard:
    assert len(items) == 1, items
    return items[0]


def _reason(path: str, **kw) -> str:
    item = _only(list(read_inputs([path], **kw)))
    assert isinstance(item, Discard), item
    return item.message


def test_text_file_becomes_a_report(write):
    path = write("a.txt", REPORT)
    report = _only(list(read_inputs([path], published=date(2017, 3, 6), title="Ariha")))
    assert isinstance(report, Report)
    assert report.text == REPORT.strip()
    assert report.id == content_id(REPORT)
    assert report.published == date(2017, 3, 6)
    assert report.title == "Ariha"
    assert report.source == path
    assert report.doc_id is None


def test_bom_is_dropped_and_crlf_normalised(write):
    path = write("bom.txt", b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode())
    report = _only(list(read_inputs([path])))
    assert isinstance(report, Report)
    assert report.text == REPORT.strip()


def test_stdin_dash():
    stream = io.BytesIO(REPORT.encode())
    report = _only(list(read_inputs(["-"], stdin=stream)))
    assert isinstance(report, Report)
    assert report.source == "<stdin>"
    assert report.text == REPORT.strip()


def test_empty_file(write):
    path = write("e.txt", b"")
    assert _reason(path) == f"{path}: empty report"


def test_whitespace_only(write):
    path = write("w.txt", " \n\t \r\n ")
    assert _reason(path) == f"{path}: report holds only whitespace"


def test_binary_with_nul_bytes(write):
    path = write("b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _reason(path) == f"{path}: binary data, not text (it contains NUL bytes)"


def test_mostly_non_text_characters(write):
    path = write("ctl.txt", bytes(range(1, 9)) * 20 + b"ok")
    assert _reason(path) == f"{path}: binary data, not text (mostly non-text characters)"


def test_not_utf8(write):
    # "Déraa" in Latin-1: a byte that cannot start a UTF-8 sequence.
    path = write("latin1.txt", "Two killed in Déraa.".encode("latin-1"))
    assert _reason(path) == f"{path}: not UTF-8 text (invalid byte 0xe9 at offset 15)"


def test_utf16_is_named(write):
    path = write("u16.txt", REPORT.encode("utf-16"))
    assert _reason(path) == f"{path}: not UTF-8 text (it starts with a UTF-16 byte-order mark)"


def test_missing_file_and_folder(tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert _reason(missing) == f"{missing}: no such file"
    assert _reason(str(tmp_path)) == f"{tmp_path}: is a folder, not a file"


def test_too_big_is_refused_without_reading(write, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # a sparse 50 MB file: its size is known without writing it
        f.truncate(50 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert _reason(str(big)) == (
        f"{big}: report is too big: 52428800 bytes, more than the limit of {MAX_REPORT_BYTES} bytes"
    )
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 20 * 1024  # far below the 50 MB the file holds


def test_too_big_stdin_reads_only_past_the_limit():
    stream = io.BytesIO(b"a" * 101)
    item = _only(list(read_inputs(["-"], stdin=stream, max_bytes=100)))
    assert isinstance(item, Discard)
    assert item.message == "<stdin>: report is too big: more than the limit of 100 bytes"
    assert stream.tell() == 101


def test_jsonl_records(write):
    lines = [
        {"id": "r1", "text": REPORT, "meta": {"title": "Ariha", "published": "2017-03-06"}},
        {"id": 7, "text": "Five people were wounded.", "meta": {"outlet": "wire", "url": None}},
        {"id": "r3", "text": "Two fighters died.", "meta": {"published": "2017-03-07T10:15:00Z"}},
    ]
    path = write("c.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    items = list(read_inputs([path], title="fallback", published=date(2000, 1, 1)))
    assert [type(i) for i in items] == [Report, Report, Report]
    first, second, third = items
    assert first.doc_id == "r1" and first.title == "Ariha"
    assert first.published == date(2017, 3, 6)
    assert first.source == f"{path}:1"
    assert second.doc_id == "7" and second.outlet == "wire"
    assert second.title == "fallback" and second.published == date(2000, 1, 1)
    assert third.published == date(2017, 3, 7)


def test_jsonl_bad_lines_are_named_and_the_rest_kept(write):
    lines = [
        '{"id": "ok1", "text": "Three killed."}',
        "this is not json",
        '["a", "list"]',
        '{"id": "n1", "meta": {}}',
        '{"id": "n2", "text": 42}',
        '{"id": "n3", "text": "   "}',
        '{"id": "d1", "text": "Four killed.", "meta": {"published": "2017-02-31"}}',
        '{"id": "d2", "text": "Four killed.", "meta": {"published": "last Tuesday"}}',
        '{"id": "m1", "text": "Four killed.", "meta": "nope"}',
        '{"id": "ok2", "text": "Six wounded."}',
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([path]))
    reports = [i.doc_id for i in items if isinstance(i, Report)]
    assert reports == ["ok1", "ok2"]
    assert [i.message for i in items if isinstance(i, Discard)] == [
        f"{path}:2: not valid JSON (Expecting value at column 1)",
        f"{path}:3: not a JSON object",
        f'{path}:4: record has no "text"',
        f'{path}:5: "text" is not a string',
        f"{path}:6: report holds only whitespace",
        f"{path}:7: impossible date in meta.published: '2017-02-31'",
        f"{path}:8: meta.published is not a date (expected YYYY-MM-DD): 'last Tuesday'",
        f'{path}:9: "meta" is not an object',
    ]
    assert [i.doc_id for i in items if isinstance(i, Discard)][2:] == [
        "n1",
        "n2",
        "n3",
        "d1",
        "d2",
        "m1",
    ]


def test_jsonl_line_not_utf8(write):
    path = write("bad.jsonl", b'{"id": "x", "text": "caf\xe9"}\n')
    assert _reason(path) == f"{path}:1: not UTF-8 text (invalid byte 0xe9 at column 25)"


def test_jsonl_overlong_line_is_skipped_in_bounded_reads(write):
    long_line = json.dumps({"id": "big", "text": "x" * 500})
    path = write("long.jsonl", long_line + "\n" + '{"id": "small", "text": "Nine killed."}\n')
    items = list(read_inputs([path], max_bytes=200))
    assert isinstance(items[0], Discard)
    assert items[0].message == f"{path}:1: line is too big: more than the limit of 200 bytes"
    assert isinstance(items[1], Report) and items[1].doc_id == "small"


def test_empty_jsonl(write):
    path = write("empty.jsonl", "\n\n")
    assert _reason(path) == f"{path}: empty file: no records"


def test_other_inputs_still_processed(write, tmp_path):
    good = write("good.txt", REPORT)
    bad = write("bad.txt", b"\x00\x01")
    items = list(read_inputs([bad, str(tmp_path / "gone.txt"), good]))
    assert [type(i).__name__ for i in items] == ["Discard", "Discard", "Report"]


def test_parse_date():
    assert parse_date("2016-11-30") == date(2016, 11, 30)
    with pytest.raises(InputError) as err:
        parse_date("2016-02-30", what="--published")
    assert err.value.message == "impossible date in --published: '2016-02-30'"
    with pytest.raises(InputError) as err:
        parse_date("30/11/2016")
    assert err.value.message == "date is not a date (expected YYYY-MM-DD): '30/11/2016'"


def test_report_from_record_meta_types():
    with pytest.raises(InputError) as err:
        report_from_record({"text": "Two killed.", "meta": {"title": 5}})
    assert err.value.message == '"meta.title" is not a string'
    with pytest.raises(InputError) as err:
        report_from_record({"id": ["x"], "text": "Two killed."})
    assert err.value.message == '"id" is not a string'


# ---------------------------------------------------------------------------------- properties

ANY_BYTES = st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(data=ANY_BYTES)
def test_any_bytes_give_one_report_or_one_discard(data):
    (item,) = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    if isinstance(item, Report):
        assert item.text and item.text == item.text.strip()
        assert "\x00" not in item.text
        assert item.id == content_id(item.text)
    else:
        assert item.message.startswith("<stdin>: ")
        assert "\n" not in item.message


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.text(max_size=60) | JSON_VALUES,
        "meta": st.fixed_dictionaries(
            {},
            optional={
                "title": JSON_VALUES,
                "published": st.dates().map(str) | st.text(max_size=12) | JSON_VALUES,
            },
        )
        | JSON_VALUES,
    },
)


@settings(max_examples=100, deadline=None)
@given(records=st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=5))
def test_any_jsonl_lines_give_one_item_each(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("jsonl") / "r.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert len(items) == len(records)
    for number, item in enumerate(items, 1):
        if isinstance(item, Discard):
            assert item.line == number
            assert "\n" not in item.reason
        else:
            assert item.source == f"{path}:{number}"
