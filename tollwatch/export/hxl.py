"""HXL-tagged CSV (Humanitarian Exchange Language): row 1 headers, row 2 hashtags.

One row per incident, then one per situation (figures told of no single incident: people
displaced, at risk, affected; see :func:`tollwatch.ledger.views.situations`). Figures are the
best estimates under the rule, with low and high for killed; ``#meta+rule`` names the rule on
every row. Every ``#date`` column holds ISO dates and every ``#affected`` column numbers, so
the file passes libhxl's own schema (``hxl.validate``); the precisions are ``#meta`` codes.
A situation's date is its report's publication.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollwatch import model
from tollwatch.export import _common as common
from tollwatch.ledger import views

# (header, hashtag) pairs, in column order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Incident", "#event+id"),
    ("Kind", "#event+kind"),
    ("Date", "#date+start"),
    ("Date end", "#date+end"),
    ("Date precision", "#meta+date_precision"),
    ("Event type", "#event+type"),
    ("Sub-event type", "#event+type+sub"),
    ("Country code", "#country+code"),
    ("Country", "#country+name"),
    ("Admin 1", "#adm1+name"),
    ("Admin 2", "#adm2+name"),
    ("Location", "#loc+name"),
    ("Latitude", "#geo+lat"),
    ("Longitude", "#geo+lon"),
    ("Location precision", "#meta+where_precision"),
    ("Perpetrator", "#group+perpetrator"),
    ("Killed", "#affected+killed"),
    ("Killed low", "#affected+killed+min"),
    ("Killed high", "#affected+killed+max"),
    ("Injured", "#affected+injured"),
    ("Missing", "#affected+missing"),
    ("Kidnapped", "#affected+kidnapped"),
    ("Detained", "#affected+detained"),
    ("Displaced", "#affected+idps"),
    ("Evacuated", "#affected+evacuated"),
    ("Returned", "#affected+returnees"),
    ("At risk", "#affected+at_risk"),
    ("Affected", "#affected+total"),
    ("Unit", "#meta+unit"),
    ("Grade", "#status+grade"),
    ("Sources", "#meta+source"),
    ("Number of sources", "#meta+count"),
    ("Source URLs", "#meta+url"),
    ("Rule", "#meta+rule"),
    ("Reviewed", "#status+reviewed"),
)
HEADER: tuple[str, ...] = tuple(h for h, _ in COLUMNS)
HASHTAGS: tuple[str, ...] = tuple(t for _, t in COLUMNS)


def _row(values: dict[str, Any]) -> list[Any]:
    return [values.get(tag) for tag in HASHTAGS]


def _figures(best: dict[str, int | None]) -> dict[str, Any]:
    tags = {
        "killed": "#affected+killed",
        "injured": "#affected+injured",
        "missing": "#affected+missing",
        "kidnapped": "#affected+kidnapped",
        "detained": "#affected+detained",
        "displaced": "#affected+idps",
        "evacuated": "#affected+evacuated",
        "returned": "#affected+returnees",
        "at_risk": "#affected+at_risk",
        "affected": "#affected+total",
    }
    return {tags[f]: v for f, v in best.items() if f in tags}


def _place(place: Any) -> dict[str, Any]:
    if place is None:
        return {}
    return {
        "#country+code": place.country,
        "#country+name": common.country_name(place.country),
        "#adm1+name": place.admin1,
        "#adm2+name": place.admin2,
        "#loc+name": place.name or None,
        "#geo+lat": place.lat,
        "#geo+lon": place.lon,
        "#meta+where_precision": place.precision,
    }


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """The data rows (after the hashtag row): incidents in order, then situations."""
    by_incident = common.claims_by_incident(claims)
    out: list[list[Any]] = []
    for inc in incidents:
        ests = common.estimates_under(inc, by_incident, rule)
        killed = ests.get("killed")
        sources = common.independent_sources(inc)
        values: dict[str, Any] = {
            "#event+id": inc.id,
            "#event+kind": "incident",
            "#date+start": common.iso(inc.date_start),
            "#date+end": common.iso(inc.date_end),
            "#meta+date_precision": inc.date_precision,
            "#event+type": inc.event_type,
            "#event+type+sub": inc.sub_event_type,
            **_place(inc.place),
            "#group+perpetrator": common.joined(p.actor for p in inc.perpetrators),
            **_figures({f: e.best for f, e in ests.items() if f in model.FIGURES}),
            "#affected+killed+min": killed.low if killed else None,
            "#affected+killed+max": killed.high if killed else None,
            "#meta+unit": "people",
            "#status+grade": inc.grade,
            "#meta+source": common.joined(s.outlet or s.title for s in sources),
            "#meta+count": common.source_count(inc),
            "#meta+url": common.joined(s.url for s in sources),
            "#meta+rule": rule,
            "#status+reviewed": common.review_note(inc, by_incident.get(inc.id, ())),
        }
        out.append(_row(values))
    for sit in views.situations(claims, rule=rule):
        sources = [s for s in sit.sources if s.independent] or list(sit.sources)
        values = {
            "#event+id": sit.id,
            "#event+kind": "situation",
            "#date+start": common.iso(sit.published),
            "#date+end": common.iso(sit.published),
            **_place(sit.place),
            **_figures({sit.figure: sit.estimate.best}),
            "#meta+unit": sit.unit,
            "#meta+source": common.joined(s.outlet or s.title for s in sources),
            "#meta+count": len(sources),
            "#meta+url": common.joined(s.url for s in sources),
            "#meta+rule": rule,
        }
        out.append(_row(values))
    return out


FORMAT = common.CsvFormat(name="hxl", header=HEADER, rows=rows, preamble=(HASHTAGS,))
