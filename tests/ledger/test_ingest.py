"""Tests of ingest: idempotency, near-duplicate copies, discards, linking, estimates, groups."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.ledger.conftest import make_record
from tollwatch.ledger import schema as s
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.ingest import groups_for, ingest, ingest_items, ingest_records
from tollwatch.ledger.query import claims_for, get_incident, list_incidents
from tollwatch.ledger.store import open_store

TUE = date(2017, 4, 4)

ARIHA_1 = make_record(
    "Warplanes struck a market in Ariha on Tuesday, killing 12 civilians, rescuers said.",
    killed=12, place="Ariha", day=TUE, claimant="Syrian Civil Defence", doc_id="a1",
)  # fmt: skip
ARIHA_2 = make_record(
    "A monitor said 15 people died when jets bombed the Ariha market on Tuesday afternoon.",
    killed=15, place="Ariha", day=TUE, claimant="Syrian Observatory", doc_id="a2",
)  # fmt: skip
DOUMA = make_record(
    "Mortar fire on Douma killed 7 people, among them two children, medics said on Friday.",
    killed=7, place="Douma", day=date(2017, 5, 5), sub_event_type="Shelling/artillery/missile attack",
    doc_id="d1",
)  # fmt: skip
MOSUL = make_record(
    "A suicide bomber killed 20 people at a checkpoint in Mosul on Tuesday, police said.",
    killed=20, place="Mosul", day=TUE, sub_event_type="Suicide bomb", actor_kind="jihadist",
    doc_id="m1",
)  # fmt: skip

WIRE = (
    "BEIRUT - Air strikes killed at least 31 people in the rebel-held town of Saraqib in the "
    "northwestern province of Idlib on Sunday, a war monitor and rescue workers said. The "
    "Syrian Observatory for Human Rights said warplanes hit a busy market and a residential "
    "street shortly after noon, and that several children were among the dead. Rescue workers "
    "said they were still pulling bodies from under the rubble of two collapsed buildings."
)


def count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_the_same_report_twice_is_stored_once(store):
    first = ingest_items([ARIHA_1, DOUMA], store=store)
    assert (first.reports_new, first.already_present, first.claims) == (2, 0, 2)
    before = _dump(store)
    again = ingest_items([ARIHA_1, DOUMA, ARIHA_1], store=store)
    assert (again.reports_new, again.already_present, again.claims) == (0, 3, 0)
    assert _dump(store) == before
    assert count(store, s.reports) == 2
    assert count(store, s.claims) == 2
    assert count(store, s.incident_links) == 2


def _dump(store):
    with store.read() as conn:
        return canonical_dump(conn)


def test_reports_of_one_event_link_and_others_do_not(store):
    summary = ingest_items([ARIHA_1, DOUMA, ARIHA_2, MOSUL], store=store)
    assert (summary.incidents_new, summary.incidents_linked) == (3, 1)
    with store.read() as conn:
        incidents = {i.place_name: i for i in list_incidents(conn)}
        ariha = incidents["Ariha"]
        assert ariha.report_count == 2 and ariha.source_count == 2
        assert ariha.estimates["killed"].low == 12
        assert ariha.estimates["killed"].high == 15
        assert ariha.latitude == pytest.approx(35.8134)
        assert [link.decided_by for link in get_incident(conn, ariha.id).links] == [
            "linker",
            "linker",
        ]
        reasons = [link.reason for link in get_incident(conn, ariha.id).links]
        assert reasons[0].startswith("new incident")
        assert "date" in reasons[1] and "place" in reasons[1]
        assert sorted(incidents) == ["Ariha", "Douma", "Mosul"]
        assert len(claims_for(conn, [ariha.id])) == 2


def test_estimates_are_stored_for_every_rule(store):
    ingest_items([ARIHA_1, ARIHA_2], store=store)
    with store.read() as conn:
        rows = conn.execute(select(s.estimates.c.rule, s.estimates.c.best)).all()
        ariha = list_incidents(conn)[0]
        by_rule = {
            r: get_incident(conn, ariha.id, rule=r).best("killed") for r in ("conservative", "max")
        }
    assert sorted(r for r, _ in rows) == ["conservative", "latest", "max", "ucdp"]
    assert by_rule == {"conservative": 12, "max": 15}


def test_a_syndicated_story_is_stored_as_a_copy_and_counts_once(store):
    original = make_record(WIRE, killed=31, place="Saraqib", day=date(2018, 2, 4), title="Reuters")
    # The same wire story as another outlet ran it: its own headline line and a cut ending.
    copy_text = "Dozens dead in Idlib raids\n" + WIRE.replace(" of two collapsed buildings", "")
    copy = make_record(copy_text, killed=31, place="Saraqib", day=date(2018, 2, 4), title="Other")
    other = make_record(
        "Government shelling of Saraqib killed 31 people on Sunday, according to local medics.",
        killed=31, place="Saraqib", day=date(2018, 2, 4),
    )  # fmt: skip
    summary = ingest_items([original, copy, other], store=store)
    assert (summary.reports_new, summary.copies) == (3, 1)
    with store.read() as conn:
        rows = dict(conn.execute(select(s.reports.c.id, s.reports.c.copy_of)).all())
        assert rows[copy.report.id] == original.report.id
        assert rows[original.report.id] is None and rows[other.report.id] is None
        [incident] = list_incidents(conn)
    assert incident.report_count == 3
    assert incident.source_count == 2


def test_a_copy_of_a_copy_points_at_the_original(store):
    original = make_record(WIRE, killed=31, place="Saraqib", day=date(2018, 2, 4))
    copy1 = make_record(
        WIRE + " Sources: agencies.", killed=31, place="Saraqib", day=date(2018, 2, 4)
    )
    copy2 = make_record(
        "Update: " + WIRE + " Sources: agencies.", killed=31, place="Saraqib", day=date(2018, 2, 4)
    )
    ingest_items([original, copy1, copy2], store=store)
    with store.read() as conn:
        rows = dict(conn.execute(select(s.reports.c.id, s.reports.c.copy_of)).all())
    assert rows[copy1.report.id] == original.report.id
    assert rows[copy2.report.id] == original.report.id


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


def test_same_input_gives_the_same_ledger_on_sqlite_and_postgresql(sqlite_url, pg_url):
    records = [ARIHA_1, DOUMA, ARIHA_2, MOSUL]
    dumps = []
    for url in (sqlite_url, pg_url):
        st = open_store(url)
        ingest_records(records, store=st)
        dumps.append(_dump(st))
        st.dispose()
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["incidents"]) == 3


def test_groups_for_gives_each_record_its_ledger_incident():
    groups = groups_for([ARIHA_1, DOUMA, ARIHA_2, MOSUL])
    assert groups["a1"] == groups["a2"]
    assert len({groups["a1"], groups["d1"], groups["m1"]}) == 3
    assert all(g.startswith("inc-") for g in groups.values())


def test_groups_for_a_record_without_incidents_is_its_own_group():
    from tollwatch import model
    from tollwatch.extract import make_report

    empty = model.ReportRecord(report=make_report("Nothing happened here today.", doc_id="e1"))
    groups = groups_for([empty, ARIHA_1])
    assert groups["e1"] == empty.report.id
    assert groups["a1"].startswith("inc-")


# -- the real pipeline ----------------------------------------------------------------------


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
