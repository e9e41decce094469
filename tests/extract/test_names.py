"""Names as catalogues write them, as patterns over report text (tollwatch.extract.names)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.extract.names import (
    first_chars,
    load_data,
    name_regex,
    phrase_pattern,
    trie_pattern,
)


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


@pytest.mark.parametrize(
    ("pattern", "firsts"),
    [
        (r"(?<![\w-])(?i:Red Crescent|rescuers)(?![\w-])", {"r"}),
        (r"(?<![\w-])(?:(?i:(?:Syrian |Syria's )Health Ministry)|SANA)", {"s"}),
        (r"(?i:(?:eye)?witness)", None),  # may start with "e" or "w": the optional part
        (r"(?:\d+ )?medics", None),  # a class first
        (r"[Mm]onitors?", {"m"}),
        (r"(?:war |conflict )monitors", {"w", "c"}),
        (r"(?:)", None),
        (r"Ärzte", None),  # non-ASCII: its case may fold elsewhere
    ],
)
def test_first_chars_is_what_a_match_may_start_with(pattern, firsts):
    got = first_chars(re.compile(pattern))
    assert got == (frozenset(firsts) if firsts is not None else None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Sana", "Red Crescent", "civil defence", "UN", "al-Amaq"]), min_size=1
    ),
    st.text(alphabet="aAsSrRcCuUlL- ", max_size=12),
)
def test_first_chars_never_skips_a_match(names, text):
    rx = name_regex(aliases=names[1:], acronyms=names[:1])
    assert rx is not None
    first = first_chars(rx)
    for i in range(len(text)):
        if rx.match(text, i) and first is not None:
            assert text[i].lower() in first
