"""Storing in the ledger: records already extracted, and inputs that could not be used.

The ledger stores; it does not read files or run extraction (that is
:mod:`tollwatch.jobs.ingest`, above it). What it is given, in order:

- a :class:`~tollwatch.model.ReportRecord`: stored in ONE transaction
  (:func:`store_record`): the report, its near-duplicate status (a copy of an earlier report
  when their MinHash similarity is high), its incidents and claims, the link of each incident
  to a ledger incident (:mod:`tollwatch.ledger.linking_store`), and the estimates of every
  touched ledger incident under every rule of :mod:`tollwatch.reconcile`. A crash
  leaves the report wholly stored or not at all. A report already stored is "present": it is
  not stored again, so storing is idempotent.
- a :class:`~tollwatch.model.Discard` (an input that could not be read) or a :class:`Failed`
  (a report whose extraction failed): stored as *discarded* with its reason, never lost. A
  failed report keeps its text; it is not "present" (:func:`present_ids`), so the next run
  extracts it again, and when that succeeds it becomes a stored report (the earlier reason
  kept).

Several processes may write one store at once (see :mod:`tollwatch.ledger.store` for how
writes are serialised); the report's id is its primary key, so a report that two processes
store at the same moment is stored once.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from tollwatch import model
from tollwatch.errors import StoreError
from tollwatch.ledger import dedupe, linking_store
from tollwatch.ledger import schema as s
from tollwatch.ledger.ids import discard_id, report_incident_gid
from tollwatch.ledger.rows import Prepared, prepare, report_row
from tollwatch.ledger.state import refresh_incidents
from tollwatch.ledger.store import Store, insert_ignore, now, open_store
from tollwatch.ledger.summary import IngestSummary, Stored
from tollwatch.ledger.validate import RowError, fit_row
from tollwatch.model import Discard

log = logging.getLogger(__name__)

BATCH = 16


@dataclass(frozen=True, kw_only=True)
class Failed:
    """A report whose extraction failed, and why: stored as discarded, with its text."""

    report: model.Report
    reason: str


Item = model.ReportRecord | Prepared | Discard | Failed


# --------------------------------------------------------------------------------------------
# One item


def store_discard(store: Store, item: Discard | model.Report, reason: str | None = None) -> bool:
    """Store an input that could not be read, or a report whose extraction failed.

    Returns True when it was new. Discards are idempotent too: the same input failing for the
    same reason is stored once.
    """
    if isinstance(item, Discard):
        row = {
            "id": discard_id(item),
            "doc_id": item.doc_id,
            "title": None,
            "published": None,
            "outlet": None,
            "url": None,
            "language": None,
            "source": item.where,
            "text": "",
            "status": "discarded",
            "discard_reason": item.reason,
            "copy_of": None,
            "similarity": None,
            "main_incident": None,
            "ingested_at": now(),
        }
    else:
        row = report_row(item, status="discarded", reason=reason)
    notes: list[str] = []
    row = fit_row(s.reports, row, notes=notes)  # a discard row always fits: nothing refused
    if notes:
        row["notes"] = (row.get("notes") or []) + notes
    return store.run_write(
        lambda conn: insert_ignore(conn, s.reports, [row]) > 0, locks=[f"report:{row['id']}"]
    )


def store_record(store: Store, record: model.ReportRecord | Prepared) -> Stored:
    """Store one extracted record in one transaction: report, copies, claims, links, estimates.

    ``record`` may come prepared (:func:`~tollwatch.ledger.rows.prepare`: its rows and
    signature made where it was extracted); else it is prepared here. Every row is fitted to
    what all stores hold (:mod:`tollwatch.ledger.validate`); raises
    :class:`~tollwatch.ledger.validate.RowError` for a record that cannot be stored as it is.
    """
    ready = record if isinstance(record, Prepared) else prepare(record)
    if ready.refused is not None:
        # A record refused for a value no store holds writes nothing.
        raise RowError(ready.refused)
    report = ready.record.report
    locks = [f"report:{report.id}"]
    if ready.signature is not None:
        locks += [f"band:{k}" for k in ready.signature.band_keys]
    locks += [f"block:{b}" for b in linking_store.lock_blocks(ready.record)]
    return store.run_write(lambda conn: _store(conn, ready), locks=locks)


def _store(conn: Connection, ready: Prepared) -> Stored:
    record, sig = ready.record, ready.signature
    report = record.report
    status = conn.execute(_status_query(), {"report_id": report.id}).scalar()
    if status == "ok":
        return Stored(status="present")
    retry = status is not None  # an earlier extraction failed; this one succeeded

    ri_rows, claim_rows = list(ready.incident_rows), list(ready.claim_rows)
    # A copy: the transaction may be run again (a transient error), and the row changes here.
    row = dict(ready.report_row or {}) | {"ingested_at": now()}
    displaced: tuple[str, float] | None = None  # a stored original this report replaces
    if sig is not None:
        match = _find_copy(conn, report.id, sig)
        if match is not None and _published_first(conn, report, match[0]):
            displaced = match
        elif match is not None:
            row["copy_of"], row["similarity"] = match
    main_gid = (
        report_incident_gid(report.id, record.main_incident) if record.main_incident else None
    )
    row["main_incident"] = main_gid
    if retry:
        # The discard row becomes the report; the reason it failed before is kept.
        old = conn.execute(
            select(s.reports.c.discard_reason).where(s.reports.c.id == report.id)
        ).scalar()
        row["discard_reason"] = f"recovered; earlier: {old}" if old else None
        values = {k: v for k, v in row.items() if k != "id"}
        conn.execute(update(s.reports).where(s.reports.c.id == report.id).values(**values))
    elif insert_ignore(conn, s.reports, [row]) == 0:
        return Stored(status="present")  # pragma: no cover - the lock makes this unreachable
    if sig is not None:
        conn.execute(
            s.report_signatures.insert(),
            [{"report_id": report.id, "num_perm": dedupe.NUM_PERM, "signature": sig.to_bytes()}],
        )
        conn.execute(
            s.report_bands.insert(),
            [{"band_key": key, "report_id": report.id} for key in sorted(set(sig.band_keys))],
        )

    if ri_rows:
        conn.execute(s.report_incidents.insert(), ri_rows)
    if claim_rows:
        conn.execute(s.claims.insert(), claim_rows)

    # An earlier publication of a stored story joins its incidents as a copy would, then takes
    # its place as the original.
    joins = row["copy_of"] or (displaced[0] if displaced else None)
    outcome = linking_store.link_report(
        conn,
        record,
        ri_rows,
        copy_of=joins,
        report_row=row,
        claim_rows=claim_rows,
        # Derived for a report that is no copy: a copy's founded incidents count it as one.
        founded=ready.founded if row["copy_of"] is None else None,
    )
    if displaced is not None:
        _become_original(conn, report.id, *displaced)
    return Stored(
        status="new",
        copy_of=row["copy_of"],
        original_of=displaced[0] if displaced else None,
        claims=len(claim_rows),
        report_incidents=len(ri_rows),
        incidents_new=outcome.new,
        incidents_linked=outcome.linked,
    )


def _published_first(conn: Connection, report: model.Report, stored_id: str) -> bool:
    """Whether ``report`` is the original of the stored near-duplicate ``stored_id``: it was
    published earlier, or the same day (or undated alike) while the stored one says it is a
    republication and this one does not. Otherwise the report stored first stays original."""
    r = s.reports
    old = conn.execute(
        select(r.c.published, r.c.syndicated_from).where(r.c.id == stored_id)
    ).first()
    if old is None:
        return False
    if report.published is not None and old.published is not None:
        if report.published != old.published:
            return report.published < old.published
    elif report.published is not None or old.published is not None:
        return False
    return old.syndicated_from is not None and report.syndicated_from is None


def _become_original(
    conn: Connection, report_id: str, old_original: str, similarity: float | None
) -> None:
    """Make ``report_id`` the original of ``old_original`` and of its copies, and refresh the
    incidents they tell of (copies count once: the estimates change with who is a copy)."""
    r, ri = s.reports, s.report_incidents
    moved = [
        row[0]
        for row in conn.execute(
            select(r.c.id).where((r.c.id == old_original) | (r.c.copy_of == old_original))
        )
    ]
    conn.execute(
        update(r).where(r.c.id.in_(moved)).values(copy_of=report_id, similarity=similarity)
    )
    touched = {
        row[0]
        for row in conn.execute(
            select(ri.c.incident_id).where(ri.c.report_id.in_(moved + [report_id]))
        )
        if row[0] is not None
    }
    refresh_incidents(conn, touched)


def _find_copy(conn: Connection, report_id: str, sig: dedupe.Signature) -> tuple[str, float] | None:
    """The stored report this one is a near-duplicate of (its original), with the similarity."""
    rows = conn.execute(
        _copy_query(), {"band_keys": list(sig.band_keys), "report_id": report_id}
    ).all()
    if not rows:
        return None
    copy_of = {rid: orig for rid, _sig, orig in rows}
    best = dedupe.best_match(
        sig.values, [(rid, dedupe.Signature.values_from_bytes(data)) for rid, data, _ in rows]
    )
    if best is None:
        return None
    rid, sim = best
    # Point at the original, never at another copy: a syndicated story has one source.
    return (copy_of.get(rid) or rid), round(sim, 4)


@lru_cache(maxsize=1)
def _status_query() -> Any:
    return select(s.reports.c.status).where(s.reports.c.id == bindparam("report_id"))


@lru_cache(maxsize=1)
def _copy_query() -> Any:
    """Stored reports sharing an LSH band with a signature; built once (run for each report)."""
    b, sg, r = s.report_bands, s.report_signatures, s.reports
    return (
        select(sg.c.report_id, sg.c.signature, r.c.copy_of)
        .join(r, r.c.id == sg.c.report_id)
        .where(
            sg.c.report_id.in_(
                select(b.c.report_id)
                .where(b.c.band_key.in_(bindparam("band_keys", expanding=True)))
                .distinct()
            ),
            sg.c.report_id != bindparam("report_id"),
            r.c.status == "ok",
        )
    )


# --------------------------------------------------------------------------------------------
# Many items


def item_id(item: model.Report | Item) -> str:
    """The id an item is stored under (a report's id; an unreadable input's :func:`discard_id`)."""
    if isinstance(item, Discard):
        return discard_id(item)
    if isinstance(item, model.ReportRecord):
        return item.report.id
    if isinstance(item, Prepared):
        return item.record.report.id
    if isinstance(item, Failed):
        return item.report.id
    return item.id


def present_ids(store: Store, ids: Iterable[str]) -> set[str]:
    """The ids the store holds for good: stored reports and unreadable inputs.

    A report whose *extraction* failed (stored as discarded, with its text) is not among
    them: each run tries it again, so a fixed extractor or a passing fault recovers it.
    One indexed query on the primary key; the report text is not read.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    r = s.reports
    found: set[str] = set()
    with store.read() as conn:
        for start in range(0, len(wanted), 500):
            rows = conn.execute(
                select(r.c.id, r.c.status, r.c.text == "").where(
                    r.c.id.in_(wanted[start : start + 500])
                )
            ).all()
            found.update(rid for rid, status, empty in rows if status == "ok" or empty)
    return found


def store_item(store: Store, item: Item, summary: IngestSummary, *, key: str | None = None) -> None:
    """Store one record, unreadable input or failed report, and count it in ``summary``.

    ``key`` is the input's own key (a page's payload digest, a fetched URL): it is recorded
    with the id stored, so the next run over the same input skips it before reading it.
    """
    if isinstance(item, model.ReportRecord | Prepared):
        reason = _store_or_reason(store, item, summary)
        if reason is not None:
            report = item.record.report if isinstance(item, Prepared) else item.report
            item = Failed(report=report, reason=reason)
    if isinstance(item, Discard):
        if store_discard(store, item):
            summary.note_discard(item.where, item.reason)
        else:
            summary.already_present += 1
            summary.refused += 1
    elif isinstance(item, Failed):
        report = item.report
        if store_discard(store, report, item.reason):
            summary.note_discard(report.source or report.doc_id or report.id, item.reason)
        else:
            summary.already_present += 1
            summary.refused += 1
    if key is not None and not isinstance(item, Failed):
        # A failed extraction is tried again next run, so its key is not kept.
        store_key(store, key, item_id(item))


def _store_or_reason(
    store: Store, record: model.ReportRecord | Prepared, summary: IngestSummary
) -> str | None:
    """Store ``record``; None when done, else why it cannot be stored (it is then discarded)."""
    try:
        summary.note_stored(store_record(store, record))
        return None
    except RowError as exc:  # a value no store holds: the report is discarded, with why
        return f"cannot be stored: {exc.message}"
    except StoreError as exc:
        if not exc.permanent:
            raise  # the store is unreachable: nothing else can be stored either
        return f"cannot be stored: {exc.message}"
    except Exception as exc:  # noqa: BLE001 - one report's fault never stops a run
        report = record.record.report if isinstance(record, Prepared) else record.report
        log.exception("storing %s failed", report.source or report.id)
        return f"cannot be stored: {type(exc).__name__}: {exc}"


def store_key(store: Store, key: str, stored_id: str) -> None:
    """Record that the input ``key`` gave the stored report (or discard) ``stored_id``."""
    row = {"key": key, "report_id": stored_id, "created_at": now()}
    store.run_write(lambda conn: insert_ignore(conn, s.input_keys, [row]))


def present_keys(store: Store, keys: Iterable[str]) -> set[str]:
    """The input keys (see :func:`store_item`) the store has already taken in."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    k = s.input_keys
    with store.read() as conn:
        for start in range(0, len(wanted), 500):
            found.update(
                conn.execute(select(k.c.key).where(k.c.key.in_(wanted[start : start + 500])))
                .scalars()
                .all()
            )
    return found


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def store_items(
    items: Iterable[Item],
    *,
    store: Store,
    batch_size: int = BATCH,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Store ``items`` in order (what is already stored is counted as present); the summary."""
    started = time.perf_counter()
    summary = summary or IngestSummary(db_url=store.safe_url)
    for batch in batches(items, batch_size):
        ids = [item_id(item) for item in batch]
        present = present_ids(store, ids)
        seen: set[str] = set()
        for item, iid in zip(batch, ids, strict=True):
            if iid in present or iid in seen:
                summary.already_present += 1
                summary.refused += isinstance(item, Discard)
                continue
            seen.add(iid)
            store_item(store, item, summary)
    summary.seconds += time.perf_counter() - started
    return summary


def ingest_records(
    records: Iterable[model.ReportRecord], *, db_url: str | None = None, store: Store | None = None
) -> IngestSummary:
    """Store records extracted elsewhere (no extraction here)."""
    own = store is None
    store = store or open_store(db_url)
    try:
        return store_items(records, store=store)
    finally:
        if own:
            store.dispose()


def groups_for(
    records: Sequence[model.ReportRecord], *, db_url: str | None = None
) -> dict[str, str]:
    """Link ``records`` in a ledger and return {doc_id or report id: ledger incident id}.

    The records go into a fresh temporary SQLite store unless ``db_url`` names one. The value
    is the ledger incident of the record's main incident; a record without a main incident
    gets a group of its own (its report id), so it is linked to nothing.
    """
    with tempfile.TemporaryDirectory(prefix="tollwatch-groups-") as tmp:
        store = open_store(db_url or f"sqlite:///{Path(tmp) / 'ledger.sqlite'}")
        try:
            store_items(records, store=store, batch_size=64)
            with store.read() as conn:
                rows = conn.execute(
                    select(s.report_incidents.c.report_id, s.report_incidents.c.incident_id).where(
                        s.report_incidents.c.is_main.is_(True)
                    )
                ).all()
        finally:
            store.dispose()
    main = dict(rows)
    out: dict[str, str] = {}
    for record in records:
        key = record.report.doc_id or record.report.id
        out[key] = main.get(record.report.id) or record.report.id
    return out


__all__ = [
    "BATCH",
    "Failed",
    "IngestSummary",
    "Item",
    "Prepared",
    "Stored",
    "batches",
    "groups_for",
    "ingest_records",
    "item_id",
    "present_ids",
    "present_keys",
    "store_key",
    "store_discard",
    "store_item",
    "store_items",
    "store_record",
]
