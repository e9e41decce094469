"""The publication date a report writes itself: its dateline or a "Published on" line.

A dateline or "Date of publication" line ("BEIRUT, Nov 30 (Reuters) -", "Wed 05 Apr 2017",
"Published on 3 May 2018") fills a missing publication date (the stage notes it). A dateline
without a year takes it from the latest full date in the text, or is not used.
"""

from __future__ import annotations

import re
from datetime import date

from tollwatch.extract.dates.patterns import ASCII_LOWER, PATTERN, PUBLISHED_LINE
from tollwatch.extract.dates.resolve import Impossible, NotADate, resolve
from tollwatch.extract.dates.scan import all_lower, find
from tollwatch.model import Span

__all__ = ["published_in_text"]


def published_in_text(text: str) -> tuple[date, Span] | None:
    """A publication date the text states itself: a dateline at its head ("BEIRUT, Nov 30
    (Reuters) -", "Wed 05 Apr 2017") or a "Date of publication" / "Published on" line.

    A dateline without a year ("Nov 30") is the first such day on or after the latest full date
    written in the text; with no full date in the text it is not used (the year would be a
    guess).
    """
    for m in PUBLISHED_LINE.finditer(text.translate(ASCII_LOWER)):
        lead = text[max(0, m.start() - 1) : m.start()]
        if lead and lead not in "\n\t ([|":
            continue
        got = _date_at(text, m.end(), m.end(), need_year=True)
        if got:
            return got
    head = text[:200]
    for kind in ("iso", "numeric", "day_month", "month_day"):
        for m in PATTERN[kind].finditer(head):
            prefix = head[: m.start()]
            if prefix.strip() and not _DATELINE_PLACE.match(prefix):
                continue
            tail_ok = bool(_DATELINE_TAIL.match(head[m.end() :]))
            if prefix.strip() and not tail_ok:
                continue
            got = _date_at(text, m.start(), m.end(), need_year=not tail_ok, kind=kind)
            if got:
                return got
    return None


# What may stand before a dateline's date: a place in capitals ("BEIRUT,", "GAZIANTEP, Turkey,").
_DATELINE_PLACE = re.compile(
    r"^\s*[A-Z][A-Z'’.-]+(?:[ /-][A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+){0,2},?\s*$"
)
# What follows a dateline's date: an agency in brackets and a dash ("(Reuters) -").
_DATELINE_TAIL = re.compile(r"^\s*(?:\([A-Za-z .&/-]{1,40}\)\s*)?[-–—:]")


def _date_at(
    text: str, pos: int, end: int, *, need_year: bool, kind: str | None = None
) -> tuple[date, Span] | None:
    """The full date that starts at ``pos`` (for a dateline: the match ``pos:end`` of ``kind``)."""
    kinds = (kind,) if kind else ("iso", "numeric", "day_month", "month_day")
    window = text[pos : (end if kind else pos + 60)]
    for k in kinds:
        m = PATTERN[k].match(window)
        if not m or all_lower(m):
            continue
        span = Span(
            start=pos + m.start(), end=pos + m.end(), text=text[pos + m.start() : pos + m.end()]
        )
        has_year = k in ("iso", "numeric") or bool(m.groupdict().get("year"))
        try:
            if has_year:
                r = resolve(k, m, None)
            elif need_year:
                return None
            else:
                latest = _latest_full_date(text)
                if latest is None:
                    return None
                # The first such day on or after the latest full date the report tells of.
                r = resolve(k, m, date(latest.year, 12, 31))
                if r.start is not None and r.start < latest:
                    r = resolve(k, m, date(latest.year + 1, 12, 31))
                    if r.start is None or r.start.year != latest.year + 1:
                        return None
        except (Impossible, NotADate, OverflowError, ValueError):
            # not a day ("12-05-17" read as a reference), or past the calendar's ends
            return None
        return (r.start, span) if r.start else None
    return None


def _latest_full_date(text: str) -> date | None:
    """The latest day named with its year in ``text`` (a full date, not a month or year)."""
    days = [
        f.resolved_start
        # Published "in the far future" only so that "since 2 March 2020" keeps its start.
        for f in find(text[:20000], date(9000, 1, 1))[0]
        if f.resolved_start is not None
        and f.kind.removeprefix("since_")
        in ("explicit_date", "numeric_day_first", "numeric_month_first")
    ]
    return max(days) if days else None
