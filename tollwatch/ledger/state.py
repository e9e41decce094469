"""Incident state: a ledger incident's derived place, date, type, counts and estimates.

This module is the one place that state is made and read back: the link candidate an
incident keeps in ``incidents.link_state`` (:func:`state_to_json`, :func:`state_from_json`),
the candidate a stored report incident makes (:func:`candidate_from_row`), and the refresh
that recomputes everything derived (:func:`refresh_incidents`).

A ledger incident's summary is derived from the report incidents linked to it, and is
recomputed (inside the same transaction) whenever one joins or leaves it:

- place, date, event type, and ``link_state`` (what linking compares new reports with): the
  link candidates of its report incidents merged in the order they joined, by
  :func:`tollwatch.ledger.linking.merge_candidates` (the more precise place and date win,
  ties to the earlier); ``event_types``: every sub-event type its reports give.
- counts: reports, and independent sources (reports that are not copies).
- estimates: one row per figure and rule (every rule of :mod:`reconcile`), through H7's
  :func:`tollwatch.ledger.views.incident_estimates`; a figure that no longer has claims keeps
  its row with null figures (rows are updated, never deleted).
- grade: :func:`tollwatch.ledger.views.incident_grade`.
- reviewed facts: a person's corrections of the place, date, type or perpetrators
  (:mod:`tollwatch.ledger.reviewed`) replace the derived values; reviewed claims (corrected
  values, rejected claims left out) are what the estimates and grade are computed from.

These are computed values, not anything a person entered: overwriting them is not a loss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from tollwatch import model
from tollwatch.ledger import linking, reviewed, views
from tollwatch.ledger import schema as s
from tollwatch.ledger.query import _perpetrators, claims_for, ledger_claims
from tollwatch.ledger.store import now
from tollwatch.reconcile import RULES


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def state_to_json(c: linking.LinkCandidate) -> dict[str, Any]:
    """A link candidate as the JSON of ``incidents.link_state`` (its key aside)."""
    return {
        "country": c.country,
        "admin1": c.admin1,
        "admin2": c.admin2,
        "place_name": c.place_name,
        "gazetteer_id": c.gazetteer_id,
        "latitude": c.latitude,
        "longitude": c.longitude,
        "where_prec": c.where_prec,
        "date_start": _iso(c.date_start),
        "date_end": _iso(c.date_end),
        "date_precision": c.date_precision,
        "published": _iso(c.published),
        "event_type": c.event_type,
        "sub_event_type": c.sub_event_type,
        "perpetrators": list(c.perpetrators),
        "figures": dict(c.figures),
        "report_ids": list(c.report_ids),
        "main": c.main,
    }


def state_from_json(key: str, d: dict[str, Any] | None) -> linking.LinkCandidate:
    """The link candidate an incident's ``link_state`` holds."""
    d = d or {}
    return linking.LinkCandidate(
        key=key,
        country=d.get("country"),
        admin1=d.get("admin1"),
        admin2=d.get("admin2"),
        place_name=d.get("place_name"),
        gazetteer_id=d.get("gazetteer_id"),
        latitude=d.get("latitude"),
        longitude=d.get("longitude"),
        where_prec=d.get("where_prec"),
        date_start=_day(d.get("date_start")),
        date_end=_day(d.get("date_end")),
        date_precision=d.get("date_precision"),
        published=_day(d.get("published")),
        event_type=d.get("event_type"),
        sub_event_type=d.get("sub_event_type"),
        perpetrators=tuple(d.get("perpetrators") or ()),
        figures=dict(d.get("figures") or {}),
        report_ids=tuple(d.get("report_ids") or ()),
        main=d.get("main"),
    )


def candidate_from_row(row: Any) -> linking.LinkCandidate:
    """A stored report incident (joined with its report's ``published``) as a candidate.

    The same candidate :func:`linking.candidate_from_incident` makes of the record's incident.
    """
    perps = {
        linking.party_key(model.Perpetrator(actor=p["actor"], actor_kind=p.get("actor_kind")))
        for p in row["perpetrators"] or ()
        if isinstance(p, dict) and p.get("actor")
    }
    return linking.LinkCandidate(
        key=row["id"],
        country=row["country"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        place_name=row["place_name"],
        gazetteer_id=row["gazetteer_id"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        where_prec=row["place_precision"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        date_precision=row["date_precision"],
        published=row["published"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        perpetrators=tuple(sorted(perps)),
        figures=dict(row["figures"] or {}),
        report_ids=(row["report_id"],),
        main=bool(row["is_main"]),
    )


def _upsert_estimates(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(_upsert_estimates_stmt(conn.dialect.name), rows)


@lru_cache(maxsize=2)
def _upsert_estimates_stmt(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(s.estimates)
    stmt = stmt.on_conflict_do_update(
        index_elements=["incident_id", "figure", "rule"],
        set_={
            "low": stmt.excluded.low,
            "best": stmt.excluded.best,
            "high": stmt.excluded.high,
            "claims": stmt.excluded.claims,
            "computed_at": stmt.excluded.computed_at,
        },
    )
    return stmt


def _sort_key(row: Any) -> tuple[Any, ...]:
    # The order report incidents joined in (their latest link), as linking's
    # merge_candidates keeps the earlier member on ties.
    return (row["link_order"] or 0, row["report_id"], row["local_id"])


def refresh_incidents(conn: Connection, incident_ids: Iterable[str]) -> None:
    """Recompute the summary, counts, grade and estimates of each of ``incident_ids``."""
    for incident_id in sorted(set(incident_ids)):
        _refresh(conn, incident_id)


@lru_cache(maxsize=1)
def _members_query() -> Any:
    """An incident's report incidents with their report's date and copy status and the order
    they joined in; built once (the incident is a bound parameter): every store runs it."""
    ri, r, link = s.report_incidents, s.reports, s.incident_links
    link_order = (
        select(func.max(link.c.id))
        .where(link.c.report_incident_id == ri.c.id)
        .scalar_subquery()
        .label("link_order")
    )
    return (
        select(ri, r.c.published, r.c.copy_of, link_order)
        .join(r, r.c.id == ri.c.report_id)
        .where(ri.c.incident_id == bindparam("incident_id"))
    )


@lru_cache(maxsize=1)
def _update_incident() -> Any:
    """``UPDATE incidents … WHERE id = :incident_key``: the columns set are those given."""
    return update(s.incidents).where(s.incidents.c.id == bindparam("incident_key"))


@lru_cache(maxsize=1)
def _old_estimates() -> Any:
    e = s.estimates
    return select(e.c.figure, e.c.rule).where(e.c.incident_id == bindparam("incident_id"))


def _refresh(conn: Connection, incident_id: str) -> None:
    members = sorted(
        conn.execute(_members_query(), {"incident_id": incident_id}).mappings(),
        key=_sort_key,
    )
    if not members:
        _write(
            conn,
            incident_id,
            derive(incident_id, [], claims=[], overlay=None, old=_old(conn, incident_id)),
        )
        return
    claims = claims_for(conn, [incident_id])
    # Reviewed facts (place, date, type, perpetrators) outrank what the reports gave.
    overlay = reviewed.incident_overlays(conn, [incident_id]).get(incident_id)
    derived = derive(
        incident_id, members, claims=claims, overlay=overlay, old=_old(conn, incident_id)
    )
    _write(conn, incident_id, derived)


@dataclass(frozen=True, kw_only=True)
class Derived:
    """An incident's derived column values and estimate rows (their time stamps aside)."""

    values: dict[str, Any]
    estimates: tuple[dict[str, Any], ...]


def founded(
    incident_id: str,
    *,
    member: Mapping[str, Any],
    report_row: Mapping[str, Any],
    claim_rows: Sequence[Mapping[str, Any]],
) -> Derived:
    """What a refresh derives for an incident just founded by ``member`` (a report incident
    row of the report being stored, ``report_row``, with ``claim_rows`` its claims), from
    those rows alone: its one member, that member's claims, no review (no one can have
    reviewed an incident, a report incident or claims made in the transaction that makes
    them) and no earlier estimates. The same values as a refresh that reads them back, so it
    can be made before storing, where the record is prepared (:mod:`tollwatch.ledger.rows`).
    """
    member = {
        **member,
        "incident_id": incident_id,
        "published": report_row["published"],
        "copy_of": report_row["copy_of"],
        "link_order": None,
    }
    gids = {c["local_id"]: c["id"] for c in claim_rows}
    fields = ("title", "published", "outlet", "url", "copy_of", "doc_id", "source")
    rows = [
        {
            **c,
            **{k: report_row[k] for k in fields},
            "incident_id": incident_id,
            "part_gid": gids.get(c["part_of"]) if c["part_of"] else None,
            "update_gid": gids.get(c["update_of"]) if c["update_of"] else None,
        }
        for c in claim_rows
        if c["report_incident_id"] == member["id"]
    ]
    return derive(incident_id, [member], claims=ledger_claims(rows), overlay=None, old=set())


def refresh_founded(conn: Connection, incident_id: str, derived: Derived) -> None:
    """Write what :func:`founded` derived for an incident just founded (in this transaction)."""
    _write(conn, incident_id, derived)


def _old(conn: Connection, incident_id: str) -> set[tuple[str, str]]:
    return {
        (row.figure, row.rule)
        for row in conn.execute(_old_estimates(), {"incident_id": incident_id})
    }


def derive(
    incident_id: str,
    members: Sequence[Mapping[str, Any]],
    *,
    claims: list[views.LedgerClaim],
    overlay: reviewed.IncidentOverlay | None,
    old: set[tuple[str, str]],
) -> Derived:
    """An incident's derived values from its ``members`` (report incident rows with their
    report's ``published`` and ``copy_of``, in the order they joined), its ``claims``, its
    reviewed ``overlay`` and the (figure, rule) of the estimate rows it has (``old``)."""
    if not members:
        # keep the last known place/date so the history stays readable
        values: dict[str, Any] = {"report_count": 0, "source_count": 0, "status": "empty"}
        return Derived(values=values, estimates=_estimate_rows(incident_id, [], old))
    # The incident's place, date and type are those linking compares with: its members'
    # candidates merged in the order they joined (as the in-memory linker does).
    state = None
    for m in members:
        cand = candidate_from_row(m)
        state = cand if state is None else linking.merge_candidates(state, cand)
    assert state is not None
    values = {
        "country": state.country,
        "admin1": state.admin1,
        "admin1_key": linking.norm_place(state.admin1),
        "admin2": state.admin2,
        "place_name": state.place_name,
        "gazetteer_id": state.gazetteer_id,
        "latitude": state.latitude,
        "longitude": state.longitude,
        "place_precision": state.where_prec,
        "date_start": state.date_start,
        "date_end": state.date_end or state.date_start,
        "date_precision": state.date_precision,
        "published": state.published,
        "event_type": state.event_type or model.SUB_EVENT_TO_EVENT.get(state.sub_event_type or ""),
        "sub_event_type": state.sub_event_type,
        "link_state": state_to_json(state),
    }
    window = linking.date_window(state)
    values.update(link_from=window[0] if window else None, link_to=window[1] if window else None)
    subs = [m["sub_event_type"] for m in members if m["sub_event_type"]]
    values["event_types"] = sorted(set(subs))
    reports = {m["report_id"]: m["copy_of"] for m in members}
    values["report_count"] = len(reports)
    values["source_count"] = sum(1 for copy in reports.values() if copy is None) or (
        1 if reports else 0
    )
    values["status"] = "active"
    sources = [
        views.LedgerSource(report_id=rid, copy_of=copy) for rid, copy in sorted(reports.items())
    ]
    perpetrators = _perpetrators(m["perpetrators"] for m in members)
    # Reviewed facts (place, date, type, perpetrators) outrank what the reports gave.
    if overlay is not None:
        values.update(overlay.columns())
        reviewed_perps = overlay.perpetrators()
        if reviewed_perps is not None:
            perpetrators = reviewed_perps
    values["grade"] = views.incident_grade(claims, perpetrators=perpetrators, sources=sources)
    return Derived(values=values, estimates=_estimate_rows(incident_id, claims, old))


def _write(conn: Connection, incident_id: str, derived: Derived) -> None:
    stamp = now()
    conn.execute(
        _update_incident(), {**derived.values, "updated_at": stamp, "incident_key": incident_id}
    )
    _upsert_estimates(conn, [{**row, "computed_at": stamp} for row in derived.estimates])


def _estimate_rows(
    incident_id: str, claims: list[views.LedgerClaim], old: set[tuple[str, str]]
) -> tuple[dict[str, Any], ...]:
    """An incident's estimate rows under every rule; a figure and rule it had a row for and
    no longer has claims for keeps its row, with null figures."""
    rows: list[dict[str, Any]] = []
    done: set[tuple[str, str]] = set()
    for rule in RULES:
        for figure, est in views.incident_estimates(claims, rule=rule).items():
            done.add((figure, rule))
            rows.append(
                {
                    "incident_id": incident_id,
                    "figure": figure,
                    "rule": rule,
                    "low": est.low,
                    "best": est.best,
                    "high": est.high,
                    "claims": list(est.claims),
                }
            )
    for figure, rule in sorted(old - done):
        rows.append(
            {
                "incident_id": incident_id,
                "figure": figure,
                "rule": rule,
                "low": None,
                "best": None,
                "high": None,
                "claims": [],
            }
        )
    return tuple(rows)
