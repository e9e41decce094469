"""Spelling variants within the report's country: "Hamdaniyeh" for the "Hamadaniyeh" of a
neighbourhood list, when the name's own spelling finds nothing in that country.

Only names the text marks as places are tried: a name found abroad only, a name spaCy took
for a place, or a capitalised name after "in", "near", "the town of" or before a unit word
("neighbourhood", "district", "village", ...). Only places of the report's country are
taken, and only close variants (:func:`~tollwatch.extract.gazetteer.folding.fuzzy_match`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from tollwatch.extract.gazetteer import Gazetteer
from tollwatch.extract.places.mentions import Match, at_sentence_start, text_after, text_before

# A name the text marks as a place: a locative word before it, or a unit word after it.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|into|of the|(?:town|village|city|neighbou?rhood|district|"
    r"camp|area) of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"^\s+(?:neighbou?rhood|district|quarter|area|village|town|camp|suburb)\b", re.IGNORECASE
)

# (start, end, key, words, sentence index, sentence start) of a run of capitalised words
Gram = tuple[int, int, str, int, int, int]


def add_spelling_variants(
    text: str,
    grams: Sequence[Gram],
    matches: list[Match],
    gazetteer: Gazetteer,
    country: str | None,
    found_keys: Collection[str],
) -> None:
    """Give ``matches`` with no place in ``country`` the places of that country their name is
    a spelling variant of, and add matches for names the gazetteer does not know as spelled
    that are variants of places of ``country`` (in place, sorted by start)."""
    finder = getattr(gazetteer, "lookup_fuzzy", None)
    if not country or finder is None:
        return
    abroad = [
        m
        for m in matches
        if not any(c.place.country == country for c in m.candidates)
        and not any(c.place.kind == "country" for c in m.candidates)
    ]
    loose = [
        g
        for g in grams
        if g[2] not in found_keys
        and (
            _PLACE_BEFORE.search(text_before(text, g[0], 40))
            or _UNIT_AFTER.match(text_after(text, g[1]))
        )
        and not at_sentence_start(text, g[0], g[5])
    ]
    keys = {m.key for m in abroad} | {g[2] for g in loose}
    if not keys:
        return
    found = finder(keys, country=country)
    for m in abroad:
        if m.key in found:
            m.candidates = [*m.candidates, *found[m.key]]
            m.unresolved = False
    taken = [(m.start, m.end) for m in matches]
    added = False
    for g in sorted(loose, key=lambda g: (g[0], -(g[1] - g[0]))):
        if g[2] not in found or any(a < g[1] and g[0] < b for a, b in taken):
            continue
        matches.append(
            Match(
                start=g[0],
                end=g[1],
                key=g[2],
                candidates=found[g[2]],
                sentence=g[4],
                sentence_start=g[5],
                words=g[3],
                text=text,
            )
        )
        taken.append((g[0], g[1]))
        added = True
    if added:
        matches.sort(key=lambda m: m.start)
