"""Linking in the store: blocked candidate search in SQL, scoring by :mod:`linking`.

For each report incident of a newly stored report, :func:`link_report` asks the store for
the ledger incidents in its block (same country, or both country-less; a date range that
meets :func:`tollwatch.ledger.linking.search_window`'s, or undated), turns them into
:class:`~tollwatch.ledger.linking.LinkCandidate` exactly as the in-memory index does
(:func:`~tollwatch.ledger.linking.candidate_from_view`), and lets
:func:`~tollwatch.ledger.linking.best_link` choose. The report incident joins the best
incident that reaches the threshold, or founds a new one; either way an ``incident_links`` row
records the score and the reason.

Linking gates on country, so the country is the lock block: two writers linking reports of
the same country take turns (PostgreSQL advisory lock ``block:<country>``; SQLite's one write
lock); writers in different countries do not wait for each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update

from tollwatch import model
from tollwatch.ledger import linking
from tollwatch.ledger import schema as s
from tollwatch.ledger.maintain import refresh_incidents
from tollwatch.ledger.query import _build
from tollwatch.ledger.store import now

# The SQL block is wider than the linking window by this much, because an existing
# incident's own window is widened by its date tolerance too; the score gates the rest.
SLACK_DAYS = 7
LINK_RULE = "ucdp"  # the estimates whose best figures linking compares


@dataclass
class LinkOutcome:
    """What linking one report did."""

    new: int = 0
    linked: int = 0
    touched: set[str] = field(default_factory=set)


def block_of(country: str | None) -> str:
    """The lock block of an incident in ``country``."""
    return (country or "").upper() or "-"


def lock_blocks(record: model.ReportRecord) -> list[str]:
    """The lock blocks a record's incidents link in."""
    return sorted(
        {block_of(inc.place.country if inc.place else None) for inc in record.incidents}
    )


def candidate_rows(conn: Connection, window: linking.SearchWindow) -> list[Any]:
    """Active ledger incidents in the block of ``window`` (wider, never narrower)."""
    i = s.incidents
    conds = [i.c.status == "active"]
    conds.append(i.c.country.is_(None) if window.country is None else i.c.country == window.country)
    if window.date_from is not None and window.date_to is not None:
        lo = window.date_from - timedelta(days=SLACK_DAYS)
        hi = window.date_to + timedelta(days=SLACK_DAYS)
        conds.append(
            or_(
                and_(
                    i.c.date_start.is_not(None),
                    i.c.date_start <= hi,
                    func.coalesce(i.c.date_end, i.c.date_start) >= lo,
                ),
                and_(i.c.date_start.is_(None), i.c.published.is_(None)),
                and_(i.c.date_start.is_(None), i.c.published >= lo, i.c.published <= hi),
                # An incident dated to a year or a month spans its block on either side.
                and_(i.c.date_precision >= 4, i.c.date_start <= hi),
            )
        )
    rows = list(conn.execute(select(i).where(and_(*conds)).order_by(i.c.id)).mappings())
    if window.admin1 is not None:
        want = linking.norm_place(window.admin1)
        rows = [r for r in rows if r["admin1"] is None or linking.norm_place(r["admin1"]) == want]
    return rows


def candidates(conn: Connection, window: linking.SearchWindow) -> list[linking.LinkCandidate]:
    """The ledger incidents of a search window, as link candidates."""
    rows = candidate_rows(conn, window)
    if not rows:
        return []
    return [linking.candidate_from_view(v) for v in _build(conn, rows, LINK_RULE, links=False)]


def link_report(
    conn: Connection,
    record: model.ReportRecord,
    ri_rows: Sequence[dict[str, Any]],
    *,
    threshold: float = linking.DEFAULT_THRESHOLD,
) -> LinkOutcome:
    """Link each incident of a just-stored report to the ledger (inside its transaction)."""
    outcome = LinkOutcome()
    by_local = {row["local_id"]: row for row in ri_rows}
    for inc in record.incidents:
        row = by_local[inc.id]
        cand = linking.candidate_from_incident(inc, key=row["id"], report=record.report)
        match, scored = linking.best_link(
            cand, candidates(conn, linking.search_window(cand)), threshold=threshold
        )
        stamp = now()
        if match is None:
            incident_id = _found(conn, row["id"], stamp)
            reason = "new incident: " + (
                f"best candidate {scored.score:.2f} below {threshold:.2f} ({scored.reason})"
                if scored.reason != "no candidates"
                else "no candidate in its block"
            )
            score = scored.score if scored.reason != "no candidates" else None
            outcome.new += 1
        else:
            incident_id = match.key
            reason = scored.reason
            score = scored.score
            outcome.linked += 1
        conn.execute(
            update(s.report_incidents)
            .where(s.report_incidents.c.id == row["id"])
            .values(incident_id=incident_id)
        )
        conn.execute(
            s.incident_links.insert().values(
                report_incident_id=row["id"],
                incident_id=incident_id,
                score=score,
                reason=reason,
                decided_by="linker",
                decision_id=None,
                created_at=stamp,
            )
        )
        # Refresh now, so the report's next incident sees this one's effect on the block.
        refresh_incidents(conn, [incident_id])
        outcome.touched.add(incident_id)
    return outcome


def _found(conn: Connection, founder: str, stamp: Any) -> str:
    from tollwatch.ledger.ingest import incident_gid

    incident_id = incident_gid(founder)
    conn.execute(
        s.incidents.insert().values(
            id=incident_id,
            report_count=0,
            source_count=0,
            status="active",
            founded_by=founder,
            created_at=stamp,
            updated_at=stamp,
        )
    )
    return incident_id
