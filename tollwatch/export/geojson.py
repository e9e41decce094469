"""GeoJSON FeatureCollection (RFC 7946): one Point feature per incident, then one per
situation (figures told of no single incident; ``kind`` says which).

Incidents without coordinates are features with ``"geometry": null`` (allowed by RFC 7946),
so nothing is dropped. Every feature's properties and the collection's ``rule`` member name
the rule that made the figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tollwatch.export import _common as common
from tollwatch.ledger import views


def _point(item: views.LedgerIncident | views.LedgerSituation) -> dict[str, Any] | None:
    if item.place is None:
        return None
    lat, lon = item.place.lat, item.place.lon
    if lat is None or lon is None:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None  # not a position on Earth: keep the feature, drop the geometry
    return {"type": "Point", "coordinates": [lon, lat]}


def collection(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> dict[str, Any]:
    """The FeatureCollection as a dict."""
    common.check(rule)
    by_incident = common.claims_by_incident(claims)
    features: list[dict[str, Any]] = []
    for inc in incidents:
        ests = common.estimates_under(inc, by_incident, rule)
        props: dict[str, Any] = {
            "id": inc.id,
            "kind": "incident",
            "date_start": common.iso(common.start(inc)),
            "date_end": common.iso(common.end(inc)),
            "date_precision": inc.date.precision if inc.date else None,
            "event_type": inc.event_type,
            "sub_event_type": inc.sub_event_type,
            "country": inc.country,
            "admin1": inc.admin1,
            "admin2": inc.admin2,
            "location": inc.place_name,
            "where_prec": inc.where_prec,
            "perpetrators": [p.to_dict() for p in inc.perpetrators],
            "grade": inc.grade,
            "number_of_sources": common.source_count(inc),
            "sources": [s.to_dict() for s in inc.sources],
            "rule": rule,
            "reviewed": inc.reviewed,
            "review": common.review_note(inc, by_incident.get(inc.id, ())),
        }
        for figure, est in ests.items():
            props[f"{figure}_low"] = est.low
            props[f"{figure}_best"] = est.best
            props[f"{figure}_high"] = est.high
        features.append(
            {"type": "Feature", "id": inc.id, "geometry": _point(inc), "properties": props}
        )
    for sit in views.situations(claims, rule=rule):
        props = {
            "id": sit.id,
            "kind": "situation",
            "date_start": common.iso(sit.published),
            "date_end": common.iso(sit.published),
            "country": sit.place.country if sit.place else None,
            "admin1": sit.place.admin1 if sit.place else None,
            "admin2": sit.place.admin2 if sit.place else None,
            "location": (sit.place.name or None) if sit.place else None,
            "where_prec": sit.place.precision if sit.place else None,
            "unit": sit.unit,
            "number_of_sources": len([s for s in sit.sources if s.independent]),
            "sources": [s.to_dict() for s in sit.sources],
            "rule": rule,
            f"{sit.figure}_low": sit.estimate.low,
            f"{sit.figure}_best": sit.estimate.best,
            f"{sit.figure}_high": sit.estimate.high,
        }
        features.append(
            {"type": "Feature", "id": sit.id, "geometry": _point(sit), "properties": props}
        )
    return {"type": "FeatureCollection", "rule": rule, "features": features}


FORMAT = common.JsonFormat(
    name="geojson", document=collection, count=lambda doc: len(doc["features"]), suffix=".geojson"
)
