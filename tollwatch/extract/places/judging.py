"""Whether a place named is where something happened: not a dateline, a speaker's city, a meeting's venue."""

from __future__ import annotations

import re
from functools import lru_cache

from tollwatch.extract.places.mentions import Match, text_after
from tollwatch.extract.places.words import ORG_WORDS

# Not where an event happened.
_NOT_EVENT_AFTER = [
    (re.compile(r"^[-\s]?based\b", re.IGNORECASE), "based there"),
    (
        re.compile(r"^-(?:led|backed|supported|brokered|sponsored|made|allied|funded)\b"),
        "an adjective of a country, not a place",
    ),
    (
        re.compile(
            r"^(?:'s|’s)?\s+(?:peace\s+)?(?:meeting|meetings|talks|conference|summit|"
            r"negotiations|agreement|accord|process|deal|declaration|communiqu[eé]|"
            r"round|format|convention|protocol)\b",
            re.IGNORECASE,
        ),
        "a meeting or agreement named after it",
    ),
    (
        re.compile(
            r"^(?:'s|’s)?\s+(?:government|regime|authorities|officials|embassy|ambassador|"
            r"envoy|foreign ministry|foreign minister|defence ministry|defense ministry|"
            r"president|prime minister|allies|delegation|mission to)\b",
            re.IGNORECASE,
        ),
        "a government or its people, not a place",
    ),
    (
        re.compile(
            r"^\s+(?:has\s+|have\s+|had\s+)?(?:said|says|accused|denied|blamed|announced|"
            r"urged|warned|condemned|called|claimed|insisted|rejected|vetoed|voted)\b"
            # "… in Homs has claimed the lives of 40": a toll, not a government speaking
            r"(?!\s+(?:the\s+)?(?:lives?|\d))",
            re.IGNORECASE,
        ),
        "a government speaking, not a place",
    ),
]


# A list of names before the one at hand: "from Iran and Pakistan", "to Turkey, Lebanon and".
_LIST = r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s*|\s+and\s+|,\s+and\s+))*"

_NOT_EVENT_BEFORE = [
    (
        re.compile(
            r"\b(?:speaking|spoke|talking|talked|writing|wrote|reporting|calling|called|"
            r"interviewed|phoned|said)\s+(?:to \w+\s+)?(?:by (?:tele)?phone\s+)?from\s+"
            + _LIST
            + "$",
            re.IGNORECASE,
        ),
        "speaking from there",
    ),
    (
        re.compile(
            r"\b(?:based|headquartered|exiled|in exile|living|lives|residing|resident)\s+in\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "based there",
    ),
    (
        re.compile(
            r"\b(?:talks|meeting|meetings|met|meet|conference|summit|negotiations|negotiators|"
            r"gathered|convened|hosted|delegates|diplomats)\b[^.;]{0,40}?\b(?:in|at)\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "a meeting held there",
    ),
    (
        re.compile(
            r"\b(?:ambassador|envoy|embassy|consulate|delegation|mission)\s+(?:to|in)\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "a diplomatic post",
    ),
    (
        re.compile(
            r"\b(?:fled|flee|flees|fleeing|escaped|crossed|crossing|sought refuge|"
            r"taken|evacuated|moved|travelled|traveled|arrived|sent|deported)\s+"
            r"(?:\w+\s+){0,3}?(?:in)?to\s+(?:neighbouring\s+|neighboring\s+|the\s+)?" + _LIST + "$",
            re.IGNORECASE,
        ),
        "a destination",
    ),
    (
        re.compile(
            r"\b(?:returned|returning|return|returnees|repatriated|deported|expelled)\s+"
            r"(?:\w+\s+){0,2}?from\s+(?:neighbouring\s+|neighboring\s+|the\s+)?" + _LIST + "$",
            re.IGNORECASE,
        ),
        "where people came back from",
    ),
    (
        re.compile(
            r"\b(?:State|Army|Front|Council|Coalition|Forces|Republic|Ministry|University|Bank|"
            r"Office|Commission|Mission|Agency|Committee|Observatory|Movement|Party|Network|"
            r"Centre|Center|Institute|Organisation|Organization)\s+(?:in|of|for)\s+(?:the\s+)?$"
        ),
        "part of an organisation's name",
    ),
]

DATELINE = "a dateline: where the report was filed"
DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w ]{0,30})?\s*(?:\(|[-–—]\s|:\s)")


# A dateline in any case: the place at a line's start, then a country or province, a date,
# the agency in brackets, and a dash ("San Salvador, 10 Jan 90 (ACAN-EFE) --", "KABUL,
# Afghanistan, Nov 3 (AP) -", "Bogota, 3 Nov 89 --"). A colon after a name starts a
# headline instead ("Syria: 12 killed").
_DATE = r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2})(?:,?\s+\d{2,4})?"
DATELINE_LINE = re.compile(
    r"^(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf"(?:,?\s*{_DATE})?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|[-–—])"
)


def is_dateline(text: str, m: Match) -> bool:
    """Is the mention a dateline: where the report was filed, not where anything happened?"""
    surface = text[m.start : m.end]
    after = text_after(text, m.end, 60)
    if (
        m.initial
        and surface.isupper()
        and len(surface) > 2
        and (DATELINE_AFTER.match(after) or m.sentence == 0)
    ):
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[line_start : m.start]
    # The place, or the country after it ("DAMASCUS, Syria, Nov 29 (AP) -").
    if before.strip() and not _DATELINE_PLACE.fullmatch(before):
        return False
    return bool(DATELINE_LINE.match(after))


_DATELINE_PLACE = re.compile(r"\s*[A-Z][\w'’ .-]{1,40},\s*")


def not_event_reason(text: str, m: Match) -> str | None:
    """Why the mention is not where something happened (a dateline, "-based", a meeting's
    venue, ...), or None. Memoised on everything it reads of ``m``: the country count and
    the mention built after it ask about the same matches."""
    return _not_event_reason(text, m.start, m.end, m.sentence, m.sentence_start, m.initial)


@lru_cache(maxsize=4096)
def _not_event_reason(
    text: str, start: int, end: int, sentence: int, sentence_start: int, initial: bool
) -> str | None:
    m = Match(
        start=start,
        end=end,
        key="",
        candidates=[],
        sentence=sentence,
        sentence_start=sentence_start,
        initial=initial,
    )
    after = text_after(text, m.end)
    if is_dateline(text, m):
        return DATELINE
    before = text[max(m.sentence_start, m.start - 80) : m.start]
    for pattern, reason in _NOT_EVENT_AFTER:
        if pattern.search(after):
            return reason
    for pattern, reason in _NOT_EVENT_BEFORE:
        if pattern.search(before):
            return reason
    nxt = re.match(r"^\s+([A-Z][a-z]+)", after)
    if nxt and nxt.group(1).lower() in ORG_WORDS:
        return "part of an organisation's name"
    return None


BORDER_BEFORE = re.compile(
    r"\b(?:near|close to|next to|bordering|the border with|border with|borders with|"
    r"the frontier with|frontier with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
