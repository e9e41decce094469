"""The scanner: every number of a token list with its qualifiers before ("at least", "up
to", "about") and after ("or more", "+"), its range ("between 320 and 500", "320-500", "two
or three") and its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.numbers.core import Core, core
from tollwatch.extract.numbers.kinds import kind, numeric_dates
from tollwatch.extract.numbers.lexicon import (
    CHANGE_WORDS,
    PRE_QUALIFIERS,
    STRICT_LOWER,
    UPPER_QUALIFIERS,
)
from tollwatch.extract.numbers.mention import MAX_COUNT
from tollwatch.extract.numbers.tokens import Tok

_YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(slots=True)
class Found:
    """A number the scanner found: its meaning and token indices."""

    value: int
    low: int | None
    high: int | None
    qualifier: str
    first: int  # first token of the count text (with its qualifier)
    last: int
    num_first: int  # first token of the number words
    num_last: int
    kind: str


def scan(toks: list[Tok]) -> list[Found]:
    """The numbers of ``toks``, in order."""
    out: list[Found] = []
    n = len(toks)
    dates = numeric_dates(toks)
    i = 0
    while i < n:
        if i in dates:  # "29-06-2016": one date, not a range or three counts
            last = dates[i]
            for k in range(i, last + 1, 2):
                v = int(toks[k].text) if toks[k].text.isdigit() else 0
                out.append(Found(v, v, v, "exact", k, k, k, k, "date"))
            i = last + 1
            continue
        c = core(toks, i)
        if c is None:
            i += 1
            continue
        found = _qualified(toks, i, c)
        out.append(found)
        i = max(found.num_last, found.last) + 1
    return out


def _qualified(toks: list[Tok], i: int, c: Core) -> Found:
    """The number ``c`` starting at token ``i`` with its range, qualifiers and kind."""
    n = len(toks)
    first, last = c.first, c.last
    num_first, num_last = c.first, c.last
    value = c.value
    low: int | None = value
    high: int | None = value
    qualifier = "vague" if c.vague else "exact"
    if c.vague:
        high = None
    # ranges: "between X and Y", "X to Y", "X-Y", "X or Y"
    j = c.last + 1
    if j + 1 < n and toks[j].low in ("to", "-", "–", "—", "or", "and") and not c.vague:
        second = core(toks, j + 1)
        open_top = False
        if second is None and toks[j].low == "to":
            # "from 500 to well over 1,000": the upper end has its own qualifier
            k = j + 1
            while k < n and k <= j + 3 and toks[k].low in UPPER_QUALIFIERS:
                k += 1
            if j + 1 < k < n:
                second = core(toks, k)
                open_top = any(toks[m].low in ("over", "more") for m in range(j + 1, k))
        is_between = i > 0 and toks[i - 1].low == "between"
        # "rose from 31 to 45" is a change of a toll, not a range; "killed from 500 to
        # 1,000 people" is a range
        is_from = i > 1 and toks[i - 1].low == "from" and toks[i - 2].low in CHANGE_WORDS
        ok_sep = toks[j].low != "and" or is_between
        if (
            second is not None
            and not second.vague
            and ok_sep
            and not is_from
            and (toks[j].low in ("to", "or", "and") or toks[j].end == toks[j + 1].start)
        ):
            v1 = value
            v2 = second.value
            if second.scaled and not c.scaled and v1 < 1000 and v2 >= 1000:
                scale = v2 // max(1, _leading(v2))
                v1 = v1 * scale if scale > 1 else v1
            if v1 < v2 and not _both_years(toks, c, second):
                value, low, high = v1, v1, (None if open_top else v2)
                qualifier = "range"
                last = num_last = second.last
                if is_between or (i > 0 and toks[i - 1].low == "from"):
                    first = i - 1
    if c.vague and c.of_end is not None:
        last = c.of_end
    # qualifiers before ("more than a thousand" stays vague, its words in the count text)
    strict = False
    if qualifier != "range" or first == num_first:
        pre = _pre_qualifier(toks, first)
        if pre is not None:
            q, qfirst = pre
            if q != "exact" and qualifier == "exact":
                qualifier = q
                strict = tuple(t.low for t in toks[qfirst:first]) in STRICT_LOWER
                first = qfirst
            elif q == "exact" or qualifier == "vague":
                first = qfirst
    # qualifiers after: "or more", "+", "-plus", "or so"
    k = last + 1
    if qualifier == "exact" and k < n:
        if k + 1 < n and toks[k].low == "or" and toks[k + 1].low in ("more", "so"):
            qualifier = "at_least" if toks[k + 1].low == "more" else "about"
            last = k + 1
        elif toks[k].text == "+" and toks[k].start == toks[k - 1].end:
            qualifier = "at_least"
            last = k
        elif k + 1 < n and toks[k].text == "-" and toks[k + 1].low == "plus":
            qualifier = "at_least"
            last = k + 1
    if qualifier == "at_least":
        low, high = value + strict, None  # "more than 70": at least 71
    elif qualifier == "at_most":
        low, high = None, value
    elif qualifier == "about":
        low, high = None, None
    what = kind(toks, num_first, num_last, first, c)
    if what == "count" and _signed(toks, num_first, first):
        what = "negative"  # "-5 killed" is no count of 5
    elif what == "count" and max(value, high or 0) > MAX_COUNT:
        what = "implausible"
    return Found(value, low, high, qualifier, first, last, num_first, num_last, what)


def _pre_qualifier(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """Qualifier phrase that ends just before token i: (qualifier, index of its first token)."""
    for words, qual in PRE_QUALIFIERS:
        k = len(words)
        if i - k < 0:
            continue
        if all(toks[i - k + m].low == words[m] for m in range(k)):
            return qual, i - k
    return None


def _signed(toks: list[Tok], num_first: int, first: int) -> bool:
    """A minus sign glued to the digits and standing free before them ("-5", "−5"); not the
    hyphen of "COVID-19" or of a range "3-5"."""
    if first != num_first or num_first == 0 or toks[num_first].kind != "num":
        return False
    sign = toks[num_first - 1]
    if sign.text not in ("-", "\u2212") or sign.end != toks[num_first].start:
        return False
    return num_first == 1 or toks[num_first - 2].end < sign.start


def _leading(v: int) -> int:
    """The significant digits of a scaled number: 2 for 2,000,000."""
    while v and v % 10 == 0:
        v //= 10
    return v


def _both_years(toks: list[Tok], a: Core, b: Core) -> bool:
    def year(c: Core) -> bool:
        t = toks[c.first]
        return t.kind == "num" and _YEAR.fullmatch(t.text) is not None

    return year(a) and year(b)
