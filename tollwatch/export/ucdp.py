"""UCDP GED-style CSV: one row per incident with GED's own column names.

``best`` / ``low`` / ``high`` are the ``killed`` estimate under the rule; ``deaths_civilians``
the estimate of killed claims about civilians only (all their victims civilians, children or
women); ``reconcile_rule`` names the rule (not a GED column: GED has one coding rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollwatch.export import _common as common
from tollwatch.ledger import views

HEADER: tuple[str, ...] = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_civilians",
    "best",
    "high",
    "low",
    "number_of_sources",
    "reconcile_rule",
)

_CIVILIAN_VICTIMS = frozenset({"civilians", "children", "women", "aid_workers", "journalists"})
_STATE_KINDS = frozenset({"state", "foreign_state", "coalition"})


def type_of_violence(incident: views.LedgerIncident) -> int | None:
    """UCDP type: 3 one-sided (violence against civilians); 1 state-based (battles or
    explosions a state is blamed for); None when the reports do not say enough."""
    if incident.event_type == "Violence against civilians":
        return 3
    if incident.event_type in ("Battles", "Explosions/Remote violence"):
        if any(p.actor_kind in _STATE_KINDS for p in incident.perpetrators):
            return 1
    return None


def _civilian_best(claims: Sequence[views.LedgerClaim], rule: str) -> int | None:
    civ = [
        c
        for c in claims
        if c.figure == "killed" and c.victims and set(c.victims) <= _CIVILIAN_VICTIMS
    ]
    if not civ:
        return None
    # Parts of a civilian total ("including 5 children") stay parts of it.
    ids = {c.id for c in civ}
    kept = [c for c in civ if c.part_of is None or c.part_of in ids]
    return views.incident_estimates(kept or civ, rule=rule)["killed"].best


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
        mine = by_incident.get(inc.id, [])
        sources = common.independent_sources(inc)
        where = common.place(inc)
        has_point = where.lat is not None and where.lon is not None
        out.append(
            [
                inc.id,
                common.start(inc).year if common.start(inc) else None,
                type_of_violence(inc),
                common.joined(p.actor for p in inc.perpetrators),
                common.joined(
                    common.joined([s.outlet, common.iso(s.published), s.title, s.url], ", ")
                    for s in sources
                ),
                common.joined(s.outlet for s in sources),
                common.joined(common.iso(s.published) for s in sources),
                common.joined(s.title for s in sources),
                common.joined(c.claimant for c in mine),
                common.place(inc).precision,
                common.joined(
                    [
                        common.place(inc).name or None,
                        common.place(inc).admin2,
                        common.place(inc).admin1,
                    ],
                    ", ",
                ),
                common.place(inc).name or None,
                common.place(inc).admin1,
                common.place(inc).admin2,
                common.place(inc).lat,
                common.place(inc).lon,
                f"POINT ({where.lon} {where.lat})" if has_point else None,
                common.country_name(common.place(inc).country),
                inc.date.precision if inc.date else None,
                common.iso(common.start(inc)),
                common.iso(common.end(inc)),
                _civilian_best(mine, rule),
                est.best if est else None,
                est.high if est else None,
                est.low if est else None,
                common.source_count(inc),
                rule,
            ]
        )
    return out


FORMAT = common.CsvFormat(name="ucdp", header=HEADER, rows=rows)
