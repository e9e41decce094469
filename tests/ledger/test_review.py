"""Tests of people's reviews: new records every time, reviewed facts outranking the machine's."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.ledger.test_write import ARIHA_1, ARIHA_2, DOUMA, MOSUL
from tollwatch.errors import InputError, NotFoundError
from tollwatch.ledger import review
from tollwatch.ledger import schema as s
from tollwatch.ledger.query import claims_for, get_incident, list_incidents, report_claims
from tollwatch.ledger.write import store_items


@pytest.fixture
def ledger(store):
    store_items([ARIHA_1, ARIHA_2, DOUMA, MOSUL], store=store)
    return store


def _incident_of(store, doc_id: str):
    with store.read() as conn:
        for inc in list_incidents(conn):
            if any(src.doc_id == doc_id for src in inc.sources):
                return inc
    raise AssertionError(doc_id)


def _claims(store, incident_id: str):
    with store.read() as conn:
        return claims_for(conn, [incident_id])


def _count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_a_corrected_value_outranks_the_machine_and_moves_the_estimate(ledger):
    ariha = _incident_of(ledger, "a1")
    assert ariha.id == _incident_of(ledger, "a2").id
    assert ariha.best("killed") == 12  # two voices, 12 and 15: the lower median
    twelve = next(c for c in _claims(ledger, ariha.id) if c.value == 12)
    result = review.review_claim(
        ledger, twelve.id, action="correct", by="rana", changes={"value": 21}, note="typo"
    )
    assert result.incidents == (ariha.id,)
    assert result.reviews[0].before == {"value": 12, "low": 12, "high": 12}
    assert result.reviews[0].after == {"value": 21, "low": 21, "high": 21}
    claim = next(c for c in _claims(ledger, ariha.id) if c.id == twelve.id)
    assert (claim.value, claim.review, claim.reviewed_by) == (21, "corrected", "rana")
    assert claim.machine == {"value": 12, "low": 12, "high": 12}
    with ledger.read() as conn:
        inc = get_incident(conn, ariha.id, rule="max")
        assert inc.reviewed
        assert get_incident(conn, ariha.id).best("killed") == 15  # 15 and 21: lower median
    assert inc.best("killed") == 21


def test_a_rejected_claim_is_kept_and_shown_but_not_counted(ledger):
    ariha = _incident_of(ledger, "a1")
    fifteen = next(c for c in _claims(ledger, ariha.id) if c.value == 15)
    with pytest.raises(InputError, match="a rejection needs a reason"):
        review.review_claim(ledger, fifteen.id, action="reject", by="rana")
    review.review_claim(
        ledger, fifteen.id, action="reject", by="rana", note="the toll of another strike"
    )
    claims = _claims(ledger, ariha.id)
    assert {(c.value, c.review) for c in claims} == {(12, None), (15, "rejected")}
    with ledger.read() as conn:
        assert get_incident(conn, ariha.id, rule="max").best("killed") == 12


def test_every_review_is_a_new_record_and_nothing_is_overwritten(ledger):
    douma = _incident_of(ledger, "d1")
    (claim,) = _claims(ledger, douma.id)
    review.review_claim(ledger, claim.id, action="correct", by="ana", changes={"value": 8})
    review.review_claim(ledger, claim.id, action="accept", by="ben")
    review.review_claim(ledger, claim.id, action="correct", by="ana", changes={"value": 9})
    with ledger.read() as conn:
        steps = review.history(conn, claim_ids=[claim.id])
        stored = conn.execute(select(s.claims.c.value).where(s.claims.c.id == claim.id)).scalar()
    assert [(r.action, r.decided_by, r.after.get("value")) for r in steps] == [
        ("correct", "ana", 8),
        ("accept", "ben", 8),
        ("correct", "ana", 9),
    ]
    assert steps[2].before["value"] == 8
    assert stored == 7  # the machine's claim row is untouched
    assert _claims(ledger, douma.id)[0].value == 9
    assert _count(ledger, s.claim_review_heads) == 1


def test_accepting_a_corrected_claim_keeps_the_correction(ledger):
    douma = _incident_of(ledger, "d1")
    (claim,) = _claims(ledger, douma.id)
    review.review_claim(ledger, claim.id, action="correct", by="ana", changes={"value": 8})
    review.review_claim(ledger, claim.id, action="accept", by="ben")
    (after,) = _claims(ledger, douma.id)
    assert (after.value, after.review, after.reviewed_by) == (8, "corrected", "ben")


def test_a_claim_moved_to_another_incident_counts_there_and_follows_a_merge(ledger):
    ariha, douma, mosul = (_incident_of(ledger, d) for d in ("a1", "d1", "m1"))
    (douma_claim,) = _claims(ledger, douma.id)
    review.review_claim(
        ledger, douma_claim.id, action="correct", by="ana", changes={"incident": mosul.id}
    )
    assert {c.id for c in _claims(ledger, mosul.id)} >= {douma_claim.id}
    assert _claims(ledger, douma.id) == []
    with ledger.read() as conn:
        assert get_incident(conn, mosul.id, rule="max").best("killed") == 20
        assert get_incident(conn, douma.id).best("killed") is None
    # The claim follows a report incident of Mosul: merged into Ariha, it goes along.
    review.merge(ledger, ariha.id, mosul.id, by="ana")
    assert douma_claim.id in {c.id for c in _claims(ledger, ariha.id)}
    with ledger.read() as conn:
        assert get_incident(conn, ariha.id).reviewed
        (moved,) = [c for c in report_claims(conn, douma_claim.report_id)]
    assert moved.incident == ariha.id


def test_incident_facts_corrected_through_a_claim_replace_the_derived_ones(ledger):
    douma = _incident_of(ledger, "d1")
    (claim,) = _claims(ledger, douma.id)
    result = review.review_claim(
        ledger,
        claim.id,
        action="correct",
        by="ana",
        changes={
            "claimant": "Douma medical office",
            "claimant_kind": "medical",
            "place": {"name": "Harasta", "admin1": "Rif Dimashq", "country": "sy"},
            "date": {"start": "2017-05-04"},
            "type": {"sub_event_type": "Air/drone strike"},
            "perpetrators": [{"actor": "Russian jets", "alleged_by": "Douma medical office"}],
        },
    )
    assert [r.target for r in result.reviews] == ["claim", "incident"]
    assert result.reviews[1].before["place"]["name"] == "Douma"
    with ledger.read() as conn:
        inc = get_incident(conn, douma.id)
        found = list_incidents(conn, admin1="rif dimashq", since=date(2017, 5, 4))
    assert (inc.place.name, inc.place.country, inc.place.precision) == ("Harasta", "SY", 4)
    assert (inc.date.start, inc.sub_event_type) == (date(2017, 5, 4), "Air/drone strike")
    assert inc.event_type == "Explosions/Remote violence"
    assert [p.actor for p in inc.perpetrators] == ["Russian jets"]
    assert inc.reviewed_facts == ("date", "perpetrators", "place", "type")
    assert douma.id in {i.id for i in found}
    assert _claims(ledger, douma.id)[0].claimant == "Douma medical office"


def test_bad_reviews_are_refused_with_what_is_wrong(ledger):
    douma = _incident_of(ledger, "d1")
    (claim,) = _claims(ledger, douma.id)
    cases = [
        ({"value": -3}, "value must be between 0 and 100000000, not -3"),
        ({"value": "many"}, "value must be a whole number, not 'many'"),
        ({"figure": "vanished"}, "figure must be one of"),
        ({"date": {"start": "2017-02-30"}}, "date start must be a date as YYYY-MM-DD"),
        ({"place": {"name": "X", "latitude": 95, "longitude": 1}}, "latitude must be between"),
        ({"incident": "inc-nope"}, "no incident 'inc-nope'"),
        ({}, "the correction changes nothing"),
    ]
    for changes, message in cases:
        with pytest.raises((InputError, NotFoundError), match=message):
            review.review_claim(ledger, claim.id, action="correct", by="ana", changes=changes)
    with pytest.raises(NotFoundError, match="no claim 'nope'"):
        review.review_claim(ledger, "nope", action="accept", by="ana")
    with pytest.raises(InputError, match="action must be one of accept, correct, reject"):
        review.review_claim(ledger, claim.id, action="delete", by="ana")
    assert _count(ledger, s.reviews) == 0


def test_merge_split_and_undo_mark_incidents_reviewed(ledger):
    douma, mosul = _incident_of(ledger, "d1"), _incident_of(ledger, "m1")
    decision = review.merge(ledger, douma.id, mosul.id, by="ana", note="same day")
    with ledger.read() as conn:
        assert get_incident(conn, douma.id).report_count == 2
    review.undo(ledger, decision.id, by="ana")
    with ledger.read() as conn:
        assert get_incident(conn, mosul.id).status == "active"
        assert get_incident(conn, mosul.id).reviewed
        assert get_incident(conn, douma.id).report_count == 1


def test_a_claim_corrected_to_another_figure_leaves_one_estimate_for_the_other(ledger):
    mosul = _incident_of(ledger, "m1")
    (claim,) = _claims(ledger, mosul.id)
    assert (mosul.best("killed"), mosul.best("injured")) == (20, None)
    result = review.review_claim(
        ledger, claim.id, action="correct", by="rana", changes={"figure": "injured"}
    )
    assert (result.reviews[0].before, result.reviews[0].after) == (
        {"figure": "killed"},
        {"figure": "injured"},
    )
    with ledger.read() as conn:
        inc = get_incident(conn, mosul.id)
    assert (inc.best("killed"), inc.best("injured")) == (None, 20)
    (corrected,) = _claims(ledger, mosul.id)
    assert (corrected.figure, corrected.review) == ("injured", "corrected")
    assert corrected.machine == {"figure": "killed"}
