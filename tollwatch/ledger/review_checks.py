"""Checking what a reviewer sends before it is recorded: claim fields and incident facts.

Pure functions (no database): each returns the validated, completed values or raises
:class:`tollwatch.errors.InputError` saying what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tollwatch import model
from tollwatch.errors import InputError

MAX_VALUE = 100_000_000  # no conflict figure is larger; a typo with extra digits is refused
MAX_TEXT = 500


def text_value(value: Any, what: str, *, required: bool = False) -> str | None:
    """Text a person typed, spaces tidied; None for nothing; InputError when too long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{what} is required")
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be text")
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise InputError(f"{what} is longer than {MAX_TEXT} characters")
    return value


def _count(value: Any, what: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what} must be a whole number")
    try:
        number = int(str(value).strip().replace(",", ""))
    except ValueError:
        raise InputError(f"{what} must be a whole number, not {value!r}") from None
    if number < 0 or number > MAX_VALUE:
        raise InputError(f"{what} must be between 0 and {MAX_VALUE}, not {number}")
    return number


def choice(value: Any, options: Sequence[str], what: str) -> str:
    """``value`` if it is one of ``options``, else InputError naming them."""
    if value not in options:
        raise InputError(f"{what} must be one of {', '.join(options)}, not {value!r}")
    return value


def _bounds(qualifier: str, value: int, low: int | None, high: int | None) -> tuple[Any, Any]:
    """The low / high a corrected value implies when the reviewer gives none."""
    if qualifier == "range":
        if low is None or high is None or not low <= value <= high:
            raise InputError("a range needs low <= value <= high")
        return low, high
    if low is not None or high is not None:
        return low, high
    return {
        "exact": (value, value),
        "at_least": (value, None),
        "at_most": (None, value),
    }.get(qualifier, (None, None))


def check_claim_changes(changes: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """The claim fields of a correction, validated and completed (bounds from the qualifier)."""
    out: dict[str, Any] = {}
    if "figure" in changes and changes["figure"] not in (None, ""):
        out["figure"] = choice(changes["figure"], model.FIGURES, "figure")
    if "qualifier" in changes and changes["qualifier"] not in (None, ""):
        out["qualifier"] = choice(changes["qualifier"], model.QUALIFIERS, "qualifier")
    if "unit" in changes and changes["unit"] not in (None, ""):
        out["unit"] = choice(changes["unit"], model.UNITS, "unit")
    value = _count(changes.get("value"), "value")
    low = _count(changes.get("low"), "low")
    high = _count(changes.get("high"), "high")
    if value is not None or "qualifier" in out or low is not None or high is not None:
        value = current["value"] if value is None else value
        qualifier = out.get("qualifier", current["qualifier"])
        out["value"] = value
        out["low"], out["high"] = _bounds(qualifier, value, low, high)
    if "claimant" in changes:
        out["claimant"] = text_value(changes["claimant"], "claimant")
        kind = changes.get("claimant_kind")
        out["claimant_kind"] = (
            None if out["claimant"] is None or kind in (None, "") else
            choice(kind, model.CLAIMANT_KINDS, "claimant_kind")
        )  # fmt: skip
    elif changes.get("claimant_kind") not in (None, ""):
        out["claimant_kind"] = choice(
            changes["claimant_kind"], model.CLAIMANT_KINDS, "claimant_kind"
        )
    return {k: v for k, v in out.items() if current.get(k) != v or k in ("low", "high")}


def _float(value: Any, what: str, lo: float, hi: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(number) or not lo <= number <= hi:
        raise InputError(f"{what} must be between {lo} and {hi}")
    return number


def _iso_day(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} must be a date as YYYY-MM-DD, not {value!r}") from None


def check_incident_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The incident facts of a correction, validated: place, date, type, perpetrators."""
    out: dict[str, Any] = {}
    place = changes.get("place")
    if place is not None:
        if not isinstance(place, Mapping):
            raise InputError("place must be an object")
        name = text_value(place.get("name"), "place name", required=True)
        country = text_value(place.get("country"), "country")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise InputError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
        lat = _float(place.get("latitude"), "latitude", -90, 90)
        lon = _float(place.get("longitude"), "longitude", -180, 180)
        if (lat is None) != (lon is None):
            raise InputError("give both latitude and longitude, or neither")
        precision = _count(place.get("precision"), "place precision")
        if precision is not None and not 1 <= precision <= 7:
            raise InputError("place precision is UCDP's where_prec, 1 to 7")
        out["place"] = {
            "name": name,
            "admin1": text_value(place.get("admin1"), "admin1"),
            "admin2": text_value(place.get("admin2"), "admin2"),
            "country": country.upper() if country else None,
            "latitude": lat,
            "longitude": lon,
            # No coordinates: the place is known by name only, no finer than its province.
            "precision": precision if precision is not None else (1 if lat is not None else 4),
        }
    when = changes.get("date")
    if when is not None:
        if not isinstance(when, Mapping):
            raise InputError("date must be an object")
        start = _iso_day(when.get("start"), "date start")
        if start is None:
            raise InputError("date start is required")
        end = _iso_day(when.get("end"), "date end") or start
        if end < start:
            raise InputError(f"date end {end} is before its start {start}")
        out["date"] = {"start": start, "end": end, "precision": 1 if start == end else 2}
    kind = changes.get("type")
    if kind is not None:
        sub = kind.get("sub_event_type") if isinstance(kind, Mapping) else kind
        sub = choice(sub, tuple(model.SUB_EVENT_TO_EVENT), "sub_event_type")
        out["type"] = {"event_type": model.SUB_EVENT_TO_EVENT[sub], "sub_event_type": sub}
    perps = changes.get("perpetrators")
    if perps is not None:
        if not isinstance(perps, Sequence) or isinstance(perps, str):
            raise InputError("perpetrators must be a list")
        out["perpetrators"] = [
            {
                "actor": text_value(p.get("actor"), "perpetrator actor", required=True),
                "actor_kind": text_value(p.get("actor_kind"), "actor_kind"),
                "alleged_by": text_value(p.get("alleged_by"), "alleged_by"),
            }
            for p in perps
            if isinstance(p, Mapping)
        ]
    return out
