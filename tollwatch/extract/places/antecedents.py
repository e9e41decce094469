""" "The city", "the town", "the camp", "here": a place referred back to."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS, Gazetteer, fold
from tollwatch.extract.gazetteer.data import table
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places import rules
from tollwatch.extract.places.judging import DATELINE
from tollwatch.extract.places.mentions import PlaceMention, place_ref, text_before
from tollwatch.extract.places.qualifying import NEAR_BEFORE
from tollwatch.extract.places.words import DEMONYM_TO_COUNTRY
from tollwatch.model import Span

# "the city", "the town", "the village", "the camp": the last such place named before; with
# a part word before it ("the eastern side of the city") it is vague.
_THE_PLACE = re.compile(
    r"\bthe\s+(?P<noun>city|town|village|camp)\b(?!\s+(?:of|council|hall|'s|’s)\b)",
    re.IGNORECASE,
)

_PART_OF_THE_CITY = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,4}?(?:side|sides|part|parts|areas?|districts?|neighbou?rhoods?|"
    r"quarters?|outskirts|suburbs|edge|edges|centre|center|east|west|north|south)\s+of\s+$",
    re.IGNORECASE,
)
# "here" of a datelined report ("SAN SALVADOR, 10 JAN 90 (EFE) -- A bomb exploded here
# today"): the dateline's place. Not "here is", "here and there", "from here on".
_HERE = re.compile(
    r"\bhere\b(?!\s+(?:is|are|was|were|and\s+there)\b)(?<!\bfrom\shere)", re.IGNORECASE
)


def _is_camp(pm: PlaceMention) -> bool:
    return "camp" in (pm.vague or "").lower() or "camp" in pm.span.text.lower()


# What each noun refers back to.
_REFERENTS: dict[str, Callable[[PlaceMention], bool]] = {
    "city": lambda pm: pm.kind in SETTLEMENT_KINDS and pm.kind != "neighbourhood",
    "town": lambda pm: pm.kind in SETTLEMENT_KINDS and pm.kind != "neighbourhood",
    "village": lambda pm: pm.kind in ("village", "town", "place") and not _is_camp(pm),
    "camp": _is_camp,
}


# "the Syrian capital", "the Iraqi capital": the capital of the country of that adjective.
_THE_CAPITAL = re.compile(
    r"\bthe\s+(?P<d>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital\b(?!\s*(?:'s|’s|city\b|of\b))"
)

CAPITALS: dict[str, str] = {row["country"]: row["capital"] for row in table("capitals.csv")}


def capital_mentions(
    text: str, sentences: Sequence[Sentence], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """ "the Syrian capital": the capital of that country (data/places/capitals.csv), with
    the precision of "near" when the words before say so."""
    out: list[PlaceMention] = []
    for sent in sentences:
        if "capital" not in sent.text:
            continue
        for hit in _THE_CAPITAL.finditer(sent.text):
            country = DEMONYM_TO_COUNTRY.get(hit.group("d").casefold())
            name = CAPITALS.get(country or "")
            if not name:
                continue
            key = fold(name)
            cands = [
                c
                for c in gazetteer.lookup_folds({key}).get(key, [])
                if c.place.country == country and c.place.kind in SETTLEMENT_KINDS
            ]
            if not cands:
                continue
            place = max(cands, key=lambda c: c.place.population).place
            s, e = sent.start + hit.start(), sent.start + hit.end()
            before = text_before(text, s)
            near = NEAR_BEFORE.search(before)
            if near:
                s -= len(before) - near.start()
            span = Span(start=s, end=e, text=text[s:e])
            ref = place_ref(
                place,
                text=span.text,
                precision=2 if near else place.precision,
                rule=rules.names(rules.CAPITAL, rules.NEAR if near else None),
                span=span,
                note=f"the capital of {country}",
            )
            out.append(
                PlaceMention(
                    place=ref,
                    span=span,
                    sentence=sent.index,
                    kind=place.kind,
                    vague=near.group("w") if near else None,
                    population=place.population,
                )
            )
    return out


def antecedent_mentions(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """ "The city" (town, village, camp) refers back to the last such place named before it;
    "here" in a datelined report is the dateline's place."""
    out: list[PlaceMention] = []
    named = [pm for pm in mentions if pm.eventlike or pm.reason == DATELINE]
    dateline = next((pm for pm in mentions if pm.reason == DATELINE), None)
    for sent in sentences:
        for hit in _THE_PLACE.finditer(sent.text):
            s, e = sent.start + hit.start(), sent.start + hit.end()
            if any(pm.span.start <= s < pm.span.end for pm in mentions):
                continue
            noun = hit.group("noun").lower()
            prior = [pm for pm in named if pm.span.end <= s and _REFERENTS[noun](pm)]
            if not prior:
                continue
            part = _PART_OF_THE_CITY.search(text[max(sent.start, s - 80) : s])
            if part:
                s = max(sent.start, s - 80) + part.start()
            out.append(_referring(text, sent, s, e, prior[-1], f"the {noun}", part is not None))
        if dateline is None or sent.end <= dateline.span.end:
            continue
        for hit in _HERE.finditer(sent.text):
            s, e = sent.start + hit.start(), sent.start + hit.end()
            if s >= dateline.span.end:
                out.append(_referring(text, sent, s, e, dateline, "here", False))
    return out


def _referring(
    text: str, sent: Sentence, s: int, e: int, ref_m: PlaceMention, words: str, part: bool
) -> PlaceMention:
    """A mention at ``s:e`` of the place of mention ``ref_m``."""
    precision = ref_m.place.precision or 1
    if part:
        precision = max(precision, 2)
    span = Span(start=s, end=e, text=text[s:e])
    rule = rules.DATELINE_HERE if words == "here" else rules.ANTECEDENT
    what = "the dateline" if words == "here" else f"{ref_m.place.text} named before"
    ref = replace(
        ref_m.place,
        text=span.text,
        precision=precision,
        rule=rules.names(rule, rules.NEAR if part else None),
        note=rules.notes(f"{words}: {what}", ref_m.place.note),
        span=span,
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=sent.index,
        eventlike=True,
        kind=ref_m.kind,
        vague="part of the city" if part else None,
        population=ref_m.population,
    )
