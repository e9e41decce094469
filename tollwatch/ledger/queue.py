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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    String,
    and_,
    cast,
    func,
    literal,
    null,
    select,
    union,
    union_all,
)

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


def _settled() -> Any:
    """Incidents a person has reviewed or decided on (their incident reasons are settled)."""
    r, d = s.reviews, s.decisions
    return union(
        select(r.c.target_id.label("id")).where(r.c.target == "incident"),
        select(d.c.incident_id.label("id")).where(d.c.incident_id.is_not(None)),
        select(d.c.other_incident_id.label("id")).where(d.c.other_incident_id.is_not(None)),
    ).subquery()


def _reason_rows(rule: str, ids: Sequence[str] | None) -> Any:
    """One row per reason: (incident_id, kind, weight, a, b, figure), the numbers and figure
    its text needs; every active incident's, or only those of ``ids``."""
    i, link, ri, c, h, e = (
        s.incidents,
        s.incident_links,
        s.report_incidents,
        s.claims,
        s.claim_review_heads,
        s.estimates,
    )
    settled = select(_settled().c.id)
    active = i.c.status == "active"

    def only(column: Any) -> list[Any]:
        return [column.in_(list(ids))] if ids is not None else []

    def row(
        incident: Any, kind: str, a: Any = None, b: Any = None, figure: Any = None
    ) -> list[Any]:
        return [
            incident.label("incident_id"),
            literal(kind).label("kind"),
            literal(WEIGHTS[kind]).label("weight"),
            cast(a if a is not None else null(), Float).label("a"),
            cast(b if b is not None else null(), Float).label("b"),
            cast(figure if figure is not None else null(), String).label("figure"),
        ]

    parts = [
        select(*row(i.c.id, "contested")).where(
            active, i.c.grade == "contested", i.c.id.not_in(settled), *only(i.c.id)
        ),
        select(*row(link.c.incident_id, "low_link", func.min(link.c.score)))
        .join(
            ri, and_(ri.c.id == link.c.report_incident_id, ri.c.incident_id == link.c.incident_id)
        )
        .join(i, i.c.id == link.c.incident_id)
        .where(
            active,
            link.c.decided_by == "linker",
            link.c.score < LOW_LINK,
            link.c.incident_id.not_in(settled),
            *only(link.c.incident_id),
        )
        .group_by(link.c.incident_id),
        select(*row(e.c.incident_id, "far_apart", e.c.low, e.c.high, e.c.figure))
        .join(i, i.c.id == e.c.incident_id)
        .where(
            active,
            e.c.rule == rule,
            e.c.low.is_not(None),
            e.c.high - e.c.low > AGREE_GAP,
            e.c.high > e.c.low * AGREE_RATIO,
            e.c.incident_id.not_in(settled),
            *only(e.c.incident_id),
        ),
        select(*row(ri.c.incident_id, "no_claimant", func.count()))
        .select_from(c)
        .join(ri, ri.c.id == c.c.report_incident_id)
        .join(i, i.c.id == ri.c.incident_id)
        .outerjoin(h, h.c.claim_id == c.c.id)
        .where(active, c.c.claimant.is_(None), h.c.claim_id.is_(None), *only(ri.c.incident_id))
        .group_by(ri.c.incident_id),
        select(*row(i.c.id, "country_precision")).where(
            active,
            i.c.country.is_not(None),
            (i.c.place_precision >= 5) | i.c.latitude.is_(None),
            i.c.id.not_in(settled),
            *only(i.c.id),
        ),
    ]
    return union_all(*parts).subquery("reasons")


def _text(kind: str, a: float | None, b: float | None, figure: str | None = None) -> str:
    if kind == "contested":
        return "its sources blame different parties"
    if kind == "low_link":
        return f"a report was linked on a score of {a:.2f}"
    if kind == "far_apart":
        return f"{figure} figures range from {int(a or 0)} to {int(b or 0)}"
    if kind == "no_claimant":
        n = int(a or 0)
        return f"{n} claim{'s' if n != 1 else ''} with no source named"
    return "placed no finer than a region or country"


def reasons(
    conn: Connection, *, rule: str = DEFAULT_RULE, incident_ids: Sequence[str] | None = None
) -> dict[str, list[Reason]]:
    """The active incidents that need a look (all, or of ``incident_ids``), with reasons."""
    rule = check_rule(rule)
    u = _reason_rows(rule, incident_ids)
    out: dict[str, list[Reason]] = defaultdict(list)
    rows = conn.execute(select(u).order_by(u.c.incident_id, u.c.weight.desc())).all()
    for r in rows:
        out[r.incident_id].append(
            Reason(kind=r.kind, text=_text(r.kind, r.a, r.b, r.figure), weight=r.weight)
        )
    return out


def review_queue(
    conn: Connection, *, rule: str = DEFAULT_RULE, page: int = 1, per_page: int = 20
) -> Page:
    """One page of the queue (items of :class:`QueueItem`), neediest first.

    The ranking is one query (the reasons' weights summed per incident, newer incidents first
    on ties, undated last); only the page's incidents are read whole.
    """
    page, per_page = check_page(page, per_page)
    rule = check_rule(rule)
    i = s.incidents
    u = _reason_rows(rule, None)
    need = func.sum(u.c.weight).label("need")
    ranked = (
        select(u.c.incident_id, need)
        .join(i, i.c.id == u.c.incident_id)
        .group_by(u.c.incident_id, i.c.date_start)
        .order_by(need.desc(), i.c.date_start.is_(None), i.c.date_start.desc(), u.c.incident_id)
    )
    total = conn.execute(select(func.count(func.distinct(u.c.incident_id)))).scalar_one()
    chosen = conn.execute(ranked.limit(per_page).offset((page - 1) * per_page)).all()
    ids = [row.incident_id for row in chosen]
    if not ids:
        return Page(items=(), page=page, per_page=per_page, total=total)
    found = reasons(conn, rule=rule, incident_ids=ids)
    rows = list(conn.execute(select(i).where(i.c.id.in_(ids))).mappings())
    incidents = {inc.id: inc for inc in _build(conn, rows, rule, links=False)}
    claims = views.by_incident(claims_for(conn, ids))
    items = []
    for row in chosen:
        todo = [
            c for c in claims.get(row.incident_id, []) if c.claimant is None and c.review is None
        ]
        items.append(
            QueueItem(
                incident=incidents[row.incident_id],
                need=int(row.need),
                reasons=tuple(sorted(found[row.incident_id], key=lambda r: -r.weight)),
                claims=tuple(todo),
            )
        )
    return Page(items=tuple(items), page=page, per_page=per_page, total=total)
