"""The store links exactly as the in-memory linker does, and decisions are recorded."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.ledger.conftest import PLACES, make_record
from tollwatch.errors import ConfigError, NotFoundError
from tollwatch.ledger import decisions, link_index, linking
from tollwatch.ledger import schema as s
from tollwatch.ledger.ids import incident_gid, report_incident_gid
from tollwatch.ledger.query import get_incident, list_incidents
from tollwatch.ledger.write import store_items

SUBS = ("Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", "Armed clash")


def synthetic_records(n: int, seed: int):
    rng = random.Random(seed)
    out = []
    for k in range(n):
        place = rng.choice([*PLACES, None])
        day = date(2017, 3, 1) + timedelta(days=rng.randrange(40))
        killed = rng.randrange(1, 60)
        text = (
            f"Report {k}: {killed} people were killed in an attack near {place or 'the front'} "
            f"on {day.isoformat()}, sources said (seed {seed})."
        )
        roll = rng.random()
        # Mostly the event's day; some undated; some a stale date (background, years back)
        # that linking replaces by the publication date.
        when = None if roll < 0.2 else day - timedelta(days=1200) if roll < 0.3 else day
        record = make_record(
            text,
            killed=killed,
            place=place,
            day=when,
            published=day + timedelta(days=rng.randrange(3)),
            sub_event_type=rng.choice(SUBS),
            actor_kind=rng.choice(["state", "rebel", None]),
            doc_id=f"d{k}",
        )
        if rng.random() < 0.3:
            # A side incident: the report mentions an earlier attack elsewhere.
            side_place = rng.choice(list(PLACES))
            side = make_record(
                text, killed=None, place=side_place, day=day - timedelta(days=rng.randrange(3))
            )
            record = replace(
                record, incidents=(*record.incidents, replace(side.incidents[0], id="i2"))
            )
        out.append(record)
    return out


def test_store_links_as_the_in_memory_linker_does(store):
    records = synthetic_records(120, seed=7)
    store_items(records, store=store)
    items = [
        linking.candidate_from_incident(
            inc,
            key=report_incident_gid(r.report.id, inc.id),
            report=r.report,
            main=inc.id == r.main_incident,
        )
        for r in records
        for inc in r.incidents
    ]
    expected = {k: incident_gid(v) for k, v in link_index.link_all(items).items()}
    with store.read() as conn:
        got = dict(
            conn.execute(select(s.report_incidents.c.id, s.report_incidents.c.incident_id)).all()
        )
    assert got == expected
    assert len(set(got.values())) < len(got)  # some reports were linked


def _two_incidents(store):
    a = make_record(
        "Jets struck Ariha, killing 12, on Tuesday.",
        killed=12,
        place="Ariha",
        day=date(2017, 4, 4),
        doc_id="a",
    )
    b = make_record(
        "Twelve dead in an Ariha air raid, medics said; 12 bodies recovered.",
        killed=12,
        place="Ariha",
        day=date(2017, 4, 4),
        doc_id="b",
    )
    c = make_record(
        "Shelling in Douma killed 5 on Friday.",
        killed=5,
        place="Douma",
        day=date(2017, 5, 5),
        doc_id="c",
    )
    store_items([a, b, c], store=store)
    with store.read() as conn:
        incs = {i.place.name: i for i in list_incidents(conn)}
    return incs["Ariha"], incs["Douma"]


def test_merge_split_and_undo_are_recorded_and_reversible(store):
    ariha, douma = _two_incidents(store)
    assert ariha.report_count == 2
    merged = decisions.merge(store, ariha.id, douma.id, by="reviewer", note="same day?")
    assert merged.kind == "merge" and len(merged.moves) == 1
    with store.read() as conn:
        assert get_incident(conn, ariha.id).report_count == 3
        assert get_incident(conn, douma.id).status == "merged"
        assert [i.id for i in list_incidents(conn)] == [ariha.id]
    undone = decisions.undo(store, merged.id, by="reviewer")
    assert undone.undoes == merged.id
    with store.read() as conn:
        assert get_incident(conn, douma.id).status == "active"
        assert get_incident(conn, douma.id).report_count == 1
        assert get_incident(conn, ariha.id).report_count == 2
        n_links = len(conn.execute(select(s.incident_links)).all())
        n_decisions = len(conn.execute(select(s.decisions)).all())
    assert (n_links, n_decisions) == (3 + 1 + 1, 2)  # nothing deleted: links appended

    split = decisions.split(store, ariha.id, ["b"], by="reviewer")
    with store.read() as conn:
        assert get_incident(conn, ariha.id).report_count == 1
        new = get_incident(conn, split.other_incident_id)
        assert new.report_count == 1 and new.place.name == "Ariha"
        assert new.links[-1].decided_by == "reviewer"
    decisions.undo(store, split.id, by="reviewer")
    with store.read() as conn:
        assert get_incident(conn, ariha.id).report_count == 2
        assert get_incident(conn, split.other_incident_id).status == "empty"


def test_decision_errors_are_clear(store):
    ariha, douma = _two_incidents(store)
    with pytest.raises(ConfigError, match="^cannot merge an incident with itself$"):
        decisions.merge(store, ariha.id, ariha.id, by="r")
    with pytest.raises(ConfigError, match=r"^a decision needs the name of who made it \(--by\)$"):
        decisions.merge(store, ariha.id, douma.id, by=" ")
    with pytest.raises(NotFoundError, match="^no incident 'inc-nope' in the ledger$"):
        decisions.merge(store, ariha.id, "inc-nope", by="r")
    with pytest.raises(
        ConfigError, match="^a split must leave at least one report in the incident$"
    ):
        decisions.split(store, douma.id, ["c"], by="r")
    with pytest.raises(NotFoundError, match=f"^'zz' is not a report of incident {ariha.id}$"):
        decisions.split(store, ariha.id, ["zz"], by="r")
    d = decisions.merge(store, ariha.id, douma.id, by="r")
    decisions.undo(store, d.id, by="r")
    with pytest.raises(
        ConfigError, match=f"^decision {d.id} was already undone by decision {d.id + 1}$"
    ):
        decisions.undo(store, d.id, by="r")
    with pytest.raises(NotFoundError, match="^no decision 999 in the ledger$"):
        decisions.undo(store, 999, by="r")
