"""The casualty scorer on hand-made gold / prediction pairs whose answers are worked out by hand."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.evaluate.test_scores import claim, doc, incident, place, record
from tollwatch.evaluate.casualty import country_code, place_names_agree, score_casualty
from tollwatch.model import Estimate

TEXT = "An air strike killed 15 people in Gaza City on Saturday; 20 more were hurt."


def gold(**over):
    base = {
        "killed_low": 12,
        "killed_high": 15,
        "injured_low": 20,
        "injured_high": 20,
        "date": "2023-10-07",
        "place": ["Al-Zaytoun neighborhood", "Gaza City"],
        "admin1": "Gaza City",
        "country": "PS",
    }
    base.update(over)
    return base


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("Al-Zaytoun neighborhood", "Zaytoun", True),  # article and generic word folded
        ("home of the Al-Dous family in Al-Zaytoun neighborhood", "al-Zaytun", True),
        ("Gaza City", "Gaza", True),
        ("Khan Younis", "Khān Yūnis", True),  # accents and spelling variants
        ("Rafah", "Khan Yunis", False),
        ("North Gaza", "Gaza", True),  # one runs within the other
        ("Beit Lahia", "Lahia Beit", False),  # words in order
        ("city", "Gaza City", False),  # nothing left of a generic word to compare
    ],
)
def test_place_names_agree(a, b, ok):
    assert place_names_agree(a, b) is ok
    assert place_names_agree(b, a) is ok


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("PS", "PS"),
        ("sv", "SV"),
        ("SLV", "SV"),
        ("El Salvador", "SV"),
        ("Colombia", "CO"),
        ("", None),
    ],
)
def test_country_code(given, code):
    assert country_code(given) == code


def test_scores_worked_by_hand():
    d1 = doc("d1", "casualty", gold(), text=TEXT)
    d2 = doc(
        "d2",
        "casualty",
        gold(killed_low=5, killed_high=5, injured_low=None, injured_high=None),
        text=TEXT,
    )
    d3 = doc(
        "d3",
        "casualty",
        gold(killed_low=0, killed_high=0, injured_low=None, injured_high=None, date=None),
        text=TEXT,
    )
    d4 = doc(
        "d4",
        "casualty",
        gold(
            killed_low=None,
            killed_high=None,
            injured_low=None,
            injured_high=None,
            country="SLV",
            place=["San Salvador"],
            admin1=None,
        ),
        text=TEXT,
    )
    inc1 = incident(
        "i1",
        day=date(2023, 10, 7),
        where=place("Gaza", "Gaza Strip", country="PS", text="Gaza City"),
        headline={"killed": "c1", "injured": "c2"},
    )
    inc1 = dataclasses.replace(
        inc1, estimates={"killed": Estimate(low=12, best=15, high=15, rule="ucdp")}
    )
    preds = {
        # d1: headline 15 in 12-15, injured 20 in 20-20, range exact, date, place, country.
        "d1": record(
            d1,
            [claim("c1", "killed", 15, incident="i1"), claim("c2", "injured", 20, incident="i1")],
            [inc1],
            "i1",
        ),
        # d2: a killed claim of 5 exists but the headline is 15; date wrong; place abroad.
        "d2": record(
            d2,
            [claim("c1", "killed", 15, incident="i1"), claim("c3", "killed", 5, incident=None)],
            [
                incident(
                    "i1",
                    day=date(2023, 10, 8),
                    where=place("Amman", "Amman", country="JO"),
                    headline={"killed": "c1"},
                )
            ],
            "i1",
        ),
        # d3: gold 0 killed, we give 3: zero_killed_acc misses.
        "d3": record(d3, [claim("c1", "killed", 3)], [], None),
        # d4: no killed gold; no main incident: country and place miss.
        "d4": record(d4, [], [], None),
    }
    s = score_casualty([d1, d2, d3, d4], preds)
    assert (s["killed_recall"].hits, s["killed_recall"].total) == (2, 2)
    assert (s["killed_headline_in_range"].hits, s["killed_headline_in_range"].total) == (1, 2)
    assert (s["killed_range_exact"].hits, s["killed_range_exact"].total) == (1, 2)
    assert (s["zero_killed_acc"].hits, s["zero_killed_acc"].total) == (0, 1)
    assert (s["injured_recall"].hits, s["injured_recall"].total) == (1, 1)
    assert (s["injured_headline_in_range"].hits, s["injured_headline_in_range"].total) == (1, 1)
    assert (s["date_acc"].hits, s["date_acc"].total) == (1, 3)  # d1 right, d2 wrong, d4 no incident
    assert (s["place_acc"].hits, s["place_acc"].total) == (1, 4)
    assert (s["country_acc"].hits, s["country_acc"].total) == (1, 4)
    assert s["country_acc"].failures[-1].expected == "SV"


def test_open_estimate_is_not_the_gold_range():
    d = doc("d", "casualty", gold(killed_low=12, killed_high=15), text=TEXT)
    inc = incident("i1", headline={"killed": "c1"})
    inc = dataclasses.replace(
        inc, estimates={"killed": Estimate(low=12, best=12, high=None, rule="ucdp")}
    )
    s = score_casualty(
        [d], {"d": record(d, [claim("c1", "killed", 12, incident="i1")], [inc], "i1")}
    )
    assert s["killed_range_exact"].value == 0.0
    assert s["killed_headline_in_range"].value == 1.0
    assert s["zero_killed_acc"].value is None
