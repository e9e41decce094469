"""Benchmark: ``tollwatch ingest`` on a local Dask cluster of 1 and 2 workers, side by side.

    .venv/bin/python benchmarks/bench_dask.py [FILE.jsonl] [--limit N] [--rounds R]
        [--batch-size B]

For each round, and in it for 1 then 2 workers: a fresh SQLite ledger, a ``LocalCluster``
started (its start and the workers' loading of spaCy and the gazetteer timed apart), then
the whole ingest of FILE (default ``../shared/eval/fakes-dev.jsonl``): read here, extracted on
the workers in batches, stored and linked here in input order. Printed per run:

- wall seconds and reports a second, and the speedup of 2 workers over 1 (wall);
- CPU seconds of each worker and of this process (the client, which reads and stores, and
  hosts the local cluster's scheduler), from ``getrusage`` in each process, and per report;
  the client's main thread alone (reading, storing, linking: ``thread_time``); reports per
  worker-CPU-second (extraction's own rate, which does not depend on what else runs);
- each worker's peak memory (max RSS, from the worker process itself);
- how busy the machine was: the share of the cores' time in use during the run (from
  ``/proc/stat``), and how much of it was not this benchmark's processes (other users).

The machine has 2 cores shared with other people: the wall figures depend on what they run;
the CPU figures do not, and the "others" column says how much the wall figures were disturbed.
The two ledgers are compared: the same dump (the benchmark checks it).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client

from tollwatch.ingest.archives import read_paths
from tollwatch.jobs.distributed import DaskExtraction, local_cluster
from tollwatch.jobs.ingest import ingest_items
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.store import open_store

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "fakes-dev.jsonl"


def _usage(dask_worker=None) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB) of the process this runs in."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss / 1024


def _cpu_all() -> tuple[int, int]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def run(path: Path, workers: int, *, limit: int | None, batch_size: int, tmp: Path) -> dict:
    items = list(read_paths([path]))
    if limit:
        items = items[:limit]
    url = f"sqlite:///{tmp / f'ledger-{workers}w-{time.monotonic_ns()}.sqlite'}"
    store = open_store(url)
    t0 = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster, set_as_default=False) as client:
        runner = DaskExtraction(client)  # registers the plugin: spaCy and gazetteer loaded
        started = time.perf_counter() - t0
        before = client.run(_usage)
        client_cpu0 = _usage()[0]
        main0 = time.thread_time()
        busy0, total0 = _cpu_all()
        t = time.perf_counter()
        summary = ingest_items(items, store=store, batch_size=batch_size, executor=lambda: runner)
        wall = time.perf_counter() - t
        busy1, total1 = _cpu_all()
        client_cpu = _usage()[0] - client_cpu0
        main_cpu = time.thread_time() - main0
        after = client.run(_usage)
    with store.read() as conn:
        dump = canonical_dump(conn)
    store.dispose()
    worker_cpu = {w: after[w][0] - before[w][0] for w in after}
    peak = {w: after[w][1] for w in after}
    cores = os.cpu_count() or 1
    machine_cpu = (busy1 - busy0) / os.sysconf("SC_CLK_TCK")
    ours = sum(worker_cpu.values()) + client_cpu
    return {
        "workers": workers,
        "reports": len(items),
        "new": summary.reports_new,
        "start_s": started,
        "wall_s": wall,
        "rate": len(items) / wall,
        "worker_cpu": sorted(worker_cpu.values()),
        "client_cpu": client_cpu,
        "main_cpu": main_cpu,
        "per_worker_cpu_rate": len(items) / sum(worker_cpu.values()),
        "peak_mb": sorted(peak.values()),
        "busy": (busy1 - busy0) / max(total1 - total0, 1),
        "others_cores": max(machine_cpu - ours, 0.0) / wall,
        "cores": cores,
        "dump": dump,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"skipped: {path} is not present", file=sys.stderr)
        return 0
    print(f"Dask ingest of {path.name}, batches of {args.batch_size}, {os.cpu_count()} cores")
    print(
        f"{'workers':>7} {'reports':>7} {'start s':>7} {'wall s':>7} {'rep/s':>6} {'speedup':>7} "
        f"{'worker CPU s':>14} {'client CPU s':>12} {'client ms/rep':>13} {'main ms/rep':>11} "
        f"{'rep/worker-CPU-s':>16} {'peak MB/worker':>15} {'busy':>5} {'others':>7}"
    )
    dumps = []
    with tempfile.TemporaryDirectory() as tmp:
        for _round in range(args.rounds):
            base = None
            for workers in (1, 2):
                r = run(path, workers, limit=args.limit, batch_size=args.batch_size, tmp=Path(tmp))
                dumps.append(r.pop("dump"))
                base = base or r["rate"]
                print(
                    f"{r['workers']:>7} {r['reports']:>7} {r['start_s']:>7.1f} {r['wall_s']:>7.1f} "
                    f"{r['rate']:>6.2f} {r['rate'] / base:>6.2f}x "
                    f"{'/'.join(f'{c:.0f}' for c in r['worker_cpu']):>14} {r['client_cpu']:>12.1f} "
                    f"{1000 * r['client_cpu'] / r['reports']:>13.1f} "
                    f"{1000 * r['main_cpu'] / r['reports']:>11.1f} "
                    f"{r['per_worker_cpu_rate']:>16.2f} "
                    f"{'/'.join(f'{m:.0f}' for m in r['peak_mb']):>15} {r['busy']:>5.0%} "
                    f"{r['others_cores']:>5.2f} c",
                    flush=True,
                )
    print(f"same ledger in every run: {all(d == dumps[0] for d in dumps)}")
    print(
        "start s: cluster start and the workers' loading of spaCy and the gazetteer; client: "
        "this process (reading, storing, linking, and Dask: the client's and the local "
        "scheduler's threads); main: its main thread alone (reading, storing, linking); busy: "
        "the share of all cores' time in use during the run; others: cores used on average by "
        "processes that are not this benchmark's"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
