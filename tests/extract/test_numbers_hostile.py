"""Numbers in hostile text: invisible characters, minus signs, numbers too big to count people."""

from __future__ import annotations

import pytest

from tollwatch.extract import make_report, numbers, sentences
from tollwatch.extract.numbers import MAX_COUNT, find_numbers, parse_number
from tollwatch.extract.pipeline import Context
from tollwatch.model import normalise_text


def _counts(text: str) -> list[tuple[int, str]]:
    text = normalise_text(text)
    return [(n.value, n.span.text) for n in find_numbers(text) if n.kind == "count"]


@pytest.mark.parametrize(
    "raw",
    [
        "Mortar fire killed 1\u200b2 people.",  # zero-width space
        "Mortar fire killed 1\u20602 people.",  # word joiner
        "Mortar fire killed 1\ufeff2 people.",  # a BOM inside the text
        "Mortar fire killed 1\u03012 people.",  # a combining accent over the 1
        "Mortar fire killed 1\u200d\u03012 people.",  # a joiner and an accent
    ],
)
def test_invisible_characters_inside_a_number_make_one_number(raw: str) -> None:
    assert _counts(raw) == [(12, "12")]


def test_invisible_characters_are_dropped_from_the_report_text() -> None:
    report = make_report("Twelve\u00ad people were kil\u200bled in Id\u2060lib.")
    assert report.text == "Twelve people were killed in Idlib."


def test_accents_on_letters_stay() -> None:
    assert normalise_text("Ma\u0301arrat 12\u200f") == "Máarrat 12"


@pytest.mark.parametrize("sign", ["-", "\u2212"])
def test_a_negative_number_is_no_count(sign: str) -> None:
    found = find_numbers(f"Shelling killed {sign}5 people on Monday.")
    assert [(n.value, n.kind) for n in found] == [(5, "negative")]


def test_hyphens_that_are_not_minus_signs_keep_their_counts() -> None:
    assert parse_number("3-5").qualifier == "range"
    assert _counts("Shelling killed 3 -5 people.") == [(3, "3 -5")]
    # the hyphen of a name glued to a word is no minus sign
    assert "negative" not in [n.kind for n in find_numbers("The COVID-19 ward lost 4 nurses.")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nine hundred quintillion", 900 * 10**18),
        ("two trillion", 2 * 10**12),
        ("1,000,000,000,000", 10**12),
        ("3000000000", 3_000_000_000),
        ("4.5 billion", 4_500_000_000),
        ("9" * 400, 10**15),  # too long to be any count: its exact value does not matter
    ],
)
def test_numbers_above_any_count_of_people_are_implausible(text: str, value: int) -> None:
    (found,) = find_numbers(f"The fighting displaced {text} people.")
    assert (found.value, found.kind) == (value, "implausible")


def test_a_billion_is_still_a_count() -> None:
    assert parse_number("one billion") is not None
    (found,) = find_numbers("The fighting displaced one billion people.")
    assert (found.value, found.kind) == (MAX_COUNT, "count")


def test_the_stage_notes_an_implausible_number() -> None:
    context = Context(report=make_report("Shelling killed 1,000,000,000,000 people on Monday."))
    sentences.run(context)
    numbers.run(context)
    assert context.notes == [
        "implausible number not read as a count (more than 1,000,000,000): "
        "'1,000,000,000,000' at 16"
    ]
