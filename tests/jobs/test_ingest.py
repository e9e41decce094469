"""Tests of ingest runs: reading, extracting and storing; discards; retries; the real pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tollwatch.jobs.ingest import ingest
from tollwatch.ledger import schema as s
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.store import open_store


def _dump(store):
    with store.read() as conn:
        return canonical_dump(conn)


def test_unreadable_inputs_and_failed_extractions_are_stored_as_discards(
    store, tmp_path: Path, fake_extractor
):
    good = tmp_path / "good.txt"
    good.write_text(
        "Officials said 9 killed in Douma on 2017-05-05 after shelling.", encoding="utf-8"
    )
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x01 not text")
    boom = tmp_path / "boom.txt"
    boom.write_text("EXPLODE: 3 killed in Ariha on 2017-04-04.", encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "x1", "text": ""}\nnot json\n', encoding="utf-8")

    summary = ingest(
        [good, bad, boom, corpus, tmp_path / "missing.txt"], store=store, extractor=fake_extractor
    )
    assert (summary.reports_new, summary.discarded) == (1, 5)
    with store.read() as conn:
        rows = conn.execute(
            select(s.reports.c.source, s.reports.c.discard_reason, s.reports.c.text).where(
                s.reports.c.status == "discarded"
            )
        ).all()
    reasons = {Path(src).name: reason for src, reason, _ in rows}
    assert reasons == {
        "bad.txt": "not UTF-8 text (it starts with a UTF-16 byte-order mark)",
        "boom.txt": "extraction failed: RuntimeError: the extractor choked",
        "c.jsonl:1": "empty report",
        "c.jsonl:2": "not valid JSON (Expecting value at column 1)",
        "missing.txt": "no such file",
    }
    # The failed report's text is kept, so it can be extracted again once fixed.
    assert any(text.startswith("EXPLODE") for _, _, text in rows)
    again = ingest(
        [good, bad, boom, corpus, tmp_path / "missing.txt"], store=store, extractor=fake_extractor
    )
    assert (again.reports_new, again.discarded, again.already_present) == (0, 0, 6)


def test_summary_lines_name_what_happened(store, tmp_path: Path, fake_extractor):
    (tmp_path / "a.txt").write_text(
        "Rescuers said 4 killed in Ariha on 2017-04-04.", encoding="utf-8"
    )
    summary = ingest(
        [tmp_path / "a.txt", tmp_path / "nope.txt"], store=store, extractor=fake_extractor
    )
    lines = summary.lines()
    assert (
        lines[0]
        == "reports: 1 new (0 of them copies of another report), 0 already present, 1 discarded"
    )
    assert lines[1] == "claims: 1; report incidents: 1"
    assert lines[2] == "ledger incidents: 1 new, 0 report incidents linked to an existing one"
    assert lines[3] == "  discarded (1): no such file"
    assert json.loads(json.dumps(summary.to_dict()))["discard_reasons"] == {"no such file": 1}


@pytest.mark.usefixtures("nlp")
def test_real_pipeline_ingest_is_idempotent(db_url, real_reports_dir: Path):
    first = ingest([real_reports_dir], db_url=db_url)
    assert first.reports_new == 6 and first.discarded == 0
    assert first.claims >= 5  # the pipeline finds the figures of these reports
    st = open_store(db_url)
    before = _dump(st)
    second = ingest([real_reports_dir], db_url=db_url)
    assert (second.reports_new, second.already_present, second.claims) == (0, 6, 0)
    assert _dump(st) == before
    with st.read() as conn:
        stored = conn.execute(
            select(
                s.claims.c.evidence_start,
                s.claims.c.evidence_end,
                s.claims.c.evidence_text,
                s.reports.c.text,
            ).join(s.reports)
        ).all()
    st.dispose()
    for start, end, quote, report_text in stored:
        assert report_text[start:end] == quote


@pytest.mark.slow
def test_parallel_extraction_gives_the_same_ledger(tmp_path: Path, real_reports_dir: Path):
    urls = [f"sqlite:///{tmp_path / 'serial.sqlite'}", f"sqlite:///{tmp_path / 'parallel.sqlite'}"]
    serial = ingest([real_reports_dir], db_url=urls[0])
    parallel = ingest([real_reports_dir], db_url=urls[1], jobs=2)
    assert serial.to_dict() | {"db": "", "seconds": 0} == parallel.to_dict() | {
        "db": "",
        "seconds": 0,
    }
    dumps = []
    for url in urls:
        st = open_store(url)
        dumps.append(_dump(st))
        st.dispose()
    assert dumps[0] == dumps[1]


@pytest.mark.usefixtures("nlp")
def test_real_pipeline_gives_the_same_ledger_on_sqlite_and_postgresql(
    sqlite_url, pg_url, real_reports_dir: Path
):
    dumps = []
    for url in (sqlite_url, pg_url):
        summary = ingest([real_reports_dir], db_url=url)
        assert summary.reports_new == 6
        st = open_store(url)
        dumps.append(_dump(st))
        st.dispose()
    assert dumps[0]["claims"]  # the pipeline found claims, so there is something to compare
    assert dumps[0] == dumps[1]


def test_a_failed_extraction_is_tried_again_and_recovers(store, tmp_path: Path, fake_extractor):
    path = tmp_path / "r.txt"
    path.write_text("EXPLODE: 3 killed in Ariha on 2017-04-04.", encoding="utf-8")
    first = ingest([path], store=store, extractor=fake_extractor)
    assert (first.reports_new, first.discarded) == (0, 1)
    again = ingest([path], store=store, extractor=fake_extractor)  # still failing
    assert (again.reports_new, again.discarded, again.already_present) == (0, 0, 1)
    assert fake_extractor.calls == 2

    class Fixed:
        def __call__(self, reports):
            from tests.ledger.conftest import make_record

            return [
                make_record(r.text, killed=3, place="Ariha", day=date(2017, 4, 4)) for r in reports
            ]

    recovered = ingest([path], store=store, extractor=Fixed())
    assert (recovered.reports_new, recovered.claims) == (1, 1)
    with store.read() as conn:
        [(status, reason)] = conn.execute(
            select(s.reports.c.status, s.reports.c.discard_reason)
        ).all()
    assert status == "ok"
    assert reason == "recovered; earlier: extraction failed: RuntimeError: the extractor choked"
    assert ingest([path], store=store, extractor=Fixed()).already_present == 1


# -- archives -------------------------------------------------------------------------------


def test_an_archive_run_again_skips_stored_pages_before_parsing_them(
    store, tmp_path: Path, fake_extractor, monkeypatch
):
    from tests.ingest.test_archives import _page, write_warc
    from tollwatch.ingest import archives

    bodies = [
        f"Medics said {n} killed in {place} on 2017-04-0{n} after shelling of the market."
        for n, place in ((3, "Ariha"), (4, "Douma"), (5, "Mosul"))
    ]
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [("response", f"https://news.example.org/{n}", 200, "text/html", _page(f"Story {n}", b))
         for n, b in enumerate(bodies)]
        + [("response", "https://news.example.org/empty", 200, "text/html", b"<html></html>")],
    )  # fmt: skip
    first = ingest([warc], store=store, extractor=fake_extractor)
    assert (first.reports_new, first.discarded, first.claims) == (3, 1, 3)
    assert fake_extractor.calls == 3
    with store.read() as conn:
        keys = conn.execute(select(s.input_keys.c.key, s.input_keys.c.report_id)).all()
    assert len(keys) == 4  # three reports and the page with no main text

    def no_parsing(*args, **kwargs):
        raise AssertionError("a stored page was parsed again")

    monkeypatch.setattr(archives, "read_html", no_parsing)
    before = _dump(store)
    again = ingest([warc], store=store, extractor=fake_extractor)
    assert (again.reports_new, again.discarded, again.already_present) == (0, 0, 4)
    assert fake_extractor.calls == 3
    assert _dump(store) == before


def test_reports_of_every_archive_kind_are_stored(store, tmp_path: Path, fake_extractor):
    from tests.ingest.test_archives import write_jsonl_gz, write_parquet

    write_jsonl_gz(
        tmp_path / "a.jsonl.gz",
        [json.dumps({"id": "g1", "text": "Police said 6 killed in Manbij on 2017-06-01."})],
    )
    write_parquet(
        tmp_path / "b.parquet",
        {"id": ["p1"], "text": ["Officials said 8 killed in Saraqib on 2017-07-02."]},
    )
    summary = ingest([tmp_path], store=store, extractor=fake_extractor)
    assert (summary.reports_new, summary.claims, summary.discarded) == (2, 2, 0)
