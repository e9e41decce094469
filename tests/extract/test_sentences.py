"""The ``sentences`` stage: offsets exact, abbreviations kept, run-on text cut to size."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tollwatch.extract.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_and_abbreviations():
    text = (
        "U.S. forces struck a convoy near Raqqa on Monday. Gen. Smith said 12 fighters died.\n"
        "Rescue workers were still searching on Tuesday."
    )
    assert texts(text) == [
        "U.S. forces struck a convoy near Raqqa on Monday.",
        "Gen. Smith said 12 fighters died.",
        "Rescue workers were still searching on Tuesday.",
    ]


def test_text_without_punctuation_is_cut_into_pieces():
    text = " ".join(["killed 5 people in the town"] * 2000)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in pieces)
    # Cut at spaces: every word survives whole, and nothing is lost.
    assert " ".join(text[s:e] for s, e in pieces) == text


@given(st.text(max_size=4000))
def test_spans_are_trimmed_ordered_slices(text):
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        assert e - s <= MAX_SENTENCE_CHARS
        piece = text[s:e]
        assert piece == piece.strip()
        last = e
