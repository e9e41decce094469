"""HXL-tagged CSV (Humanitarian Exchange Language): row 1 headers, row 2 hashtags.

One row per incident. Figures are the estimates under the rule (best, plus low/high for
killed); ``#meta+rule`` names the rule on every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tollwatch.export import _common as common
from tollwatch.ledger import views

# (header, hashtag) pairs, in column order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Incident", "#event+id"),
    ("Date", "#date+start"),
    ("Date end", "#date+end"),
    ("Date precision", "#date+precision"),
    ("Event type", "#event+type"),
    ("Sub-event type", "#event+type+sub"),
    ("Country code", "#country+code"),
    ("Country", "#country+name"),
    ("Admin 1", "#adm1+name"),
    ("Admin 2", "#adm2+name"),
    ("Location", "#loc+name"),
    ("Latitude", "#geo+lat"),
    ("Longitude", "#geo+lon"),
    ("Location precision", "#geo+precision"),
    ("Perpetrator", "#group+perpetrator"),
    ("Killed", "#affected+killed"),
    ("Killed low", "#affected+killed+min"),
    ("Killed high", "#affected+killed+max"),
    ("Injured", "#affected+injured"),
    ("Missing", "#affected+missing"),
    ("Displaced", "#affected+idps"),
    ("Grade", "#status+grade"),
    ("Sources", "#meta+source"),
    ("Number of sources", "#meta+count"),
    ("Source URLs", "#meta+url"),
    ("Rule", "#meta+rule"),
)
HEADER: tuple[str, ...] = tuple(h for h, _ in COLUMNS)
HASHTAGS: tuple[str, ...] = tuple(t for _, t in COLUMNS)


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """The data rows (after the hashtag row), in incident order."""
    common.check(rule)
    by_incident = common.claims_by_incident(claims)
    out: list[list[Any]] = []
    for inc in incidents:
        ests = common.estimates_under(inc, by_incident, rule)

        def best(figure: str, ests: dict = ests) -> int | None:
            e = ests.get(figure)
            return e.best if e is not None else None

        killed = ests.get("killed")
        sources = common.independent_sources(inc)
        out.append(
            [
                inc.id,
                common.iso(common.start(inc)),
                common.iso(common.end(inc)),
                inc.date.precision if inc.date else None,
                inc.event_type,
                inc.sub_event_type,
                common.place(inc).country,
                common.country_name(common.place(inc).country),
                common.place(inc).admin1,
                common.place(inc).admin2,
                common.place(inc).name or None,
                common.place(inc).lat,
                common.place(inc).lon,
                common.place(inc).precision,
                common.joined(p.actor for p in inc.perpetrators),
                best("killed"),
                killed.low if killed else None,
                killed.high if killed else None,
                best("injured"),
                best("missing"),
                best("displaced"),
                inc.grade,
                common.joined(s.outlet or s.title for s in sources),
                common.source_count(inc),
                common.joined(s.url for s in sources),
                rule,
            ]
        )
    return out


FORMAT = common.CsvFormat(name="hxl", header=HEADER, rows=rows, preamble=(HASHTAGS,))
