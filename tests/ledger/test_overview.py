"""Tests of browsing, the timeline, map marks and the review queue (tollwatch.ledger.browse,
overview, queue) on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.ledger.conftest import make_record
from tests.ledger.test_write import ARIHA_1, ARIHA_2, DOUMA, MOSUL
from tollwatch import model
from tollwatch.errors import InputError
from tollwatch.ledger import browse, overview, queue, review
from tollwatch.ledger.query import claims_for, list_incidents
from tollwatch.ledger.write import store_items

UNDATED = make_record(
    "Fighting displaced 300 families near Manbij, the council said.",
    killed=None, place="Manbij", day=None, extra_claims=(("displaced", 300),), doc_id="u1",
)  # fmt: skip
NOBODY = make_record(
    "Shells killed 9 people in Saraqib on Monday.",
    killed=9, place="Saraqib", day=date(2017, 4, 17), claimant=None, doc_id="s1",
)  # fmt: skip


@pytest.fixture
def ledger(store):
    store_items([ARIHA_1, ARIHA_2, DOUMA, MOSUL, UNDATED, NOBODY], store=store)
    with store.read() as conn:
        ids = {src.doc_id: inc.id for inc in list_incidents(conn) for src in inc.sources}
    return store, ids


def test_pages_are_newest_first_with_undated_last_and_a_total(ledger):
    store, ids = ledger
    with store.read() as conn:
        pages = [browse.page_incidents(conn, page=n, per_page=2) for n in (1, 2, 3)]
        everything = browse.page_incidents(conn, per_page=50)
    order = [i.id for p in pages for i in p.items]
    assert order == [i.id for i in everything.items]
    assert order[-1] == ids["u1"]
    assert [p.total for p in pages] == [5, 5, 5] and pages[0].pages == 3
    assert [i.date_start for i in everything.items][:2] == [date(2017, 5, 5), date(2017, 4, 17)]
    with pytest.raises(InputError, match="per_page must be between 1 and 500, not 501"):
        browse.page_incidents(conn, per_page=501)


def test_the_reviewed_filter_follows_reviews(ledger):
    store, ids = ledger
    f = browse.IncidentFilter(reviewed=True)
    with store.read() as conn:
        assert browse.page_incidents(conn, filter=f).total == 0
    review.review_incident(store, ids["d1"], action="accept", by="ana")
    with store.read() as conn:
        assert [i.id for i in browse.page_incidents(conn, filter=f).items] == [ids["d1"]]
        unreviewed = browse.page_incidents(conn, filter=browse.IncidentFilter(reviewed=False))
    assert ids["d1"] not in {i.id for i in unreviewed.items} and unreviewed.total == 4


def test_cut_marks_evidence_and_keeps_every_character():
    pieces = browse.cut("0123456789", [(2, 5, "a"), (4, 8, "b"), (9, 99, "c"), (7, 3, "x")])
    assert "".join(p.text for p in pieces) == "0123456789"
    assert [(p.text, p.claims) for p in pieces] == [
        ("01", ()),
        ("23", ("a",)),
        ("4", ("a", "b")),
        ("567", ("b",)),
        ("8", ()),
        ("9", ("c",)),
    ]


def test_the_timeline_sums_best_estimates_per_day_and_week(ledger):
    store, ids = ledger
    with store.read() as conn:
        days = overview.timeline(conn, by="day")
        weeks = overview.timeline(conn, by="week", rule="max")
        auto = overview.timeline(conn)
        april = overview.timeline(conn, filter=browse.IncidentFilter(until=date(2017, 4, 30)))
    assert days.undated == 1
    assert days.buckets[0].start == date(2017, 4, 4) and days.buckets[-1].start == date(2017, 5, 5)
    assert len(days.buckets) == 32  # every day between, empty ones too
    by_day = {b.start: b for b in days.buckets}
    assert by_day[date(2017, 4, 4)].incidents == 2  # Ariha (two reports, one incident), Mosul
    assert by_day[date(2017, 4, 4)].figures == {"killed": 12 + 20}  # ucdp best of 12 and 15
    assert by_day[date(2017, 4, 5)].incidents == 0
    assert weeks.buckets[0].start == date(2017, 4, 3)  # a Monday
    assert weeks.buckets[0].figures == {"killed": 15 + 20}
    assert sum(b.incidents for b in weeks.buckets) == 4
    assert auto.by == "day"
    assert april.buckets[-1].start == date(2017, 4, 17)


def test_map_marks_keep_the_precision_of_the_place(ledger):
    store, ids = ledger
    review.review_incident(
        store,
        ids["m1"],
        action="correct",
        by="ana",
        changes={
            "place": {
                "name": "Nineveh",
                "country": "IQ",
                "latitude": 36.3,
                "longitude": 43.1,
                "precision": 4,
            }
        },
    )
    review.review_incident(
        store,
        ids["s1"],
        action="correct",
        by="ana",
        changes={"place": {"name": "Syria", "country": "SY", "precision": 6}},
    )
    with store.read() as conn:
        result = overview.map_marks(conn)
        only_reviewed = overview.map_marks(conn, filter=browse.IncidentFilter(reviewed=True))
    assert [m.id for m in only_reviewed.marks] == [ids["m1"]]  # s1 is reviewed but unmapped
    assert (only_reviewed.total, only_reviewed.unmapped) == (2, 1)
    marks = {m.id: m for m in result.marks}
    assert (marks[ids["d1"]].shape, marks[ids["d1"]].radius_m) == ("point", None)
    assert (marks[ids["m1"]].shape, marks[ids["m1"]].radius_m) == ("area", 80_000)
    assert ids["s1"] not in marks  # country precision: not on the map
    assert result.total == 5 and result.unmapped == 1
    sizes = [-1 if m.best is None else m.best for m in result.marks]
    assert sizes == sorted(sizes, reverse=True)
    feature = marks[ids["d1"]].to_feature()
    assert feature["geometry"]["coordinates"] == [36.4025, 33.5711]
    assert overview.shape_of(2) == ("area", 25_000) and overview.shape_of(5) is None


def test_the_queue_puts_the_neediest_first_and_reviews_settle_it(ledger):
    store, ids = ledger
    with store.read() as conn:
        found = queue.reasons(conn)
        page = queue.review_queue(conn, per_page=50)
    kinds = {k: {r.kind for r in v} for k, v in found.items()}
    assert "no_claimant" in kinds[ids["s1"]]
    assert "far_apart" not in kinds.get(ids["a1"], set())  # 12 and 15 agree
    needs = [item.need for item in page.items]
    assert needs == sorted(needs, reverse=True)
    nobody = next(i for i in page.items if i.incident.id == ids["s1"])
    (claim,) = nobody.claims
    review.review_claim(store, claim.id, action="correct", by="ana", changes={"claimant": "medics"})
    with store.read() as conn:
        assert "no_claimant" not in {r.kind for r in queue.reasons(conn).get(ids["s1"], [])}


def test_far_apart_figures_and_contested_blame_come_first(store):
    low = make_record(
        "Officials said 3 died in the strike on Douma on Tuesday.",
        killed=3, place="Douma", day=date(2017, 4, 4), claimant="officials", doc_id="x1",
    )  # fmt: skip
    high = make_record(
        "Rescuers said 40 people were killed by the Douma strike on Tuesday.",
        killed=40, place="Douma", day=date(2017, 4, 4), claimant="rescuers", doc_id="x2",
    )  # fmt: skip
    store_items([low, high, MOSUL], store=store)
    with store.read() as conn:
        incidents = list_incidents(conn)
        page = queue.review_queue(conn)
        douma = next(i for i in incidents if i.place_name == "Douma")
        assert len(claims_for(conn, [douma.id])) == 2
    first = page.items[0]
    assert first.incident.id == douma.id
    assert "killed figures range from 3 to 40" in [r.text for r in first.reasons]
    review.review_incident(store, douma.id, action="accept", by="ana")
    with store.read() as conn:
        assert "far_apart" not in {r.kind for r in queue.reasons(conn).get(douma.id, [])}


def _with_incident(record, **changes):
    """The record with its one incident changed (perpetrators, place)."""
    (incident,) = record.incidents
    return dataclasses.replace(record, incidents=(dataclasses.replace(incident, **changes),))


def test_contested_blame_doubtful_links_and_coarse_places_are_queued(store):
    near_miss = make_record(
        "Strikes on Ariha killed 30 people, a monitor said on Thursday.",
        killed=30, place="Ariha", day=date(2017, 4, 6), claimant="monitor", doc_id="n1",
    )  # fmt: skip
    contested = _with_incident(
        make_record(
            "Each side blamed the other for the shelling that killed 6 in Douma on Friday.",
            killed=6,
            place="Douma",
            day=date(2017, 5, 12),
            claimant="medics",
            doc_id="c1",
        ),
        perpetrators=(
            model.Perpetrator(actor="government forces", actor_kind="state", alleged_by="rebels"),
            model.Perpetrator(actor="rebel fighters", actor_kind="rebel", alleged_by="the army"),
        ),
    )
    coarse = make_record(
        "Fighting in Syria killed 11 people on Sunday, a monitor said.",
        killed=11, place="Manbij", day=date(2017, 6, 4), claimant="monitor", doc_id="k1",
    )  # fmt: skip
    (inc,) = coarse.incidents
    coarse = _with_incident(
        coarse, place=dataclasses.replace(inc.place, name="Syria", admin1=None, precision=6)
    )
    store_items([ARIHA_1, near_miss, contested, coarse], store=store)
    with store.read() as conn:
        ids = {src.doc_id: inc.id for inc in list_incidents(conn) for src in inc.sources}
        found = {k: {r.kind: r.text for r in v} for k, v in queue.reasons(conn).items()}
    assert ids["a1"] != ids["n1"]  # two days apart: a near miss, not linked
    assert found[ids["n1"]]["low_link"].startswith("a report was linked on a score of 0.")
    assert "low_link" not in found.get(ids["a1"], {})  # it founded its incident: no candidate
    assert found[ids["c1"]]["contested"] == "its sources blame different parties"
    assert found[ids["k1"]]["country_precision"] == "placed no finer than a region or country"
    assert "country_precision" not in found[ids["n1"]]
    for doc in ("n1", "c1", "k1"):  # a person's look settles an incident's reasons
        review.review_incident(store, ids[doc], action="accept", by="ana")
    with store.read() as conn:
        assert queue.reasons(conn).keys().isdisjoint({ids["n1"], ids["c1"], ids["k1"]})
