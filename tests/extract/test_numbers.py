"""The number parser and finder: digits, words, qualifiers, ranges, vague words, kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.extract import make_report, numbers, sentences
from tollwatch.extract.numbers import ParsedNumber, find_numbers, parse_number
from tollwatch.extract.pipeline import Context

# --- parse_number: the spec's Qualifiers table and the number forms of wire reports ---------


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("21", 21, 21, 21, "exact"),
        ("250,000", 250_000, 250_000, 250_000, "exact"),
        ("1 300", 1_300, 1_300, 1_300, "exact"),
        ("1\u202f300", 1_300, 1_300, 1_300, "exact"),
        ("230000", 230_000, 230_000, 230_000, "exact"),
        ("1.2 million", 1_200_000, 1_200_000, 1_200_000, "exact"),
        ("3.5m", 3_500_000, 3_500_000, 3_500_000, "exact"),
        ("1 billion", 1_000_000_000, 1_000_000_000, 1_000_000_000, "exact"),
        ("eight", 8, 8, 8, "exact"),
        ("Twenty-five", 25, 25, 25, "exact"),
        ("two hundred", 200, 200, 200, "exact"),
        ("two hundred and fifty", 250, 250, 250, "exact"),
        ("a dozen", 12, 12, 12, "exact"),
        ("two dozen", 24, 24, 24, "exact"),
        ("a hundred", 100, 100, 100, "exact"),
        ("one thousand", 1_000, 1_000, 1_000, "exact"),
        ("fifteen hundred", 1_500, 1_500, 1_500, "exact"),
        ("half a million", 500_000, 500_000, 500_000, "exact"),
        ("three million", 3_000_000, 3_000_000, 3_000_000, "exact"),
        ("at least 21", 21, 21, None, "at_least"),
        ("At least 21", 21, 21, None, "at_least"),
        ("more than 50,000", 50_000, 50_001, None, "at_least"),  # at least the next one
        ("over 300", 300, 301, None, "at_least"),
        ("upwards of 1,000", 1_000, 1_001, None, "at_least"),
        ("no fewer than 40", 40, 40, None, "at_least"),
        ("40 or more", 40, 40, None, "at_least"),
        ("up to 21", 21, None, 21, "at_most"),
        ("fewer than 21", 21, None, 21, "at_most"),
        ("no more than 21", 21, None, 21, "at_most"),
        ("as many as 92,000", 92_000, None, 92_000, "at_most"),
        ("about 21", 21, None, None, "about"),
        ("around 3,500", 3_500, None, None, "about"),
        ("some 200", 200, None, None, "about"),
        ("nearly 44,000", 44_000, None, None, "about"),
        ("almost 90", 90, None, None, "about"),
        ("roughly 12", 12, None, None, "about"),
        ("approximately 488,000", 488_000, None, None, "about"),
        ("an estimated 40,000", 40_000, None, None, "about"),
        ("between 320 and 500", 320, 320, 500, "range"),
        ("from 500 to 1,000", 500, 500, 1_000, "range"),
        ("from 200 to well over 900", 200, 200, None, "range"),
        ("320 to 500", 320, 320, 500, "range"),
        ("320-500", 320, 320, 500, "range"),
        ("two or three", 2, 2, 3, "range"),
        ("between 1 and 2 million", 1_000_000, 1_000_000, 2_000_000, "range"),
        ("tens", 10, 10, None, "vague"),
        ("dozens", 12, 12, None, "vague"),
        ("dozens of", 12, 12, None, "vague"),
        ("scores of", 20, 20, None, "vague"),
        ("hundreds", 100, 100, None, "vague"),
        ("thousands", 1_000, 1_000, None, "vague"),
        ("tens of thousands", 10_000, 10_000, None, "vague"),
        ("hundreds of thousands of", 100_000, 100_000, None, "vague"),
        ("several hundred", 300, 300, None, "vague"),
        ("a few thousand", 3_000, 3_000, None, "vague"),
    ],
)
def test_parse_number(text: str, value: int, low: int | None, high: int | None, qualifier: str):
    assert parse_number(text) == ParsedNumber(value=value, low=low, high=high, qualifier=qualifier)


@pytest.mark.parametrize(
    "text", ["", "   ", "civilians", "21 civilians", "at least", "21 and 22", "one two", "a"]
)
def test_parse_number_refuses_what_is_not_one_number(text: str):
    assert parse_number(text) is None


def test_parse_number_refuses_non_strings():
    assert parse_number(None) is None  # type: ignore[arg-type]


# --- kinds: numbers that are not counts ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("The council adopted Resolution 2254 last year.", "2254", "label"),
        ("The war began in 2011 in the south.", "2011", "year"),
        ("It happened on 12 March in the city.", "12", "date"),
        ("It happened on March 12 in the city.", "12", "date"),
        ("Shelling began at 6:30 am.", "6", "time"),
        ("Shelling began at 6:30 am.", "30", "time"),
        ("Prices rose by 40 per cent.", "40", "percent"),
        ("Prices rose by 40%.", "40", "percent"),
        ("The fund holds $5 million.", "5 million", "money"),
        ("The town lies 20 km away.", "20", "measure"),
        ("The siege lasted three months.", "three", "measure"),
        ("A 12-year-old boy was hurt.", "12", "age"),
        ("A boy aged 12 was hurt.", "12", "age"),
        ("It was the 21st attack.", "21", "ordinal"),
        ("It weighs 2.5 tonnes.", "2.5", "measure"),
        ("The ratio was 2.5 to one.", "2.5", "decimal"),
        ("Pilots flew A320 jets.", "320", "label"),
        ("On Tuesday 25 people were killed.", "25", "count"),
        ("In 2000 people fled.", "2000", "count"),
        ("2000 families fled.", "2000", "count"),
    ],
)
def test_kinds(text: str, number: str, kind: str):
    found = {m.number_span.text: m.kind for m in find_numbers(text)}
    assert found[number] == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range the verb counts with
        ("The raid killed from 40 to 60 people.", [("from 40 to 60", 40, 60, "range")]),
        # a change of one toll: two numbers, the later one the toll now
        (
            "The toll rose from 31 to 48 on Friday.",
            [("31", 31, 31, "exact"), ("48", 48, 48, "exact")],
        ),
        ("It was revised from 12 to 9.", [("12", 12, 12, "exact"), ("9", 9, 9, "exact")]),
        ("killed 21 to about", [("21", 21, 21, "exact")]),
    ],
)
def test_from_x_to_y(text: str, expected: list[tuple]):
    """(Found by hypothesis: "21 to about" at the end of a text once read past its end.)"""
    got = [(m.span.text, m.low, m.high, m.qualifier) for m in find_numbers(text)]
    assert got == expected


def test_find_numbers_in_a_sentence():
    text = "At least 21 civilians, including two children, died; dozens of others were hurt."
    got = [(m.span.text, m.number_span.text, m.value, m.qualifier) for m in find_numbers(text)]
    assert got == [
        ("At least 21", "21", 21, "at_least"),
        ("two", "two", 2, "exact"),
        ("dozens of", "dozens", 12, "vague"),
    ]


def test_find_numbers_offsets_are_report_offsets():
    text = "Intro. Then 40 people fled. And 3 more."
    m = find_numbers(text, start=12, end=27, sentence=1)
    assert [(x.span.start, x.span.end, x.sentence) for x in m] == [(12, 14, 1)]
    assert text[m[0].span.start : m[0].span.end] == "40"


def test_find_numbers_empty_window():
    assert find_numbers("21 dead", start=5, end=5) == []
    assert find_numbers("") == []


def test_a_person_counts_one():
    got = [(m.span.text, m.value) for m in find_numbers("After a deadly raid a woman was killed.")]
    assert got == [("a", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("THE GUNMEN KILLED A PERUVIAN, AND WOUNDED AN ECUADOREAN.", [("A", 1), ("AN", 1)]),
        ("A Palestinian was killed at the checkpoint.", [("A", 1)]),
        # a people before a noun: the noun says what is counted
        ("An Israeli airstrike hit the house.", []),
        ("A Salvadoran army patrol came under fire.", []),
    ],
)
def test_one_of_a_people_counts_one_where_the_word_ends_its_phrase(text, expected):
    assert [(m.span.text, m.value) for m in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen shot dead a young girl at the checkpoint.", [("a", 1)]),
        ("The jets killed a rebel commander near Idlib.", [("a", 1)]),
        ("The jets killed a terrorist commander near Idlib.", [("a", 1)]),
        ("A few soldiers were wounded in the blast.", []),
        ("A number of civilians were wounded in the blast.", []),
        ("A car bomb hit the market.", []),
    ],
)
def test_a_person_with_a_modifier_counts_one(text: str, expected: list[tuple]):
    assert [(m.span.text, m.value) for m in find_numbers(text) if m.value == 1] == expected


def test_numeric_dates_are_dates_not_ranges():
    got = [(m.span.text, m.kind) for m in find_numbers("29-06-2016 7 Civilians Killed; 06-2016")]
    assert got == [
        ("29", "date"),
        ("06", "date"),
        ("2016", "date"),
        ("7", "count"),
        ("06", "date"),
        ("2016", "date"),
    ]


def test_text_that_lost_its_spaces():
    # PDF extraction glues words: "at least140,000", "with14,593" are still counts.
    got = {m.span.text: m.kind for m in find_numbers("at least140,000 people, with14,593 homes")}
    assert got == {"at least140,000": "count", "14,593": "count"}


def test_stage_fills_context_numbers():
    report = make_report("Five people died. The toll rose to 12 on 3 May.")
    ctx = Context(report=report)
    sentences.run(ctx)
    numbers.run(ctx)
    assert [(n.value, n.sentence, n.kind) for n in ctx.numbers] == [
        (5, 0, "count"),
        (12, 1, "count"),
        (3, 1, "date"),
    ]


# --- properties ----------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words(n: int) -> str:
    """English words for 0 <= n < 10**9, written independently of the parser."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + _words(rest) if rest else "")
    for scale, name in ((10**6, "million"), (1000, "thousand")):
        if n >= scale:
            rest = n % scale
            head = _words(n // scale) + " " + name
            if not rest:
                return head
            return head + (" and " if rest < 100 else " ") + _words(rest)
    raise AssertionError(n)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_crashes_and_spans_slice_the_text(text: str):
    for m in find_numbers(text):
        assert m.span.text == text[m.span.start : m.span.end]
        assert m.number_span.text == text[m.number_span.start : m.number_span.end]
        assert m.span.start <= m.number_span.start <= m.number_span.end <= m.span.end
        assert m.qualifier in ("exact", "at_least", "at_most", "about", "range", "vague")
        assert m.value >= 0
        if m.qualifier == "range":
            assert m.low is not None and m.high is not None and m.low < m.high


@given(
    st.lists(
        st.sampled_from(
            [
                "at least",
                "about",
                "dozens of",
                "killed",
                "21",
                "1,300",
                "-",
                "to",
                "and",
                "2011",
                "twenty",
                "-five",
                " ",
                "\n",
                "%",
                "million",
                "between",
            ]
        ),
        max_size=30,
    )
)
@settings(max_examples=300, deadline=None)
def test_never_crashes_on_number_soup(parts: list[str]):
    text = " ".join(parts)
    for m in find_numbers(text):
        assert m.span.text == text[m.span.start : m.span.end]
    parse_number(text)


@given(st.integers(min_value=1000, max_value=10**12))
def test_round_trip_digits_with_commas(n: int):
    # above a billion the number is read as it is, and is no count of people
    kind = "count" if n <= 10**9 else "implausible"
    assert parse_number(f"{n:,}") == ParsedNumber(
        value=n, low=n, high=n, qualifier="exact", kind=kind
    )


@given(st.integers(min_value=1000, max_value=10**9))
def test_round_trip_digits_with_thin_spaces(n: int):
    parsed = parse_number(f"{n:,}".replace(",", "\u202f"))
    assert parsed is not None and parsed.value == n


@given(st.integers(min_value=0, max_value=10**9 - 1))
def test_round_trip_words(n: int):
    parsed = parse_number(_words(n))
    assert parsed is not None and parsed.value == n, _words(n)


@given(
    st.integers(min_value=1, max_value=10**7), st.sampled_from(["at least", "more than", "over"])
)
def test_at_least_bounds(n: int, words: str):
    parsed = parse_number(f"{words} {n:,}")
    low = n if words == "at least" else n + 1  # "more than 70" leaves 70 out
    assert parsed == ParsedNumber(value=n, low=low, high=None, qualifier="at_least")


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_between_is_a_range_when_ordered(a: int, b: int):
    parsed = parse_number(f"between {a:,} and {b:,}")
    if a < b:
        assert parsed == ParsedNumber(value=a, low=a, high=b, qualifier="range")
    else:
        assert parsed is None  # two numbers, not a range


# --- the word lists are data (tollwatch/data/number_words.toml) ------------------------------


def test_every_qualifier_phrase_of_the_data_file_reads_as_its_qualifier() -> None:
    from tollwatch.extract.numbers.lexicon import PRE_QUALIFIERS

    assert len(PRE_QUALIFIERS) > 30
    for words, qualifier in PRE_QUALIFIERS:
        phrase = " ".join(words)
        parsed = parse_number(f"{phrase} 40")
        assert parsed is not None, phrase
        # a longer phrase is never cut short by a shorter one it ends with ("just under")
        assert parsed.qualifier == qualifier, phrase


def test_the_data_file_gives_acleds_values_for_vague_words() -> None:
    from tollwatch.extract.numbers.lexicon import VAGUE

    assert {w: VAGUE[w] for w in ("tens", "dozens", "scores", "hundreds", "thousands")} == {
        "tens": 10,
        "dozens": 12,
        "scores": 20,
        "hundreds": 100,
        "thousands": 1000,
    }
