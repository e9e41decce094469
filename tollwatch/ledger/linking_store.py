"""Linking in the store: blocked candidate search in SQL, scoring by :mod:`linking`.

For each report incident of a newly stored report, :func:`link_report` asks the store for
the ledger incidents in its block (same country, or both country-less; a date range that
meets :func:`tollwatch.ledger.linking.search_window`'s, or undated) and lets
:func:`~tollwatch.ledger.linking.best_link` choose among them. Each ledger incident keeps its
:class:`~tollwatch.ledger.linking.LinkCandidate` in ``incidents.link_state``: the candidates
of its report incidents merged (:func:`~tollwatch.ledger.linking.merge_candidates`) in the
order they joined, exactly as the in-memory :func:`~tollwatch.ledger.link_index.link_all` keeps
it, so linking in the store and in memory agree. The report incident joins the best
incident that reaches the threshold, or founds a new one; either way an ``incident_links`` row
records the score and the reason.

Linking gates on country, so the country is the lock block: two writers linking reports of
the same country take turns (PostgreSQL advisory lock ``block:<country>``; SQLite's one write
lock); writers in different countries do not wait for each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select, union_all, update

from tollwatch import model
from tollwatch.ledger import linking, state
from tollwatch.ledger import schema as s
from tollwatch.ledger.ids import incident_gid
from tollwatch.ledger.state import Derived, refresh_incidents, state_from_json
from tollwatch.ledger.store import now

# The longest date range an incident may have and still be found: a year (UCDP's coarsest
# date precision) and a month's margin.
MAX_SPAN_DAYS = 400


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
    return sorted({block_of(inc.place.country if inc.place else None) for inc in record.incidents})


def candidate_rows(conn: Connection, window: linking.SearchWindow) -> list[Any]:
    """Active ledger incidents in the block of ``window`` (never narrower than linking's).

    The block is the country (or no country), the admin1 (the same one, or none, as
    linking's gate allows; any when the window has none), and the date window: each
    incident's own tolerant window (``link_from`` .. ``link_to``, computed by linking's
    :func:`~tollwatch.ledger.linking.date_window`) must meet the search window; undated
    incidents always do. Several small selects joined by UNION ALL (one round trip) rather
    than one with OR, so each is a bounded range scan of the (country, admin1_key,
    link_from) index on SQLite and PostgreSQL alike.
    """
    want = linking.norm_place(window.admin1)
    dated = window.date_from is not None and window.date_to is not None
    params: dict[str, Any] = {"country": window.country, "admin1_key": want}
    if dated:
        assert window.date_from is not None and window.date_to is not None
        params.update(
            since=linking.shift(window.date_from, -MAX_SPAN_DAYS),
            lo=window.date_from,
            hi=window.date_to,
        )
    query = _candidate_query(window.country is not None, want is not None, dated)
    found: dict[str, Any] = {}
    for row in conn.execute(query, params).mappings():
        found[row["id"]] = row
    return [found[k] for k in sorted(found)]


@lru_cache(maxsize=8)
def _candidate_query(has_country: bool, has_admin1: bool, dated: bool) -> Any:
    """:func:`candidate_rows`' query for a window of this shape, built once (the values are
    bound parameters: building it cost more than running it)."""
    i = s.incidents
    base = [
        i.c.status == "active",
        i.c.country == bindparam("country") if has_country else i.c.country.is_(None),
    ]
    admin_conds: list[Any] = (
        [i.c.admin1_key == bindparam("admin1_key"), i.c.admin1_key.is_(None)]
        if has_admin1
        else [None]
    )
    date_conds: list[Any] = [None]
    if dated:
        date_conds = [
            and_(
                i.c.link_from >= bindparam("since"),
                i.c.link_from <= bindparam("hi"),
                i.c.link_to >= bindparam("lo"),
            ),
            i.c.link_from.is_(None),
        ]
    parts = [
        select(i).where(and_(*base, *[c for c in (admin, when) if c is not None]))
        for admin in admin_conds
        for when in date_conds
    ]
    return parts[0] if len(parts) == 1 else union_all(*parts)


def candidates(conn: Connection, window: linking.SearchWindow) -> list[linking.LinkCandidate]:
    """The ledger incidents of a search window, as link candidates (their ``link_state``)."""
    return [state_from_json(row["id"], row["link_state"]) for row in candidate_rows(conn, window)]


def link_report(
    conn: Connection,
    record: model.ReportRecord,
    ri_rows: Sequence[dict[str, Any]],
    *,
    threshold: float = linking.DEFAULT_THRESHOLD,
    copy_of: str | None = None,
    report_row: Mapping[str, Any] | None = None,
    claim_rows: Sequence[Mapping[str, Any]] = (),
    founded: Mapping[str, Derived] | None = None,
) -> LinkOutcome:
    """Link each incident of a just-stored report to the ledger (inside its transaction).

    ``copy_of``: the report it is a near-duplicate of, whose incidents its incidents join.
    ``report_row`` and ``claim_rows``: the report's rows as stored, when the caller has them:
    an incident the report founds is then refreshed from them, not read back
    (:func:`~tollwatch.ledger.state.founded`); ``founded``: what that derives, made ahead
    (report incident id -> :class:`~tollwatch.ledger.state.Derived`; see
    :mod:`tollwatch.ledger.rows`).
    """
    outcome = LinkOutcome()
    by_local = {row["local_id"]: row for row in ri_rows}
    for inc in record.incidents:
        row = by_local[inc.id]
        cand = linking.candidate_from_incident(
            inc,
            key=row["id"],
            report=record.report,
            main=inc.id == record.main_incident,
            copy_of=copy_of,
        )
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
        conn.execute(_set_incident(), {"ri_key": row["id"], "incident_id": incident_id})
        conn.execute(
            _insert_link(),
            {
                "report_incident_id": row["id"],
                "incident_id": incident_id,
                "score": score,
                "reason": reason,
                "decided_by": "linker",
                "decision_id": None,
                "created_at": stamp,
            },
        )
        # Refresh now, so the report's next incident sees this one's effect on the block.
        derived = (founded or {}).get(row["id"]) if match is None else None
        if derived is None and match is None and report_row is not None:
            derived = state.founded(
                incident_id, member=row, report_row=report_row, claim_rows=claim_rows
            )
        if derived is not None:
            state.refresh_founded(conn, incident_id, derived)
        else:
            refresh_incidents(conn, [incident_id])
        outcome.touched.add(incident_id)
    return outcome


@lru_cache(maxsize=1)
def _set_incident() -> Any:
    ri = s.report_incidents
    return update(ri).where(ri.c.id == bindparam("ri_key"))


@lru_cache(maxsize=1)
def _insert_link() -> Any:
    return s.incident_links.insert()


@lru_cache(maxsize=1)
def _insert_incident() -> Any:
    return s.incidents.insert()


def _found(conn: Connection, founder: str, stamp: Any) -> str:
    incident_id = incident_gid(founder)
    conn.execute(
        _insert_incident(),
        {
            "id": incident_id,
            "report_count": 0,
            "source_count": 0,
            "status": "active",
            "founded_by": founder,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )
    return incident_id
