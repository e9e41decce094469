"""Reading people's reviews back: the reviewed facts that outrank the machine's.

:mod:`tollwatch.ledger.review` records reviews (append-only rows of ``reviews``, with a
``claim_review_heads`` pointer to each claim's current one). This module only reads them and
lays them over what extraction stored, so that every reader of the ledger (the CLI, the
exports, reconciliation in :mod:`tollwatch.ledger.state`, the web desk) sees the same
reviewed facts:

- a claim's current review gives its status (``accepted``, ``corrected``, ``rejected``) and,
  when corrected, the values a person set (figure, value, bounds, qualifier, claimant); a
  rejected claim is kept and shown, but reconciliation leaves it out
  (:func:`tollwatch.ledger.views.reconcile_inputs`);
- an incident's corrections (place, date, type, perpetrators), later ones over earlier ones,
  replace the values derived from its reports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, select

from tollwatch import model
from tollwatch.ledger import schema as s
from tollwatch.ledger import views
from tollwatch.ledger.linking import norm_place

# Claim fields a correction may set (the claim's incident is moved, not overlaid).
CLAIM_FIELDS: tuple[str, ...] = (
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "claimant",
    "claimant_kind",
)
# Incident facts a correction may set, each a group of columns set together.
INCIDENT_FACTS: tuple[str, ...] = ("place", "date", "type", "perpetrators")
STATUS_OF_ACTION: dict[str, str] = {
    "accept": "accepted",
    "correct": "corrected",
    "reject": "rejected",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class ClaimHead:
    """A claim's current review."""

    claim_id: str
    review_id: int
    status: str  # accepted | corrected | rejected
    values: dict[str, Any]  # the claim fields the review set (corrected claims)
    decided_by: str
    created_at: datetime | None
    note: str | None = None
    report_incident_id: str | None = None  # moved: the report incident it now follows


@dataclass(frozen=True, kw_only=True, slots=True)
class IncidentOverlay:
    """The reviewed facts of one incident: every correction's groups, later over earlier."""

    incident_id: str
    facts: dict[str, Any] = field(default_factory=dict)  # place | date | type | perpetrators
    reviews: tuple[int, ...] = ()

    def columns(self) -> dict[str, Any]:
        """The ``incidents`` columns these facts set."""
        out: dict[str, Any] = {}
        place = self.facts.get("place")
        if place is not None:
            out.update(
                place_name=place.get("name"),
                admin1=place.get("admin1"),
                admin1_key=norm_place(place.get("admin1")),
                admin2=place.get("admin2"),
                country=place.get("country"),
                latitude=place.get("latitude"),
                longitude=place.get("longitude"),
                place_precision=place.get("precision"),
                gazetteer_id=None,
            )
        when = self.facts.get("date")
        if when is not None:
            start = _day(when.get("start"))
            out.update(
                date_start=start,
                date_end=_day(when.get("end")) or start,
                date_precision=when.get("precision"),
            )
        kind = self.facts.get("type")
        if kind is not None:
            out.update(event_type=kind.get("event_type"), sub_event_type=kind.get("sub_event_type"))
        return out

    def perpetrators(self) -> tuple[model.Perpetrator, ...] | None:
        """The reviewed perpetrators, or None when no review set them."""
        value = self.facts.get("perpetrators")
        if value is None:
            return None
        return tuple(
            model.Perpetrator(
                actor=p["actor"], actor_kind=p.get("actor_kind"), alleged_by=p.get("alleged_by")
            )
            for p in value
            if p.get("actor")
        )


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def claim_heads(conn: Connection, claim_ids: Iterable[str]) -> dict[str, ClaimHead]:
    """The current review of each of ``claim_ids`` that has one."""
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    out: dict[str, ClaimHead] = {}
    for chunk in _chunks(ids, 500):
        rows = conn.execute(_claim_heads_query(), {"ids": chunk}).mappings()
        for row in rows:
            after = row["after"] or {}
            out[row["claim_id"]] = ClaimHead(
                claim_id=row["claim_id"],
                review_id=row["review_id"],
                status=row["status"],
                values={k: after[k] for k in CLAIM_FIELDS if k in after},
                decided_by=row["decided_by"],
                created_at=row["created_at"],
                note=row["note"],
                report_incident_id=row["report_incident_id"],
            )
    return out


# The two queries below run at every refresh of an incident (each report stored): built
# once, with the ids an expanding bound parameter, as building one costs more than running it.
@lru_cache(maxsize=1)
def _claim_heads_query() -> Any:
    h, r = s.claim_review_heads, s.reviews
    return (
        select(h, r.c.after, r.c.decided_by, r.c.created_at, r.c.note)
        .join(r, r.c.id == h.c.review_id)
        .where(h.c.claim_id.in_(bindparam("ids", expanding=True)))
    )


@lru_cache(maxsize=1)
def _overlays_query() -> Any:
    r = s.reviews
    return (
        select(r.c.id, r.c.target_id, r.c.after)
        .where(
            r.c.target == "incident",
            r.c.target_id.in_(bindparam("ids", expanding=True)),
            r.c.action == "correct",
        )
        .order_by(r.c.id)
    )


def _chunks(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def apply_claim_head(claim: views.LedgerClaim, head: ClaimHead | None) -> views.LedgerClaim:
    """The claim as reviewed: corrected values over the machine's, with the review named."""
    if head is None:
        return claim
    machine = {k: getattr(claim, k) for k in head.values}
    return dataclasses.replace(
        claim,
        **head.values,
        review=head.status,
        review_id=head.review_id,
        reviewed_by=head.decided_by,
        review_note=head.note,
        machine=machine or None,
    )


def with_reviews(conn: Connection, claims: Sequence[views.LedgerClaim]) -> list[views.LedgerClaim]:
    """``claims`` with their current reviews laid over them."""
    heads = claim_heads(conn, [c.id for c in claims])
    return [apply_claim_head(c, heads.get(c.id)) for c in claims]


def incident_overlays(conn: Connection, incident_ids: Iterable[str]) -> dict[str, IncidentOverlay]:
    """The reviewed facts of each of ``incident_ids`` that has any correction."""
    ids = sorted(set(incident_ids))
    if not ids:
        return {}
    facts: dict[str, dict[str, Any]] = {}
    used: dict[str, list[int]] = {}
    for chunk in _chunks(ids, 500):
        rows = conn.execute(_overlays_query(), {"ids": chunk}).all()
        for review_id, incident_id, after in rows:
            for name in INCIDENT_FACTS:
                if name in (after or {}):
                    facts.setdefault(incident_id, {})[name] = after[name]
            used.setdefault(incident_id, []).append(review_id)
    return {
        k: IncidentOverlay(incident_id=k, facts=v, reviews=tuple(used.get(k, ())))
        for k, v in facts.items()
    }


def reviewed_incidents(conn: Connection, incident_ids: Iterable[str]) -> set[str]:
    """Which of ``incident_ids`` a person has reviewed (a review of it or its claims, a decision)."""
    ids = sorted(set(incident_ids))
    if not ids:
        return set()
    ri = s.reviewed_incidents
    out: set[str] = set()
    for chunk in _chunks(ids, 500):
        out |= {
            row[0]
            for row in conn.execute(select(ri.c.incident_id).where(ri.c.incident_id.in_(chunk)))
        }
    return out


def overlay_incident(
    incident: views.LedgerIncident, overlay: IncidentOverlay | None, *, reviewed: bool
) -> views.LedgerIncident:
    """An incident view with its reviewed perpetrators and the reviewed flag set."""
    changes: dict[str, Any] = {"reviewed": reviewed}
    if overlay is not None:
        perps = overlay.perpetrators()
        if perps is not None:
            changes["perpetrators"] = perps
        changes["reviewed_facts"] = tuple(sorted(overlay.facts))
    return dataclasses.replace(incident, **changes)


def machine_values(claim: views.LedgerClaim) -> Mapping[str, Any]:
    """What extraction said of the fields a review corrected (empty when none were)."""
    return dict(claim.machine or {})
