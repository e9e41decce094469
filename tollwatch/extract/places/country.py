"""The report's country context: countries named as places, towns that belong to one country, demonyms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS, Candidate, Gazetteer, fold
from tollwatch.extract.places.judging import DATELINE, not_event_reason
from tollwatch.extract.places.mentions import Match, text_after, text_before
from tollwatch.extract.places.words import (
    ACTOR_WORDS,
    ADMIN_AFTER,
    ADMIN_WORD_KIND,
    CITY_PARTS,
    DEMONYM_TO_COUNTRY,
    OTHER_LOCATIVES,
)

LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|across|throughout|into|within|around|of|near|northern|southern|eastern|"
    r"western|central|north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|war-torn|rural|"
    + OTHER_LOCATIVES  # "de Colombia", "au Niger": the same words in other languages
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def dominant_country(candidates: Sequence[Candidate]) -> str | None:
    """The country a name belongs to above all: its places there outweigh the others tenfold."""
    best: dict[str, int] = {}
    for c in candidates:
        if c.place.country:
            pop = max(c.place.population, 1)
            if c.place.kind in ("admin1", "admin2", "admin3") or not c.primary:
                # A province's people live in many towns: its name is far less often the
                # one a report means than a town's of as many people ("Gaza": the city,
                # not Mozambique's province); nor is a town's old or other name ("San
                # Salvador": El Salvador's capital, not Angola's Mbanza Kongo).
                pop = max(pop // 10, 1)
            best[c.place.country] = max(best.get(c.place.country, 0), pop)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= 10 * ranked[1][1]:
        return ranked[0][0] if ranked[0][1] >= 1000 or len(ranked) == 1 else None
    return None


_NEXT_WORD = re.compile(r"(?:'s|’s)?[\s-]+([A-Za-z]+)")


def demonym_counts(text: str) -> Counter[str]:
    """Country adjectives of ``text`` ("Syrian", "Iraqi"), by ISO2: half a mention each, a
    tenth before a word that makes them an actor ("Israeli forces", "Russian warplanes"),
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
        actor = _NEXT_WORD.match(text, end)
        if actor and actor.group(1).lower() in ACTOR_WORDS:
            counts[cc] += 0.1  # "Israeli forces", "Russian warplanes": who, not where
        else:
            counts[cc] += 0.5
    return counts


def _names_alike(c: Candidate) -> bool:
    """Whether the name matched shares a word with the place's own name ("Gaza City" of
    Gaza, "Mazar-i Sharif" of Mazār-e Sharīf), not some other name of it ("al-Zaytoun" of
    Quanzhou, "Colonia" of Köln)."""
    own = {fold(w) for w in re.split(r"[\s-]+", c.place.name) if len(w) > 2}
    return bool(own & {fold(w) for w in re.split(r"[\s-]+", c.matched) if len(w) > 2})


# A place of the report's first sentence with a place (its lead: where a report puts its
# story) counts this many times a place named later (a victim's home town abroad, the city of
# a relative who spoke, an outlet's name).
LEAD_FACTOR = 2.0


def _part_of_city_after(text: str, m: Match) -> bool:
    """Whether a word for a part of a city follows the name ("Sabra neighbourhood")."""
    hit = _WORD_AFTER.match(text_after(text, m.end))
    return hit is not None and hit.group(1).lower() in _QUARTERS


_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
# "Kunduz district" may name the district itself: only the words of a city's quarters.
_QUARTERS = CITY_PARTS - {"district"}


def _lead(m: Match, lead: int, text: str, eventlike: bool) -> float:
    """LEAD_FACTOR for a place where the lead says something happened ("killed ... in X"), not
    a dateline or a place named as a reaction's origin."""
    if m.sentence != lead or not eventlike:
        return 1.0
    before = text_before(text, m.start, 30)
    if "(" in before and ")" not in before[before.rfind("(") :]:
        return 1.0  # "(banned in Russia)": an aside
    return LEAD_FACTOR if LOCATIVE_BEFORE.search(before) else 1.0


def context_country_of(
    text: str, matches: Sequence[Match], gazetteer: Gazetteer, extra_context: str = ""
) -> tuple[str | None, Counter[str]]:
    """The report's country context (ISO2 or None), and the weight each country got.

    A country named as a place ("in Syria") counts for more than one named as an actor
    ("US-led", "Russia said", "speaking from Turkey"); a town or province whose name belongs
    to one country above all counts for that country; demonyms count half.
    """
    counts: Counter[str] = Counter()
    # A place named again counts half as much each time: several places of one country
    # outweigh one name that happens to be a town abroad too, however often the report
    # repeats it ("al-Zaytoun" of Gaza, "Zaitun" of China), and a country named as an actor
    # again and again ("US jets", "US-led") does not outweigh the places where things happen.
    named: dict[tuple[str, str], list[float]] = {}
    lead = min((m.sentence for m in matches), default=0)
    for m in matches:
        reason = not_event_reason(text, m)
        eventlike = reason is None
        country_cands = [c for c in m.candidates if c.place.kind == "country"]
        if country_cands and country_cands[0].place.country:
            located = LOCATIVE_BEFORE.search(text_before(text, m.start, 30))
            weight = 1.0 if (eventlike and located) else 0.3 if eventlike else 0.1
            actor = _NEXT_WORD.match(text, m.end)
            if not located and actor and actor.group(1).lower() in ACTOR_WORDS:
                weight = 0.1  # "US jets", "Turkey's army": who, not where
            cc = country_cands[0].place.country
            named.setdefault((cc, m.key), []).append(weight * _lead(m, lead, text, eventlike))
            continue
        owner = dominant_country(m.candidates)
        if owner and _part_of_city_after(text, m):
            owner = None  # "the Al-Geneina neighborhood": a quarter named so, not the city abroad
        if owner and m.initial and m.words == 1 and not m.entity:
            small = max((c.place.population for c in m.candidates), default=0) < 100_000
            if small:
                owner = None  # "Air strikes ...": a word that only starts a sentence or headline
        if owner:
            # A big town is good evidence of the report's country; a village that happens to
            # share a word of the text ("Jobar", a German village) is weak evidence.
            big = (
                max(
                    (
                        c.place.population
                        for c in m.candidates
                        if c.place.country == owner and c.place.kind in SETTLEMENT_KINDS
                    ),
                    default=0,
                )
                >= 50_000
            )
            word = ADMIN_AFTER.match(text_after(text, m.end))
            named_unit = (
                word is not None and ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
            )
            weight = 1.0 if (big or named_unit) else 0.3
            if not any(
                c.primary or _names_alike(c) for c in m.candidates if c.place.country == owner
            ):
                # Only an old or other name of a place there ("al-Zaytoun" for China's
                # Quanzhou): weak evidence, however big the place.
                weight = min(weight, 0.3)
            # A dateline is no event's place, but a wire report is most often about the
            # country it was filed in ("SAN SALVADOR, 9 JUN 89 (AFP) --").
            weight = weight if eventlike or reason == DATELINE else weight / 4
            named.setdefault((owner, m.key), []).append(weight * _lead(m, lead, text, eventlike))
    for (owner, _key), weights in named.items():
        # the strongest mention in full, each repeat half the one before
        counts[owner] += sum(w / 2**n for n, w in enumerate(sorted(weights, reverse=True)))
    counts.update(demonym_counts(text + " " + extra_context))
    if extra_context:
        for c_list in gazetteer.lookup_folds(
            {fold(w) for w in re.findall(r"[A-Z][\w'-]+", extra_context)}
        ).values():
            for c in c_list:
                if c.place.kind == "country" and c.place.country:
                    counts[c.place.country] += 1.0
    return (counts.most_common(1)[0][0] if counts else None), counts
