"""ACLED CSV: one row per incident in ACLED's 31 columns, in ACLED's order and conventions.

- ``actor1`` is the perpetrator (the first one a source names; other perpetrators of the same
  side go to ``assoc_actor_1``: state forces with state forces, groups with groups, except in
  a battle, whose two named groups are its two sides); with none named, ACLED's "Unidentified Armed Group
  (<country>)" (inter 3). ``actor2`` is the other side when the reports name it: civilians
  ("Civilians (<country>)", inter 7) when the event targets them or its dead are all
  civilians, another perpetrator when two sides are blamed, else empty.
- ``interaction`` is ACLED's two-digit code of ``inter1`` and ``inter2`` (lower first; ten
  times ``inter1`` alone).
- ``fatalities`` is the ``killed`` best figure under the rule, ``conservative`` by default as
  ACLED codes it (0 when no source gives a toll).
- ``source`` names the independent reports' outlets, else the sources they quote;
  ``source_scale`` is left empty (what reach an outlet has is not known).
- ``event_id_cnty`` is the ISO 3166 alpha-3 code and a stable number made from the incident
  id; ``timestamp`` the newest report's publication (Unix seconds at midnight UTC), so the
  same reports give the same file.
- ``tags`` names the reconcile rule and the grade (not ACLED's tags), and ``reviewed`` when a
  person reviewed the incident; ``notes`` then ends with what was reviewed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tollwatch.export import _common as common
from tollwatch.export import sides
from tollwatch.ledger import views

DEFAULT_RULE = "conservative"

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
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


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


def civilian_dead(claims: Sequence[views.LedgerClaim]) -> bool:
    """The reports' killed are civilians: every whole killed claim names civilian victims."""
    killed = [c for c in claims if c.figure == "killed" and c.part_of is None]
    return bool(killed) and all(
        c.victims and set(c.victims) <= sides.CIVILIAN_VICTIMS for c in killed
    )


def actors_of(
    inc: views.LedgerIncident, claims: Sequence[views.LedgerClaim]
) -> tuple[list[sides.Side], list[sides.Side]]:
    """(side 1, side 2) of an incident: actor1 and its associates, actor2 and its own."""
    country = inc.country
    blamed = sides.distinct([sides.side_of(p, country) for p in inc.perpetrators])
    if not blamed:
        blamed = [sides.unidentified(country)] if inc.event_type in _VIOLENT else []
    if inc.event_type == "Battles" and len(blamed) >= 2 and len({s.state for s in blamed}) == 1:
        # A battle's perpetrators are its two sides, in the order the reports name them.
        one, two = blamed[:1], blamed[1:]
    else:
        one = [s for s in blamed if s.state == blamed[0].state] if blamed else []
        two = [s for s in blamed if s not in one]
    if not two and (
        inc.event_type == "Violence against civilians"
        or (inc.event_type in _VIOLENT and civilian_dead(claims))
    ):
        two = [sides.civilians(country)]
    return one, two


def notes(
    incident: views.LedgerIncident,
    killed: int | None,
    rule: str,
    claims: Sequence[views.LedgerClaim] = (),
) -> str:
    """ACLED-style notes: what, where, who blamed, toll and how it was reconciled."""
    parts: list[str] = []
    day = incident.date_start
    when = f"On {day.isoformat()}, " if day else ""
    what = incident.sub_event_type or incident.event_type or "an incident"
    where = common.joined([incident.place_name, incident.admin1], ", ")
    parts.append(f"{when}{what}" + (f" in {where}" if where else "") + ".")
    blamed = common.joined(
        p.actor + (f" (according to {p.alleged_by})" if p.alleged_by else "")
        for p in incident.perpetrators
    )
    if blamed:
        parts.append(f"Blamed on: {blamed}.")
    if killed is not None:
        parts.append(f"{killed} killed (rule {rule}).")
    if incident.notes:
        parts.append(incident.notes)
    reviewed = common.review_note(incident, claims)
    if reviewed:
        parts.append(reviewed[0].upper() + reviewed[1:] + ".")
    return " ".join(parts)


def _timestamp(inc: views.LedgerIncident) -> int | None:
    """When the ledger's word on the incident last changed: its newest report's publication
    (midnight UTC, Unix seconds). Not the clock of the ingest: the same reports give the same
    export."""
    days = [s.published for s in inc.sources if s.published is not None]
    if not days:
        return None
    newest = max(days)
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def _sources(inc: views.LedgerIncident, claims: Sequence[views.LedgerClaim]) -> str | None:
    outlets = common.joined(s.outlet for s in common.independent_sources(inc))
    return outlets or common.joined(c.claimant for c in claims)


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """The data rows, in incident order."""
    by_incident = common.claims_by_incident(claims)
    out: list[list[Any]] = []
    for inc in incidents:
        mine = by_incident.get(inc.id, [])
        est = common.estimates_under(inc, by_incident, rule).get("killed")
        killed = est.best if est is not None else None
        one, two = actors_of(inc, mine)
        inter1 = one[0].inter if one else None
        inter2 = two[0].inter if two else None
        found = common.standard_country(inc.country)
        iso3 = common.country_iso3(inc.country) or "XXX"
        tags = f"rule={rule}" + (f"; grade={inc.grade}" if inc.grade else "")
        if inc.reviewed:
            tags += "; reviewed"
        out.append(
            [
                f"{iso3}{common.numeric_id(inc.id)}",
                common.iso(inc.date_start),
                inc.date_start.year if inc.date_start else None,
                time_precision(inc.date_precision),
                _DISORDER.get(inc.event_type or ""),
                inc.event_type,
                inc.sub_event_type,
                one[0].acled if one else None,
                common.joined(s.acled for s in one[1:]),
                inter1,
                two[0].acled if two else None,
                common.joined(s.acled for s in two[1:]),
                inter2,
                sides.interaction(inter1, inter2) if one else None,
                "Civilian targeting" if two and two[0].inter == 7 else None,
                common.country_isonumeric(inc.country),
                found.acled_region if found else None,
                (found.acled_country if found else None) or common.country_name(inc.country),
                inc.admin1,
                inc.admin2,
                None,  # admin3: the gazetteer holds no third-order units
                inc.place_name,
                inc.latitude,
                inc.longitude,
                geo_precision(inc.where_prec),
                _sources(inc, mine),
                None,  # source_scale: not known
                notes(inc, killed, rule, mine),
                killed if killed is not None else 0,
                tags,
                _timestamp(inc),
            ]
        )
    return out


FORMAT = common.CsvFormat(name="acled", header=HEADER, rows=rows, default_rule=DEFAULT_RULE)
