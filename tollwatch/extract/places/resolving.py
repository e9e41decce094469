"""Resolving a name to one gazetteer entry: admin hints, ranking, plausibility, nearness."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tollwatch.extract.gazetteer import (
    SETTLEMENT_KINDS,
    Candidate,
    Place,
    Ranked,
    distance_km,
    fold,
    rank,
)
from tollwatch.extract.places import rules
from tollwatch.extract.places.finding import is_named_unit
from tollwatch.extract.places.judging import BORDER_BEFORE, not_event_reason
from tollwatch.extract.places.mentions import (
    Match,
    PlaceMention,
    place_ref,
    text_after,
    text_before,
)
from tollwatch.extract.places.qualifying import COUNTRYSIDE_BEFORE, precision_and_vague
from tollwatch.extract.places.words import (
    ADMIN_AFTER,
    ADMIN_WORD_KIND,
    COUNTRY_KEYS,
    FAR_KM,
    MIN_FOREIGN_POPULATION,
    MIN_FOREIGN_POPULATION_IN_CONTEXT,
    OTHER_SETTLEMENT_WORDS,
)
from tollwatch.model import Span

IN_PROVINCE = re.compile(
    r"(?:\s+(?:region|area|district|county))?\s*(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?)"
    r"(?:(?:province|governorate|state)\s+of\s+)?"
)


def other_province(text: str, m: Match, best: Ranked, matches: Sequence[Match]) -> bool:
    """Whether the province named right after a town ("X in Y province", "X, Y countryside")
    is not the province the gazetteer puts the town in: the text means another X."""
    place = best.candidate.place
    if place.kind not in SETTLEMENT_KINDS or not place.admin1 or best.rule.startswith("admin"):
        return False
    nxt = next((o for o in matches if o.start >= m.end and o.sentence == m.sentence), None)
    if nxt is None or not IN_PROVINCE.fullmatch(text[m.end : nxt.start]):
        return False
    named = text[nxt.start : nxt.end].lower().endswith("countryside") or (
        is_named_unit(text, nxt) or text[m.end : nxt.start].rstrip().endswith(" of")
    )
    provinces = [
        c.place
        for c in nxt.candidates
        if c.place.kind == "admin1" and c.place.country == place.country
    ]
    if not named or not provinces:
        return False
    return all(fold(p.name) != fold(place.admin1) for p in provinces)


def admin_hints(
    text: str, matches: Sequence[Match], country: str | None
) -> dict[int, tuple[str, int]]:
    """Per sentence, an admin1 the text gives ("… in Idlib province", "Saraqeb, Idlib"), and
    where its name starts (a mention is not its own hint)."""
    hints: dict[int, tuple[str, int]] = {}
    for m in matches:
        ranked = rank([c for c in m.candidates if c.place.kind == "admin1"], country=country)
        if not ranked:
            continue
        admins = [ranked[0].candidate.place]
        after = text_after(text, m.end)
        before = text_before(text, m.start, 3)
        word = ADMIN_AFTER.match(after)
        if (
            (word and ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1")
            or text[m.start : m.end].lower().endswith("countryside")
            or before.endswith(", ")
        ):
            hints.setdefault(m.sentence, (admins[0].name, m.start))
    return hints


# rank()'s results within one report, by its arguments (candidates by identity): a name the
# report repeats is ranked with the same arguments at each mention.
RankMemo = dict[tuple[object, ...], list[Ranked]]


def _rank(
    memo: RankMemo | None,
    cands: Sequence[Candidate],
    *,
    country: str | None,
    admin1: str | None,
    near: Sequence[tuple[float, float]],
    kind: str | None = None,
) -> list[Ranked]:
    """:func:`rank`, remembered in ``memo`` (a new list each call: callers may change it)."""
    if memo is None:
        return rank(cands, country=country, admin1=admin1, kind=kind, near=near)
    key = (tuple(map(id, cands)), country, admin1, kind, tuple(near))
    found = memo.get(key)
    if found is None:
        found = memo[key] = rank(cands, country=country, admin1=admin1, kind=kind, near=near)
    return list(found)


def rank_match(
    text: str,
    m: Match,
    country: str | None,
    admin_hint: tuple[str, int] | None,
    near: Sequence[tuple[float, float]],
    memo: RankMemo | None = None,
) -> list[Ranked]:
    """The places ``m`` may mean, best first (``memo``: see :data:`RankMemo`; it must live
    no longer than the candidates it holds by identity)."""
    after = text_after(text, m.end)
    word = ADMIN_AFTER.match(after)
    before = text_before(text, m.start)
    kind = None
    if word:
        kind = ADMIN_WORD_KIND[word.group("w").lower()][0]
    elif COUNTRYSIDE_BEFORE.search(before):
        kind = "admin1"
    elif (owner := COUNTRY_POSSESSIVE.search(before)) and fold(owner["c"]) in COUNTRY_KEYS:
        kind = "admin1"  # "Syria's Idlib", "Iraq's Anbar": a province of that country
    elif SETTLEMENT_BEFORE.search(before):
        kind = "settlement"  # "the town of Maarat al-Numan": the town, not its district
    cands = m.candidates
    hint = admin_hint[0] if admin_hint and admin_hint[1] != m.start else None
    if hint and fold(hint) == m.key:
        # "Syria's Idlib … in Idlib province": the province of the same name says nothing
        # for the town over the province (it was the town's own admin word that did).
        hint = None
    if kind == "settlement":
        settled = [c for c in cands if c.place.kind in SETTLEMENT_KINDS]
        if settled and len(settled) < len(cands):
            ranked = _rank(memo, settled, country=country, admin1=hint, near=near)
            plain = _rank(memo, cands, country=country, admin1=hint, near=near)
            if plain[0].candidate is not ranked[0].candidate:
                said = SETTLEMENT_BEFORE.search(before)
                words = (word.group("w") if word else said["w"] or said["w2"]).lower()
                ranked[0] = replace(ranked[0], deciding="kind", rule=f"admin words ({words})")
            return ranked
        kind = None
    if kind in ("admin1", "admin2") and not any(c.place.kind == kind for c in cands):
        kind = None  # "Aleppo countryside" where only the city is known: the city's admin1
    return _rank(memo, cands, country=country, admin1=hint, kind=kind, near=near)


# "Syria's", "Syrias" (the apostrophe lost) before a name.
COUNTRY_POSSESSIVE = re.compile(r"\b(?P<c>[A-Z][\w]+?)(?:'s|’s|s)\s+$")

# "the town of", "the city of", "the village of" before a name: a settlement is meant.
SETTLEMENT_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:\w+\s+)?(?P<w>town|city|village|hamlet|neighbou?rhood)\s+of\s+$"
    # "la ciudad de La Paz", "la ville de Goma": the same in other languages
    rf"|\b(?P<w2>{OTHER_SETTLEMENT_WORDS})\s+(?:de|d')\s*$",
    re.IGNORECASE,
)


def plausible(m: Match, place: Place, country: str | None, primary: bool = True) -> bool:
    """Reject small places far from the report's country: a common name matched by chance."""
    if place.kind == "country" or (country and place.country == country):
        return True
    word = ADMIN_AFTER.match(text_after(m.text, m.end))
    named_unit = word is not None and ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
    if place.kind in ("admin1", "admin2"):
        # A foreign province only when named as one ("Salah ad Din province").
        return not country or named_unit
    if place.kind in ("area", "region") and place.gid.startswith("region:"):
        return True  # the shipped list of well-known regions ("Darfur", "FATA")
    if m.entity and not country:
        return True
    if m.initial and m.words == 1:
        return False  # a capital that only starts the sentence: no evidence of a name
    if not primary:
        return False  # a foreign town by an odd alternate name ("Bustan" for Boston)
    if country:
        return place.population >= MIN_FOREIGN_POPULATION_IN_CONTEXT
    return place.population >= MIN_FOREIGN_POPULATION


def far_fetched(best: Ranked, near: Sequence[tuple[float, float]]) -> bool:
    """A small place picked by population alone, far from all the report's other places."""
    place = best.candidate.place
    alone = best.rule == "only candidate"
    if best.rule not in (
        "population",
        "primary name",
        "runner-up",
        "only candidate",
    ) and not best.rule.startswith("country context"):
        return False
    if alone and len(near) < 2:
        return False  # one name alone against one other place is too little to judge
    if place.kind not in SETTLEMENT_KINDS or place.population >= 50_000 or not near:
        return False
    if place.lat is None or place.lon is None:
        return False
    return min(distance_km(place.lat, place.lon, la, lo) for la, lo in near) > FAR_KM


def make_mention(text: str, m: Match, best: Ranked) -> PlaceMention:
    place = best.candidate.place
    precision, vague, start, end, qualifier = precision_and_vague(text, m, place)
    reason = not_event_reason(text, m)
    if (
        reason is None
        and place.kind == "country"
        and BORDER_BEFORE.search(text_before(text, m.start))
    ):
        reason = "a neighbouring country: the event is on the other side of its border"
    span = Span(start=start, end=end, text=text[start:end])
    ref = place_ref(
        place,
        text=span.text,
        precision=precision,
        rule=rules.names(
            rules.RANKING_RULES.get(best.deciding),
            rules.SPELLING_VARIANT if fold(best.candidate.matched) != m.key else None,
            qualifier,
        ),
        span=span,
        note=rules.notes(
            best.rule,
            f"spelling variant of {best.candidate.matched!r}"
            if fold(best.candidate.matched) != m.key
            else None,
            f"vague: {vague!r}" if vague else None,
        ),
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=m.sentence,
        eventlike=reason is None,
        reason=reason,
        kind=place.kind,
        vague=vague,
        population=place.population,
    )
