"""Names as catalogues write them, as patterns over report text (tollwatch.extract.names)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.extract.names import load_data, name_regex, phrase_pattern, trie_pattern


@pytest.mark.parametrize(
    ("words", "text", "matches"),
    [
        ("air strike", "air strike", True),
        ("air strike", "air-strike", True),
        ("Kurdish-led", "Kurdish led", True),
        ("Kurdish-led", "Kurdishled", True),
        ("People's", "People’s", True),
        ("People's", "Peoples", True),
        ("U.N.", "UxNx", False),  # a dot is a dot
    ],
)
def test_phrase_pattern_spellings(words: str, text: str, matches: bool):
    assert (re.fullmatch(phrase_pattern(words), text) is not None) is matches


def test_name_regex_matches_whole_words_and_keeps_acronyms_case():
    rx = name_regex(aliases=["Islamic State"], acronyms=["IS"])
    assert rx is not None
    assert [m.group() for m in rx.finditer("islamic state fighters and IS, this is it")] == [
        "islamic state",
        "IS",
    ]
    assert rx.search("anti-IS coalition") is None  # not right after a hyphen
    assert name_regex() is None


_WORDS = st.lists(
    st.text(alphabet="ab -'’.", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(_WORDS, st.text(alphabet="abAB -'’.", max_size=8))
def test_a_trie_matches_what_its_phrases_match(phrases: list[str], text: str):
    trie = trie_pattern(phrases)
    assert trie is not None
    expected = any(re.fullmatch(phrase_pattern(p), text) for p in phrases)
    assert (re.fullmatch(trie, text) is not None) == expected
    lower = trie_pattern(phrases, lower=True)
    assert lower is not None
    expected_i = any(re.fullmatch(phrase_pattern(p), text, re.IGNORECASE) for p in phrases)
    assert (re.fullmatch(f"(?i:{lower})", text) is not None) == expected_i


def test_data_files_load_once():
    assert load_data("actors.toml") is load_data("actors.toml")
    assert trie_pattern([]) is None and trie_pattern(["  "]) is None
