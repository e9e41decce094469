"""Ranking the places a name may mean: country context, admin words, nearness, population."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tollwatch.extract.gazetteer.folding import fold
from tollwatch.extract.gazetteer.records import (
    DEFAULT_SOURCE,
    SETTLEMENT_KINDS,
    Candidate,
    Place,
    Ranked,
)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


NEAR_KM = 120.0  # "near the report's other places"

_RULE_NAMES = {
    "kind": "admin words",
    "admin": "admin words",
    "country": "country context",
    "near": "near other places",
    "population": "population",
    "primary": "primary name",
    "entry": "country or province name",
    "seat": "the town a province or district is named after",
    "imported": "a place of an imported list",
}


def _seat_of(town: Place, unit: Place) -> bool:
    """Is ``town`` (of the same name) the seat of admin unit ``unit``: in it, and named like it?"""
    if unit.kind not in ("admin1", "admin2") or town.country != unit.country:
        return False
    if unit.kind == "admin1":
        return town.admin1 is not None and fold(town.admin1) == fold(unit.name)
    if town.admin2 is not None:
        return fold(town.admin2) == fold(unit.name)
    return town.admin1 is not None and town.admin1 == unit.admin1


def rank(
    candidates: Sequence[Candidate],
    *,
    country: str | None = None,
    admin1: str | None = None,
    kind: str | None = None,
    near: Sequence[tuple[float, float]] = (),
) -> list[Ranked]:
    """Order the places a name may mean, best first, each with the rule that decided.

    ``country``: the report's country context (ISO2); ``admin1``: an admin1 name the text
    gives beside the name ("Saraqeb, Idlib province"); ``kind``: the kind the admin word asks
    for ("province" → admin1, "district" → admin2); ``near``: coordinates of the report's
    other places. The rule of the winner is the score part that put it ahead of the runner-up.
    """
    admin_key = fold(admin1) if admin1 else None
    settled = {c.place.country for c in candidates if c.place.kind in SETTLEMENT_KINDS}
    # A province or district and the town it is named after share a name: plainly named,
    # the town is meant (its seat), however small the gazetteer says it is.
    # (An admin word asks for the unit itself: "Idlib province".)
    # (Only provinces and districts have seats: the towns are matched against those alone,
    # not against every candidate, which was quadratic in a common name's many towns.)
    units = [u.place for u in candidates if u.place.kind in ("admin1", "admin2")]
    seats = {
        id(c): unit
        for c in (candidates if kind is None and units else ())
        if c.place.kind in SETTLEMENT_KINDS
        for unit in units
        if _seat_of(c.place, unit)
    }
    with_seat = {id(u) for u in seats.values()}
    scored: list[tuple[float, dict[str, float], Candidate]] = []
    for cand in candidates:
        p = cand.place
        parts: dict[str, float] = {}
        if kind and p.kind == kind:
            parts["kind"] = 4.0
        if admin_key and p.admin1 and fold(p.admin1) == admin_key and p.kind != "admin1":
            parts["admin"] = 5.0
        if country and p.country == country:
            parts["country"] = 3.0
        if near and p.lat is not None and p.lon is not None and p.kind in SETTLEMENT_KINDS:
            best = min(distance_km(p.lat, p.lon, la, lo) for la, lo in near)
            if best < NEAR_KM:
                parts["near"] = 2.0 * (1.0 - best / (2 * NEAR_KM))
        if p.kind == "country":
            parts["entry"] = 6.0  # "Russia" is the country, whatever town shares its name
        elif p.kind in ("admin1", "admin2"):
            # A province and its capital share a name; plainly named, the city is meant.
            if id(p) not in with_seat:
                parts["entry"] = 1.0 if p.kind == "admin1" else 0.5
            if p.population > 0 and p.country not in settled:
                # No town of its own by that name: a big county abroad ("Norfolk", England)
                # weighs its people against a town elsewhere (Norfolk, Virginia).
                parts["population"] = 0.5 * math.log10(p.population + 1)
        elif p.population > 0:
            parts["population"] = 0.5 * math.log10(p.population + 1)
        if id(cand) in seats and p.population == 0:
            parts["seat"] = 0.5  # a seat the data gives no people: more than its unit
        if p.source != DEFAULT_SOURCE:
            # A place of the user's own lists (OCHA's neighbourhoods, a GeoNames dump): they
            # imported it to be found; it wins over the default's namesake.
            parts["imported"] = 2.5
        if cand.primary:
            parts["primary"] = 0.5
        scored.append((sum(parts.values()), parts, cand))
    scored.sort(key=lambda t: (-t[0], -t[2].place.population, t[2].place.gid))
    out: list[Ranked] = []
    # The rule is what beat the best other place; the province the winner lies in is not
    # another place (a city and its province share a name; the city is meant).
    top = scored[0][2].place if scored else None
    rivals = [
        t
        for t in scored[1:]
        if not (
            top
            and t[2].place.kind in ("admin1", "admin2")
            and t[2].place.country == top.country
            and t[2].place.name in (top.admin1, top.admin2)
        )
    ]
    for i, (score, parts, cand) in enumerate(scored):
        deciding = ""
        if len(scored) == 1 or (i == 0 and not rivals):
            rule, deciding = "only candidate", "only"
        elif i == 0:
            runner = rivals[0][1]
            diffs = {k: v - runner.get(k, 0.0) for k, v in parts.items()}
            key = max(diffs, key=lambda k: diffs[k]) if diffs else "population"
            rule, deciding = _RULE_NAMES.get(key, key), key
            if key == "country":
                rule = f"country context ({country})"
            elif key in ("admin", "kind") and admin1:
                rule = f"admin words ({admin1})"
        else:
            rule = "runner-up"
        out.append(
            Ranked(candidate=cand, score=round(score, 3), parts=parts, rule=rule, deciding=deciding)
        )
    return out
