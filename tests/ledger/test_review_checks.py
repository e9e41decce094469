"""Tests of checking what a reviewer sends (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollwatch.errors import InputError
from tollwatch.ledger.review_checks import (
    MAX_VALUE,
    check_claim_changes,
    check_incident_changes,
    text_value,
)

CURRENT = {"figure": "killed", "value": 12, "low": 12, "high": 12, "qualifier": "exact",
           "unit": "people", "claimant": None, "claimant_kind": None}  # fmt: skip


def test_a_corrected_value_gets_the_bounds_its_qualifier_implies():
    assert check_claim_changes({"value": "1,200"}, CURRENT) == {
        "value": 1200,
        "low": 1200,
        "high": 1200,
    }
    assert check_claim_changes({"value": 30, "qualifier": "at_least"}, CURRENT) == {
        "value": 30, "qualifier": "at_least", "low": 30, "high": None,
    }  # fmt: skip
    with pytest.raises(InputError, match="a range needs low <= value <= high"):
        check_claim_changes({"value": 30, "qualifier": "range", "low": 40, "high": 50}, CURRENT)
    assert check_claim_changes({"claimant": "  Idlib   health office ", "claimant_kind": "medical"}, CURRENT) == {
        "claimant": "Idlib health office", "claimant_kind": "medical",
    }  # fmt: skip


def test_incident_facts_are_checked_and_completed():
    facts = check_incident_changes(
        {
            "place": {"name": "Ariha", "country": "sy", "latitude": "35.8", "longitude": 36.6},
            "date": {"start": "2017-04-04"},
            "type": "Air/drone strike",
            "perpetrators": [{"actor": "Russian jets", "alleged_by": ""}],
        }
    )
    assert facts["place"]["country"] == "SY" and facts["place"]["precision"] == 1
    assert facts["date"] == {"start": "2017-04-04", "end": "2017-04-04", "precision": 1}
    assert facts["type"] == {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
    }
    assert facts["perpetrators"] == [
        {"actor": "Russian jets", "actor_kind": None, "alleged_by": None}
    ]
    for changes, message in (
        ({"place": {"name": "X", "latitude": 1}}, "give both latitude and longitude, or neither"),
        (
            {"place": {"name": "X", "country": "Syria"}},
            "country must be an ISO 3166-1 alpha-2 code",
        ),
        (
            {"date": {"start": "2017-04-05", "end": "2017-04-01"}},
            "date end 2017-04-01 is before its start",
        ),
        ({"type": "Picnic"}, "sub_event_type must be one of"),
        ({"place": {"country": "SY"}}, "place name is required"),
    ):
        with pytest.raises(InputError, match=message):
            check_incident_changes(changes)


@given(
    st.one_of(
        st.integers(), st.text(max_size=12), st.floats(allow_nan=True), st.none(), st.booleans()
    )
)
def test_any_value_is_a_count_or_a_clear_error(value):
    try:
        out = check_claim_changes({"value": value}, CURRENT)
    except InputError as exc:
        assert exc.message.startswith("value must be")
    else:
        assert out == {} or 0 <= out["value"] <= MAX_VALUE


def test_text_is_tidied_and_bounded():
    assert text_value("  a \n b ", "note") == "a b"
    assert text_value("   ", "note") is None
    with pytest.raises(InputError, match="note is longer than 500 characters"):
        text_value("x" * 501, "note")
