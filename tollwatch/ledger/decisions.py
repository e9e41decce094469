"""Recorded decisions on links: merge two incidents, split reports off one, undo either.

A decision never deletes anything. It is a ``decisions`` row, plus one ``incident_links`` row
for every report incident it moves (``decided_by`` the person, ``decision_id`` the decision),
and the move of ``report_incidents.incident_id``. An incident merged away keeps its row with
status ``merged``; an undo is a decision of its own that moves the report incidents back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, update

from tollwatch.errors import ConfigError, NotFoundError
from tollwatch.ledger import schema as s
from tollwatch.ledger.linking_store import block_of
from tollwatch.ledger.query import resolve_incident_id, shown_id
from tollwatch.ledger.state import refresh_incidents
from tollwatch.ledger.store import Store, now
from tollwatch.ledger.validate import INT_MAX


@dataclass(frozen=True, kw_only=True)
class Decision:
    """A decision as recorded."""

    id: int
    kind: str  # merge | split | undo
    incident_id: str | None
    other_incident_id: str | None
    moves: tuple[tuple[str, str, str], ...]  # (report incident, from incident, to incident)
    undoes: int | None = None
    note: str | None = None
    decided_by: str = ""
    created_at: datetime | None = None
    undone_by: int | None = None  # the decision that undid this one, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "incident_id": self.incident_id,
            "other_incident_id": self.other_incident_id,
            "moves": [{"report_incident": r, "from": f, "to": t} for r, f, t in self.moves],
            "undoes": self.undoes,
            "note": self.note,
            "decided_by": self.decided_by,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "undone_by": self.undone_by,
        }


def _incident(conn: Connection, incident_id: str) -> Any:
    row = (
        conn.execute(select(s.incidents).where(s.incidents.c.id == incident_id)).mappings().first()
    )
    if row is None:
        raise NotFoundError(f"no incident {incident_id!r} in the ledger")
    return row


def _members(conn: Connection, incident_id: str) -> list[str]:
    ri = s.report_incidents
    return sorted(
        r[0] for r in conn.execute(select(ri.c.id).where(ri.c.incident_id == incident_id))
    )


def _record(
    conn: Connection,
    *,
    kind: str,
    incident_id: str | None,
    other: str | None,
    moves: Sequence[tuple[str, str, str]],
    by: str,
    note: str | None,
    undoes: int | None = None,
) -> Decision:
    stamp = now()
    decision_id = conn.execute(
        s.decisions.insert()
        .values(
            kind=kind,
            incident_id=incident_id,
            other_incident_id=other,
            report_incidents=[{"report_incident": r, "from": f, "to": t} for r, f, t in moves],
            undoes=undoes,
            note=note,
            decided_by=by,
            created_at=stamp,
        )
        .returning(s.decisions.c.id)
    ).scalar_one()
    for ri_id, _from, to in moves:
        conn.execute(
            update(s.report_incidents)
            .where(s.report_incidents.c.id == ri_id)
            .values(incident_id=to)
        )
        conn.execute(
            s.incident_links.insert().values(
                report_incident_id=ri_id,
                incident_id=to,
                score=None,
                reason=f"{kind} by decision {decision_id}" + (f": {note}" if note else ""),
                decided_by=by,
                decision_id=decision_id,
                created_at=stamp,
            )
        )
    refresh_incidents(conn, {f for _, f, _ in moves} | {t for _, _, t in moves})
    return Decision(
        id=decision_id,
        kind=kind,
        incident_id=incident_id,
        other_incident_id=other,
        moves=tuple(moves),
        undoes=undoes,
        note=note,
        decided_by=by,
        created_at=stamp,
    )


def _check_by(by: str) -> str:
    by = (by or "").strip()
    if not by:
        raise ConfigError("a decision needs the name of who made it (--by)")
    return by


def _locks(store: Store, *incident_ids: str) -> list[str]:
    with store.read() as conn:
        rows = conn.execute(
            select(s.incidents.c.country).where(s.incidents.c.id.in_(list(incident_ids)))
        ).all()
    return ["decisions"] + [f"block:{block_of(r[0])}" for r in rows]


def _resolve(store: Store, *given: str) -> list[str]:
    """Full incident ids for ids or unique prefixes (as ``tollwatch show`` takes them)."""
    with store.read() as conn:
        return [resolve_incident_id(conn, g) for g in given]


def merge(store: Store, keep: str, other: str, *, by: str, note: str | None = None) -> Decision:
    """Merge incident ``other`` into ``keep``: every report of ``other`` now tells of ``keep``.

    Either may be given by a unique prefix of its id."""
    by = _check_by(by)
    keep, other = _resolve(store, keep, other)
    if keep == other:
        raise ConfigError("cannot merge an incident with itself")

    def work(conn: Connection) -> Decision:
        for incident_id in (keep, other):
            row = _incident(conn, incident_id)
            if row["status"] != "active":
                raise ConfigError(f"incident {incident_id} is {row['status']}, not active")
        moves = [(ri, other, keep) for ri in _members(conn, other)]
        decision = _record(
            conn, kind="merge", incident_id=keep, other=other, moves=moves, by=by, note=note
        )
        conn.execute(update(s.incidents).where(s.incidents.c.id == other).values(status="merged"))
        return decision

    return store.run_write(work, locks=_locks(store, keep, other))


def split(
    store: Store,
    incident_id: str,
    members: Sequence[str],
    *,
    by: str,
    note: str | None = None,
) -> Decision:
    """Split the report incidents ``members`` off ``incident_id`` into a new incident.

    ``members`` are report incident ids (``ri-…``), report ids (``sha256:…``) or the doc ids
    the input gave, or unique prefixes of the first two; each must name a report incident
    now linked to ``incident_id`` (itself an id or a unique prefix), and at least one must
    stay.
    """
    by = _check_by(by)
    if not members:
        raise ConfigError("name the reports to split off")
    (incident_id,) = _resolve(store, incident_id)

    def work(conn: Connection) -> Decision:
        _incident(conn, incident_id)
        ri, r = s.report_incidents, s.reports
        current = conn.execute(
            select(ri.c.id, ri.c.report_id, r.c.doc_id)
            .join(r, r.c.id == ri.c.report_id)
            .where(ri.c.incident_id == incident_id)
        ).all()
        chosen: set[str] = set()
        for name in members:
            hits = {row.id for row in current if name in (row.id, row.report_id, row.doc_id)}
            if not hits and len(name) >= 4:
                hits = {
                    row.id
                    for row in current
                    if row.id.startswith(name) or row.report_id.startswith(name)
                }
                reports = {row.report_id for row in current if row.id in hits}
                if len(reports) > 1:
                    raise NotFoundError(
                        f"{shown_id(name)} is the start of several reports of incident "
                        f"{incident_id}"
                    )
            if not hits:
                raise NotFoundError(f"{name!r} is not a report of incident {incident_id}")
            chosen |= hits
        if len(chosen) >= len(current):
            raise ConfigError("a split must leave at least one report in the incident")
        digest = hashlib.sha256(
            "\x1f".join([incident_id, *sorted(chosen), now().isoformat()]).encode()
        ).hexdigest()[:24]
        new_id = f"inc-split-{digest}"
        stamp = now()
        conn.execute(
            s.incidents.insert().values(
                id=new_id,
                report_count=0,
                source_count=0,
                status="active",
                founded_by=None,
                created_at=stamp,
                updated_at=stamp,
            )
        )
        moves = [(x, incident_id, new_id) for x in sorted(chosen)]
        return _record(
            conn, kind="split", incident_id=incident_id, other=new_id, moves=moves, by=by, note=note
        )

    return store.run_write(work, locks=_locks(store, incident_id))


def undo(store: Store, decision_id: int, *, by: str, note: str | None = None) -> Decision:
    """Undo a merge or split: move its report incidents back, as a new decision."""
    by = _check_by(by)
    if not 0 < decision_id <= INT_MAX:  # no store holds such an id (nor can be asked for it)
        raise NotFoundError(f"no decision {decision_id} in the ledger")

    def work(conn: Connection) -> Decision:
        d = s.decisions
        row = conn.execute(select(d).where(d.c.id == decision_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no decision {decision_id} in the ledger")
        if row["kind"] == "undo":
            raise ConfigError(f"decision {decision_id} is an undo; make the decision again instead")
        done = conn.execute(select(d.c.id).where(d.c.undoes == decision_id)).first()
        if done is not None:
            raise ConfigError(f"decision {decision_id} was already undone by decision {done[0]}")
        moves = []
        for move in row["report_incidents"] or []:
            ri_id, old, new = move["report_incident"], move["from"], move["to"]
            now_at = conn.execute(
                select(s.report_incidents.c.incident_id).where(s.report_incidents.c.id == ri_id)
            ).scalar()
            if now_at != new:
                raise ConfigError(
                    f"cannot undo decision {decision_id}: report incident {ri_id} has moved "
                    f"since (it is in {now_at}); undo the later decision first"
                )
            moves.append((ri_id, new, old))
        restored = {old for _, _, old in moves}
        if row["kind"] == "merge" and row["other_incident_id"]:
            restored.add(row["other_incident_id"])
        for incident_id in restored:
            conn.execute(
                update(s.incidents).where(s.incidents.c.id == incident_id).values(status="active")
            )
        return _record(
            conn,
            kind="undo",
            incident_id=row["incident_id"],
            other=row["other_incident_id"],
            moves=moves,
            by=by,
            note=note,
            undoes=decision_id,
        )

    with store.read() as conn:
        row = conn.execute(
            select(s.decisions.c.incident_id, s.decisions.c.other_incident_id).where(
                s.decisions.c.id == decision_id
            )
        ).first()
    ids = [x for x in (row or ()) if x]
    return store.run_write(work, locks=_locks(store, *ids))


def history(conn: Connection, incident_id: str) -> list[Decision]:
    """The decisions that touched an incident, oldest first."""
    d = s.decisions
    rows = conn.execute(
        select(d)
        .where(or_(d.c.incident_id == incident_id, d.c.other_incident_id == incident_id))
        .order_by(d.c.id)
    ).mappings()
    return _decisions(conn, rows)


def log(
    conn: Connection, *, incident_id: str | None = None, limit: int | None = None
) -> list[Decision]:
    """The decisions on links, newest first: all of them, or those that touched
    ``incident_id`` (an id or a unique prefix); at most ``limit``."""
    d = s.decisions
    query = select(d).order_by(d.c.id.desc())
    if incident_id is not None:
        found = resolve_incident_id(conn, incident_id)
        query = query.where(or_(d.c.incident_id == found, d.c.other_incident_id == found))
    if limit is not None:
        query = query.limit(limit)
    return _decisions(conn, conn.execute(query).mappings())


def _decisions(conn: Connection, rows: Any) -> list[Decision]:
    rows = list(rows)
    d = s.decisions
    ids = [r["id"] for r in rows]
    undone = dict(
        conn.execute(select(d.c.undoes, d.c.id).where(d.c.undoes.in_(ids))).all() if ids else ()
    )
    return [
        Decision(
            id=r["id"],
            kind=r["kind"],
            incident_id=r["incident_id"],
            other_incident_id=r["other_incident_id"],
            moves=tuple(
                (m["report_incident"], m["from"], m["to"]) for m in r["report_incidents"] or []
            ),
            undoes=r["undoes"],
            note=r["note"],
            decided_by=r["decided_by"],
            created_at=r["created_at"],
            undone_by=undone.get(r["id"]),
        )
        for r in rows
    ]
