""" "The city", "the town": a place referred back to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places import rules
from tollwatch.extract.places.mentions import PlaceMention
from tollwatch.model import Span

# "the city"/"the town": refers back to the last city named; with a part word it is vague.
_THE_CITY = re.compile(r"\bthe\s+(?:city|town)\b(?!\s+(?:of|council|'s|’s)\b)", re.IGNORECASE)

_PART_OF_THE_CITY = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,4}?(?:side|sides|part|parts|areas?|districts?|neighbou?rhoods?|"
    r"quarters?|outskirts|suburbs|edge|edges|centre|center|east|west|north|south)\s+of\s+$",
    re.IGNORECASE,
)


def antecedent_mentions(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """ "The city" refers back to the last city named before it."""
    out: list[PlaceMention] = []
    cities = [pm for pm in mentions if pm.kind in SETTLEMENT_KINDS and pm.kind != "neighbourhood"]
    if not cities:
        return out
    for sent in sentences:
        for hit in _THE_CITY.finditer(sent.text):
            s, e = sent.start + hit.start(), sent.start + hit.end()
            if any(pm.span.start <= s < pm.span.end for pm in mentions):
                continue
            prior = [pm for pm in cities if pm.span.end <= s]
            if not prior:
                continue
            ref_m = prior[-1]
            part = _PART_OF_THE_CITY.search(text[max(sent.start, s - 80) : s])
            precision = ref_m.place.precision or 1
            vague = None
            if part:
                s = max(sent.start, s - 80) + part.start()
                precision, vague = max(precision, 2), "part of the city"
            span = Span(start=s, end=e, text=text[s:e])
            ref = replace(
                ref_m.place,
                text=span.text,
                precision=precision,
                rule=rules.names(rules.ANTECEDENT, rules.NEAR if part else None),
                note=rules.notes(f"the city: {ref_m.place.text} named before", ref_m.place.note),
                span=span,
            )
            out.append(
                PlaceMention(
                    place=ref,
                    span=span,
                    sentence=sent.index,
                    eventlike=True,
                    kind=ref_m.kind,
                    vague=vague,
                    population=ref_m.population,
                )
            )
    return out
