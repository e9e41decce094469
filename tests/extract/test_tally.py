"""People named as victims in several sentences of a report, added up (figures/tally.py)."""

from __future__ import annotations

import pytest

from tollwatch.extract import extract_text


def _tallies(text: str, figure: str = "killed") -> list[int]:
    record = extract_text(text)
    return [
        c.value for c in record.claims if c.figure == figure and c.rule == "figures.named_tally"
    ]


def test_two_people_named_in_two_sentences_are_two():
    text = (
        "MEDELLIN, 9 OCT 89 (AFP) -- [TEXT] RADIO REPORTER HERNANDO ACOSTA RUIZ WAS SHOT TO "
        "DEATH LAST NIGHT OUTSIDE HIS HOME. ON SUNDAY, GUNMEN ON A MOTORCYCLE MURDERED "
        "NEWSPAPER EDITOR JULIO CESAR PATINO IN CALI."
    )
    assert _tallies(text) == [2]


def test_the_tally_is_a_total_of_its_named_parts():
    record = extract_text(
        "Farmer Khaled Nassar was killed when the shell hit his field. "
        "Hours later Yusuf Odeh died of his wounds in hospital."
    )
    tally = next(c for c in record.claims if c.rule == "figures.named_tally")
    assert tally.total and tally.value == 2
    parts = [c for c in record.claims if c.part_of == tally.id]
    assert {c.count_text for c in parts} == {"Farmer Khaled Nassar", "Yusuf Odeh"}


@pytest.mark.parametrize(
    "text",
    [
        # one person named again by a surname or a given name
        "JUDGE ALVARO MEDINA OSORIO WAS ASSASSINATED TODAY IN BOGOTA. THE MURDER OF MEDINA "
        "OSORIO WAS CONDEMNED BY THE CHURCH. MEDINA WAS KILLED BY TWO GUNMEN.",
        "Teacher Rami Saleh Odeh was killed in the strike. A cousin said Rami was killed as he "
        "walked home.",
        # the report counts the dead with a number: the people named are some of them
        "Seven people were killed in the raid. Omar Haddad was killed in his car. "
        "His neighbour Fadi Sweid was killed at the door.",
        # named in one sentence only: the sentence's own total says it
        "Gunmen killed Pedro Ruiz Castano and Marta Lucia Perez outside the church.",
    ],
)
def test_no_tally(text):
    assert _tallies(text) == []
