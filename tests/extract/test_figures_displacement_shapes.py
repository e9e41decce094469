"""Displacement and housing figures in the shapes disaster and displacement reports write them:
homes named by a noun of damage, homes in a list that drops its verbs, a count behind an
attribution set off by commas, a count the copula of an estimate gives. Sentences written for
these tests in the style of relief agency updates."""

from __future__ import annotations

import pytest

from tests.extract.test_figures import run_figures


def figures_of(text: str, nlp) -> list[tuple[str, int, str]]:
    return [(f.figure, f.number.value, f.unit) for f in run_figures(text, nlp).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun of damage: the homes it names are households affected
        (
            "Torrential rain led to the destruction of 1,240 houses across the province.",
            [("affected", 1_240, "households")],
        ),
        (
            "The cyclone caused damage to 85 homes in the coastal villages.",
            [("affected", 85, "households")],
        ),
        # a verb of damage, burying included
        (
            "Mudslides buried 32 homes on the slopes above the town.",
            [("affected", 32, "households")],
        ),
        # a list that drops its verbs keeps the participle after the homes
        (
            "Four people died, nine were injured and 210 houses destroyed, the governor said.",
            [
                ("killed", 4, "people"),
                ("injured", 9, "people"),
                ("affected", 210, "households"),
            ],
        ),
    ],
)
def test_homes_destroyed_in_other_shapes(nlp, text: str, expected: list[tuple]):
    assert figures_of(text, nlp) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # run-on lines: the parse makes the homes the object of the casualty verb before them
        (
            "Flash floods in the district 2 killed 75 homes damaged dozens stranded",
            ("affected", 75, "households"),
        ),
        (
            "Three people were killed 45 houses destroyed and hundreds fled as the river rose",
            ("affected", 45, "households"),
        ),
        (
            "The storm killed one person, injured two and left 75 houses destroyed.",
            ("affected", 75, "households"),
        ),
        # the participle right after the homes, which the parse hung elsewhere
        (
            "Quake in the south: one killed, three wounded and 150 houses destroyed, "
            "thousands homeless",
            ("affected", 150, "households"),
        ),
    ],
)
def test_homes_are_never_casualties(nlp, text: str, expected: tuple):
    got = figures_of(text, nlp)
    assert expected in got
    assert not [f for f in got if f[2] == "households" and f[0] in ("killed", "injured")]


@pytest.mark.parametrize(
    "text",
    [
        # a noun of damage to things that are not homes: no figure
        "The shelling led to the destruction of 14 tanks near the airport.",
        "The storm caused damage to 300 vehicles parked along the seafront.",
        # a participle after a count of things that are not homes
        "Two soldiers were wounded and 3 trucks destroyed in the ambush.",
    ],
)
def test_damage_to_things_is_no_figure(nlp, text: str):
    assert [f for f in run_figures(text, nlp).figures if f.figure == "affected"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The rising river forced the evacuation of, according to the regional authorities, "
            "6,300 residents.",
            [("evacuated", 6_300, "people")],
        ),
        (
            "The offensive has displaced, according to the latest UN figures, 11,000 families.",
            [("displaced", 11_000, "households")],
        ),
    ],
)
def test_count_behind_an_attribution(nlp, text: str, expected: list[tuple]):
    assert figures_of(text, nlp) == expected


def test_aside_without_a_figure_before_it_is_no_figure(nlp):
    text = "The convoy carried, according to the drivers, 40 tonnes of flour."
    assert run_figures(text, nlp).figures == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The number of displaced households is estimated to be 2,750, the district office said.",
            [("displaced", 2_750, "households")],
        ),
        ("The death toll is believed to be 45, medics said.", [("killed", 45, "people")]),
        # a toll of households keeps its unit whatever verb gives the count
        (
            "The number of displaced families reached 1,400 on Friday.",
            [("displaced", 1_400, "households")],
        ),
    ],
)
def test_estimate_by_a_copula(nlp, text: str, expected: list[tuple]):
    assert figures_of(text, nlp) == expected
