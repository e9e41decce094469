"""Extraction on a Dask distributed cluster: ``tollwatch ingest --workers N | --scheduler URL``.

The client (this process) reads the inputs, sends reports to the cluster in batches, and gets
records back; it alone stores them, in input order, so the ledger is the same, byte for byte,
as a one-process run on the same inputs. Workers only extract: each loads the spaCy pipeline
and the gazetteer once, when it starts (:class:`LoadPipeline`, a worker plugin, so a worker
that joins or is restarted later loads them too).

A worker that dies mid-batch loses nothing and duplicates nothing: the scheduler gives its
batch to another worker (up to ``distributed.scheduler.allowed-failures`` deaths per batch),
and since nothing is stored until the batch's records reach the client, a batch is stored
once whatever happened to the workers that ran it. A batch that killed too many workers
stops the run with :class:`~tollwatch.errors.ClusterError`; what was stored before it stays,
and the next run resumes after it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin
from distributed.client import FutureCancelledError

from tollwatch.errors import ClusterError, ModelError
from tollwatch.extract.gazetteer import default_gazetteer
from tollwatch.extract.nlp import load_nlp
from tollwatch.jobs.extraction import Extractor, Input, Outcome, SpacyExtractor, run_batch

log = logging.getLogger(__name__)

PLUGIN_NAME = "tollwatch-pipeline"
# Batches in flight per worker: one being extracted, one waiting, so a worker never idles
# while the client stores.
INFLIGHT_PER_WORKER = 2
# A local cluster has no dashboard, so nothing reads what Dask samples for one: each worker's
# statistical profiler (a thread sampling every 10 ms) is off, and the event loops' tick (a
# wake-up every 20 ms in every scheduler, nanny and worker, only to measure the loop's lag),
# the system monitors (CPU, memory, disk and network of every process, every 500 ms) and the
# nannies' memory checks (every 100 ms) run less often. In this process (the local scheduler
# and the nannies live here, beside the store) that was 4-5% of a core whatever the work,
# now 1%, and 2% in each idle worker, now 0.4%: on 2 cores, taken from extraction and
# storing. The workers get the settings from their nannies.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class LoadPipeline(WorkerPlugin):
    """Load the spaCy pipeline and open the gazetteer once per worker process."""

    def __init__(self, *, model_name: str | None = None) -> None:
        self.model_name = model_name

    def setup(self, worker: Any) -> None:
        try:
            load_nlp(self.model_name)
            default_gazetteer()
        except Exception as exc:  # noqa: BLE001 - reported to the client, not a dead worker
            worker.tollwatch_error = f"{type(exc).__name__}: {exc}"
            log.error("tollwatch: worker %s cannot load the pipeline: %s", worker.address, exc)
        else:
            worker.tollwatch_error = None
            worker.tollwatch_loads = getattr(worker, "tollwatch_loads", 0) + 1


def extract_batch(items: Sequence[Input], extractor: Extractor) -> list[Outcome] | tuple[str, str]:
    """The task a worker runs: a batch's outcomes, or ("ModelError", why) (no exception
    class of ours has to unpickle on the client)."""
    try:
        return run_batch(items, extractor)
    except ModelError as exc:
        return ("ModelError", exc.message)


def _worker_error(dask_worker: Any) -> str | None:
    return getattr(dask_worker, "tollwatch_error", None)


class DaskExtraction:
    """An executor (see :mod:`tollwatch.jobs.extraction`) that runs batches on a cluster."""

    def __init__(
        self,
        client: Client,
        *,
        extractor: Extractor | None = None,
        model_name: str | None = None,
    ) -> None:
        self.client = client
        self.extractor = extractor or SpacyExtractor(model_name=model_name)
        if isinstance(self.extractor, SpacyExtractor):
            client.register_plugin(LoadPipeline(model_name=model_name), name=PLUGIN_NAME)
            errors = {e for e in client.run(_worker_error).values() if e}
            if errors:
                raise ModelError("a Dask worker cannot load the pipeline: " + sorted(errors)[0])
        workers = len(client.scheduler_info().get("workers", {})) or 1
        self.depth = max(2, INFLIGHT_PER_WORKER * workers)
        self._run = uuid.uuid4().hex[:12]
        self._n = itertools.count()
        self._stack = contextlib.ExitStack()

    @classmethod
    def start(
        cls,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        extractor: Extractor | None = None,
        model_name: str | None = None,
    ) -> DaskExtraction:
        """Connect to (or start) the cluster; :meth:`close` disconnects (or stops it)."""
        stack = contextlib.ExitStack()
        try:
            client = stack.enter_context(cluster_client(scheduler=scheduler, workers=workers))
            runner = cls(client, extractor=extractor, model_name=model_name)
        except BaseException:
            stack.close()
            raise
        runner._stack = stack
        return runner

    def submit(self, items: list[Input]) -> Any:
        key = f"tollwatch-extract-{self._run}-{next(self._n)}"
        return self.client.submit(extract_batch, items, self.extractor, key=key, pure=False)

    def results(self, handle: Any) -> list[Outcome]:
        try:
            outcomes = handle.result()
        except FutureCancelledError as exc:
            raise ClusterError(f"the cluster dropped batch {handle.key}: {exc}") from None
        except Exception as exc:
            # KilledWorker (the batch killed every worker that tried it) or a lost scheduler.
            raise ClusterError(
                f"batch {handle.key} failed on the cluster: {type(exc).__name__}: {exc}"
            ) from None
        finally:
            handle.release()
        if isinstance(outcomes, tuple):
            raise ModelError(outcomes[1])
        return outcomes

    def close(self) -> None:
        self._stack.close()


@contextlib.contextmanager
def cluster_client(
    *, scheduler: str | None = None, workers: int | None = None, timeout: float = 30.0
) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local one with ``workers`` processes.

    The local cluster listens on 127.0.0.1 only, one thread per worker process (spaCy holds
    the GIL), no dashboard; it is stopped when the block ends.
    """
    if scheduler is not None and workers is not None:
        raise ClusterError("give either a scheduler address or a number of workers, not both")
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    if workers is None or workers < 1:
        raise ClusterError(f"a local cluster needs at least one worker, not {workers}")
    with local_cluster(workers) as cluster:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A Dask cluster of ``workers`` processes on this machine, stopped when the block ends.

    Everything listens on 127.0.0.1 only: the scheduler, the workers, and the scheduler's
    HTTP routes (on a free port; there is no dashboard). One thread per worker process: spaCy
    holds the GIL, so processes, not threads, are what run in parallel. What only a dashboard
    would show is not sampled (:data:`QUIET`).
    """
    with dask.config.set(QUIET):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        )
    try:
        yield cluster
    finally:
        cluster.close()


__all__ = ["DaskExtraction", "LoadPipeline", "cluster_client", "extract_batch", "local_cluster"]
