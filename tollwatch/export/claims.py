"""Claims CSV: one row per claim, every source of an incident side by side.

Rows follow the incidents' order, then figure, publication date and report. ``used`` says
whether the claim went into the incident's estimate under the rule (copies, subsets and
superseded figures do not); ``rule`` names the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tollwatch import model
from tollwatch.export import _common as common
from tollwatch.ledger import views
from tollwatch.reconcile import natural_key

HEADER: tuple[str, ...] = (
    "incident_id",
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "count_text",
    "victims",
    "unit",
    "claimant",
    "claimant_kind",
    "quote",
    "report_title",
    "published",
    "outlet",
    "url",
    "report_id",
    "claim_id",
    "part_of",
    "update_of",
    "copy_of",
    "is_headline",
    "used",
    "estimate_best",
    "rule",
    "review",  # accepted | corrected | rejected (a rejected claim is in no estimate)
    "reviewed_by",
)


def _figure_rank(figure: str) -> int:
    return model.FIGURES.index(figure) if figure in model.FIGURES else len(model.FIGURES)


def rows(
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str,
) -> list[list[Any]]:
    """The data rows; claims of incidents not listed come last, without estimates."""
    common.check(rule)
    by_incident = common.claims_by_incident(claims)
    order = {inc.id: i for i, inc in enumerate(incidents)}
    ests = {inc.id: common.estimates_under(inc, by_incident, rule) for inc in incidents}

    def key(c: views.LedgerClaim) -> tuple[Any, ...]:
        return (
            order.get(c.incident or "", len(order)),
            c.incident or "",
            _figure_rank(c.figure),
            c.report.published or date.max,
            c.report_id,
            natural_key(c.local_id or c.id),
        )

    out: list[list[Any]] = []
    for c in sorted(claims, key=key):
        est = ests.get(c.incident or "", {}).get(c.figure)
        out.append(
            [
                c.incident,
                c.figure,
                c.value,
                c.low,
                c.high,
                c.qualifier,
                c.count_text,
                ";".join(c.victims) or None,
                c.unit,
                c.claimant,
                c.claimant_kind,
                c.evidence.text,
                c.report.title,
                common.iso(c.report.published),
                c.report.outlet,
                c.report.url,
                c.report_id,
                c.id,
                c.part_of,
                c.update_of,
                c.report.copy_of,
                "yes" if c.is_headline else "no",
                None if est is None else ("yes" if c.id in est.claims else "no"),
                est.best if est is not None else None,
                rule,
                c.review,
                c.reviewed_by,
            ]
        )
    return out


FORMAT = common.CsvFormat(name="claims", header=HEADER, rows=rows)
