"""How precise a mention is: the UCDP precision of "near", "east of", "countryside", admin words."""

from __future__ import annotations

import re

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS, Place
from tollwatch.extract.places.mentions import Match, text_after, text_before
from tollwatch.extract.places.rules import COUNTRYSIDE, DIRECTION, NEAR
from tollwatch.extract.places.words import ADMIN_AFTER, ADMIN_WORD_KIND
from tollwatch.extract.rules import Rule

_DIRECTION = (
    r"(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"north[- ]?eastern|north[- ]?western|south[- ]?eastern|south[- ]?western|"
    r"north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
)

DIRECTION_BEFORE = re.compile(rf"\b(?P<w>{_DIRECTION})\s+$", re.IGNORECASE)

NEAR_BEFORE = re.compile(
    r"\b(?P<w>near|nearby|outside|around|close to|near to|the outskirts of|"
    r"outskirts of|the suburbs of|suburbs of|on the edge of|edge of|the vicinity of|"
    rf"(?:\d+|a few|several)\s*(?:km|kilometres|kilometers|miles)\s+(?:\(\d+ miles\)\s+)?(?:{_DIRECTION}\s+)?of|"
    rf"{_DIRECTION}\s+of)\s+$",
    re.IGNORECASE,
)

COUNTRYSIDE_BEFORE = re.compile(
    r"\b(?P<w>rural|the countryside of|countryside of|the province of|province of|"
    r"the governorate of|governorate of)\s+$",
    re.IGNORECASE,
)


def precision_and_vague(
    text: str, m: Match, place: Place
) -> tuple[int, str | None, int, int, Rule | None]:
    """UCDP precision of the mention, the vague words, the span with them, and the rule that
    qualified it (None when the place is as precise as its entry)."""
    start, end = m.start, m.end
    precision = place.precision
    vague = None
    rule: Rule | None = None
    before = text_before(text, start)
    after = text_after(text, end)
    word = ADMIN_AFTER.match(after)
    direction = DIRECTION_BEFORE.search(before)
    near = NEAR_BEFORE.search(before)
    country_side = COUNTRYSIDE_BEFORE.search(before)
    if word:
        w = word.group("w").lower()
        kind, prec = ADMIN_WORD_KIND[w]
        if kind == "admin1" and place.kind in SETTLEMENT_KINDS:
            prec = 4  # "Aleppo countryside": the province around the city
        if kind == "settlement" or (
            kind == "admin1" and place.kind in ("admin1", "region", "area")
        ):
            prec = place.precision
        if kind == "admin2" and place.kind == "admin2":
            prec = 3
        if place.kind == "neighbourhood" and w in ("district", "area", "quarter"):
            prec = place.precision  # "the Sukkari district" of a city: the neighbourhood
        if prec != place.precision or w in ("suburbs", "outskirts", "countryside"):
            vague = w
            if w in ("countryside", "rural areas") or (prec == 4 and kind == "admin1"):
                rule = COUNTRYSIDE
            elif w in ("suburbs", "outskirts", "area", "camp", "refugee camp"):
                rule = NEAR
        precision = max(prec, 1) if place.kind != "country" else 6
        if vague:  # "Hama countryside", "the Damascus suburbs": the words that make it vague
            end = end + word.end()
    if country_side:
        precision, vague = (4 if place.kind != "country" else 6), country_side.group("w").lower()
        start = country_side.start() + (start - len(before))
        rule = COUNTRYSIDE
    elif near:
        vague = near.group("w").lower()
        precision = 2 if place.kind in SETTLEMENT_KINDS else max(place.precision, 4)
        if place.kind == "country":
            precision = 5
        start = near.start() + (start - len(before))
        rule = NEAR
    elif direction:
        vague = direction.group("w").lower()
        if place.kind == "country":
            precision = 5
        elif place.kind in SETTLEMENT_KINDS:
            precision = max(precision, 2)
        start = direction.start() + (start - len(before))
        rule = DIRECTION
    return precision, vague, start, end, rule
