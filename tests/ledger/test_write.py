"""Tests of storing records: idempotency, near-duplicate copies, linking, estimates, groups."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.ledger.conftest import make_record
from tollwatch import model
from tollwatch.ledger import schema as s
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.query import claims_for, get_incident, list_incidents
from tollwatch.ledger.store import open_store
from tollwatch.ledger.write import groups_for, ingest_records, store_items

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
    first = store_items([ARIHA_1, DOUMA], store=store)
    assert (first.reports_new, first.already_present, first.claims) == (2, 0, 2)
    before = _dump(store)
    again = store_items([ARIHA_1, DOUMA, ARIHA_1], store=store)
    assert (again.reports_new, again.already_present, again.claims) == (0, 3, 0)
    assert _dump(store) == before
    assert count(store, s.reports) == 2
    assert count(store, s.claims) == 2
    assert count(store, s.incident_links) == 2


def _dump(store):
    with store.read() as conn:
        return canonical_dump(conn)


def test_reports_of_one_event_link_and_others_do_not(store):
    summary = store_items([ARIHA_1, DOUMA, ARIHA_2, MOSUL], store=store)
    assert (summary.incidents_new, summary.incidents_linked) == (3, 1)
    with store.read() as conn:
        incidents = {i.place.name: i for i in list_incidents(conn)}
        ariha = incidents["Ariha"]
        assert ariha.report_count == 2 and ariha.source_count == 2
        assert ariha.estimates["killed"].low == 12
        assert ariha.estimates["killed"].high == 15
        assert ariha.place.lat == pytest.approx(35.8134)
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
    store_items([ARIHA_1, ARIHA_2], store=store)
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
    summary = store_items([original, copy, other], store=store)
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
    store_items([original, copy1, copy2], store=store)
    with store.read() as conn:
        rows = dict(conn.execute(select(s.reports.c.id, s.reports.c.copy_of)).all())
    assert rows[copy1.report.id] == original.report.id
    assert rows[copy2.report.id] == original.report.id


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


def _syndicated(record: model.ReportRecord, outlet: str) -> model.ReportRecord:
    from dataclasses import replace

    return replace(record, report=replace(record.report, syndicated_from=outlet))


def test_the_earlier_publication_is_the_original_whatever_came_first(store):
    later = make_record(
        "Dozens dead in Idlib raids\n" + WIRE,
        killed=31,
        place="Saraqib",
        day=date(2018, 2, 4),
        published=date(2018, 2, 6),
    )
    earlier = make_record(
        WIRE, killed=31, place="Saraqib", day=date(2018, 2, 4), published=date(2018, 2, 5)
    )
    summary = store_items([later, earlier], store=store)
    assert (summary.reports_new, summary.copies) == (2, 1)
    with store.read() as conn:
        rows = dict(conn.execute(select(s.reports.c.id, s.reports.c.copy_of)).all())
    assert rows == {earlier.report.id: None, later.report.id: earlier.report.id}


def test_of_one_day_the_republication_is_the_copy(store):
    day = date(2018, 2, 4)
    republished = _syndicated(
        make_record("Dozens dead in Idlib raids\n" + WIRE, killed=31, place="Saraqib", day=day),
        "North Wire",
    )
    original = make_record(WIRE, killed=31, place="Saraqib", day=day)
    store_items([republished, original], store=store)
    with store.read() as conn:
        rows = dict(conn.execute(select(s.reports.c.id, s.reports.c.copy_of)).all())
    assert rows == {original.report.id: None, republished.report.id: original.report.id}
