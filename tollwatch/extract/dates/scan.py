"""Scanning a text for date expressions and resolving them into :class:`Found` dates.

Overlapping matches keep the longest expression, then the earliest. Two expressions joined by
"and", "to", "until" after "between" or "from" make one range; "since" before an expression
makes a period that runs to publication; "the previous day", "the next day" and "the same
day" count from the last exact date told before them (not from a dateline).

Roles: an expression tells when something happened (``event``), when somebody spoke ("a
monitor said on Sunday": ``speech``), something still to come (``future``: "talks will be
held on Friday" is the next Friday) or the report's own dateline (``dateline``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tollwatch.extract.dates.expressions import basis_of, rule_of
from tollwatch.extract.dates.patterns import (
    ASCII_LOWER,
    EMPTY,
    FUTURE_CUE,
    LOWERED,
    PATTERNS,
    RANGE_JOIN,
    RANGE_OPEN,
    SINCE,
    SPEECH_BEFORE,
    WEEKDAYS,
)
from tollwatch.extract.dates.resolve import Impossible, NotADate, Resolved, precision_for, resolve
from tollwatch.model import Span

__all__ = ["Found", "all_lower", "find", "is_head_dateline", "scan"]


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def scan(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    lowered = text.translate(ASCII_LOWER)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(lowered if kind in LOWERED else text):
            if all_lower(m):
                continue
            # Patterns that need a word before them ("in March") mark the expression as "e".
            start, end = m.span("e") if "e" in pattern.groupindex else m.span()
            hits.append(_Hit(start, end, kind, m))
    # Overlaps: the longest expression wins, then the earliest.
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[_Hit] = []
    for h in hits:
        if chosen and h.start < chosen[-1].end:
            if h.end - h.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = h
            continue
        chosen.append(h)
    return chosen


def all_lower(m: re.Match[str]) -> bool:
    """Month and weekday names must be capitalised: "may", "march", "sun" are other words."""
    word = m.groupdict().get("mon") or m.groupdict().get("wd") or ""
    return bool(word) and word[0].islower()


@dataclass(frozen=True, slots=True)
class Found:
    """One resolved expression before it is tied to a sentence (public for tests and tools).

    ``kind`` is what resolved it ("weekday", "since_year"; :mod:`.expressions`), ``rule`` the
    registered rules it names, ``basis`` stated or relative (to publication)."""

    start: int
    end: int
    text: str
    resolved_start: date | None
    resolved_end: date | None
    precision: int | None
    kind: str
    role: str
    basis: str = "stated"

    @property
    def rule(self) -> str:
        return rule_of(self.kind)


def find(
    text: str, pub: date | None, dateline: Span | None = None
) -> tuple[list[Found], list[Span]]:
    """Every date expression of ``text`` resolved against ``pub`` (in text order), and the
    spans of those that name no real day. ``dateline``: the span of the report's dateline,
    whose expression gets the role ``dateline``."""
    hits = scan(text)
    found: list[Found] = []
    impossible: list[Span] = []
    resolved: list[tuple[_Hit, Resolved]] = []
    for h in hits:
        try:
            resolved.append((h, resolve(h.kind, h.match, pub)))
        except Impossible:
            impossible.append(Span(start=h.start, end=h.end, text=text[h.start : h.end]))
        except NotADate:
            continue
        except (OverflowError, ValueError):  # a publication date at the calendar's ends
            resolved.append((h, Resolved(None, None, None, h.kind)))
    i = 0
    while i < len(resolved):
        h, r = resolved[i]
        start, end = h.start, h.end
        # A range: "between A and B", "from A to B".
        if i + 1 < len(resolved):
            h2, r2 = resolved[i + 1]
            head = RANGE_OPEN.search(text, max(0, start - 12), start)
            joined = RANGE_JOIN.match(text[end : h2.start])
            if (
                joined
                and h.kind == h2.kind == "weekday"
                and not (head and head.end() == start)
                and not (h.match.group("pre") or "").lower().startswith(("last", "next"))
                and not (h2.match.group("pre") or "").lower().startswith(("last", "next"))
            ):
                # "on Saturday and Sunday": one stretch of two days, told as a range.
                head = EMPTY.match(text, start)
            if head and head.end() == start and joined:
                r2 = _year_from_left(h2, r2, r, pub)
                r = _year_to_right(h, r, r2)
                if h.kind == h2.kind == "weekday" and r2.end is not None:
                    # "from Monday to Wednesday": Monday is the one before that Wednesday.
                    wd = WEEKDAYS[h.match.group("wd").lower()]
                    first = r2.end - timedelta(days=(r2.end.weekday() - wd) % 7 or 7)
                    r = Resolved(first, first, 1, r.kind)
                start = head.start()
                end = h2.end
                found.append(_range(text, start, end, r, r2))
                i += 2
                continue
        since = SINCE.search(text, max(0, start - 12), start)
        if since and since.end() == start:
            start = since.start()
            r = _since(r, pub)
        role = r.role
        if role == "event":
            role = _role(text, start, end, r, pub)
        if role == "event" and h.kind == "weekday" and pub is not None and r.start is not None:
            if not h.match.group("pre") and FUTURE_CUE.search(
                text, _clause_start(text, start), start
            ):
                # "talks will be held on Thursday": the coming Thursday, not the last one.
                wd = WEEKDAYS[h.match.group("wd").lower()]
                d = pub + timedelta(days=(wd - pub.weekday()) % 7)
                r, role = Resolved(d, d, 1, r.kind), "future"
        found.append(
            Found(
                start,
                end,
                text[start:end],
                r.start,
                r.end,
                r.precision,
                r.kind,
                role,
                basis_of(r.kind),
            )
        )
        i += 1
    found = [
        dataclasses.replace(f, role="dateline")
        if (dateline is not None and f.start <= dateline.start < f.end + 1)
        or is_head_dateline(text, f)
        else f
        for f in found
    ]
    return _anaphora(found), impossible


def _year_from_left(h2: _Hit, r2: Resolved, r1: Resolved, pub: date | None) -> Resolved:
    """ "between late November 2016 and mid-March": the second end takes its year from the first."""
    if r1.start is None or h2.match.groupdict().get("year") or h2.kind not in (
        "day_month", "month_day", "month_part", "month", "range_days",
    ):  # fmt: skip
        return r2
    # Re-resolve the second end as if published at the end of the year after the first.
    try:
        anchor = date(r1.start.year + 1, 12, 31)
        cand = resolve(h2.kind, h2.match, anchor)
        if cand.start is None:
            return r2
        if cand.start.year > r1.start.year and cand.start.replace(year=r1.start.year) >= r1.start:
            cand = resolve(h2.kind, h2.match, date(r1.start.year, 12, 31))
    except (Impossible, NotADate, OverflowError, ValueError):
        return r2  # at the calendar's end (year 9999) there is no year after
    return cand


def _year_to_right(h1: _Hit, r1: Resolved, r2: Resolved) -> Resolved:
    """ "between 1 January and 10 March 2017": the first end takes its year from the second."""
    if r2.start is None or h1.match.groupdict().get("year") or h1.kind not in (
        "day_month", "month_day", "month_part", "month",
    ):  # fmt: skip
        return r1
    anchor = r2.end or r2.start
    try:
        return resolve(h1.kind, h1.match, anchor)
    except (Impossible, NotADate, OverflowError, ValueError):
        return r1


def _range(text: str, start: int, end: int, r1: Resolved, r2: Resolved) -> Found:
    basis = "relative" if "relative" in (basis_of(r1.kind), basis_of(r2.kind)) else "stated"
    if r1.start is None or r2.end is None:
        return Found(start, end, text[start:end], None, None, None, "range", "event", basis)
    s, e = r1.start, r2.end or r2.start
    if e < s:
        s, e = e, s
    return Found(start, end, text[start:end], s, e, precision_for(s, e), "range", "event", basis)


def _since(r: Resolved, pub: date | None) -> Resolved:
    if r.start is None or pub is None:
        return Resolved(None, None, None, "since_" + r.kind)
    end = max(pub, r.start)
    return Resolved(r.start, end, precision_for(r.start, end), "since_" + r.kind)


def _role(text: str, start: int, end: int, r: Resolved, pub: date | None) -> str:
    if pub is not None and r.start is not None and r.start > pub:
        return "future"
    if SPEECH_BEFORE.search(text, max(0, start - 90), start):
        return "speech"
    if (
        r.kind != "range"
        and r.start == pub
        and FUTURE_CUE.search(text, _clause_start(text, start), start)
    ):
        return "future"
    return "event"


def _clause_start(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins (bounded, so that a huge text without full
    stops stays linear)."""
    floor = max(0, start - 300)
    return max(text.rfind(".", floor, start), text.rfind("\n", floor, start), floor - 1) + 1


def _anaphora(found: list[Found]) -> list[Found]:
    """ "the previous day", "the next day", "the same day": relative to the date told before."""
    out: list[Found] = []
    anchor: Found | None = None
    for f in found:
        if f.kind in ("previous_day", "next_day", "same_day"):
            if anchor is not None and anchor.resolved_start is not None and anchor.precision == 1:
                shift = {"previous_day": -1, "next_day": 1, "same_day": 0}[f.kind]
                d = anchor.resolved_start + timedelta(days=shift)
                f = dataclasses.replace(
                    f, resolved_start=d, resolved_end=d, precision=1, basis=anchor.basis
                )
        elif f.role in ("event", "speech") and f.resolved_start is not None:
            anchor = f
        out.append(f)
    return out


_NOT_DATELINE_BEFORE = re.compile(
    r"\b(?:on|of|since|from|until|till|by|in|the|and|to|between|before|after|during)\s*$",
    re.IGNORECASE,
)


def is_head_dateline(text: str, f: Found) -> bool:
    """A full date near the head of the text that no preposition governs ("... Monitor AFP
    Saturday 20 Sep 2014 At least 18 ..."): the report's dateline, not an event's date."""
    if f.start > 300 or f.kind not in ("explicit_date", "numeric_day_first", "numeric_month_first"):
        return False
    if _NOT_DATELINE_BEFORE.search(text, max(0, f.start - 12), f.start):
        return False
    after = text[f.end : f.end + 3].lstrip(" )(,.-–—:|")
    return not after or after[:1].isupper() or after[:1].isdigit()
