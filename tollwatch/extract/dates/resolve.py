"""Resolving one matched date expression against the publication date.

* A weekday is the last such day on or before the publication date ("on Wednesday" in a
  report published on a Wednesday is that day; "last Wednesday" is the one before).
* A day and month without a year take the publication year, or the year before when that
  would put the date more than a month after publication.
* Numeric dates are read day first ("05/04/2017" is 5 April), as most conflict reporting
  outside the United States writes them; only when day-first is impossible and month-first
  is not ("11/30/2016") are they read month first.
* Without a publication date anything relative to it resolves to ``start=None``: a guess is
  worse than null.

Precision follows UCDP GED's ``date_prec`` (:func:`precision_for`). Each result names its
kind (``Resolved.kind``: "explicit_date", "weekday", ...; :mod:`.expressions` maps kinds to
the registered rules).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tollwatch.extract.dates.patterns import MONTHS, NUMBER_WORDS, WEEKDAYS


def precision_for(start: date, end: date) -> int:
    """UCDP ``date_prec`` of a range by its length: 1 day, 2-6 days 2, 7 days 3, to 31 days 4, else 5."""
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    if days <= 31:
        return 4
    return 5


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, pub: date | None) -> int | None:
    """The year of a day and month said without one: the publication year, unless that puts it
    more than a month after publication (then the year before)."""
    if pub is None:
        return None
    year = pub.year
    probe = _safe_date(year, month, min(day, 28)) or date(year, month, 1)
    if probe > pub + timedelta(days=31):
        year -= 1
    return year


def _month_year_for(month: int, pub: date | None) -> int | None:
    """The year of a month named alone: the latest such month on or before publication."""
    if pub is None:
        return None
    return pub.year if month <= pub.month else pub.year - 1


def _weekday_on_or_before(pub: date, weekday: int) -> date:
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


@dataclass(frozen=True, slots=True)
class Resolved:
    start: date | None
    end: date | None
    precision: int | None
    kind: str  # what resolved it: "explicit_date", "weekday", ... (see .expressions)
    role: str = "event"


class Impossible(Exception):
    """A date expression that names no real day ("31 February")."""


class NotADate(Exception):
    """A match that turns out not to be a date at all: skipped without a note."""


def _dr(start: date | None, end: date | None, kind: str, precision: int | None = None) -> Resolved:
    if start is None or end is None:
        return Resolved(None, None, None, kind)
    if end < start:
        start, end = end, start
    return Resolved(
        start, end, precision if precision is not None else precision_for(start, end), kind
    )


def _part_range(part: str, year: int, month: int | None) -> tuple[date, date]:
    part = " ".join(part.lower().split())
    if month is None:  # a part of a year: thirds of it
        if part == "early" or part.endswith(("start of", "beginning of")):
            return date(year, 1, 1), date(year, 4, 30)
        if part in ("mid",) or part.endswith("middle of"):
            return date(year, 5, 1), date(year, 8, 31)
        return date(year, 9, 1), date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    if part == "early" or part.endswith(("start of", "beginning of")):
        return date(year, month, 1), date(year, month, 10)
    if part == "mid" or part.endswith("middle of"):
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), date(year, month, last)


def resolve(kind: str, m: re.Match[str], pub: date | None) -> Resolved:
    """Resolve one matched expression; raises :class:`Impossible` for dates that cannot be."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        if d is None:
            raise Impossible(m.group())
        return _dr(d, d, "explicit_date")
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), g["year"]
        if len(y) == 2 and g["sep"] != "/":
            raise NotADate(m.group())  # "1.2.33" is a version or a reference, not a day
        year = int(y) if len(y) == 4 else 2000 + int(y)
        d = _safe_date(year, b, a)  # day first
        if d is not None:
            return _dr(d, d, "numeric_day_first")
        d = _safe_date(year, a, b)
        if d is not None:
            return _dr(d, d, "numeric_month_first")
        raise Impossible(m.group())
    if kind in ("day_month", "month_day"):
        month, day = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
            if d is None:
                raise Impossible(m.group())
            return _dr(d, d, "explicit_date")
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February passes
            raise Impossible(m.group())
        year = _year_for(month, day, pub)
        if year is None:
            return Resolved(None, None, None, "day_month")
        d = _safe_date(year, month, day)
        if d is None:  # 29 February outside a leap year
            raise Impossible(m.group())
        return _dr(d, d, "day_month")
    if kind == "range_days":
        mon = g.get("mon") or g.get("mon_b")
        d1 = int(re.sub(r"\D", "", g.get("d1") or g.get("d1b") or ""))
        d2 = int(re.sub(r"\D", "", g.get("d2") or g.get("d2b") or ""))
        month = _month(mon)
        y = g.get("year") or g.get("year_b")
        if d1 >= d2 or _safe_date(2000, month, d2) is None:
            raise Impossible(m.group())
        year = int(y) if y else _year_for(month, d1, pub)
        if year is None:
            return Resolved(None, None, None, "day_range")
        s, e = _safe_date(year, month, d1), _safe_date(year, month, d2)
        if s is None or e is None:
            raise Impossible(m.group())
        return _dr(s, e, "day_range")
    if kind == "month_part":
        month = _month(g["mon"])
        year = int(g["year"]) if g.get("year") else _month_year_for(month, pub)
        if year is None:
            return Resolved(None, None, None, "part_of_month")
        s, e = _part_range(g["part"], year, month)
        return _dr(s, e, "part_of_month")
    if kind == "month_year":
        month, year = _month(g["mon"]), int(g["year"])
        return _dr(date(year, month, 1), _month_end(year, month), "month", 4)
    if kind == "month":
        month = _month(g["mon"])
        year = _month_year_for(month, pub)
        if year is None:
            return Resolved(None, None, None, "month")
        if (
            (g.get("mod") or "").strip().lower() == "last"
            and pub is not None
            and month == pub.month
        ):
            year -= 1
        return _dr(date(year, month, 1), _month_end(year, month), "month", 4)
    if kind == "year_part":
        s, e = _part_range(g["part"], int(g["year"]), None)
        return _dr(s, e, "part_of_year", 5)
    if kind == "year":
        year = int(g["year"])
        return _dr(date(year, 1, 1), date(year, 12, 31), "year", 5)
    if kind == "weekday":
        return _resolve_weekday(g, pub)
    if kind == "relative":
        return _resolve_relative(g["rel"], pub)
    raise AssertionError(kind)  # pragma: no cover - every pattern has a branch


def _resolve_weekday(g: dict[str, str | None], pub: date | None) -> Resolved:
    wd = WEEKDAYS[(g["wd"] or "").lower()]
    pre = " ".join((g.get("pre") or "").lower().split())
    post = (g.get("post") or "").strip().lower()
    kind = "weekday"
    if pub is None:
        return Resolved(None, None, None, kind)
    if pre.startswith("next"):
        d = pub + timedelta(days=((wd - pub.weekday()) % 7) or 7)
        return Resolved(d, d, 1, kind, "future")
    d = _weekday_on_or_before(pub, wd)
    if pre.startswith("last") and d == pub:
        d -= timedelta(days=7)
    if pre.startswith("overnight into") or (
        (pre.startswith("overnight") or post == "overnight") and d == pub
    ):
        # "overnight into Tuesday", or "overnight Tuesday" in Tuesday's report: the night that
        # ended that morning (a night after publication cannot have been reported).
        return _dr(d - timedelta(days=1), d, "weekday_overnight", 2)
    if pre.startswith("overnight") or post == "overnight":
        return _dr(d, d + timedelta(days=1), "weekday_overnight", 2)
    return _dr(d, d, kind, 1)


def _count(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word, 1)


def _resolve_relative(rel: str, pub: date | None) -> Resolved:
    r = " ".join(rel.lower().split())
    if r.startswith("in "):
        r = r[3:]
    kind = "relative"
    if pub is None:
        return Resolved(None, None, None, kind)
    one = timedelta(days=1)
    week_start = pub - timedelta(days=pub.weekday())
    if r == "the day before yesterday":
        return _dr(pub - 2 * one, pub - 2 * one, kind)
    if r.startswith("yesterday") or r == "last night":
        return _dr(pub - one, pub - one, kind)
    if r in ("today", "earlier today", "tonight") or r in (
        "this morning", "this afternoon", "this evening", "earlier this morning",
        "earlier this afternoon", "earlier this evening",
    ):  # fmt: skip
        return _dr(pub, pub, kind)
    if r in ("later today", "later this morning", "later this afternoon", "later this evening"):
        return Resolved(pub, pub, 1, kind, "future")
    if r == "overnight":
        return _dr(pub - one, pub, "overnight", 2)
    if r == "tomorrow":
        return Resolved(pub + one, pub + one, 1, kind, "future")
    m = re.fullmatch(r"(?:the )?(?:start|beginning) of (?:the|this) (week|month|year)", r)
    if m:
        r = "this " + m.group(1)  # "since the start of the year": this year so far
    if r in ("this week", "earlier this week"):
        return _dr(week_start, pub, kind, 3)
    if r in ("last week", "past week", "this past week"):
        if r == "last week":
            s = week_start - timedelta(days=7)
            return _dr(s, s + timedelta(days=6), kind, 3)
        return _dr(pub - timedelta(days=6), pub, kind, 3)
    if r in ("last weekend", "past weekend", "this past weekend", "this weekend"):
        sat = _weekday_on_or_before(pub, 5)
        return _dr(sat, sat + one if sat + one <= pub else sat, kind, 2)
    if r in ("this month", "earlier this month"):
        return _dr(pub.replace(day=1), pub, kind, 4)
    if r == "last month":
        prev = pub.replace(day=1) - one
        return _dr(prev.replace(day=1), prev, kind, 4)
    if r in ("this year", "earlier this year"):
        return _dr(date(pub.year, 1, 1), pub, kind, 5)
    if r == "last year":
        return _dr(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), kind, 5)
    if r.startswith("later this") or r.startswith("next "):
        return Resolved(None, None, None, kind, "future")
    m = re.fullmatch(r"(?:the )?(?:past|last) (24|48|72) hours", r)
    if m:
        return _dr(pub - timedelta(days=int(m.group(1)) // 24), pub, kind, 2)
    m = re.fullmatch(r"recent (days|weeks|months)", r)
    if m:
        span = {"days": 5, "weeks": 30, "months": 364}[m.group(1)]
        return _dr(pub - timedelta(days=span), pub, kind)
    m = re.fullmatch(
        r"(?:the )?(?:past|last) (?:(few|several|couple of|\d{1,2}|two|three|four|five|six|seven|ten) )?(days|weeks|months)",
        r,
    )
    if m:
        n = _count(m.group(1) or "few")
        unit = {"days": 1, "weeks": 7, "months": 30}[m.group(2)]
        return _dr(pub - timedelta(days=max(n * unit - 1, 1)), pub, kind)
    if r in ("the previous day", "the day before", "a day earlier", "a day before"):
        return Resolved(None, None, None, "previous_day")  # resolved against the text's anchor
    if r in ("the following day", "the next day", "the day after", "a day later", "a day after"):
        return Resolved(None, None, None, "next_day")
    if r == "the same day":
        return Resolved(None, None, None, "same_day")
    m = re.fullmatch(r"(.+?) (day|week|month|year)s? ago", r)
    if m:
        n, unit = _count(m.group(1)), m.group(2)
        if unit == "day":
            d = pub - timedelta(days=n)
            return _dr(d, d, kind, 1)
        if unit == "week":
            mid = pub - timedelta(days=7 * n)
            return _dr(mid - timedelta(days=3), mid + timedelta(days=3), kind, 3)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _dr(date(y, mo + 1, 1), _month_end(y, mo + 1), kind, 4)
        return _dr(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), kind, 5)
    return Resolved(None, None, None, kind)  # pragma: no cover - the pattern admits nothing else
