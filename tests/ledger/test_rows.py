"""Tests of records prepared before storing: the rows, the signature, and what a founded
incident derives, made ahead, are what the store would make and read back itself."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from tests.ledger.conftest import make_record
from tollwatch.ledger import schema as s
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.ids import incident_gid
from tollwatch.ledger.rows import prepare
from tollwatch.ledger.state import refresh_incidents
from tollwatch.ledger.summary import IngestSummary
from tollwatch.ledger.validate import RowError
from tollwatch.ledger.write import store_item, store_items, store_record

SUN = date(2018, 2, 4)

STORY = (
    "Air strikes killed at least 31 people in the town of Saraqib on Sunday, among them 12 "
    "children, rescue workers said; by evening the monitor put the toll at 35, saying warplanes "
    "had hit a busy market and two residential buildings shortly after noon."
)


def _with_parts(record, part: int, update: int):
    """The record's one claim, with ``part`` children part of it and an update to ``update``."""
    [whole] = record.claims
    part_claim = replace(
        whole, id="c2", value=part, low=part, high=part, part_of="c1", victims=("children",)
    )
    update_claim = replace(whole, id="c3", value=update, low=update, high=update, update_of="c1")
    return replace(record, claims=(whole, part_claim, update_claim))


def _records():
    saraqib = _with_parts(
        make_record(STORY, killed=31, place="Saraqib", day=SUN, doc_id="s1"), part=12, update=35
    )
    # The same wire story again: a copy, whose incident is not the copy's to found.
    copy = make_record(
        "Idlib raids\n" + STORY.replace(" and two residential buildings", ""),
        killed=31, place="Saraqib", day=SUN, doc_id="s2",
    )  # fmt: skip
    other = make_record(
        "Medics in Saraqib said 33 people died in Sunday's bombing of the market.",
        killed=33, place="Saraqib", day=SUN, doc_id="s3", claimant="local medics",
    )  # fmt: skip
    # An incident no other report joins: what was derived ahead is what the ledger keeps.
    mosul = _with_parts(
        make_record(
            "A car bomb killed 9 people, 2 of them children, at a checkpoint in Mosul on "
            "Sunday, police said; hospital officials later said 11 had died.",
            killed=9, place="Mosul", day=SUN, sub_event_type="Suicide bomb",
            actor_kind="jihadist",
        ),
        part=2,
        update=11,
    )  # fmt: skip
    undated = make_record(
        "Shelling killed 4 people somewhere in the north, a monitor said.",
        killed=4, place=None, day=None,
    )  # fmt: skip
    return [saraqib, copy, other, mosul, undated]


def test_founded_incidents_derive_what_a_refresh_reads_back(store):
    records = _records()
    prepared = [prepare(r) for r in records]
    # Made ahead for each incident a report may found, and sent as it is to the store.
    assert all(
        p.founded and set(p.founded) == {ri["id"] for ri in p.incident_rows} for p in prepared
    )
    prepared = pickle.loads(pickle.dumps(prepared))
    summary = store_items(prepared, store=store)
    assert (summary.reports_new, summary.copies) == (5, 1)
    with store.read() as conn:
        before = canonical_dump(conn)
        incidents = conn.execute(select(s.incidents.c.id, s.incidents.c.founded_by)).all()
    # Three founded (Saraqib, Mosul, the undated one): the copy and the medics' report joined.
    assert sorted(incident_gid(founder) == iid for iid, founder in incidents) == [True] * 3
    # Everything derived again from what the store holds: nothing changes.
    with store.write() as conn:
        refresh_incidents(conn, [iid for iid, _ in incidents])
    with store.read() as conn:
        after = canonical_dump(conn)
    assert after == before
    assert before["estimates"] and before["incidents"]


def test_prepared_and_unprepared_records_give_the_same_ledger(sqlite_url, tmp_path):
    from tollwatch.ledger.store import open_store

    dumps = []
    for n, prep in enumerate((True, False)):
        st = open_store(f"sqlite:///{tmp_path / f'{n}.sqlite'}")
        try:
            records = _records()
            store_items([prepare(r) for r in records] if prep else records, store=st)
            with st.read() as conn:
                dumps.append(canonical_dump(conn))
        finally:
            st.dispose()
    assert dumps[0] == dumps[1]


def test_a_record_with_a_value_no_store_holds_is_refused_when_prepared(store):
    record = make_record(
        "An official said 3000000000 people were killed in Mosul on Sunday.",
        killed=3_000_000_000, place="Mosul", day=SUN,
    )  # fmt: skip
    ready = prepare(record)
    assert ready.report_row is None and ready.founded is None
    assert ready.refused == (
        "claims.value is 3000000000, beyond what a store holds (at most 2,147,483,647): "
        "an implausible number"
    )
    with pytest.raises(RowError, match=r"^claims\.value is 3000000000"):
        store_record(store, ready)
    summary = IngestSummary(db_url="")
    store_item(store, ready, summary)
    assert summary.discarded == 1
    with store.read() as conn:
        status, reason = conn.execute(select(s.reports.c.status, s.reports.c.discard_reason)).one()
    assert status == "discarded"
    assert reason == "cannot be stored: " + ready.refused
