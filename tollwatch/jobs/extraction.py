"""Where extraction runs: here, in local processes, or on a Dask cluster.

Each executor takes batches of reports and pages (:meth:`submit`) and gives back, batch by
batch and in the order submitted (:meth:`results`), one outcome per item, ready to store: its
record prepared (:class:`~tollwatch.ledger.rows.Prepared`: its rows and near-duplicate
signature made beside its extraction, so a worker, not the one process that stores, does that
work), a :class:`~tollwatch.model.Discard` (a page with no main text), or a
:class:`~tollwatch.ledger.write.Failed` (extraction failed: the reason, and the report so its
text is kept). ``depth`` is how many batches may be in flight before the oldest is collected:
the ingest loop stores outcomes in input order while later batches are still being extracted.
A model that cannot be loaded raises :class:`~tollwatch.errors.ModelError` (the run stops).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from tollwatch import model
from tollwatch.errors import ExtractionError, ModelError, TollwatchError
from tollwatch.extract import extract_reports
from tollwatch.ingest.archives import read_page
from tollwatch.ledger.rows import Prepared, prepare
from tollwatch.ledger.write import Failed

log = logging.getLogger(__name__)

Extracted = model.ReportRecord | Exception
Extractor = Callable[[Sequence[model.Report]], list[Extracted]]
Outcome = Prepared | model.Discard | Failed
Input = model.Report | model.Page


class SpacyExtractor:
    """The real extractor: the default pipeline over a batch of reports (the parser batched
    across them); a report whose extraction failed gets its exception in its place.

    A class, not a closure, so it pickles by reference to Dask workers.
    """

    def __init__(self, *, model_name: str | None = None) -> None:
        self.model_name = model_name

    def __call__(self, reports: Sequence[model.Report]) -> list[Extracted]:
        out: list[Extracted] = []
        results = extract_reports(reports, model=self.model_name)
        for report, result in zip(reports, results, strict=True):
            if isinstance(result, Exception):
                log.error("extraction failed on %s: %s", report.source or report.id, result)
            out.append(result)
        return out


def spacy_extractor(*, model_name: str | None = None) -> Extractor:
    """The real extractor (see :class:`SpacyExtractor`)."""
    return SpacyExtractor(model_name=model_name)


def reason(exc: Exception) -> str:
    """The discard reason of a failed extraction."""
    if isinstance(exc, ExtractionError):
        return exc.message
    if isinstance(exc, TollwatchError):
        return f"extraction failed: {exc.message}"
    return f"extraction failed: {type(exc).__name__}: {exc}"


def run_batch(items: Sequence[Input], extractor: Extractor) -> list[Outcome]:
    """Pages to reports, reports to prepared records: one outcome ready to store per item,
    in order."""
    out: list[Outcome | None] = [None] * len(items)
    reports: list[model.Report] = []
    slots: list[int] = []
    for n, item in enumerate(items):
        report = read_page(item) if isinstance(item, model.Page) else item
        if isinstance(report, model.Discard):
            out[n] = report
        else:
            reports.append(report)
            slots.append(n)
    if reports:
        results = extractor(reports)
        for n, report, result in zip(slots, reports, results, strict=True):
            if isinstance(result, ModelError):
                raise result
            out[n] = (
                Failed(report=report, reason=reason(result))
                if isinstance(result, Exception)
                else prepare(result)
            )
    return [o for o in out if o is not None]


class Executor(Protocol):
    depth: int

    def submit(self, items: list[Input]) -> Any: ...

    def results(self, handle: Any) -> list[Outcome]: ...

    def close(self) -> None: ...


class InProcess:
    """Extraction in this process, when its batch is collected."""

    depth = 1

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    def submit(self, items: list[Input]) -> Any:
        return functools.partial(run_batch, list(items), self.extractor)

    def results(self, handle: Any) -> list[Outcome]:
        return handle()

    def close(self) -> None:
        return None


def _extract_in_worker(item: Input, model_name: str | None) -> Outcome | tuple[str, str]:
    """Worker side of :class:`LocalProcesses`: the item's outcome, or ("ModelError", why)."""
    try:
        [outcome] = run_batch([item], SpacyExtractor(model_name=model_name))
    except ModelError as exc:
        return ("ModelError", exc.message)
    return outcome


class LocalProcesses:
    """Extraction in local worker processes (each loads spaCy once), results in input order."""

    depth = 1

    def __init__(self, *, jobs: int, model_name: str | None) -> None:
        # spawn, not fork: the parent holds database connections and threads.
        self._pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
        )
        self._model = model_name

    def submit(self, items: list[Input]) -> list[Any]:
        return [self._pool.submit(_extract_in_worker, item, self._model) for item in items]

    def results(self, handle: list[Any]) -> list[Outcome]:
        out: list[Outcome] = []
        for future in handle:
            outcome = future.result()
            if isinstance(outcome, tuple):
                raise ModelError(outcome[1])
            out.append(outcome)
        return out

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# The old name, kept for callers of the library.
ParallelExtractor = LocalProcesses

__all__ = [
    "Executor",
    "Extractor",
    "InProcess",
    "LocalProcesses",
    "Outcome",
    "ParallelExtractor",
    "SpacyExtractor",
    "reason",
    "run_batch",
    "spacy_extractor",
]
