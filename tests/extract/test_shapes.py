"""Counts written in other shapes (figures/shapes.py) and names the model does not tag
(figures/person_names.py): sentences of our own, in mixed case and in telex capitals."""

from __future__ import annotations

import pytest

from tollwatch.extract import extract_text


def _values(text: str, figure: str) -> list[tuple[int, str]]:
    return [(c.value, c.rule) for c in extract_text(text).claims if c.figure == figure]


@pytest.mark.parametrize(
    ("text", "figure", "value", "rule"),
    [
        (
            "Church groups condemned the assassination of three union leaders on Sunday.",
            "killed",
            3,
            "figures.act_of",
        ),
        (
            "THE COMMISSION IS INVESTIGATING THE MASSACRE OF 22 PEASANTS IN THE HAMLET.",
            "killed",
            22,
            "figures.act_of",
        ),
        (
            "THE COLONEL DENIED ANY ROLE IN THE FIVE STUDENTS' SLAYING.",
            "killed",
            5,
            "figures.possessive_act",
        ),
        (
            "ONE OF THE ESCORTS WAS SERIOUSLY WOUNDED IN THE EXCHANGE OF FIRE.",
            "injured",
            1,
            "figures.one_of",
        ),
        (
            "The bomb killed one of the mayor's bodyguards.",
            "killed",
            1,
            "figures.one_of",
        ),
    ],
)
def test_counts_in_other_shapes(text: str, figure: str, value: int, rule: str):
    assert (value, rule) in _values(text, figure)


@pytest.mark.parametrize(
    "text",
    [
        # events counted, not people
        "The report lists three massacres in the province since March.",
        # one of people counted already
        "Four people were wounded. One of the wounded was a nurse.",
        # "one of" people counted already, or naming someone, is no new count
        "The nurse was one of three people killed when the clinic was hit.",
        "One of the women killed in the raid was a teacher.",
        "Relatives said that one of those wounded was their neighbour.",
        "Two farmers, one of them a minor, were killed by the mine.",
        "THE MAYOR, ONE OF THE FIRST OFFICIALS MURDERED THIS YEAR, WAS BURIED TODAY.",
        # nobody
        "THE CURFEW HELD: NOT A SINGLE PERSON WAS KILLED IN THE CAPITAL OVERNIGHT.",
        "Not one soldier was hurt in the assault.",
    ],
)
def test_no_new_count(text: str):
    record = extract_text(text)
    assert [c for c in record.claims if c.value == 1 and c.rule == "figures.one_of"] == []
    if "massacres" in text or "NOT" in text or "Not" in text:
        assert [c for c in record.claims if c.figure == "killed" or c.value == 1] == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("RAMIRO ESTEBAN QUISPE, 31, WAS WOUNDED BY A STRAY BULLET IN THE MARKET.", "injured"),
        ("Ahmed Saleh, 34, died in hospital on Tuesday.", "killed"),
        (
            "On Monday, an airstrike hit a house in Rafah. Fathi Abu Laila (34) was also killed.",
            "killed",
        ),
        (
            "Their cousin, the engineer Ahmed Haddad (31), was wounded in the same strike.",
            "injured",
        ),
    ],
)
def test_an_age_after_a_name_is_no_count(text: str, figure: str):
    values = [c.value for c in extract_text(text).claims if c.figure == figure]
    assert 31 not in values and 34 not in values
    assert values in ([], [1])


@pytest.mark.parametrize(
    ("text", "figure", "words"),
    [
        (
            "SAN SALVADOR, 4 MAR 90 (RADIO) -- [TEXT] ROSA ELVIRA MENDEZ ARGUETA WAS MURDERED "
            "YESTERDAY AFTERNOON.",
            "killed",
            "ROSA ELVIRA MENDEZ ARGUETA",
        ),
        (
            "THE POLICE SAID THAT FORMER MAYOR FIDENCIO OCHOA WAS WOUNDED IN THE ATTACK.",
            "injured",
            "MAYOR FIDENCIO OCHOA",
        ),
    ],
)
def test_names_in_capitals_count_one(text: str, figure: str, words: str):
    claims = [(c.value, c.count_text) for c in extract_text(text).claims if c.figure == figure]
    assert (1, words) in claims


def test_a_place_is_not_a_person():
    assert extract_text("Rafah was hit hard by shelling overnight.").claims == ()


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("LIMA, 3 MAY 90 -- [TEXT] FORTYSIX MINERS WERE INJURED IN THE BLAST.", "injured", 46),
        ("Twentytwo people died when the bridge collapsed.", "killed", 22),
    ],
)
def test_tens_and_units_run_together(text: str, figure: str, value: int):
    assert value in [c.value for c in extract_text(text).claims if c.figure == figure]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "THE POLICE SAID THAT UNION LEADER JAIME ERNESTO CALDERON HAS BEEN FOUND DEAD.",
            "LEADER JAIME ERNESTO CALDERON",
        ),
        ("Mourners followed the coffin of the slain mayor.", "the slain mayor"),
        ("THE PARTY NAMED A SUCCESSOR TO THE ASSASSINATED RAMIRO OSPINA.", "RAMIRO OSPINA"),
        ("Relatives blamed the army for Pedro Alvarado's death.", "Pedro Alvarado"),
    ],
)
def test_people_named_dead_in_other_shapes(text: str, words: str):
    claims = [(c.value, c.count_text) for c in extract_text(text).claims if c.figure == "killed"]
    assert (1, words) in claims


@pytest.mark.parametrize(
    "text",
    [
        "The mayor is not dead, his office said.",
        "Residents condemned the army's killing of the protest.",
    ],
)
def test_no_one_named_dead(text: str):
    assert [c for c in extract_text(text).claims if c.figure == "killed"] == []
