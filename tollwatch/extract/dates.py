"""Stage ``dates``: find date expressions in a report and resolve them against its publication date.

Regular expressions over the text, no parse: this stage must stay cheap.

What it reads
    Explicit dates ("30 November 2016", "Nov. 30", "November 30, 2016", "2016-11-30",
    "Wed 05 Apr 2017"), numeric dates ("30/11/2016"), months ("November 2016", "in March",
    "early March"), years ("in 2016"), weekdays ("on Tuesday", "late on Monday", "Monday
    night", "Sunday's attack"), relative words ("today", "yesterday", "overnight", "last
    week", "earlier this month", "this week", "in recent days", "two days ago", "the
    previous day"), "since X" and ranges ("between 1 January and 10 March", "from Monday to
    Wednesday", "1-10 March").

How it resolves
    * A weekday is the last such day on or before the publication date ("on Wednesday" in a
      report published on a Wednesday is that day; "last Wednesday" is the one before).
    * A day and month without a year take the publication year, or the year before when
      that would put the date more than a month after publication.
    * Numeric dates are read day first ("05/04/2017" is 5 April), as most conflict
      reporting outside the United States writes them; only when day-first is impossible
      and month-first is not ("11/30/2016") are they read month first.
    * Impossible dates ("31 February", "30/13/2016") and clock times ("6:30 am") are not
      dates; neither are bare numbers ("2016 people") nor month words that are not months
      ("may", "a march"): month names must be capitalised, bare years need a preposition.
    * A report without a publication date keeps every expression's words, but anything
      relative to that date resolves to ``start=None``: a guess is worse than null.
    * A weekday in a clause about what is to come ("talks will be held on Friday") is the
      next such day, and its role is ``future``.
    * "the previous day", "the next day", "a day later" count from the last exact date told
      before them (not from a dateline); "a day after the massacre" names no day.
    * Impossible dates are left out of the mentions and noted in ``context.notes``.
    * A dateline or "Date of publication" line ("BEIRUT, Nov 30 (Reuters) -", "Wed 05 Apr
      2017", "Published on 3 May 2018") fills a missing publication date; the stage then
      replaces ``context.report`` and leaves a note saying so (a dateline without a year
      takes it from the latest full date in the text, or is not used). A dateline that
      disagrees with a publication date given is noted; the given date stays.

Precision (``DateRef.precision``) follows UCDP GED's ``date_prec``:
    1 the exact day; 2 a range of 2-6 days; 3 a week; 4 a month (or 8-31 days);
    5 a year (or any longer range). Ranges take the precision of their length; named
    periods take their own ("this week" is 3 even on a Tuesday).

Roles: each :class:`DateMention` says whether its date tells when something happened
(``event``), when somebody spoke ("a monitor said on Sunday": ``speech``), something still
to come (``future``) or the report's own dateline (``dateline``). :func:`date_for` prefers
event dates and uses the others only as weak fallbacks.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import DateRef, Span

# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """A date expression in the text, resolved against the publication date."""

    date: DateRef
    span: Span
    sentence: int
    role: str = "event"  # event | speech | future | dateline


ROLES: tuple[str, ...] = ("event", "speech", "future", "dateline")

# ---------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    _WEEKDAYS[_name.lower()] = _i
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "few": 3, "several": 4,
}  # fmt: skip

# Month names: full names, three-letter abbreviations (with an optional full stop) and "Sept".
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_UP = _MONTH.upper()  # "NOV 30" in all-caps datelines
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMWORD = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|few|several)"
# Nouns after which a bare plural weekday is a possessive whose apostrophe was lost
# ("Saturdays blast" in text scraped without punctuation).
_EVENT_NOUN = (
    r"(?:attacks?|blasts?|bombings?|strikes?|air ?strikes?|raids?|shelling|massacres?|explosions?"
    r"|clashes|fighting|assault|offensive|ambush|killings?|violence|incidents?|events?|battles?"
    r"|bombardment|barrage|shooting|attackers?|suicide)"
)
# Words that end a date expression but belong to it ("Wednesday morning").
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"

_TAIL = r"(?![\w])"  # no word character straight after the expression

# Each pattern is tried over the whole text; overlapping matches keep the longest (then the
# earliest). Named groups drive resolution in :func:`_resolve`.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range_days",  # "1-10 March 2017", "from 1 to 10 March", "March 1-10, 2017"
        re.compile(
            rf"\b(?:(?:between|from)\s+)?(?P<d1>{_DAY})\s*(?:-|–|to|and|until|till|through)\s*(?P<d2>{_DAY})"
            rf"(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?{_TAIL}"
            rf"|\b(?P<mon_b>{_MONTH})\s+(?P<d1b>{_DAY})\s*(?:-|–|to|until|through)\s*(?P<d2b>{_DAY})"
            rf"(?:,?\s+(?P<year_b>{_YEAR}))?(?![\w:,]\d|\d)"
        ),
    ),
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d:])")),
    (
        "numeric",
        re.compile(
            r"(?<![\d/.:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:1[89]|20)\d\d|\d\d)"
            r"(?![\d/:-]|\.\d)"
        ),
    ),
    (
        "day_month",  # "30 November 2016", "Wed 05 Apr 2017", "the 30th of November"
        re.compile(
            rf"\b(?:(?P<wd>{_WEEKDAY}|{_WD_ABBR}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?{_TAIL}"
        ),
    ),
    (
        "month_day",  # "November 30, 2016", "Nov. 30", "Wednesday, Nov 30"
        re.compile(
            rf"\b(?:(?P<wd>{_WEEKDAY}|{_WD_ABBR}),?\s+)?(?P<mon>{_MONTH}|{_MONTH_UP})\s+(?P<d>{_DAY})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?(?![\w:]|,\d|\.\d|\s*%)"
        ),
    ),
    (
        "month_part",  # "early March", "mid-March 2017", "the end of November"
        re.compile(
            rf"\b(?P<part>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]*(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?{_TAIL}"
        ),
    ),
    (
        "month_year",  # "November 2016", and "January2016" as text scraped from PDFs has it
        re.compile(rf"\b(?P<mon>{_MONTH}),?\s*(?P<year>{_YEAR}){_TAIL}"),
    ),
    (
        "month",  # a month alone only after a word that makes it one ("in March", not "to march")
        re.compile(
            r"\b(?i:in|since|until|till|by|during|from|through|throughout|of|between|and|to|before|after)\s+"
            r"(?P<e>(?P<mod>last\s+|this\s+)?(?P<mon>January|February|March|April|May|June|July|August"
            r"|September|October|November|December))(?!\s*\d)(?![\w-])"
        ),
    ),
    (
        "year_part",
        re.compile(
            rf"\b(?P<part>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]*(?P<year>{_YEAR})(?![\w,.]\d|\d)"
        ),
    ),
    (
        "year",  # a bare year only after a preposition ("in 2016", "since 2011")
        re.compile(
            rf"\b(?i:in|since|until|till|by|during|throughout|of|from|before|after|between|and|to)\s+(?P<e>(?P<year>{_YEAR}))"
            rf"(?![\w,.%]\d|\d|\s*(?:people|persons|civilians|families|households|%|per\s?cent))"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<pre>(?:late|early|earlier|later)(?:\s+on)?\s+|overnight(?:\s+(?:on|into))?\s+|last\s+|next\s+|this\s+(?:past\s+)?)?"
            rf"(?P<wd>{_WEEKDAY})"
            rf"(?P<post>\s+{_PART_OF_DAY}|\s*['’]s(?=\s)|s(?=\s+{_EVENT_NOUN}\b))?(?!\w)"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday(?:\s+" + _PART_OF_DAY + r")?"
            r"|(?:earlier\s+|later\s+)?today|tonight|last\s+night|overnight"
            r"|(?:earlier|later)\s+this\s+(?:week|month|year|morning|afternoon|evening)"
            r"|this\s+(?:week|month|year|morning|afternoon|evening|past\s+week(?:end)?|weekend)"
            r"|(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+(?:week|month|year)"
            r"|last\s+(?:week(?:end)?|month|year)|past\s+week(?:end)?|next\s+(?:week|month|year)|tomorrow"
            r"|(?:the\s+)?(?:past|last)\s+(?:24|48|72)\s+hours"
            r"|(?:in\s+)?recent\s+(?:days|weeks|months)"
            r"|(?:the\s+)?(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+|\d{1,2}\s+|two\s+|three\s+|four\s+|five\s+|six\s+|seven\s+|ten\s+)?(?:days|weeks|months)"
            r"|the\s+(?:previous|following|next|same)\s+day|a\s+day\s+(?:earlier|later)"
            # "the day before", not "the day before the attack" (a day we are not told)
            r"|(?:the|a)\s+day\s+(?:before|after)(?=\s*(?:[,.;:)]|$))"
            r"|" + _NUMWORD + r"\s+(?:days?|weeks?|months?|years?)\s+ago"
            r")(?![\w-])",
        ),  # matched against the text in ASCII lower case (see _scan)
    ),
]

# Speed: each pattern is first screened by the characters an expression of its kind can start
# with (Python's regex engine then skips most positions at once).
_FIRST: dict[str, str] = {
    "range_days": r"[bf\dJFMASOND]",
    "iso": r"\d",
    "numeric": r"\d",
    "day_month": r"[\dtMTWFS]",
    "month_day": r"[JFMASONDTWS]",
    "month_part": r"[emlt]",
    "month_year": r"[JFMASOND]",
    "month": r"[isutbdfoaISUTBDFOA]",
    "year_part": r"[emlt]",
    "year": r"[isutbdfoaISUTBDFOA]",
    "weekday": r"[leontMTWFS]",
    "relative": r"[tyelopnrahifsw\d]",
}
_PATTERNS = [(k, re.compile(f"(?={_FIRST[k]})" + p.pattern, p.flags)) for k, p in _PATTERNS]
_PATTERN: dict[str, re.Pattern[str]] = dict(_PATTERNS)
# Patterns matched against the text with ASCII capitals made small (same length, same offsets):
# faster than re.IGNORECASE.
_LOWERED = frozenset({"relative"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# "since" before an expression makes it the start of a period that runs to publication.
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)
# Connectors that join two expressions into a range.
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_EMPTY = re.compile(r"")
_RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|—|and|to|until|till|through|(?:and\s+)?into)\s*$", re.IGNORECASE
)
# A speech verb (with its subject's tail) just before a date: "said on Wednesday", "told
# Reuters on Tuesday", "said in a statement late on Sunday", "given by the ICRC on Tuesday".
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|say|told(?:\s+[\w.-]+){1,3}?|tells|added|adds|announced|reported|reports|stated"
    r"|confirmed|claimed|warned|denied|insisted|tweeted|wrote|noted|estimated|cited|quoted"
    r"|according\s+to(?:\s+[\w.'’-]+){1,8}?"
    r"|(?:given|issued|released|published|reported|provided|announced|made|cited|quoted)\s+by(?:\s+[\w.'’-]+){1,8}?)"
    r"(?:\s+(?:in|at|during|via|on|through)\s+(?:a|an|the|its|his|her|their)(?:\s+[\w-]+){1,3}?)?"
    r"[\s,]+(?:on\s+)?$"
    # A source cited in brackets: "(UNHCR, September 2016)".
    r"|\(\s*[A-Z][\w .&'’/-]{1,60},\s*$",
    re.IGNORECASE,
)
# Words that say the report is still to come to what it names.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|scheduled|expected\s+to|planned|plans\s+to|to\s+be\s+held|called\s+for|calls\s+for|set\s+to)\b",
    re.IGNORECASE,
)
# Sentence openers that carry on the narrative of the same time.
_SAME_TIME = re.compile(
    r"^\W*(?:meanwhile|in\s+the\s+meantime|at\s+the\s+same\s+time|simultaneously)\b", re.IGNORECASE
)

# Publication lines in the text.
_PUBLISHED_LINE = re.compile(  # matched against the text in ASCII lower case
    r"(?=[dpfr])(?:date\s+of\s+publication|publication\s+date|date\s+published|first\s+published"
    r"|published(?:\s+on)?|posted(?:\s+on)?|released(?:\s+on)?)\s*[:\-–]?\s*"
)

# ---------------------------------------------------------------------------------------------
# Resolution


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
    return _MONTHS[word.rstrip(".").lower()]


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
class _Resolved:
    start: date | None
    end: date | None
    precision: int | None
    rule: str
    role: str = "event"


class _Impossible(Exception):
    """A date expression that names no real day ("31 February")."""


class _NotADate(Exception):
    """A match that turns out not to be a date at all: skipped without a note."""


def _dr(start: date | None, end: date | None, rule: str, precision: int | None = None) -> _Resolved:
    if start is None or end is None:
        return _Resolved(None, None, None, rule)
    if end < start:
        start, end = end, start
    return _Resolved(
        start, end, precision if precision is not None else precision_for(start, end), rule
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


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> _Resolved:
    """Resolve one matched expression; raises :class:`_Impossible` for dates that cannot be."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        if d is None:
            raise _Impossible(m.group())
        return _dr(d, d, "explicit_date")
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), g["year"]
        if len(y) == 2 and g["sep"] != "/":
            raise _NotADate(m.group())  # "1.2.33" is a version or a reference, not a day
        year = int(y) if len(y) == 4 else 2000 + int(y)
        d = _safe_date(year, b, a)  # day first
        if d is not None:
            return _dr(d, d, "numeric_day_first")
        d = _safe_date(year, a, b)
        if d is not None:
            return _dr(d, d, "numeric_month_first")
        raise _Impossible(m.group())
    if kind in ("day_month", "month_day"):
        month, day = _month(g["mon"]), int(re.sub(r"\D", "", g["d"]))
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
            if d is None:
                raise _Impossible(m.group())
            return _dr(d, d, "explicit_date")
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February passes
            raise _Impossible(m.group())
        year = _year_for(month, day, pub)
        if year is None:
            return _Resolved(None, None, None, "day_month")
        d = _safe_date(year, month, day)
        if d is None:  # 29 February outside a leap year
            raise _Impossible(m.group())
        return _dr(d, d, "day_month")
    if kind == "range_days":
        mon = g.get("mon") or g.get("mon_b")
        d1 = int(re.sub(r"\D", "", g.get("d1") or g.get("d1b") or ""))
        d2 = int(re.sub(r"\D", "", g.get("d2") or g.get("d2b") or ""))
        month = _month(mon)
        y = g.get("year") or g.get("year_b")
        if d1 >= d2 or _safe_date(2000, month, d2) is None:
            raise _Impossible(m.group())
        year = int(y) if y else _year_for(month, d1, pub)
        if year is None:
            return _Resolved(None, None, None, "day_range")
        s, e = _safe_date(year, month, d1), _safe_date(year, month, d2)
        if s is None or e is None:
            raise _Impossible(m.group())
        return _dr(s, e, "day_range")
    if kind == "month_part":
        month = _month(g["mon"])
        year = int(g["year"]) if g.get("year") else _month_year_for(month, pub)
        if year is None:
            return _Resolved(None, None, None, "part_of_month")
        s, e = _part_range(g["part"], year, month)
        return _dr(s, e, "part_of_month")
    if kind == "month_year":
        month, year = _month(g["mon"]), int(g["year"])
        return _dr(date(year, month, 1), _month_end(year, month), "month", 4)
    if kind == "month":
        month = _month(g["mon"])
        year = _month_year_for(month, pub)
        if year is None:
            return _Resolved(None, None, None, "month")
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


def _resolve_weekday(g: dict[str, str | None], pub: date | None) -> _Resolved:
    wd = _WEEKDAYS[(g["wd"] or "").lower()]
    pre = " ".join((g.get("pre") or "").lower().split())
    post = (g.get("post") or "").strip().lower()
    rule = "weekday"
    if pub is None:
        return _Resolved(None, None, None, rule)
    if pre.startswith("next"):
        d = pub + timedelta(days=((wd - pub.weekday()) % 7) or 7)
        return _Resolved(d, d, 1, rule, "future")
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
    return _dr(d, d, rule, 1)


def _count(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word, 1)


def _resolve_relative(rel: str, pub: date | None) -> _Resolved:
    r = " ".join(rel.lower().split())
    if r.startswith("in "):
        r = r[3:]
    rule = "relative"
    if pub is None:
        return _Resolved(None, None, None, rule)
    one = timedelta(days=1)
    week_start = pub - timedelta(days=pub.weekday())
    if r == "the day before yesterday":
        return _dr(pub - 2 * one, pub - 2 * one, rule)
    if r.startswith("yesterday") or r == "last night":
        return _dr(pub - one, pub - one, rule)
    if r in ("today", "earlier today", "tonight") or r in (
        "this morning", "this afternoon", "this evening", "earlier this morning",
        "earlier this afternoon", "earlier this evening",
    ):  # fmt: skip
        return _dr(pub, pub, rule)
    if r in ("later today", "later this morning", "later this afternoon", "later this evening"):
        return _Resolved(pub, pub, 1, rule, "future")
    if r == "overnight":
        return _dr(pub - one, pub, "overnight", 2)
    if r == "tomorrow":
        return _Resolved(pub + one, pub + one, 1, rule, "future")
    m = re.fullmatch(r"(?:the )?(?:start|beginning) of (?:the|this) (week|month|year)", r)
    if m:
        r = "this " + m.group(1)  # "since the start of the year": this year so far
    if r in ("this week", "earlier this week"):
        return _dr(week_start, pub, rule, 3)
    if r in ("last week", "past week", "this past week"):
        if r == "last week":
            s = week_start - timedelta(days=7)
            return _dr(s, s + timedelta(days=6), rule, 3)
        return _dr(pub - timedelta(days=6), pub, rule, 3)
    if r in ("last weekend", "past weekend", "this past weekend", "this weekend"):
        sat = _weekday_on_or_before(pub, 5)
        return _dr(sat, sat + one if sat + one <= pub else sat, rule, 2)
    if r in ("this month", "earlier this month"):
        return _dr(pub.replace(day=1), pub, rule, 4)
    if r == "last month":
        prev = pub.replace(day=1) - one
        return _dr(prev.replace(day=1), prev, rule, 4)
    if r in ("this year", "earlier this year"):
        return _dr(date(pub.year, 1, 1), pub, rule, 5)
    if r == "last year":
        return _dr(date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), rule, 5)
    if r.startswith("later this") or r.startswith("next "):
        return _Resolved(None, None, None, rule, "future")
    m = re.fullmatch(r"(?:the )?(?:past|last) (24|48|72) hours", r)
    if m:
        return _dr(pub - timedelta(days=int(m.group(1)) // 24), pub, rule, 2)
    m = re.fullmatch(r"recent (days|weeks|months)", r)
    if m:
        span = {"days": 5, "weeks": 30, "months": 364}[m.group(1)]
        return _dr(pub - timedelta(days=span), pub, rule)
    m = re.fullmatch(
        r"(?:the )?(?:past|last) (?:(few|several|couple of|\d{1,2}|two|three|four|five|six|seven|ten) )?(days|weeks|months)",
        r,
    )
    if m:
        n = _count(m.group(1) or "few")
        unit = {"days": 1, "weeks": 7, "months": 30}[m.group(2)]
        return _dr(pub - timedelta(days=max(n * unit - 1, 1)), pub, rule)
    if r in ("the previous day", "the day before", "a day earlier", "a day before"):
        return _Resolved(None, None, None, "previous_day")  # resolved against the text's anchor
    if r in ("the following day", "the next day", "the day after", "a day later", "a day after"):
        return _Resolved(None, None, None, "next_day")
    if r == "the same day":
        return _Resolved(None, None, None, "same_day")
    m = re.fullmatch(r"(.+?) (day|week|month|year)s? ago", r)
    if m:
        n, unit = _count(m.group(1)), m.group(2)
        if unit == "day":
            d = pub - timedelta(days=n)
            return _dr(d, d, rule, 1)
        if unit == "week":
            mid = pub - timedelta(days=7 * n)
            return _dr(mid - timedelta(days=3), mid + timedelta(days=3), rule, 3)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _dr(date(y, mo + 1, 1), _month_end(y, mo + 1), rule, 4)
        return _dr(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), rule, 5)
    return _Resolved(None, None, None, rule)  # pragma: no cover - the pattern admits nothing else


# ---------------------------------------------------------------------------------------------
# Scanning


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def _scan(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    lowered = text.translate(_ASCII_LOWER)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(lowered if kind in _LOWERED else text):
            if _all_lower(m):
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


def _all_lower(m: re.Match[str]) -> bool:
    """Month and weekday names must be capitalised: "may", "march", "sun" are other words."""
    word = m.groupdict().get("mon") or m.groupdict().get("wd") or ""
    return bool(word) and word[0].islower()


@dataclass(frozen=True, slots=True)
class Found:
    """One resolved expression before it is tied to a sentence (public for tests and tools)."""

    start: int
    end: int
    text: str
    resolved_start: date | None
    resolved_end: date | None
    precision: int | None
    rule: str
    role: str


def find_dates(text: str, *, published: date | None = None) -> list[Found]:
    """Find and resolve every date expression of ``text`` against ``published``.

    Returns them in text order. Expressions that name no real day ("31 February") are left
    out; see :func:`find_impossible` for those.
    """
    got = published_in_text(text)
    return _find(text, published, got[1] if got else None)[0]


def find_impossible(text: str) -> list[Span]:
    """The expressions of ``text`` that look like dates but name no real day."""
    return _find(text, None)[1]


def _find(
    text: str, pub: date | None, dateline: Span | None = None
) -> tuple[list[Found], list[Span]]:
    hits = _scan(text)
    found: list[Found] = []
    impossible: list[Span] = []
    resolved: list[tuple[_Hit, _Resolved]] = []
    for h in hits:
        try:
            resolved.append((h, _resolve(h.kind, h.match, pub)))
        except _Impossible:
            impossible.append(Span(start=h.start, end=h.end, text=text[h.start : h.end]))
        except _NotADate:
            continue
        except (OverflowError, ValueError):  # a publication date at the calendar's ends
            resolved.append((h, _Resolved(None, None, None, h.kind)))
    i = 0
    while i < len(resolved):
        h, r = resolved[i]
        start, end = h.start, h.end
        # A range: "between A and B", "from A to B".
        if i + 1 < len(resolved):
            h2, r2 = resolved[i + 1]
            head = _RANGE_OPEN.search(text, max(0, start - 12), start)
            joined = _RANGE_JOIN.match(text[end : h2.start])
            if (
                joined
                and h.kind == h2.kind == "weekday"
                and not (head and head.end() == start)
                and not (h.match.group("pre") or "").lower().startswith(("last", "next"))
                and not (h2.match.group("pre") or "").lower().startswith(("last", "next"))
            ):
                # "on Saturday and Sunday": one stretch of two days, told as a range.
                head = _EMPTY.match(text, start)
            if head and head.end() == start and joined:
                r2 = _year_from_left(h2, r2, r, pub)
                r = _year_to_right(h, r, r2)
                if h.kind == h2.kind == "weekday" and r2.end is not None:
                    # "from Monday to Wednesday": Monday is the one before that Wednesday.
                    wd = _WEEKDAYS[h.match.group("wd").lower()]
                    first = r2.end - timedelta(days=(r2.end.weekday() - wd) % 7 or 7)
                    r = _Resolved(first, first, 1, r.rule)
                start = head.start()
                end = h2.end
                found.append(_range(text, start, end, r, r2))
                i += 2
                continue
        since = _SINCE.search(text, max(0, start - 12), start)
        if since and since.end() == start:
            start = since.start()
            r = _since(r, pub)
        role = r.role
        if role == "event":
            role = _role(text, start, end, r, pub)
        if role == "event" and h.kind == "weekday" and pub is not None and r.start is not None:
            if not h.match.group("pre") and _FUTURE_CUE.search(
                text, _clause_start(text, start), start
            ):
                # "talks will be held on Thursday": the coming Thursday, not the last one.
                wd = _WEEKDAYS[h.match.group("wd").lower()]
                d = pub + timedelta(days=(wd - pub.weekday()) % 7)
                r, role = _Resolved(d, d, 1, r.rule), "future"
        found.append(Found(start, end, text[start:end], r.start, r.end, r.precision, r.rule, role))
        i += 1
    found = [
        dataclasses.replace(f, role="dateline")
        if (dateline is not None and f.start <= dateline.start < f.end + 1)
        or _is_head_dateline(text, f)
        else f
        for f in found
    ]
    return _anaphora(found), impossible


def _year_from_left(h2: _Hit, r2: _Resolved, r1: _Resolved, pub: date | None) -> _Resolved:
    """ "between late November 2016 and mid-March": the second end takes its year from the first."""
    if r1.start is None or h2.match.groupdict().get("year") or h2.kind not in (
        "day_month", "month_day", "month_part", "month", "range_days",
    ):  # fmt: skip
        return r2
    # Re-resolve the second end as if published at the end of the year after the first.
    try:
        anchor = date(r1.start.year + 1, 12, 31)
        cand = _resolve(h2.kind, h2.match, anchor)
        if cand.start is None:
            return r2
        if cand.start.year > r1.start.year and cand.start.replace(year=r1.start.year) >= r1.start:
            cand = _resolve(h2.kind, h2.match, date(r1.start.year, 12, 31))
    except (_Impossible, _NotADate, OverflowError, ValueError):
        return r2  # at the calendar's end (year 9999) there is no year after
    return cand


def _year_to_right(h1: _Hit, r1: _Resolved, r2: _Resolved) -> _Resolved:
    """ "between 1 January and 10 March 2017": the first end takes its year from the second."""
    if r2.start is None or h1.match.groupdict().get("year") or h1.kind not in (
        "day_month", "month_day", "month_part", "month",
    ):  # fmt: skip
        return r1
    anchor = r2.end or r2.start
    try:
        return _resolve(h1.kind, h1.match, anchor)
    except (_Impossible, _NotADate, OverflowError, ValueError):
        return r1


def _range(text: str, start: int, end: int, r1: _Resolved, r2: _Resolved) -> Found:
    if r1.start is None or r2.end is None:
        return Found(start, end, text[start:end], None, None, None, "range", "event")
    s, e = r1.start, r2.end or r2.start
    if e < s:
        s, e = e, s
    return Found(start, end, text[start:end], s, e, precision_for(s, e), "range", "event")


def _since(r: _Resolved, pub: date | None) -> _Resolved:
    if r.start is None or pub is None:
        return _Resolved(None, None, None, "since_" + r.rule)
    end = max(pub, r.start)
    return _Resolved(r.start, end, precision_for(r.start, end), "since_" + r.rule)


def _role(text: str, start: int, end: int, r: _Resolved, pub: date | None) -> str:
    if pub is not None and r.start is not None and r.start > pub:
        return "future"
    if _SPEECH_BEFORE.search(text, max(0, start - 90), start):
        return "speech"
    if (
        r.rule != "range"
        and r.start == pub
        and _FUTURE_CUE.search(text, _clause_start(text, start), start)
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
        if f.rule in ("previous_day", "next_day", "same_day"):
            if anchor is not None and anchor.resolved_start is not None and anchor.precision == 1:
                shift = {"previous_day": -1, "next_day": 1, "same_day": 0}[f.rule]
                d = anchor.resolved_start + timedelta(days=shift)
                f = dataclasses.replace(f, resolved_start=d, resolved_end=d, precision=1)
        elif f.role in ("event", "speech") and f.resolved_start is not None:
            anchor = f
        out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# The publication date written in the text


def published_in_text(text: str) -> tuple[date, Span] | None:
    """A publication date the text states itself: a dateline at its head ("BEIRUT, Nov 30
    (Reuters) -", "Wed 05 Apr 2017") or a "Date of publication" / "Published on" line.

    A dateline without a year ("Nov 30") is the first such day on or after the latest full date
    written in the text; with no full date in the text it is not used (the year would be a
    guess).
    """
    for m in _PUBLISHED_LINE.finditer(text.translate(_ASCII_LOWER)):
        lead = text[max(0, m.start() - 1) : m.start()]
        if lead and lead not in "\n\t ([|":
            continue
        got = _date_at(text, m.end(), m.end(), need_year=True)
        if got:
            return got
    head = text[:200]
    for kind in ("iso", "numeric", "day_month", "month_day"):
        for m in _PATTERN[kind].finditer(head):
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
        m = _PATTERN[k].match(window)
        if not m or _all_lower(m):
            continue
        span = Span(
            start=pos + m.start(), end=pos + m.end(), text=text[pos + m.start() : pos + m.end()]
        )
        has_year = k in ("iso", "numeric") or bool(m.groupdict().get("year"))
        try:
            if has_year:
                r = _resolve(k, m, None)
            elif need_year:
                return None
            else:
                latest = _latest_full_date(text)
                if latest is None:
                    return None
                # The first such day on or after the latest full date the report tells of.
                r = _resolve(k, m, date(latest.year, 12, 31))
                if r.start is not None and r.start < latest:
                    r = _resolve(k, m, date(latest.year + 1, 12, 31))
                    if r.start is None or r.start.year != latest.year + 1:
                        return None
        except (_Impossible, _NotADate, OverflowError, ValueError):
            # not a day ("12-05-17" read as a reference), or past the calendar's ends
            return None
        return (r.start, span) if r.start else None
    return None


def _latest_full_date(text: str) -> date | None:
    """The latest day named with its year in ``text`` (a full date, not a month or year)."""
    days = [
        f.resolved_start
        # Published "in the far future" only so that "since 2 March 2020" keeps its start.
        for f in _find(text[:20000], date(9000, 1, 1))[0]
        if f.resolved_start is not None
        and f.rule.removeprefix("since_")
        in ("explicit_date", "numeric_day_first", "numeric_month_first")
    ]
    return max(days) if days else None


_NOT_DATELINE_BEFORE = re.compile(
    r"\b(?:on|of|since|from|until|till|by|in|the|and|to|between|before|after|during)\s*$",
    re.IGNORECASE,
)


def _is_head_dateline(text: str, f: Found) -> bool:
    """A full date near the head of the text that no preposition governs ("... Monitor AFP
    Saturday 20 Sep 2014 At least 18 ..."): the report's dateline, not an event's date."""
    if f.start > 300 or f.rule not in ("explicit_date", "numeric_day_first", "numeric_month_first"):
        return False
    if _NOT_DATELINE_BEFORE.search(text, max(0, f.start - 12), f.start):
        return False
    after = text[f.end : f.end + 3].lstrip(" )(,.-–—:|")
    return not after or after[:1].isupper() or after[:1].isdigit()


# ---------------------------------------------------------------------------------------------
# The stage


def run(context: Context) -> None:
    """Find every date expression of the report, resolved against its publication date.

    Fills ``context.dates``; a publication date found in the text fills a missing one.
    """
    text = context.text
    report = context.report
    dateline_span: Span | None = None
    got = published_in_text(text)
    if got is not None:
        dateline_span = got[1]
        if report.published is None:
            context.report = dataclasses.replace(report, published=got[0])
            context.notes.append(
                f"publication date {got[0].isoformat()} taken from the text: {got[1].text!r}"
            )
    pub = context.report.published
    found, impossible = _find(text, pub, dateline_span)
    if report.published is not None:
        # The first dateline of the text (a stated one, or a full date at its head): when it
        # names another day, the publication date given may be a crawl or update date.
        line = next((f for f in found if f.role == "dateline" and f.precision == 1), None)
        if line is not None and line.resolved_start != report.published:
            assert line.resolved_start is not None
            context.notes.append(
                f"the text's dateline {line.text!r} ({line.resolved_start.isoformat()}) disagrees"
                f" with the publication date given ({report.published.isoformat()}); dates"
                " resolve against the one given"
            )
    for span in impossible:
        context.notes.append(f"not a date (no such day): {span.text!r} at {span.start}")
    starts = [s.start for s in context.sentences]
    mentions: list[DateMention] = []
    for f in found:
        span = Span(start=f.start, end=f.end, text=f.text)
        ref = DateRef(
            start=f.resolved_start,
            end=f.resolved_end,
            precision=f.precision,
            text=f.text,
            span=span,
            rule=f.rule,
        )
        sentence = max(bisect_right(starts, f.start) - 1, 0) if starts else 0
        mentions.append(DateMention(date=ref, span=span, sentence=sentence, role=f.role))
    context.dates = mentions


# ---------------------------------------------------------------------------------------------
# The date of an event


def date_for(context: Context, sentences: Sequence[int]) -> DateRef | None:
    """The date of an event told in ``sentences`` (indices into context.sentences), or None.

    In order of preference (the chosen rule is named in ``DateRef.rule``):

    1. an event date in those sentences, the one nearest the words that tell the event
       (figure cues and event words), in the first sentence that has one, taking the
       sentences in the order given (put the event's own sentences first); a framing period
       ("since 2015", "in 2013") only when the sentence has no other date;
    2. an event date earlier in the paragraph of the first sentence given (the narrative
       carries on);
    3. when the first sentence opens with "Meanwhile" (or "at the same time"), the report's story
       day: the day most of its exact dates name ("story_day", precision 1);
    4. a speech date in those sentences ("a monitor said on Sunday"): the event is on or just
       before it ("speech_date", the day before to that day, precision 2);
    5. in a same-day report (its story day is its publication date), the publication date:
       the day before publication to publication ("publication_date", precision 2).

    Otherwise None: a report's date is no guess at an older event's.
    """
    if not sentences or not context.sentences:
        return None
    # In the caller's order (its most telling sentences first), each once.
    wanted = list(dict.fromkeys(i for i in sentences if 0 <= i < len(context.sentences)))
    if not wanted:
        return None
    by_sentence: dict[int, list[DateMention]] = {}
    for m in context.dates:
        by_sentence.setdefault(m.sentence, []).append(m)

    anchors = _anchors(context, set(wanted))
    for i in wanted:
        events = [m for m in by_sentence.get(i, ()) if m.role == "event"]
        if events:
            best = min(events, key=lambda m: (_distance(m, anchors.get(i, [])), m.span.start))
            if _background(best):
                # "killed 20 on Tuesday, the worst toll since 2015": a period that frames the
                # event gives way to a day that dates it, in the same sentence.
                dated = [m for m in events if not _background(m)]
                if dated:
                    best = min(
                        dated, key=lambda m: (_distance(m, anchors.get(i, [])), m.span.start)
                    )
            return _with_rule(best.date, best.date.rule or "in_sentence")

    first = wanted[0]
    for j in range(first - 1, -1, -1):
        if not _joined(context, j):
            break  # a line break: the paragraph starts after sentence j
        events = [m for m in by_sentence.get(j, ()) if m.role == "event"]
        if events:
            best = events[-1]
            return _with_rule(best.date, "paragraph_context")

    pub = context.report.published
    story = story_day(context)
    if _SAME_TIME.match(context.sentences[first].text) and story is not None:
        return DateRef(start=story, end=story, precision=1, text="", rule="story_day")

    for i in wanted:
        speech = [
            m for m in by_sentence.get(i, ()) if m.role == "speech" and m.date.start is not None
        ]
        if speech:
            said = speech[0].date
            assert said.start is not None
            end = said.end or said.start
            before = _day_before(said.start)
            return DateRef(
                start=before,
                end=end,
                precision=precision_for(before, end),
                text=said.text,
                span=said.span,
                rule="speech_date",
            )

    if pub is not None and story == pub:
        return DateRef(
            start=_day_before(pub), end=pub, precision=2, text="", rule="publication_date"
        )
    return None


def story_day(context: Context) -> date | None:
    """The day a report's narrative is set on: the exact day its event and speech dates name
    most often (the later on a tie), or None when it names no exact day."""
    counts: Counter[date] = Counter(
        m.date.start
        for m in context.dates
        if m.role in ("event", "speech") and m.date.precision == 1 and m.date.start is not None
    )
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], d))


def _background(m: DateMention) -> bool:
    """A period that frames events rather than dates one ("since 2015", "in 2013")."""
    rule = m.date.rule or ""
    return rule.startswith("since_") or rule in ("year", "part_of_year")


def _day_before(day: date) -> date:
    return day - timedelta(days=1) if day > date.min else day


def _with_rule(ref: DateRef, rule: str) -> DateRef:
    return ref if ref.rule == rule else dataclasses.replace(ref, rule=rule)


def _anchors(context: Context, wanted: set[int]) -> dict[int, list[int]]:
    """Offsets of the words that tell an event in each wanted sentence: figure cues, event words."""
    out: dict[int, list[int]] = {}
    for item in list(context.figures) + list(context.events):
        sentence = getattr(item, "sentence", None)
        if sentence not in wanted:
            continue
        span = getattr(item, "cue", None) or getattr(item, "span", None)
        if span is not None:
            out.setdefault(sentence, []).append((span.start + span.end) // 2)
    return out


def _distance(m: DateMention, anchors: list[int]) -> int:
    if not anchors:
        return 0
    mid = (m.span.start + m.span.end) // 2
    return min(abs(mid - a) for a in anchors)


def _joined(context: Context, j: int) -> bool:
    """Whether sentence j runs on into sentence j + 1 within one paragraph (no line break)."""
    return "\n" not in context.text[context.sentences[j].end : context.sentences[j + 1].start]


STAGE = Stage(name="dates", requires=("sentences",), provides=("dates",), run=run)

__all__: Sequence[str] = (
    "DateMention",
    "Found",
    "ROLES",
    "STAGE",
    "date_for",
    "find_dates",
    "find_impossible",
    "precision_for",
    "published_in_text",
    "run",
    "story_day",
)
