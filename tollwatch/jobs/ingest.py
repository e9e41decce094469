"""Ingest runs: read reports, extract them, and store them in the ledger.

:func:`ingest` is what ``tollwatch ingest`` runs. For each report read:

1. If the store already holds its id (the hash of its text), it is "already present": it is
   neither extracted nor stored again (:func:`tollwatch.ledger.write.present_ids`). So ingest
   is idempotent, and a run killed midway and run again picks up where it stopped.
2. It is extracted (the spaCy pipeline, unless a caller passes its own ``extractor``). An
   input that cannot be read is stored as discarded with its reason; a report whose
   extraction fails is stored as discarded too (:class:`tollwatch.ledger.write.Failed`), and
   tried again by the next run.
3. Its record is stored, linked and reconciled by the ledger
   (:func:`tollwatch.ledger.write.store_record`), in input order.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tqdm import tqdm

from tollwatch import model
from tollwatch.errors import ExtractionError, ModelError, TollwatchError
from tollwatch.extract import extract_report, extract_reports
from tollwatch.ingest.html import read_paths as _read_paths
from tollwatch.ledger.store import Store, open_store
from tollwatch.ledger.summary import IngestSummary
from tollwatch.ledger.write import BATCH, Failed, batches, item_id, present_ids, store_item
from tollwatch.model import Discard

log = logging.getLogger(__name__)

Extractor = Callable[[Sequence[model.Report]], list["model.ReportRecord | Exception"]]

# Error classes whose message is the whole reason (they are written to be read).
_TOLLWATCH_ERRORS = frozenset(
    {"TollwatchError", "InputError", "ConfigError", "PipelineError", "GazetteerError"}
)


def read_paths(paths: Sequence[str | Path]) -> Iterator[model.Report | Discard]:
    """Reports from files, folders (walked in name order), JSONL corpora and HTML pages."""
    yield from _read_paths(paths)


def spacy_extractor(*, model_name: str | None = None) -> Extractor:
    """The real extractor: the default pipeline over a batch of reports (the parser batched
    across them); a report whose extraction failed gets its exception in its place."""

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
                store_item(store, Failed(report=report, reason=_reason(result)), summary)
            else:
                store_item(store, result, summary)
        if bar is not None:
            bar.update(len(todo))

    try:
        for batch in batches(items, batch_size):
            ids = [item_id(item) for item in batch]
            present = present_ids(store, ids)
            todo: list[model.Report] = []
            seen_in_batch: set[str] = set()
            for item, iid in zip(batch, ids, strict=True):
                if iid in present or iid in seen_in_batch:
                    summary.already_present += 1
                    continue
                seen_in_batch.add(iid)
                if isinstance(item, Discard | model.ReportRecord):
                    store_item(store, item, summary)
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
                    raise ModelError(message)
                out.append(ExtractionFailed(kind, message))
            else:
                out.append(result)
        return out

    def __call__(self, reports: Sequence[model.Report]) -> list[model.ReportRecord | Exception]:
        return self.results(self.submit(reports))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _progress_bar(progress: bool, total: int | None) -> Any:
    if not (progress or sys.stderr.isatty()):
        return None
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
    ``jobs`` > 1 extracts in that many processes (the ledger is the same). Raises
    :class:`~tollwatch.errors.StoreError` when the store cannot be opened or written.
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


__all__ = [
    "Extractor",
    "ParallelExtractor",
    "ingest",
    "ingest_items",
    "read_paths",
    "spacy_extractor",
]
