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

Extraction runs in this process, in ``jobs`` local processes, or on a Dask cluster
(``workers`` local ones, or the ``scheduler`` of a running cluster; see
:mod:`tollwatch.jobs.distributed`); storing always stays here, in input order, so the ledger
is the same whichever runs it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tollwatch import model
from tollwatch.errors import ConfigError
from tollwatch.ingest.archives import count_reports, read_paths
from tollwatch.jobs.extraction import (
    Executor,
    Extractor,
    InProcess,
    Input,
    LocalProcesses,
    ParallelExtractor,
    SpacyExtractor,
    spacy_extractor,
)
from tollwatch.jobs.progress import Progress
from tollwatch.ledger.store import Store, open_store
from tollwatch.ledger.summary import IngestSummary
from tollwatch.ledger.write import (
    BATCH,
    batches,
    item_id,
    present_ids,
    present_keys,
    store_item,
)
from tollwatch.model import Discard

Item = model.Report | Discard | model.ReportRecord | model.Page
ExecutorFactory = Callable[[], Executor]


def ingest_items(
    items: Iterable[Item],
    *,
    store: Store,
    extractor: Extractor | None = None,
    model_name: str | None = None,
    progress: bool | Progress = False,
    total: int | None = None,
    batch_size: int = BATCH,
    jobs: int = 1,
    executor: ExecutorFactory | None = None,
) -> IngestSummary:
    """Store reports (extracted on the way), ready records, and discards; return the summary.

    What the store already holds is skipped before extraction (one indexed query a batch).
    Extraction runs in ``executor`` (made when the first report needs it), else in ``jobs``
    local processes when ``jobs`` > 1, else here with ``extractor`` (default: spaCy). Batches
    are extracted ahead while earlier ones are stored; storing stays in this process, in input
    order, so the ledger is the same whichever extracts.
    """
    started = time.perf_counter()
    summary = IngestSummary(db_url=store.safe_url)
    bar = progress if isinstance(progress, Progress) else _progress(progress, total)
    runner: Executor | None = None
    pending: deque[tuple[list[Input], Any]] = deque()
    inflight: set[str] = set()

    def make_runner() -> Executor:
        if executor is not None:
            return executor()
        if extractor is None and jobs > 1:
            return LocalProcesses(jobs=jobs, model_name=model_name)
        return InProcess(extractor or SpacyExtractor(model_name=model_name))

    def finish() -> None:
        assert runner is not None
        todo, handle = pending.popleft()
        for item, outcome in zip(todo, runner.results(handle), strict=True):
            key = item.key if isinstance(item, model.Page) else None
            store_item(store, outcome, summary, key=key)
            inflight.discard(_inflight_id(item))
        if bar is not None:
            bar.update(len(todo))

    try:
        for batch in batches(items, batch_size):
            pages = [item.key for item in batch if isinstance(item, model.Page)]
            present = present_ids(
                store, [item_id(item) for item in batch if not isinstance(item, model.Page)]
            ) | (present_keys(store, pages) if pages else set())
            todo: list[Input] = []
            for item in batch:
                iid = _inflight_id(item)
                if iid in present or iid in inflight:
                    summary.already_present += 1
                    summary.refused += isinstance(item, Discard)
                    continue
                inflight.add(iid)
                if isinstance(item, Discard | model.ReportRecord):
                    store_item(store, item, summary)
                    inflight.discard(iid)
                else:
                    todo.append(item)
            if bar is not None:
                bar.update(len(batch) - len(todo))
            if todo:
                runner = runner or make_runner()
                pending.append((todo, runner.submit(todo)))
            while runner is not None and len(pending) > runner.depth:
                finish()
        while pending:
            finish()
    finally:
        if runner is not None:
            runner.close()
        if bar is not None and not isinstance(progress, Progress):
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _inflight_id(item: Item) -> str:
    """What a batch is checked against the store by: a page's key, else the item's id."""
    return item.key if isinstance(item, model.Page) else item_id(item)


def _progress(progress: bool, total: int | None) -> Progress | None:
    if not (progress or sys.stderr.isatty()):
        return None
    return Progress(total=total)


@contextlib.contextmanager
def _counting(paths: Sequence[str | Path], bar: Progress | None) -> Iterator[None]:
    """Count the reports in ``paths`` on a side thread, for the progress bar's ETA."""
    if bar is None:
        yield
        return
    stop = threading.Event()

    def count() -> None:
        total = count_reports(paths, stop=stop)
        if total is not None and not stop.is_set():
            bar.set_total(total)

    thread = threading.Thread(target=count, name="tollwatch-count", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def ingest(
    paths: Sequence[str | Path],
    *,
    db_url: str | None = None,
    model: str | None = None,
    progress: bool = False,
    extractor: Extractor | None = None,
    store: Store | None = None,
    jobs: int = 1,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = BATCH,
    published: date | None = None,
) -> IngestSummary:
    """Read, extract and store the reports in ``paths`` (files, folders, JSONL, HTML, archives).

    ``published``: the publication date of reports that give none (text files, records
    without one), against which "on Monday" or "yesterday" resolve (as for ``extract``).

    ``db_url`` names the store (see :func:`~tollwatch.ledger.store.open_store`); ``model``
    the spaCy pipeline. Progress (reports done, rate, ETA) goes to stderr when it is a terminal
    or ``progress`` is set. ``extractor`` replaces the spaCy pipeline (tests use a small
    deterministic one). ``jobs`` > 1 extracts in that many local processes; ``workers``
    starts a local Dask cluster of that many processes, ``scheduler`` uses a running one
    (``tcp://HOST:8786``). The ledger is the same whichever extracts. Raises
    :class:`~tollwatch.errors.StoreError` when the store cannot be opened or written,
    :class:`~tollwatch.errors.ClusterError` when the cluster cannot be started or reached.
    """
    if jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, not {jobs}")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if jobs > 1 and (workers is not None or scheduler is not None):
        raise ConfigError("--jobs runs local processes; give it or a Dask cluster, not both")
    if workers is not None and scheduler is not None:
        raise ConfigError("--workers starts a local cluster; give it or --scheduler, not both")
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1, not {batch_size}")
    own = store is None
    store = store or open_store(db_url)
    bar = _progress(progress, None)
    executor: ExecutorFactory | None = None
    if workers is not None or scheduler is not None:
        # Imported here, not above: Dask takes a second to import, and a run without a
        # cluster should not pay for it.
        from tollwatch.jobs.distributed import DaskExtraction

        def executor() -> Executor:
            return DaskExtraction.start(
                scheduler=scheduler, workers=workers, extractor=extractor, model_name=model
            )

    try:
        with _counting(paths, bar):
            return ingest_items(
                read_paths(paths, published=published),
                store=store,
                extractor=extractor,
                model_name=model,
                progress=bar or False,
                jobs=jobs,
                batch_size=batch_size,
                executor=executor,
            )
    finally:
        if bar is not None:
            bar.close()
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
