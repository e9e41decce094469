"""Victims counted without a number: named one by one or by their role (figures/persons.py)."""

from __future__ import annotations

import pytest

from tollwatch.extract import extract_text


def _claims(text: str, figure: str = "killed") -> list[tuple[int, str, str | None]]:
    record = extract_text(text)
    return [
        (c.value, c.count_text, c.part_of is not None) for c in record.claims if c.figure == figure
    ]


@pytest.mark.parametrize(
    ("text", "figure", "value", "words"),
    [
        (
            "Judge Mario Esquivel died in the explosion, police said.",
            "killed",
            1,
            "Judge Mario Esquivel",
        ),
        (
            "Witnesses said Pedro Alvarado and Jaime Ortiz were shot to death outside the bank.",
            "killed",
            2,
            "Pedro Alvarado and Jaime Ortiz",
        ),
        ("Gunmen later killed the driver of the truck.", "killed", 1, "the driver"),
        ("The mayor was seriously wounded in the ambush.", "injured", 1, "The mayor"),
        (
            "A farmer died on the spot and another person was injured by the drone.",
            "injured",
            1,
            "another person",
        ),
        (
            "Residents mourned the assassination of Carlos Mejia in the capital.",
            "killed",
            1,
            "Carlos Mejia",
        ),
        (
            "Teacher Maryam Haddad lost her life when the shell hit.",
            "killed",
            1,
            "Teacher Maryam Haddad",
        ),
    ],
)
def test_people_named_count_one_each(text, figure, value, words):
    assert (value, words, False) in _claims(text, figure)


def test_people_named_and_counts_beside_them_add_up():
    claims = _claims(
        "Youssef Darwish was killed along with his two daughters when the missile hit the house."
    )
    assert (1, "Youssef Darwish", True) in claims
    totals = [c for c in claims if c[0] == 3]
    assert totals and totals[0][1].startswith("Youssef Darwish") and totals[0][1].endswith("two")


def test_a_role_and_a_count_in_one_list():
    claims = _claims("The envoy survived, but his bodyguard and one of his aides were killed.")
    assert (2, "his bodyguard and one", False) in claims


@pytest.mark.parametrize(
    "text",
    [
        "The minister was not hurt in the attack.",
        "The rebels threatened to kill the governor.",
        "He died in hospital two days later.",  # a pronoun: named before, if at all
        "The victim was taken to hospital where she died.",
        "Government forces will kill the mayor if he returns, the group warned.",
        "Monitor AFP Civilians Killed In Aleppo",
    ],
)
def test_no_one_is_counted(text):
    record = extract_text(text)
    assert [c for c in record.claims if c.rule and "named_victims" in c.rule] == []


def test_a_wire_report_in_capitals_counts_a_corporal_and_a_guerrilla():
    text = (
        "SAN MIGUEL, 3 APR 90 (RADIO VENCEREMOS) -- [TEXT] A CORPORAL AND A GUERRILLA WERE "
        "KILLED AND A LIEUTENANT AND FIVE PEASANTS WERE INJURED IN A CLASH NEAR THE BRIDGE."
    )
    record = extract_text(text)
    killed = {c.value for c in record.claims if c.figure == "killed"}
    injured = {c.value for c in record.claims if c.figure == "injured"}
    assert 2 in killed
    assert 6 in injured
