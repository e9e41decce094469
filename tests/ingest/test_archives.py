"""Tests of archive reading: gzipped JSONL, WARC, Parquet, folders of them, broken archives."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tollwatch.ingest.archives import count_reports, kind_of, read_page, read_paths
from tollwatch.model import Discard, Page, Report

STORIES = (
    "Shelling killed four people in the town of Ariha in Idlib province on Monday, rescuers said.",
    "A car bomb wounded eleven people near a checkpoint in Manbij on Sunday, officials said.",
    "More than 300 families fled their villages south of Mosul after clashes, the UN said.",
)


def _page(title: str, body: str, when: str = "2018-02-06") -> bytes:
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{when}"></head>'
        f"<body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p>"
        "<p>The account could not be independently verified.</p></article></body></html>"
    ).encode()


def write_jsonl_gz(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    return path


def write_warc(path: Path, records: list[tuple[str, str, int, str, bytes]]) -> Path:
    """(record type, url, HTTP status, content type, body) a record, gzipped per record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for rec_type, url, status, ctype, body in records:
            if rec_type == "request":
                http = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
                )
                record = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=http
                )
            else:
                http = StatusAndHeaders(
                    f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            writer.write_record(record)
    return path


def write_parquet(path: Path, rows: dict[str, list]) -> Path:
    pq.write_table(pa.table(rows), path, row_group_size=2)
    return path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def jsonl_gz(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"id": "a", "text": STORIES[0], "meta": {"published": "2018-02-06"}}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": STORIES[1], "meta": {"title": "Blast in Manbij"}}),
    ]
    return write_jsonl_gz(tmp_path / "wire.jsonl.gz", lines)


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    return write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("request", "https://news.example.org/a", 0, "", b""),
            ("response", "https://news.example.org/a", 200, "text/html; charset=utf-8", _page("Ariha shelled", STORIES[0])),
            ("response", "https://news.example.org/gone", 404, "text/html", b"<html>Not found</html>"),
            ("response", "https://news.example.org/logo.png", 200, "image/png", b"\x89PNG..."),
            ("response", "https://news.example.org/b.txt", 200, "text/plain", STORIES[1].encode()),
            ("response", "https://news.example.org/empty", 200, "text/html", b"<html><body></body></html>"),
        ],
    )  # fmt: skip


@pytest.fixture
def parquet(tmp_path: Path) -> Path:
    return write_parquet(
        tmp_path / "table.parquet",
        {
            "id": ["p1", "p2", "p3"],
            "text": [STORIES[0], "", STORIES[2]],
            "title": ["Ariha", None, "Mosul"],
            "published": [date(2018, 2, 6), None, date(2017, 3, 1)],
        },
    )


def test_names_say_what_kind_of_archive_a_file_is():
    assert kind_of("a/b.jsonl.gz") == "jsonl.gz"
    assert kind_of("B.WARC.GZ") == "warc"
    assert kind_of("crawl.warc") == "warc"
    assert kind_of("t.parquet") == "parquet"
    assert kind_of("notes.txt.gz") is None and kind_of("a.jsonl") is None


def test_a_gzipped_jsonl_corpus_is_read_line_by_line(jsonl_gz: Path):
    items = list(read_paths([jsonl_gz]))
    assert [type(i).__name__ for i in items] == ["Report", "Discard", "Report"]
    first, bad, second = items
    assert first.doc_id == "a" and first.published == date(2018, 2, 6)
    assert first.source == f"{jsonl_gz}:1"
    assert bad.where == f"{jsonl_gz}:3"
    assert bad.reason.startswith("not valid JSON")
    assert second.title == "Blast in Manbij"


def test_a_truncated_gzip_keeps_the_lines_before_the_break(tmp_path: Path):
    lines = [json.dumps({"id": str(k), "text": f"{STORIES[0]} ({k})"}) for k in range(400)]
    whole = write_jsonl_gz(tmp_path / "whole.jsonl.gz", lines).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(read_paths([cut]))
    *reports, last = items
    assert reports and all(isinstance(r, Report) for r in reports)
    assert [r.doc_id for r in reports] == [str(k) for k in range(len(reports))]
    assert isinstance(last, Discard)
    assert last.line == len(reports) + 1
    assert last.reason.startswith("corrupt gzip archive (EOFError: ")
    assert last.reason.endswith("the rest of it is unread")


def test_a_warc_gives_pages_of_its_html_responses_and_skips_what_is_not_a_report(warc: Path):
    items = list(read_paths([warc]))
    assert [type(i).__name__ for i in items] == ["Page", "Discard", "Report", "Page"]
    page, gone, text, empty = items
    assert page.url == "https://news.example.org/a"
    assert page.key.startswith("warc:sha1:")
    assert page.source == f"{warc}:2"
    assert gone.where == f"{warc}:3"
    assert gone.reason == "HTTP status 404 (https://news.example.org/gone)"
    assert text.text == STORIES[1] and text.url == "https://news.example.org/b.txt"
    report = read_page(page)
    assert isinstance(report, Report)
    assert "Ariha" in report.text and report.title == "Ariha shelled"
    assert report.published == date(2018, 2, 6)
    assert read_page(empty) == Discard(
        source=str(warc), line=6, reason="HTML page has no main text"
    )


def test_the_same_warc_record_has_the_same_key(tmp_path: Path, warc: Path):
    again = write_warc(
        tmp_path / "again.warc.gz",
        [("response", "https://news.example.org/a", 200, "text/html", _page("Ariha shelled", STORIES[0]))],
    )  # fmt: skip
    first = next(i for i in read_paths([warc]) if isinstance(i, Page))
    [second] = list(read_paths([again]))
    assert first.key == second.key


def test_a_file_that_is_not_a_warc_is_a_discard(tmp_path: Path):
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a WARC file at all\n" * 3)
    [item] = list(read_paths([bad]))
    assert item == Discard(source=str(bad), line=1, reason="not a WARC record: the rest is unread")


def test_a_parquet_table_gives_a_report_a_row(parquet: Path):
    items = list(read_paths([parquet]))
    assert [type(i).__name__ for i in items] == ["Report", "Discard", "Report"]
    assert items[0].doc_id == "p1" and items[0].title == "Ariha"
    assert items[0].published == date(2018, 2, 6)
    assert items[1] == Discard(source=str(parquet), line=2, reason="empty report", doc_id="p2")
    assert items[2].source == f"{parquet}:3"


def test_a_parquet_table_without_a_text_column_is_refused(tmp_path: Path):
    path = write_parquet(tmp_path / "t.parquet", {"body": ["x"], "id": ["1"]})
    assert list(read_paths([path])) == [
        Discard(source=str(path), reason="Parquet file has no 'text' column (columns: body, id)")
    ]


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path):
    path = tmp_path / "t.parquet"
    path.write_bytes(b"PAR1 but not really")
    [item] = list(read_paths([path]))
    assert isinstance(item, Discard) and item.reason.startswith("not a readable Parquet file")


def test_a_folder_of_archives_and_files_is_read_in_name_order(
    tmp_path: Path, jsonl_gz: Path, warc: Path, parquet: Path
):
    folder = tmp_path
    (folder / "note.txt").write_text(STORIES[2], encoding="utf-8")
    (folder / "other.gz").write_bytes(gzip.compress(b"not ours"))
    items = list(read_paths([folder]))
    sources = [i.source for i in items]
    assert sources[0].startswith(str(warc))  # crawl.warc.gz
    assert sources[4] == str(folder / "note.txt")
    assert sources[5].startswith(str(parquet))
    assert sources[-1].startswith(str(jsonl_gz))
    assert not any("other.gz" in s for s in sources)
    # The count (for an ETA) counts lines, not records: the corpus's blank line is one more.
    assert count_reports([folder]) == len(items) + 1


def test_count_reports_counts_without_parsing(jsonl_gz: Path, warc: Path, parquet: Path):
    assert count_reports([jsonl_gz]) == 4  # lines, blank included: a count for an ETA
    assert count_reports([warc]) == 4  # HTML and text responses, the 404 among them
    assert count_reports([parquet]) == 3
    assert count_reports(["-"]) is None
