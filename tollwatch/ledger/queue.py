"""The review queue: what most needs a person first.

Each active incident gets a *need*, the sum of the weights of the reasons it has:

=================  ======  ==============================================================
reason             weight  when
=================  ======  ==============================================================
contested          5       its sources blame different parties (grade ``contested``)
low_link           4       a report was linked to it, or founded it, on a linker score
                           below ``LOW_LINK`` (a doubtful link, or a near miss)
far_apart          3       for some figure the voices are far apart: the highest more than
                           ``reconcile.AGREE_RATIO`` times the lowest and more than
                           ``reconcile.AGREE_GAP`` apart
no_claimant        2       claims not yet reviewed that name nobody as their source
country_precision  2       its place is no finer than a region or a country
=================  ======  ==============================================================

Incident reasons are settled by a review of the incident (accepted or corrected) or a
decision on it (merge, split, undo); ``no_claimant`` by reviewing each such claim. Ties go
to the newer incident.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, select, union

from tollwatch.ledger import schema as s
from tollwatch.ledger import views
from tollwatch.ledger.browse import Page, check_page
from tollwatch.ledger.query import DEFAULT_RULE, _build, claims_for
from tollwatch.reconcile import AGREE_GAP, AGREE_RATIO, check_rule

LOW_LINK = 0.9
WEIGHTS: dict[str, int] = {
    "contested": 5,
    "low_link": 4,
    "far_apart": 3,
    "no_claimant": 2,
    "country_precision": 2,
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Reason:
    kind: str
    text: str
    weight: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "weight": self.weight}


@dataclass(frozen=True, kw_only=True, slots=True)
class QueueItem:
    """One incident in the queue, why, and its claims that need a look."""

    incident: views.LedgerIncident
    need: int
    reasons: tuple[Reason, ...]
    claims: tuple[views.LedgerClaim, ...]  # unreviewed claims with no claimant

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident": self.incident.to_dict(),
            "need": self.need,
            "reasons": [r.to_dict() for r in self.reasons],
            "claims": [c.to_dict() for c in self.claims],
        }


def _settled(conn: Connection) -> set[str]:
    r, d = s.reviews, s.decisions
    query = union(
        select(r.c.target_id.label("id")).where(r.c.target == "incident"),
        select(d.c.incident_id.label("id")).where(d.c.incident_id.is_not(None)),
        select(d.c.other_incident_id.label("id")).where(d.c.other_incident_id.is_not(None)),
    )
    return {row[0] for row in conn.execute(query)}


def reasons(conn: Connection, *, rule: str = DEFAULT_RULE) -> dict[str, list[Reason]]:
    """Every active incident that needs a look, with its reasons."""
    rule = check_rule(rule)
    i, link, ri, c, h, e = (
        s.incidents,
        s.incident_links,
        s.report_incidents,
        s.claims,
        s.claim_review_heads,
        s.estimates,
    )
    settled = _settled(conn)
    out: dict[str, list[Reason]] = defaultdict(list)

    def add(incident_id: str, kind: str, text: str) -> None:
        out[incident_id].append(Reason(kind=kind, text=text, weight=WEIGHTS[kind]))

    active = i.c.status == "active"
    for (incident_id,) in conn.execute(select(i.c.id).where(active, i.c.grade == "contested")):
        if incident_id not in settled:
            add(incident_id, "contested", "its sources blame different parties")
    rows = conn.execute(
        select(link.c.incident_id, func.min(link.c.score))
        .join(
            ri, and_(ri.c.id == link.c.report_incident_id, ri.c.incident_id == link.c.incident_id)
        )
        .join(i, i.c.id == link.c.incident_id)
        .where(active, link.c.decided_by == "linker", link.c.score < LOW_LINK)
        .group_by(link.c.incident_id)
    )
    for incident_id, score in rows:
        if incident_id not in settled:
            add(incident_id, "low_link", f"a report was linked on a score of {score:.2f}")
    rows = conn.execute(
        select(e.c.incident_id, e.c.figure, e.c.low, e.c.high)
        .join(i, i.c.id == e.c.incident_id)
        .where(
            active,
            e.c.rule == rule,
            e.c.low.is_not(None),
            e.c.high - e.c.low > AGREE_GAP,
            e.c.high > e.c.low * AGREE_RATIO,
        )
        .order_by(e.c.incident_id, e.c.figure)
    )
    for incident_id, figure, low, high in rows:
        if incident_id not in settled:
            add(incident_id, "far_apart", f"{figure} figures range from {low} to {high}")
    rows = conn.execute(
        select(ri.c.incident_id, func.count())
        .select_from(c)
        .join(ri, ri.c.id == c.c.report_incident_id)
        .join(i, i.c.id == ri.c.incident_id)
        .outerjoin(h, h.c.claim_id == c.c.id)
        .where(active, c.c.claimant.is_(None), h.c.claim_id.is_(None))
        .group_by(ri.c.incident_id)
    )
    for incident_id, n in rows:
        add(incident_id, "no_claimant", f"{n} claim{'s' if n != 1 else ''} with no source named")
    rows = conn.execute(
        select(i.c.id).where(
            active,
            i.c.country.is_not(None),
            (i.c.place_precision >= 5) | i.c.latitude.is_(None),
        )
    )
    for (incident_id,) in rows:
        if incident_id not in settled:
            add(incident_id, "country_precision", "placed no finer than a region or country")
    return out


def review_queue(
    conn: Connection, *, rule: str = DEFAULT_RULE, page: int = 1, per_page: int = 20
) -> Page:
    """One page of the queue (items of :class:`QueueItem`), neediest first."""
    page, per_page = check_page(page, per_page)
    found = reasons(conn, rule=rule)
    if not found:
        return Page(items=(), page=page, per_page=per_page, total=0)
    i = s.incidents
    dates: dict[str, date | None] = {}
    ids = list(found)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        dates.update(conn.execute(select(i.c.id, i.c.date_start).where(i.c.id.in_(chunk))).all())
    need = {k: sum(r.weight for r in v) for k, v in found.items()}
    ranked = sorted(
        found,
        key=lambda k: (-need[k], -(dates.get(k) or date.min).toordinal(), k),
    )
    chosen = ranked[(page - 1) * per_page : page * per_page]
    rows = list(conn.execute(select(i).where(i.c.id.in_(chosen))).mappings())
    incidents = {inc.id: inc for inc in _build(conn, rows, rule, links=False)}
    claims = views.by_incident(claims_for(conn, chosen))
    items = []
    for incident_id in chosen:
        todo = [c for c in claims.get(incident_id, []) if c.claimant is None and c.review is None]
        items.append(
            QueueItem(
                incident=incidents[incident_id],
                need=need[incident_id],
                reasons=tuple(sorted(found[incident_id], key=lambda r: -r.weight)),
                claims=tuple(todo),
            )
        )
    return Page(items=tuple(items), page=page, per_page=per_page, total=len(ranked))
