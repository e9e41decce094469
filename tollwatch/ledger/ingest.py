"""Ingest: read reports, extract them, and store them in the ledger, linked and reconciled.

:func:`ingest` is what ``tollwatch ingest`` runs. For each report read:

1. If the store already holds its id (the hash of its text), it is "already present": it is
   neither extracted nor stored again. So ingest is idempotent, and a run killed midway and
   run again picks up where it stopped.
2. It is extracted (the spaCy pipeline, unless a caller passes its own ``extractor``). An
   input that cannot be read, or a report whose extraction fails, is stored as *discarded*
   with its reason: never lost. A report discarded because its extraction failed is tried
   again by the next run; when it then succeeds it becomes a stored report (the earlier
   reason kept).
3. Its record is stored in ONE transaction (:func:`store_record`): the report, its
   near-duplicate status (a copy of an earlier report when their MinHash similarity is high),
   its incidents and claims, the link of each incident to a ledger incident (through
   :mod:`tollwatch.ledger.linking`), and the estimates of every touched ledger incident under
   every rule of :mod:`tollwatch.ledger.reconcile`. A crash leaves the report wholly stored
   or not at all.

Several ``ingest`` processes may write one store at once (see :mod:`tollwatch.ledger.store`
for how writes are serialised); the report's id is its primary key, so a report that two
processes store at the same moment is stored once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from tollwatch import model
from tollwatch.errors import ExtractionError, TollwatchError
from tollwatch.ingest.readers import Discard
from tollwatch.ledger import dedupe
from tollwatch.ledger import schema as s
from tollwatch.ledger.store import Store, insert_ignore, now, open_store

log = logging.getLogger(__name__)

Extractor = Callable[[Sequence[model.Report]], list["model.ReportRecord | Exception"]]

BATCH = 16
MAX_LISTED = 1000
# Error classes whose message is the whole reason (they are written to be read).
_TOLLWATCH_ERRORS = frozenset(
    {"TollwatchError", "InputError", "ConfigError", "PipelineError", "GazetteerError"}
)


def short_hash(*parts: str, prefix: str) -> str:
    """A stable id: ``prefix`` + 24 hex digits of the SHA-256 of the parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{prefix}{digest}"


def claim_gid(report_id: str, local_id: str) -> str:
    """The global id of claim ``local_id`` ("c1") of report ``report_id``."""
    return short_hash(report_id, local_id, prefix="cl-")


def report_incident_gid(report_id: str, local_id: str) -> str:
    """The global id of incident ``local_id`` ("i1") of report ``report_id``."""
    return short_hash(report_id, local_id, prefix="ri-")


def incident_gid(founder: str) -> str:
    """A ledger incident's id: derived from the report incident that founded it."""
    return "inc-" + founder.removeprefix("ri-")


def discard_id(discard: Discard) -> str:
    """The id of an input that could not be read: stable for the same source and reason."""
    return short_hash(discard.source, str(discard.line or ""), discard.reason, prefix="input:")


# --------------------------------------------------------------------------------------------
# The summary


@dataclass(kw_only=True)
class IngestSummary:
    """What one ingest run did."""

    db_url: str
    reports_new: int = 0
    copies: int = 0  # of the new reports, those stored as near-duplicates of another
    already_present: int = 0
    discarded: int = 0  # new discards stored (unreadable input or failed extraction)
    discard_reasons: Counter[str] = field(default_factory=Counter)
    # (where, reason) of each new discard, the first MAX_LISTED of them (a run over a
    # million bad lines must not hold them all).
    discards: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    report_incidents: int = 0
    incidents_new: int = 0
    incidents_linked: int = 0  # report incidents that joined an existing ledger incident
    seconds: float = 0.0

    def note_discard(self, where: str, reason: str) -> None:
        """Count one new discard (and list it, up to ``MAX_LISTED``)."""
        self.discarded += 1
        self.discard_reasons[_reason_kind(reason)] += 1
        if len(self.discards) < MAX_LISTED:
            self.discards.append((where, reason))

    @property
    def reports_seen(self) -> int:
        return self.reports_new + self.already_present + self.discarded

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db_url,
            "reports_new": self.reports_new,
            "copies": self.copies,
            "already_present": self.already_present,
            "discarded": self.discarded,
            "discard_reasons": dict(sorted(self.discard_reasons.items())),
            "discards": [{"source": w, "reason": r} for w, r in self.discards],
            "claims": self.claims,
            "report_incidents": self.report_incidents,
            "incidents_new": self.incidents_new,
            "incidents_linked": self.incidents_linked,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The summary as people read it."""
        rate = self.reports_seen / self.seconds if self.seconds > 0 else 0.0
        out = [
            f"reports: {self.reports_new} new ({self.copies} of them copies of another report), "
            f"{self.already_present} already present, {self.discarded} discarded",
            f"claims: {self.claims}; report incidents: {self.report_incidents}",
            f"ledger incidents: {self.incidents_new} new, {self.incidents_linked} report incidents "
            "linked to an existing one",
        ]
        for reason, count in sorted(self.discard_reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  discarded ({count}): {reason}")
        out.append(f"{self.seconds:.1f}s, {rate:.1f} reports/s")
        return out


@dataclass(frozen=True, kw_only=True)
class Stored:
    """What storing one record did."""

    status: str  # new | present
    copy_of: str | None = None
    claims: int = 0
    report_incidents: int = 0
    incidents_new: int = 0
    incidents_linked: int = 0


# --------------------------------------------------------------------------------------------
# Reading and extracting


def read_paths(paths: Sequence[str | Path]) -> Iterator[model.Report | Discard]:
    """Reports from files, folders (walked in name order), JSONL corpora and HTML pages."""
    from tollwatch.ingest.html import read_paths as _read

    yield from _read(paths)


def spacy_extractor(*, model_name: str | None = None) -> Extractor:
    """The real extractor: the default pipeline over a batch of reports (the parser batched
    across them); a report whose extraction failed gets its exception in its place."""
    from tollwatch.extract import extract_reports

    def run(reports: Sequence[model.Report]) -> list[model.ReportRecord | Exception]:
        out: list[model.ReportRecord | Exception] = []
        for report, result in zip(reports, extract_reports(reports, model=model_name), strict=True):
            if isinstance(result, Exception):
                log.error("extraction failed on %s: %s", report.source or report.id, result)
            out.append(result)
        return out

    return run


def _reason(exc: Exception) -> str:
    if isinstance(exc, ExtractionError):
        return exc.message
    if isinstance(exc, TollwatchError):
        return f"extraction failed: {exc.message}"
    if isinstance(exc, ExtractionFailed):
        if exc.kind in _TOLLWATCH_ERRORS:
            return f"extraction failed: {exc.message}"
        return f"extraction failed: {exc.kind}: {exc.message}"
    return f"extraction failed: {type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------------------------
# Storing one record


def _report_row(report: model.Report, *, status: str, reason: str | None) -> dict[str, Any]:
    return {
        "id": report.id,
        "doc_id": report.doc_id,
        "title": report.title,
        "published": report.published,
        "outlet": report.outlet,
        "url": report.url,
        "language": report.language,
        "source": getattr(report, "source", None),
        "text": report.text,
        "status": status,
        "discard_reason": reason,
        "copy_of": None,
        "similarity": None,
        "main_incident": None,
        "ingested_at": now(),
    }


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
        row = _report_row(item, status="discarded", reason=reason)
    return store.run_write(
        lambda conn: insert_ignore(conn, s.reports, [row]) > 0, locks=[f"report:{row['id']}"]
    )


def store_record(store: Store, record: model.ReportRecord) -> Stored:
    """Store one extracted record in one transaction: report, copies, claims, links, estimates."""
    report = record.report
    sig = dedupe.signature(report.text)
    locks = [f"report:{report.id}"]
    if sig is not None:
        locks += [f"band:{k}" for k in sig.band_keys]
    from tollwatch.ledger import linking_store

    locks += [f"block:{b}" for b in linking_store.lock_blocks(record)]
    return store.run_write(lambda conn: _store(conn, record, sig), locks=locks)


def _store(conn: Connection, record: model.ReportRecord, sig: dedupe.Signature | None) -> Stored:
    from tollwatch.ledger import linking_store

    report = record.report
    status = conn.execute(select(s.reports.c.status).where(s.reports.c.id == report.id)).scalar()
    if status == "ok":
        return Stored(status="present")
    retry = status is not None  # an earlier extraction failed; this one succeeded

    row = _report_row(report, status="ok", reason=None)
    if sig is not None:
        match = _find_copy(conn, report.id, sig)
        if match is not None:
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

    ri_rows = [_report_incident_row(report, inc, record) for inc in record.incidents]
    if ri_rows:
        conn.execute(s.report_incidents.insert(), ri_rows)
    known_incidents = {inc.id for inc in record.incidents}
    headline_ids = {cid for inc in record.incidents for cid in inc.headline.values()}
    claim_rows = [
        _claim_row(report, claim, known_incidents, headline_ids) for claim in record.claims
    ]
    if claim_rows:
        conn.execute(s.claims.insert(), claim_rows)

    outcome = linking_store.link_report(conn, record, ri_rows, copy_of=row["copy_of"])
    return Stored(
        status="new",
        copy_of=row["copy_of"],
        claims=len(claim_rows),
        report_incidents=len(ri_rows),
        incidents_new=outcome.new,
        incidents_linked=outcome.linked,
    )


def _find_copy(conn: Connection, report_id: str, sig: dedupe.Signature) -> tuple[str, float] | None:
    """The stored report this one is a near-duplicate of (its original), with the similarity."""
    b, sg, r = s.report_bands, s.report_signatures, s.reports
    rows = conn.execute(
        select(sg.c.report_id, sg.c.signature, r.c.copy_of)
        .join(r, r.c.id == sg.c.report_id)
        .where(
            sg.c.report_id.in_(
                select(b.c.report_id).where(b.c.band_key.in_(list(sig.band_keys))).distinct()
            ),
            sg.c.report_id != report_id,
            r.c.status == "ok",
        )
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


def _report_incident_row(
    report: model.Report, inc: model.Incident, record: model.ReportRecord
) -> dict[str, Any]:
    place, when = inc.place, inc.date
    return {
        "id": report_incident_gid(report.id, inc.id),
        "report_id": report.id,
        "local_id": inc.id,
        "is_main": inc.id == record.main_incident,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "date_precision": when.precision if when else None,
        "date_text": when.text if when else None,
        "place_name": place.name if place else None,
        "place_text": place.text if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
        "perpetrators": [p.to_dict() for p in inc.perpetrators],
        "headline": dict(inc.headline),
        "figures": {f: e.best for f, e in inc.estimates.items() if e.best is not None},
        "incident_id": None,
    }


def _claim_row(
    report: model.Report, claim: model.Claim, known_incidents: set[str], headline_ids: set[str]
) -> dict[str, Any]:
    incident = claim.incident if claim.incident in known_incidents else None
    return {
        "id": claim_gid(report.id, claim.id),
        "report_id": report.id,
        "local_id": claim.id,
        "figure": claim.figure,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "count_text": claim.count_text,
        "victims": list(claim.victims),
        "unit": claim.unit,
        "part_of": claim.part_of,
        "update_of": claim.update_of,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "incident_local": claim.incident,
        "report_incident_id": report_incident_gid(report.id, incident) if incident else None,
        "is_headline": claim.id in headline_ids,
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "evidence_text": claim.evidence.text,
    }


# --------------------------------------------------------------------------------------------
# The run


def _present(store: Store, ids: Iterable[str]) -> set[str]:
    """The ids the store holds for good: stored reports and unreadable inputs.

    A report whose *extraction* failed (stored as discarded, with its text) is not among
    them: each run tries it again, so a fixed extractor or a passing fault recovers it.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    r = s.reports
    with store.read() as conn:
        rows = conn.execute(select(r.c.id, r.c.status, r.c.text).where(r.c.id.in_(wanted))).all()
    return {rid for rid, status, text in rows if status == "ok" or not text}


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_items(
    items: Iterable[model.Report | Discard | model.ReportRecord],
    *,
    store: Store,
    extractor: Extractor | None = None,
    model_name: str | None = None,
    progress: bool = False,
    total: int | None = None,
    batch_size: int = BATCH,
    jobs: int = 1,
) -> IngestSummary:
    """Store reports (extracted here), ready records, and discards; return the summary.

    ``jobs`` > 1 extracts in that many worker processes while this one stores: batch k+1 is
    being extracted while batch k is stored. Storing stays in one process, in input order, so
    the ledger is the same whatever ``jobs`` is.
    """
    started = time.perf_counter()
    summary = IngestSummary(db_url=store.safe_url)
    pool: ParallelExtractor | None = None
    extract = extractor
    bar = _progress_bar(progress, total)
    pending: tuple[list[model.Report], Any] | None = None

    def finish(todo: list[model.Report], handle: Any) -> None:
        results = pool.results(handle) if pool is not None else handle()
        for report, result in zip(todo, results, strict=True):
            if isinstance(result, Exception):
                reason = _reason(result)
                if store_discard(store, report, reason):
                    summary.note_discard(report.source or report.doc_id or report.id, reason)
                else:
                    summary.already_present += 1
            else:
                _account(summary, store_record(store, result))
        if bar is not None:
            bar.update(len(todo))

    try:
        for batch in _batches(items, batch_size):
            ids = [_item_id(item) for item in batch]
            present = _present(store, ids)
            todo: list[model.Report] = []
            seen_in_batch: set[str] = set()
            for item, item_id in zip(batch, ids, strict=True):
                if item_id in present or item_id in seen_in_batch:
                    summary.already_present += 1
                    continue
                seen_in_batch.add(item_id)
                if isinstance(item, Discard):
                    if store_discard(store, item):
                        summary.note_discard(item.where, item.reason)
                    else:
                        summary.already_present += 1
                elif isinstance(item, model.ReportRecord):
                    _account(summary, store_record(store, item))
                else:
                    todo.append(item)
            if bar is not None:
                bar.update(len(batch) - len(todo))
            handle: Any = None
            if todo:
                if extract is None and jobs > 1:
                    pool = ParallelExtractor(jobs=jobs, model_name=model_name)
                    extract = pool
                elif extract is None:
                    extract = spacy_extractor(model_name=model_name)
                if pool is not None:
                    handle = pool.submit(todo)
                else:
                    handle = functools.partial(extract, list(todo))
            if pending is not None:
                finish(*pending)
                pending = None
            if todo:
                pending = (todo, handle)
        if pending is not None:
            finish(*pending)
    finally:
        if pool is not None:
            pool.close()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _extract_in_worker(report: model.Report, model_name: str | None) -> Any:
    """Worker side of :class:`ParallelExtractor`: a record, or ("error", kind, message)."""
    from tollwatch.extract import extract_report

    try:
        return extract_report(report, model=model_name)
    except TollwatchError as exc:
        return ("error", type(exc).__name__, exc.message)
    except Exception as exc:  # noqa: BLE001 - a crash on one report is its discard reason
        return ("error", type(exc).__name__, str(exc))


class ExtractionFailed(Exception):
    """An extraction that failed in a worker process (its type and message kept)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class ParallelExtractor:
    """Extraction in worker processes (each loads spaCy once), results in input order."""

    def __init__(self, *, jobs: int, model_name: str | None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent holds database connections and threads.
        self._pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
        )
        self._model = model_name

    def submit(self, reports: Sequence[model.Report]) -> list[Any]:
        return [self._pool.submit(_extract_in_worker, r, self._model) for r in reports]

    def results(self, futures: list[Any]) -> list[model.ReportRecord | Exception]:
        out: list[model.ReportRecord | Exception] = []
        for future in futures:
            result = future.result()
            if isinstance(result, tuple) and result and result[0] == "error":
                _, kind, message = result
                if kind == "ModelError":
                    from tollwatch.errors import ModelError

                    raise ModelError(message)
                out.append(ExtractionFailed(kind, message))
            else:
                out.append(result)
        return out

    def __call__(self, reports: Sequence[model.Report]) -> list[model.ReportRecord | Exception]:
        return self.results(self.submit(reports))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _reason_kind(reason: str) -> str:
    """Group discard reasons for the summary (offsets and byte values aside)."""
    import re

    return re.sub(r"\b(?:0x[0-9a-f]+|\d+)\b", "N", reason)


def _item_id(item: model.Report | Discard | model.ReportRecord) -> str:
    if isinstance(item, Discard):
        return discard_id(item)
    if isinstance(item, model.ReportRecord):
        return item.report.id
    return item.id


def _account(summary: IngestSummary, stored: Stored) -> None:
    if stored.status == "present":
        summary.already_present += 1
        return
    summary.reports_new += 1
    if stored.copy_of is not None:
        summary.copies += 1
    summary.claims += stored.claims
    summary.report_incidents += stored.report_incidents
    summary.incidents_new += stored.incidents_new
    summary.incidents_linked += stored.incidents_linked


def _progress_bar(progress: bool, total: int | None) -> Any:
    if not (progress or sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="report", file=sys.stderr, dynamic_ncols=True, leave=False)


def ingest(
    paths: Sequence[str | Path],
    *,
    db_url: str | None = None,
    model: str | None = None,
    progress: bool = False,
    extractor: Extractor | None = None,
    store: Store | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Read, extract and store the reports in ``paths`` (files, folders, JSONL, HTML).

    ``db_url`` names the store (see :func:`~tollwatch.ledger.store.open_store`); ``model``
    the spaCy pipeline. A progress bar goes to stderr when it is a terminal or ``progress``
    is set. ``extractor`` replaces the spaCy pipeline (tests use a small deterministic one).
    ``jobs`` > 1 extracts in that many processes (the ledger is the same). Raises :class:`~tollwatch.errors.StoreError` when the store cannot be opened or written.
    """
    own = store is None
    store = store or open_store(db_url)
    try:
        return ingest_items(
            read_paths(paths),
            store=store,
            extractor=extractor,
            model_name=model,
            progress=progress,
            jobs=jobs,
        )
    finally:
        if own:
            store.dispose()


def ingest_records(
    records: Iterable[model.ReportRecord], *, db_url: str | None = None, store: Store | None = None
) -> IngestSummary:
    """Store records extracted elsewhere (no extraction here)."""
    own = store is None
    store = store or open_store(db_url)
    try:
        return ingest_items(records, store=store)
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
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tollwatch-groups-") as tmp:
        store = open_store(db_url or f"sqlite:///{Path(tmp) / 'ledger.sqlite'}")
        try:
            ingest_items(records, store=store, batch_size=64)
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
    "IngestSummary",
    "Stored",
    "claim_gid",
    "groups_for",
    "incident_gid",
    "ingest",
    "ingest_items",
    "ingest_records",
    "read_paths",
    "report_incident_gid",
    "spacy_extractor",
    "store_discard",
    "store_record",
]
