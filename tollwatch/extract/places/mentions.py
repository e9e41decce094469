"""Place mentions: a place named in the text and resolved, and the helpers that read around it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.gazetteer import Candidate, Place, Ranked
from tollwatch.model import PlaceRef, Span


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved against the gazetteer."""

    place: PlaceRef
    span: Span
    sentence: int
    eventlike: bool = True  # False for "speaking from Turkey", "a Paris meeting", "British-based"
    reason: str | None = None  # why it is not where an event happened
    kind: str | None = None  # the gazetteer entry's kind: city, village, admin1, country, ...
    vague: str | None = None  # the words that made it vague ("east", "near", "countryside")
    population: int = 0


@dataclass
class Match:
    start: int  # offsets in the text searched
    end: int
    key: str
    candidates: list[Candidate]
    sentence: int
    sentence_start: int
    entity: bool = False  # spaCy also took it for a GPE/LOC
    ranked: list[Ranked] | None = None
    unresolved: bool = False
    words: int = 1
    initial: bool = False  # first word of its sentence (capitalised whatever it is)
    text: str = ""  # the text searched


TOKEN = re.compile(r"[^\W_]+(?:['’ʿ‘ʾ][^\W_]+)*")


def text_before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start]


def text_after(text: str, end: int, width: int = 40) -> str:
    return text[end : end + width]


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([^\W_]+)[^\w]*$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


_HEADLINE_SMALL = frozenset(
    "a an and as at by for from in into of on or over the to with vs".split()
)


def headline_case(sentence: str) -> bool:
    """Is ``sentence`` a headline with its words capitalised ("Air Strike on Ariha Market
    Kills 11")? Then a capital says nothing about a name."""
    if sentence.isupper():
        return False
    # The words that count, and how many are capitalised: given up past 20 (a sentence,
    # not a headline) without reading the rest.
    words = capitals = 0
    for w in TOKEN.findall(sentence):
        if w[:1].isalpha() and w.lower() not in _HEADLINE_SMALL:
            words += 1
            if words > 20:
                return False
            capitals += w[:1].isupper()
    return words >= 4 and capitals >= 0.9 * words


def at_sentence_start(text: str, start: int, sentence_start: int) -> bool:
    return not text[sentence_start:start].strip(" \"'“‘(")


def place_ref(
    place: Place,
    *,
    text: str,
    precision: int | None,
    rule: str | None,
    span: Span | None = None,
    note: str | None = None,
) -> PlaceRef:
    """A gazetteer place as the record's PlaceRef: admin fields only below its own level."""
    return PlaceRef(
        name=place.name,
        text=text,
        admin1=place.admin1 if place.kind != "country" else None,
        admin2=place.admin2 if place.kind not in ("country", "admin1") else None,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        gazetteer_id=place.gid,
        rule=rule,
        span=span,
        note=note,
    )
