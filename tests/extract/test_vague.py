"""Victims counted without a number: "others", "a number of", "several", "many"
(figures/vague.py)."""

from __future__ import annotations

import pytest

from tollwatch.extract import extract_text


def _claims(text: str, figure: str) -> list[tuple[int, str, str, str | None]]:
    record = extract_text(text)
    return [
        (c.value, c.qualifier, c.count_text, c.rule) for c in record.claims if c.figure == figure
    ]


@pytest.mark.parametrize(
    ("text", "figure", "value", "words"),
    [
        ("Two boys were killed and others were wounded by the shell.", "injured", 2, "others"),
        (
            "The raid killed a farmer and injured several relatives.",
            "injured",
            2,
            "several relatives",
        ),
        (
            "A large number of villagers were hurt when the depot exploded.",
            "injured",
            12,
            "A large number of villagers",
        ),
        ("Three died and many others were injured in the fire.", "injured", 5, "many others"),
        (
            "Shelling of the camp caused a number of injuries, a nurse said.",
            "injured",
            2,
            "a number of injuries",
        ),
        (
            "The airstrike killed and wounded an unknown number of people near the bakery.",
            "killed",
            2,
            "an unknown number of people",
        ),
        (
            "The airstrike killed and wounded an unknown number of people near the bakery.",
            "injured",
            2,
            "an unknown number of people",
        ),
        # the passive left out after a passive: "were killed, and others (were) injured"
        (
            "Six people were killed, and others injured, in the raid on Monday.",
            "injured",
            2,
            "others",
        ),
        (
            "On Monday, at least 20 members of the Haddad family were reportedly killed and a "
            "number of others injured when an airstrike hit their house in Rafah.",
            "injured",
            2,
            "a number of others",
        ),
        # the figure a complement of the verb: "were reported injured"
        (
            "Numerous others were reported injured in the strike on Monday.",
            "injured",
            5,
            "Numerous others",
        ),
        # a number, or a quantifier, standing for the people
        (
            "Four people were killed and an unspecified number were injured near the mosque.",
            "injured",
            2,
            "an unspecified number",
        ),
        (
            "Nine civilians were killed and several were injured in the strike.",
            "injured",
            2,
            "several",
        ),
    ],
)
def test_vague_counts(text, figure, value, words):
    assert (value, "vague", words, "figures.vague_count") in _claims(text, figure)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a question, or a count not given
        ("The ministry did not say how many civilians were wounded.", "injured"),
        ("It was not clear how many people were killed.", "killed"),
        # people counted before: "the others"
        ("Two were taken to hospital and the others were hurt less badly.", "injured"),
        # a negated or attempted act
        ("Several residents were not hurt in the blast.", "injured"),
        ("Gunmen tried to kill several guards at the gate.", "killed"),
        # no people: things, and bodies seen rather than counted
        ("The shelling damaged several homes and wounded no one.", "injured"),
        ("Footage showed many bodies with no signs of injuries.", "killed"),
        # a communique's claim of success over fighters is no count
        ("The army said a number of terrorists were killed in the bombardment.", "killed"),
        # plural words that count nothing
        ("Several sources reported that civilians were injured.", "injured"),
    ],
)
def test_no_vague_count(text, figure):
    assert not [c for c in _claims(text, figure) if c[3] == "figures.vague_count"]


def test_a_number_given_beats_vague_words():
    """A report that numbers a figure keeps the number: its vague words for the same figure go,
    and a vague count of another figure stays."""
    text = (
        "Eleven people were killed and others were injured in the strike. "
        "Rescuers said a number of people were killed in the street outside."
    )
    killed = _claims(text, "killed")
    assert [c[0] for c in killed] == [11]
    assert _claims(text, "injured") == [(2, "vague", "others", "figures.vague_count")]


def test_headline_is_the_stated_number():
    """A vague count is never the headline when the incident states a number of its figure."""
    record = extract_text(
        "Many people were wounded in the market bombing. Medics later said 23 were wounded."
    )
    incident = record.incidents[0]
    headline = next(c for c in record.claims if c.id == incident.headline["injured"])
    assert headline.value == 23


def test_people_told_one_by_one_leave_the_vague_count():
    """One person told by name or by an article is no number of the figure: the vague words
    for the others stay."""
    text = (
        "Late on Monday, an airstrike hit the home of the Haddad family in Rafah, killing "
        "at least ten people and injuring others. A neighbour who rushed to help was injured, "
        "and Professor Samir Haddad, who owned the house, was also hurt."
    )
    injured = _claims(text, "injured")
    assert (2, "vague", "others", "figures.vague_count") in injured
