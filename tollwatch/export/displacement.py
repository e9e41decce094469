"""Displacement in the shape of IDMC's event data: one row per figure a source gives.

Every displacement figure of the ledger (displaced, evacuated, returned), of an incident or
of a situation told of no single incident, as the voices give it: each voice's current
figure once (copies, restatements and superseded figures merged away, as the estimates see
them). The figure the rule picks is the ``Recommended figure`` (IDMC's ``role``), the other
voices' figures ``Triangulation``.

Columns follow IDMC's event data (the IDU) and the IDETECT annotation: ``figure`` as stated,
in its ``unit`` (``Person`` or ``Household``: IDMC's conversion of households to people is
not made), ``term`` (IDETECT's reporting terms: Displaced, Forced to Flee, Evacuated,
Sheltered, In Relief Camp, Relocated, Homeless, Returned, from the figure and the words of
its sentence, ``tollwatch/data/displacement_terms.csv``), ``qualifier`` (total, more than,
less than, approximately, range), where (``locations_name``, coordinates and precision) and
when (``displacement_date``: the incident's date, else the report's publication), and the
source (claimant, outlet, title, URL, the words); then the ledger's own: the incident and
claim ids, the rule, and what a reviewer made of the figure (``review``, ``reviewed_by``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tollwatch import model, reconcile
from tollwatch.export import _common as common
from tollwatch.ledger import views

HEADER: tuple[str, ...] = (
    "id",
    "country",
    "iso3",
    "latitude",
    "longitude",
    "role",
    "displacement_type",
    "qualifier",
    "figure",
    "unit",
    "term",
    "displacement_date",
    "displacement_start_date",
    "displacement_end_date",
    "year",
    "event_name",
    "locations_name",
    "locations_accuracy",
    "sources",
    "source_url",
    "source_title",
    "quote",
    "incident_id",
    "claim_id",
    "rule",
    "review",  # accepted | corrected (a rejected figure is no row), as in the claims CSV
    "reviewed_by",
)

_QUALIFIERS = {
    "exact": "total",
    "at_least": "more than",
    "at_most": "less than",
    "about": "approximately",
    "range": "range",
    "vague": "approximately",
}


@lru_cache(maxsize=1)
def _terms() -> list[tuple[str, re.Pattern[str] | None, str]]:
    from importlib import resources

    text = resources.files("tollwatch").joinpath("data/displacement_terms.csv").read_text("utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        words = row["words"].strip()
        rx = re.compile(rf"(?i)\b(?:{words})\b") if words else None
        out.append((row["figure"], rx, row["term"]))
    return out


def term(claim: model.Claim) -> str:
    """IDETECT's reporting term of a displacement claim (see the module doc)."""
    for figure, rx, name in _terms():
        if figure == claim.figure and (rx is None or rx.search(claim.evidence.text)):
            return name
    return claim.figure.capitalize()


def _rows_for(
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
    incident: views.LedgerIncident | None,
    place: model.PlaceRef | None,
    day: Any,
    end: Any,
    event: str | None,
) -> list[list[Any]]:
    inputs = views.reconcile_inputs(claims)
    maps = {"copies": inputs.copies, "sources": inputs.sources, "order": inputs.order}
    est = reconcile.estimate(claims, rule=rule, **maps)
    by_id = {c.id: c for c in claims}
    out: list[list[Any]] = []
    recommended = False
    for stmt in reconcile.voice_figures(claims, **maps):
        c = by_id[stmt.claim.id]
        role = "Triangulation"
        if not recommended and c.value == est.best:
            role, recommended = "Recommended figure", True
        where = place or model.PlaceRef(name="", text="")
        out.append(
            [
                c.id,
                common.country_name(where.country),
                common.country_iso3(where.country),
                where.lat,
                where.lon,
                role,
                "Conflict",
                _QUALIFIERS.get(c.qualifier),
                c.value,
                "Household" if c.unit == "households" else "Person",
                term(c),
                common.iso(day),
                common.iso(day),
                common.iso(end or day),
                day.year if day else None,
                event,
                common.joined([where.name or None, where.admin1], ", "),
                where.precision,
                common.joined([c.claimant, c.report.outlet], "; "),
                c.report.url,
                c.report.title,
                c.evidence.text,
                incident.id if incident else None,
                c.id,
                rule,
                c.review,
                c.reviewed_by,
            ]
        )
    return out


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """Incidents' displacement figures in incident order, then situations' (newest first)."""
    by_incident = common.claims_by_incident(views.counted(claims))
    out: list[list[Any]] = []
    for inc in incidents:
        mine = by_incident.get(inc.id, [])
        for figure in views.DISPLACEMENT_FIGURES:
            for unit in ("people", "households"):
                these = [c for c in mine if c.figure == figure and c.unit == unit]
                if these:
                    event = common.joined([inc.sub_event_type, inc.place_name], " in ")
                    out += _rows_for(
                        these,
                        rule=rule,
                        incident=inc,
                        place=inc.place,
                        day=inc.date_start,
                        end=inc.date_end,
                        event=event,
                    )
    for sit in views.situations(claims, rule=rule, figures=views.DISPLACEMENT_FIGURES):
        out += _rows_for(
            sit.claims,
            rule=rule,
            incident=None,
            place=sit.place,
            day=sit.published,
            end=None,
            event=None,
        )
    return out


FORMAT = common.CsvFormat(name="displacement", header=HEADER, rows=rows)
