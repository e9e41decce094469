"""ACLED-style CSV: one row per incident with ACLED's own column names.

``fatalities`` is the ``killed`` best figure under the rule (0 when no source gives one, as
ACLED codes it); ``tags`` names the rule (``rule=conservative``) and the grade.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollwatch.export import _common as common
from tollwatch.ledger import views

HEADER: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
)

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def time_precision(date_prec: int | None) -> int | None:
    """ACLED time_precision from UCDP date_prec: 1 day; 2 within a week; 3 a month or more."""
    if date_prec is None:
        return None
    return 1 if date_prec <= 1 else 2 if date_prec <= 3 else 3


def geo_precision(where_prec: int | None) -> int | None:
    """ACLED geo_precision from UCDP where_prec: 1 the place; 2 near it; 3 a region."""
    if where_prec is None:
        return None
    return 1 if where_prec <= 1 else 2 if where_prec == 2 else 3


def notes(incident: views.LedgerIncident, killed: int | None, rule: str) -> str:
    """ACLED-style notes: what, where, who blamed, toll and how it was reconciled."""
    parts: list[str] = []
    day = common.start(incident)
    when = f"On {day.isoformat()}, " if day else ""
    what = incident.sub_event_type or incident.event_type or "an incident"
    where = common.joined([common.place(incident).name, common.place(incident).admin1], ", ")
    parts.append(f"{when}{what}" + (f" in {where}" if where else "") + ".")
    blamed = common.joined(p.actor for p in incident.perpetrators)
    if blamed:
        parts.append(f"Blamed on: {blamed}.")
    if killed is not None:
        parts.append(f"{killed} killed (rule {rule}).")
    if incident.notes:
        parts.append(incident.notes)
    return " ".join(parts)


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """The data rows, in incident order."""
    common.check(rule)
    by_incident = common.claims_by_incident(claims)
    out: list[list[Any]] = []
    for inc in incidents:
        est = common.estimates_under(inc, by_incident, rule).get("killed")
        killed = est.best if est is not None else None
        actors = [p.actor for p in inc.perpetrators]
        tags = f"rule={rule}" + (f"; grade={inc.grade}" if inc.grade else "")
        out.append(
            [
                inc.id,
                common.iso(common.start(inc)),
                common.start(inc).year if common.start(inc) else None,
                time_precision(inc.date.precision if inc.date else None),
                _DISORDER.get(inc.event_type or ""),
                inc.event_type,
                inc.sub_event_type,
                actors[0] if actors else None,
                common.joined(actors[1:]),
                "Civilian targeting" if inc.event_type == "Violence against civilians" else None,
                common.country_isonumeric(common.place(inc).country),
                common.country_name(common.place(inc).country),
                common.place(inc).admin1,
                common.place(inc).admin2,
                None,  # admin3: the gazetteer holds no third-order units
                common.place(inc).name or None,
                common.place(inc).lat,
                common.place(inc).lon,
                geo_precision(common.place(inc).precision),
                common.joined(s.outlet or s.title for s in common.independent_sources(inc)),
                notes(inc, killed, rule),
                killed if killed is not None else 0,
                tags,
            ]
        )
    return out


FORMAT = common.CsvFormat(name="acled", header=HEADER, rows=rows)
