"""What a number is, from the words around it: a count, or a year, a date, a time, a
percentage, money, a measure, an age, an ordinal, a decimal or a label."""

from __future__ import annotations

import re

from tollwatch.extract.numbers.core import Core
from tollwatch.extract.numbers.lexicon import (
    AGE_WORDS,
    COUNT_NOUNS,
    CURRENCY_SIGNS,
    GLUE_OK,
    LABEL_WORDS,
    MEASURE_UNITS,
    MONEY_WORDS,
    MONTHS,
    TIME_WORDS,
    WEEKDAYS,
)
from tollwatch.extract.numbers.tokens import Tok, is_year

_SEPARATOR = re.compile(r"[,\u00a0\u2009\u202f ]")


def kind(toks: list[Tok], nf: int, nl: int, first: int, core: Core) -> str:
    """What the number of tokens ``nf..nl`` (its count text starting at ``first``) is."""
    n = len(toks)
    t = toks[nf]
    prev = toks[first - 1] if first > 0 else None
    prev2 = toks[first - 2] if first > 1 else None
    nxt = toks[nl + 1] if nl + 1 < n else None
    nxt2 = toks[nl + 2] if nl + 2 < n else None
    adjacent_next = nxt is not None and nxt.start == toks[nl].end
    if t.kind == "num":
        found = _digit_kind(toks, t, first, prev, prev2, nxt, nxt2, adjacent_next)
        if found is not None:
            return found
    if nxt is not None:
        if nxt.low in ("per", "percent", "pc", "pct") and (
            nxt.low != "per" or (nxt2 is not None and nxt2.low in ("cent", "centum"))
        ):
            return "percent"
        if nxt.low in TIME_WORDS and t.kind == "num":
            return "time"
        if nxt.low in MONEY_WORDS:
            return "money"
        if nxt.low in MEASURE_UNITS and not (nxt.low == "m" and not adjacent_next):
            # "12-year-old", "three days", "20 km"; "a 12-year-old girl" is still an age
            if nxt.low in ("year", "years") and nxt2 is not None and nxt2.low in ("old",):
                return "age"
            return "measure"
        if nxt.text in ("-", "‐") and nxt2 is not None and nxt2.low in MEASURE_UNITS:
            if nxt2.low in ("year", "years"):
                return "age"
            return "measure"
        if nxt.low in MONTHS and t.kind == "num" and core.value <= 31:
            return "date"
    if prev is not None:
        if prev.low in AGE_WORDS:
            return "age"
        if prev.low in MONTHS and t.kind == "num":
            return "date" if core.value <= 31 or is_year(t) else "count"
        if prev.low in LABEL_WORDS and prev.kind == "word" and first == nf:
            return "label"
        if prev.low in WEEKDAYS and t.kind == "num" and core.value <= 31:
            # "Tuesday 25 October" is a date; "On Tuesday 25 people were killed" is not
            if nxt is not None and (nxt.low in MONTHS or nxt.low == "of"):
                return "date"
        if prev.text in CURRENCY_SIGNS:
            return "money"
    if t.kind == "num" and is_year(t) and first == nf:
        following = nxt.low if nxt is not None else ""
        if following not in COUNT_NOUNS:
            return "year"
    if (
        t.kind == "num"
        and prev is not None
        and prev.text == "("
        and nxt is not None
        and nxt.text == ")"
        and is_year(t)
    ):
        return "year"
    if core.decimal:
        return "decimal"  # "2.5" counts no people
    return "count"


def _digit_kind(
    toks: list[Tok],
    t: Tok,
    first: int,
    prev: Tok | None,
    prev2: Tok | None,
    nxt: Tok | None,
    nxt2: Tok | None,
    adjacent_next: bool,
) -> str | None:
    """The kinds only digits have, from the characters glued to them ("A320", "6:30", "5%",
    "$5", "#3", "15th"); None when nothing glued decides."""
    if prev is not None and prev.kind == "word" and prev.end == t.start:
        # "A320", "F16", "COVID19" are names; "with14,593" is text whose spaces were lost
        # ("killed12", "displacing1,200": a verb form glued on is lost space too)
        glued_verb = len(prev.low) > 4 and prev.low.endswith(("ed", "ing"))
        if not _SEPARATOR.search(t.text) and prev.low not in GLUE_OK and not glued_verb:
            return "label"
    if nxt is not None and adjacent_next and nxt.low in ("st", "nd", "rd", "th"):
        return "ordinal"
    if nxt is not None and nxt.text in (":", ".") and adjacent_next and nxt2 is not None:
        if nxt2.kind == "num" and nxt2.start == nxt.end and len(nxt2.text) == 2:
            return "time"
    if nxt is not None and nxt.text == "%":
        return "percent"
    if prev is not None and prev.text in CURRENCY_SIGNS:
        return "money"
    if prev is not None and prev.kind == "word" and prev.low in ("us", "usd", "eur"):
        if prev2 is not None:
            return "money"
    if (
        prev is not None
        and prev.text in ("#", "/")
        or (nxt is not None and nxt.text == "/" and adjacent_next)
    ):
        return "label"
    if prev is not None and prev.text in (":", ".") and prev.end == t.start and first >= 2:
        if toks[first - 2].kind == "num" and toks[first - 2].end == prev.start:
            return "time"  # the "30" of "6:30"
    return None


def numeric_dates(toks: list[Tok]) -> dict[int, int]:
    """Digit groups joined by - / . with no spaces ("29-06-2016", "2016/06/29", "06-2016"):
    {first token index: last token index} of each such date."""
    out: dict[int, int] = {}
    n = len(toks)
    i = 0
    while i < n:
        if toks[i].kind != "num" or "," in toks[i].text or " " in toks[i].text:
            i += 1
            continue
        j = i
        groups = [toks[i].text]
        seps = set()
        while (
            j + 2 < n
            and toks[j + 1].text in ("-", "/", ".")
            and toks[j + 1].start == toks[j].end
            and toks[j + 2].kind == "num"
            and toks[j + 2].start == toks[j + 1].end
        ):
            seps.add(toks[j + 1].text)
            groups.append(toks[j + 2].text)
            j += 2
        if len(seps) == 1 and (
            (len(groups) == 3 and all(g.isdigit() for g in groups))
            or (
                len(groups) == 2
                and len(groups[0]) == 2
                and len(groups[1]) == 4
                and groups[0].isdigit()
                and 1 <= int(groups[0]) <= 12
                and is_year(toks[j])
            )
        ):
            out[i] = j
            i = j + 1
        else:
            i += 1
    return out
