"""The words and patterns of date expressions (no logic: :mod:`.scan` applies them).

Each pattern is tried over the whole text; overlapping matches keep the longest, then the
earliest. Named groups drive resolution in :func:`.resolve.resolve`.
"""

from __future__ import annotations

import calendar
import re

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    WEEKDAYS[_name.lower()] = _i
NUMBER_WORDS: dict[str, int] = {
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
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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
PATTERNS = [(k, re.compile(f"(?={_FIRST[k]})" + p.pattern, p.flags)) for k, p in PATTERNS]
PATTERN: dict[str, re.Pattern[str]] = dict(PATTERNS)
# Patterns matched against the text with ASCII capitals made small (same length, same offsets):
# faster than re.IGNORECASE.
LOWERED = frozenset({"relative"})
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# "since" before an expression makes it the start of a period that runs to publication.
SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)
# Connectors that join two expressions into a range.
RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
EMPTY = re.compile(r"")
RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|—|and|to|until|till|through|(?:and\s+)?into)\s*$", re.IGNORECASE
)
# A speech verb (with its subject's tail) just before a date: "said on Wednesday", "told
# Reuters on Tuesday", "said in a statement late on Sunday", "given by the ICRC on Tuesday".
SPEECH_BEFORE = re.compile(
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
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|scheduled|expected\s+to|planned|plans\s+to|to\s+be\s+held|called\s+for|calls\s+for|set\s+to)\b",
    re.IGNORECASE,
)
# Sentence openers that carry on the narrative of the same time.
SAME_TIME = re.compile(
    r"^\W*(?:meanwhile|in\s+the\s+meantime|at\s+the\s+same\s+time|simultaneously)\b", re.IGNORECASE
)

# Publication lines in the text.
PUBLISHED_LINE = re.compile(  # matched against the text in ASCII lower case
    r"(?=[dpfr])(?:date\s+of\s+publication|publication\s+date|date\s+published|first\s+published"
    r"|published(?:\s+on)?|posted(?:\s+on)?|released(?:\s+on)?)\s*[:\-–]?\s*"
)
