"""Recording people's reviews: accept, correct or reject a claim; correct an incident's facts.

Every review is a new ``reviews`` row (who, when, what, the values before and after, a note);
nothing is overwritten or deleted. A claim's current review is the latest (its
``claim_review_heads`` row points at it); an incident's reviewed facts are all its
corrections, later over earlier. The incidents touched are recomputed in the same transaction
(:func:`tollwatch.ledger.state.refresh_incidents`), so estimates and grades follow the
reviewed facts at once. Merges, splits and undos are :mod:`tollwatch.ledger.decisions`; the
wrappers here also mark the incidents they touch as reviewed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from tollwatch.errors import ConfigError, InputError, NotFoundError
from tollwatch.ledger import decisions, reviewed
from tollwatch.ledger import schema as s
from tollwatch.ledger.linking_store import block_of
from tollwatch.ledger.query import get_incident
from tollwatch.ledger.review_checks import (
    check_claim_changes,
    check_incident_changes,
    choice,
    text_value,
)
from tollwatch.ledger.state import refresh_incidents
from tollwatch.ledger.store import Store, insert_ignore, now

CLAIM_ACTIONS: tuple[str, ...] = ("accept", "correct", "reject")
INCIDENT_ACTIONS: tuple[str, ...] = ("accept", "correct")


@dataclass(frozen=True, kw_only=True)
class Review:
    """One review as recorded."""

    id: int
    target: str  # claim | incident
    target_id: str
    action: str  # accept | correct | reject
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None
    decided_by: str
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.target,
            "target_id": self.target_id,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "note": self.note,
            "decided_by": self.decided_by,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


@dataclass(frozen=True, kw_only=True)
class ReviewResult:
    """What one review action recorded: its reviews and the incidents it recomputed."""

    reviews: tuple[Review, ...]
    incidents: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviews": [r.to_dict() for r in self.reviews],
            "incidents": list(self.incidents),
        }


# -- recording ------------------------------------------------------------------------------------


def _check_by(by: str) -> str:
    by = (by or "").strip()
    if not by:
        raise ConfigError("a review needs the name of who made it")
    return by


def _insert(
    conn: Connection,
    *,
    target: str,
    target_id: str,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str | None,
    by: str,
    stamp: datetime,
) -> Review:
    # The row's columns are the record's fields (but its id, which the insert gives).
    values: dict[str, Any] = {
        "target": target,
        "target_id": target_id,
        "action": action,
        "before": before,
        "after": after,
        "note": note,
        "decided_by": by,
        "created_at": stamp,
    }
    review_id = conn.execute(
        s.reviews.insert().values(**values).returning(s.reviews.c.id)
    ).scalar_one()
    return Review(id=review_id, **values)


def mark_reviewed(
    conn: Connection,
    incident_ids: Sequence[str],
    *,
    review_id: int | None = None,
    decision_id: int | None = None,
) -> None:
    """Record that a person has looked at these incidents (the desk's "reviewed" filter)."""
    stamp = now()
    t = s.reviewed_incidents
    for incident_id in sorted(set(incident_ids)):
        if not incident_id:
            continue
        values: dict[str, Any] = {"reviewed_at": stamp}
        if review_id is not None:
            values["review_id"] = review_id
        if decision_id is not None:
            values["decision_id"] = decision_id
        inserted = insert_ignore(conn, t, [{"incident_id": incident_id, **values}])
        if not inserted:
            conn.execute(update(t).where(t.c.incident_id == incident_id).values(**values))
        # the flag the incidents list filters on (its index holds it)
        conn.execute(
            update(s.incidents)
            .where(s.incidents.c.id == incident_id)
            .values(reviewed=True, updated_at=stamp)
        )


def _claim_row(conn: Connection, claim_id: str) -> Any:
    c, ri, h = s.claims, s.report_incidents, s.claim_review_heads
    row = (
        conn.execute(
            select(
                c,
                ri.c.incident_id.label("current_incident"),
                h.c.report_incident_id.label("moved_to"),
            )
            .outerjoin(h, h.c.claim_id == c.c.id)
            .outerjoin(ri, ri.c.id == func.coalesce(h.c.report_incident_id, c.c.report_incident_id))
            .where(c.c.id == claim_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFoundError(f"no claim {claim_id!r} in the ledger")
    return row


def _incident_row(conn: Connection, incident_id: str) -> Any:
    row = (
        conn.execute(select(s.incidents).where(s.incidents.c.id == incident_id)).mappings().first()
    )
    if row is None:
        raise NotFoundError(f"no incident {incident_id!r} in the ledger")
    return row


def _current_claim_values(conn: Connection, row: Any) -> dict[str, Any]:
    values = {k: row[k] for k in reviewed.CLAIM_FIELDS}
    head = reviewed.claim_heads(conn, [row["id"]]).get(row["id"])
    if head is not None:
        values.update(head.values)
    return values


def _incident_facts(conn: Connection, row: Any) -> dict[str, Any]:
    """An incident's facts now (derived or reviewed), in the shape corrections give them."""
    inc = get_incident(conn, row["id"], links=False)
    return {
        "place": {
            "name": row["place_name"],
            "admin1": row["admin1"],
            "admin2": row["admin2"],
            "country": row["country"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "precision": row["place_precision"],
        },
        "date": {
            "start": row["date_start"].isoformat() if row["date_start"] else None,
            "end": row["date_end"].isoformat() if row["date_end"] else None,
            "precision": row["date_precision"],
        },
        "type": {"event_type": row["event_type"], "sub_event_type": row["sub_event_type"]},
        "perpetrators": [p.to_dict() for p in inc.perpetrators],
    }


def _locks(conn: Connection, incident_ids: Sequence[str]) -> list[str]:
    rows = conn.execute(
        select(s.incidents.c.country).where(s.incidents.c.id.in_(list(incident_ids)))
    ).all()
    return ["decisions"] + sorted({f"block:{block_of(r[0])}" for r in rows})


def review_claim(
    store: Store,
    claim_id: str,
    *,
    action: str,
    by: str,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> ReviewResult:
    """Accept, correct or reject one claim; a new review that outranks the machine's claim.

    ``changes`` (for ``correct``) may set the claim's ``figure``, ``value``, ``low``,
    ``high``, ``qualifier``, ``unit``, ``claimant`` and ``claimant_kind``; move it to another
    active ``incident`` (an id); and correct its incident's ``place``, ``date``, ``type`` and
    ``perpetrators`` (recorded as a review of that incident, naming this claim). A rejection
    needs a reason (``note``). Raises InputError for what cannot be recorded.
    """
    by = _check_by(by)
    action = choice(action, CLAIM_ACTIONS, "action")
    note = text_value(note, "note")
    changes = dict(changes or {})
    if action == "reject" and not note:
        raise InputError("a rejection needs a reason (note)")
    if action != "correct" and changes:
        raise InputError(f"{action} takes no changes; use correct")
    incident_changes = check_incident_changes(changes)
    with store.read() as conn:
        first = _claim_row(conn, claim_id)
        lock_ids = [x for x in (first["current_incident"], changes.get("incident")) if x]
        locks = _locks(conn, lock_ids)

    def work(conn: Connection) -> ReviewResult:
        row = _claim_row(conn, claim_id)
        current = _current_claim_values(conn, row)
        claim_changes = check_claim_changes(changes, current)
        old_incident = row["current_incident"]
        target = changes.get("incident")
        move_to: str | None = None
        if target not in (None, "") and target != old_incident:
            inc = _incident_row(conn, str(target))
            if inc["status"] != "active":
                raise InputError(f"incident {target} is {inc['status']}, not active")
            ri = s.report_incidents
            move_to = conn.execute(
                select(ri.c.id).where(ri.c.incident_id == inc["id"]).order_by(ri.c.id).limit(1)
            ).scalar()
            if move_to is None:
                raise InputError(f"incident {target} has no reports to move the claim to")
        if action == "correct" and not claim_changes and move_to is None and not incident_changes:
            raise InputError("the correction changes nothing")
        stamp = now()
        before = {k: current[k] for k in claim_changes}
        after = dict(claim_changes)
        if move_to is not None:
            before["incident"], after["incident"] = old_incident, str(target)
        # A later review of the claim that does not move it keeps an earlier move.
        head_ri = move_to if move_to is not None else row["moved_to"]
        status = reviewed.STATUS_OF_ACTION[action]
        if action != "correct":
            prior = reviewed.claim_heads(conn, [claim_id]).get(claim_id)
            # Accepting or rejecting a corrected claim keeps its corrected values.
            after = dict(prior.values) if prior is not None else {}
            if prior is not None and prior.status == "corrected" and action == "accept":
                status = "corrected"
        review = _insert(
            conn,
            target="claim",
            target_id=claim_id,
            action=action,
            before=before,
            after=after,
            note=note,
            by=by,
            stamp=stamp,
        )
        head = {
            "claim_id": claim_id,
            "review_id": review.id,
            "status": status,
            "report_incident_id": head_ri,
        }
        if not insert_ignore(conn, s.claim_review_heads, [head]):
            h = s.claim_review_heads
            conn.execute(update(h).where(h.c.claim_id == claim_id).values(**head))
        reviews = [review]
        new_incident = str(target) if move_to is not None else old_incident
        if incident_changes:
            if new_incident is None:
                raise InputError("the claim belongs to no incident whose facts could be corrected")
            reviews.append(
                _correct_incident(conn, new_incident, incident_changes, by, note, claim_id, stamp)
            )
        touched = tuple(sorted({x for x in (old_incident, new_incident) if x}))
        refresh_incidents(conn, touched)
        mark_reviewed(conn, touched, review_id=reviews[-1].id)
        return ReviewResult(reviews=tuple(reviews), incidents=touched)

    return store.run_write(work, locks=locks)


def _correct_incident(
    conn: Connection,
    incident_id: str,
    facts: dict[str, Any],
    by: str,
    note: str | None,
    via_claim: str | None,
    stamp: datetime,
) -> Review:
    row = _incident_row(conn, incident_id)
    now_facts = _incident_facts(conn, row)
    before = {k: now_facts[k] for k in facts}
    after = dict(facts)
    if via_claim:
        note = f"via claim {via_claim}" + (f": {note}" if note else "")
    return _insert(
        conn,
        target="incident",
        target_id=incident_id,
        action="correct",
        before=before,
        after=after,
        note=note,
        by=by,
        stamp=stamp,
    )


def review_incident(
    store: Store,
    incident_id: str,
    *,
    action: str,
    by: str,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> ReviewResult:
    """Accept an incident as it stands, or correct its place, date, type or perpetrators."""
    by = _check_by(by)
    action = choice(action, INCIDENT_ACTIONS, "action")
    note = text_value(note, "note")
    facts = check_incident_changes(dict(changes or {}))
    if action == "correct" and not facts:
        raise InputError("the correction changes nothing")
    if action == "accept" and facts:
        raise InputError("accept takes no changes; use correct")
    with store.read() as conn:
        locks = _locks(conn, [incident_id])

    def work(conn: Connection) -> ReviewResult:
        row = _incident_row(conn, incident_id)
        if row["status"] != "active":
            raise InputError(f"incident {incident_id} is {row['status']}, not active")
        stamp = now()
        if action == "correct":
            review = _correct_incident(conn, incident_id, facts, by, note, None, stamp)
        else:
            review = _insert(
                conn,
                target="incident",
                target_id=incident_id,
                action="accept",
                before={},
                after={},
                note=note,
                by=by,
                stamp=stamp,
            )
        refresh_incidents(conn, [incident_id])
        mark_reviewed(conn, [incident_id], review_id=review.id)
        return ReviewResult(reviews=(review,), incidents=(incident_id,))

    return store.run_write(work, locks=locks)


def _after_decision(store: Store, decision: decisions.Decision) -> decisions.Decision:
    ids = [x for x in (decision.incident_id, decision.other_incident_id) if x]

    def work(conn: Connection) -> None:
        mark_reviewed(conn, ids, decision_id=decision.id)

    store.run_write(work)
    return decision


def merge(
    store: Store, keep: str, other: str, *, by: str, note: str | None = None
) -> decisions.Decision:
    """Merge incident ``other`` into ``keep`` (a recorded decision; see decisions.merge)."""
    return _after_decision(
        store, decisions.merge(store, keep, other, by=by, note=text_value(note, "note"))
    )


def split(
    store: Store, incident_id: str, members: Sequence[str], *, by: str, note: str | None = None
) -> decisions.Decision:
    """Split reports off an incident into a new one (see decisions.split)."""
    return _after_decision(
        store, decisions.split(store, incident_id, members, by=by, note=text_value(note, "note"))
    )


def undo(store: Store, decision_id: int, *, by: str, note: str | None = None) -> decisions.Decision:
    """Undo a merge or split (see decisions.undo)."""
    return _after_decision(
        store, decisions.undo(store, decision_id, by=by, note=text_value(note, "note"))
    )


def _review(row: Any) -> Review:
    return Review(
        id=row["id"],
        target=row["target"],
        target_id=row["target_id"],
        action=row["action"],
        before=dict(row["before"] or {}),
        after=dict(row["after"] or {}),
        note=row["note"],
        decided_by=row["decided_by"],
        created_at=row["created_at"],
    )


def history(
    conn: Connection, *, claim_ids: Sequence[str] = (), incident_ids: Sequence[str] = ()
) -> list[Review]:
    """Every review of these claims and incidents, oldest first."""
    r = s.reviews
    out: list[Review] = []
    for target, ids in (("claim", claim_ids), ("incident", incident_ids)):
        if not ids:
            continue
        rows = conn.execute(
            select(r).where(r.c.target == target, r.c.target_id.in_(list(ids))).order_by(r.c.id)
        ).mappings()
        out.extend(_review(row) for row in rows)
    return sorted(out, key=lambda x: x.id)


def get_review(conn: Connection, review_id: int) -> Review:
    """One review by id. Raises NotFoundError."""
    row = conn.execute(select(s.reviews).where(s.reviews.c.id == review_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no review {review_id} in the ledger")
    return _review(row)
