"""UCDP GED CSV: one row per incident in GED's 49 columns, in GED's order and conventions.

- ``type_of_violence``: 3 one-sided (violence against civilians; or a non-state group's
  attack whose dead are all civilians); 1 state-based (a state is blamed, or a group is and
  its dead are soldiers or police); 2 non-state (two non-state groups are blamed, or one is
  and its dead are fighters); empty when the reports do not tell (no perpetrator, or
  protests, riots and strategic developments, which GED does not hold).
- ``side_a`` is one actor: the government in state-based violence, else the first
  perpetrator; ``side_b`` the other side when known (the group a government fights, the
  second group, or "Civilians" for one-sided violence). Other perpetrators of side A are not
  written (GED has one actor a side). ``gwnoa`` / ``gwnob`` are a government side's
  Gleditsch-Ward number.
- ``best`` / ``low`` / ``high`` are the ``killed`` estimate under the rule (``ucdp`` by
  default); ``deaths_a`` + ``deaths_b`` + ``deaths_civilians`` + ``deaths_unknown`` =
  ``best``: civilians from the killed claims about civilians only, soldiers and police to the
  government's side, fighters to the group's, the rest unknown (all civilians in one-sided
  violence).
- ``id`` is a stable number made from the incident id, ``relid`` the incident id itself.
- ``priogrid_gid`` is computed from the coordinates; ``event_clarity`` is 1 when the date is
  known within a few days, else 2 (an aggregate over a longer time).
- ``code_status`` (UCDP's review status) says what people reviewed on the desk ("reviewed:
  2 of 3 claims, 1 corrected; place set by a reviewer"), empty when nobody has.
- Left empty, as tollwatch cannot know them: ``active_year`` (UCDP's yearly
  thresholds), the ``*_dset_id`` and ``*_new_id`` columns (UCDP's own
  actor, dyad and conflict numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollwatch.export import _common as common
from tollwatch.export import sides
from tollwatch.ledger import views

HEADER: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
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
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

_ARMED = frozenset({"Battles", "Explosions/Remote violence"})


def _victims(claims: Sequence[views.LedgerClaim], kinds: frozenset[str]) -> list[views.LedgerClaim]:
    return [c for c in claims if c.figure == "killed" and c.victims and set(c.victims) <= kinds]


def _dead_are(claims: Sequence[views.LedgerClaim], kinds: frozenset[str]) -> bool:
    whole = [c for c in claims if c.figure == "killed" and c.part_of is None]
    return bool(whole) and all(c.victims and set(c.victims) <= kinds for c in whole)


def dyad(
    inc: views.LedgerIncident, claims: Sequence[views.LedgerClaim]
) -> tuple[int | None, sides.Side | None, sides.Side | None]:
    """(type_of_violence, side A, side B) of an incident (see the module doc)."""
    country = inc.country
    blamed = sides.distinct([sides.side_of(p, country) for p in inc.perpetrators])
    if not blamed:
        return None, None, None
    states = [s for s in blamed if s.state]
    groups = [s for s in blamed if not s.state]
    if inc.event_type == "Violence against civilians":
        return 3, blamed[0], sides.civilians(country)
    if inc.event_type not in _ARMED:
        return None, None, None
    if states:
        return 1, states[0], groups[0] if groups else None
    if len(groups) >= 2:
        return 2, groups[0], groups[1]
    if _dead_are(claims, sides.STATE_VICTIMS):
        return 1, sides.government(country), groups[0]
    if _dead_are(claims, frozenset({"fighters"})):
        return 2, groups[0], None
    if _dead_are(claims, sides.CIVILIAN_VICTIMS):
        return 3, groups[0], sides.civilians(country)
    return None, groups[0], None


def _part(claims: Sequence[views.LedgerClaim], kinds: frozenset[str], rule: str) -> int:
    mine = _victims(claims, kinds)
    if not mine:
        return 0
    ids = {c.id for c in mine}
    # Parts of such a total ("including 5 children") stay parts of it.
    kept = [c for c in mine if c.part_of is None or c.part_of in ids] or mine
    est = views.incident_estimates(kept, rule=rule).get("killed")
    return est.best or 0 if est else 0


def deaths(
    best: int | None,
    kind: int | None,
    side_a: sides.Side | None,
    claims: Sequence[views.LedgerClaim],
    rule: str,
) -> tuple[int | None, int | None, int | None, int | None]:
    """(deaths_a, deaths_b, deaths_civilians, deaths_unknown), adding up to ``best``."""
    if best is None:
        return None, None, None, None
    if kind == 3:
        return 0, 0, best, 0
    civilians = min(best, _part(claims, sides.CIVILIAN_VICTIMS, rule))
    state = _part(claims, sides.STATE_VICTIMS, rule)
    fighters = _part(claims, frozenset({"fighters"}), rule)
    a, b = (state, fighters) if side_a is not None and side_a.state else (fighters, state)
    a = min(a, best - civilians) if kind else 0
    b = min(b, best - civilians - a) if kind else 0
    return a, b, civilians, best - civilians - a - b


def _source_article(s: views.LedgerSource) -> str | None:
    return common.joined([s.outlet, common.iso(s.published), s.title, s.url], ", ")


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
        best = est.best if est else None
        kind, side_a, side_b = dyad(inc, mine)
        dyad_name = f"{side_a.ucdp} - {side_b.ucdp}" if side_a and side_b else None
        country = common.standard_country(inc.country)
        if kind == 1 and side_a is not None:
            conflict = f"{(country.ucdp_country if country else None) or common.country_name(inc.country)}: Government"
        else:
            conflict = dyad_name
        a, b, civ, unknown = deaths(best, kind, side_a, mine, rule)
        sources = common.independent_sources(inc)
        lat, lon = inc.latitude, inc.longitude
        has_point = lat is not None and lon is not None
        out.append(
            [
                common.numeric_id(inc.id),
                inc.id,
                inc.date_start.year if inc.date_start else None,
                None,  # active_year: UCDP's yearly threshold, not known
                common.review_note(inc, mine),  # code_status: tollwatch's review, if any
                kind,
                None,
                None,
                conflict,
                None,
                None,
                dyad_name,
                None,
                None,
                side_a.ucdp if side_a else None,
                None,
                None,
                side_b.ucdp if side_b else None,
                common.source_count(inc),
                common.joined(_source_article(s) for s in sources),
                common.joined(s.outlet for s in sources),
                common.joined(common.iso(s.published) for s in sources),
                common.joined(s.title for s in sources),
                common.joined(c.claimant for c in mine),
                inc.where_prec,
                common.joined([inc.place_name, inc.admin2, inc.admin1], ", "),
                inc.place_name,
                inc.admin1,
                inc.admin2,
                lat,
                lon,
                f"POINT ({lon} {lat})" if has_point else None,
                common.priogrid_gid(lat, lon),
                (country.ucdp_country if country else None) or common.country_name(inc.country),
                country.gwno if country else None,
                country.ucdp_region if country else None,
                (1 if inc.date_precision <= 2 else 2) if inc.date_precision else None,
                inc.date_precision,
                common.iso(inc.date_start),
                common.iso(inc.date_end),
                a,
                b,
                civ,
                unknown,
                best,
                est.high if est else None,
                est.low if est else None,
                side_a.gwno if side_a and side_a.state else None,
                side_b.gwno if side_b and side_b.state else None,
            ]
        )
    return out


FORMAT = common.CsvFormat(name="ucdp", header=HEADER, rows=rows)
