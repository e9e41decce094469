"""The report's country context: countries named as places, towns that belong to one country, demonyms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tollwatch.extract.gazetteer import Candidate
from tollwatch.extract.places.words import DEMONYM_TO_COUNTRY

LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|across|throughout|into|within|around|of|near|northern|southern|eastern|"
    r"western|central|north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|war-torn|rural)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def dominant_country(candidates: Sequence[Candidate]) -> str | None:
    """The country a name belongs to above all: its places there outweigh the others tenfold."""
    best: dict[str, int] = {}
    for c in candidates:
        if c.place.country:
            pop = max(c.place.population, 1)
            best[c.place.country] = max(best.get(c.place.country, 0), pop)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= 10 * ranked[1][1]:
        return ranked[0][0] if ranked[0][1] >= 1000 or len(ranked) == 1 else None
    return None


def demonym_counts(text: str) -> Counter[str]:
    """Country adjectives of ``text`` ("Syrian", "Iraqi"), by ISO2: half a mention each,
    none before "border"."""
    counts: Counter[str] = Counter()
    for hit in re.finditer(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", text):
        word, end = hit.group(), hit.end()
        cc = DEMONYM_TO_COUNTRY.get(word.casefold())  # "Sri Lankan", "South Sudanese"
        if cc is None:
            first = word.split()[0]
            cc = DEMONYM_TO_COUNTRY.get(first.casefold())
            end = hit.start() + len(first)
        if cc is None:
            continue
        after = text[end : end + 12]
        if re.match(r"[\s-]+(?:border|frontier)", after):
            continue  # "the Lebanese border": where a report from the other side stands
        counts[cc] += 0.5  # "Russian warplanes": an actor as often as a place
    return counts
