"""What a text file's first lines say: title, outlet, dateline, syndication."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollwatch.ingest.header import Header, read_header

CASES = [
    (
        "Mortars hit Douma market, killing seven\n"
        "Date of publication: 2018-02-06\n\n"
        "DAMASCUS (North Wire) - Mortar rounds struck a market in Douma on Monday.",
        Header(
            title="Mortars hit Douma market, killing seven",
            outlet="North Wire",
            dateline="DAMASCUS",
        ),
    ),
    (
        "Flooding forces families from Kassala homes\n"
        "Published: 2019-08-01\n"
        "Republished by the Horn Courier from Sahel Newswire\n\n"
        "KASSALA, Sudan (Sahel Newswire) - Hundreds of families left their homes.",
        Header(
            title="Flooding forces families from Kassala homes",
            outlet="Horn Courier",
            dateline="KASSALA, Sudan",
            syndicated_from="Sahel Newswire",
        ),
    ),
    (
        "Strike kills 9\n\nIDLIB, Syria (Daily Levant) — A strike killed nine people.",
        Header(title="Strike kills 9", outlet="Daily Levant", dateline="IDLIB, Syria"),
    ),
    # A first line that is a sentence of the story, not a headline.
    (
        "Shelling killed four people in Idlib on Monday, activists said.\nMore followed.",
        Header(),
    ),
    # A body with no dateline names no outlet.
    (
        "Clashes near Tal Afar\n\nFighting went on through the night, residents said.",
        Header(title="Clashes near Tal Afar"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_first_lines(text: str, expected: Header):
    assert read_header(text) == expected


@given(st.text(max_size=400))
def test_any_text_gives_a_header_of_its_own_lines(text: str):
    head = read_header(text)
    if head.title is not None:
        assert head.title in text.split("\n")[0:40] or head.title in text
    for value in (head.outlet, head.dateline, head.syndicated_from):
        assert value is None or value in text
