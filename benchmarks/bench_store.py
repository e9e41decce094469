"""Benchmark: the CPU the storing process spends a report (the Dask client's share of ingest).

    .venv/bin/python benchmarks/bench_store.py [FILE.jsonl] [--limit N] [--profile OUT.prof]

Reads FILE (default ``../shared/eval/fakes-dev.jsonl``) and extracts it here once (timed
apart: that is a worker's work), then stores the records into a fresh SQLite ledger (in a
temporary folder) twice, each time in input order as ingest does:

- *unprepared*: the records as extraction gives them (what one process running ingest does:
  it makes the rows and signature, and derives founded incidents, itself);
- *prepared*: the records as a Dask worker sends them (:func:`tollwatch.ledger.rows.prepare`
  ran beside extraction, timed apart as worker CPU): the storing process only decides what
  depends on the ledger (copies, links, estimates of joined incidents) and writes.

Printed: CPU milliseconds a report of the storing process (``process_time``, which does not
depend on what else runs on the machine, unlike wall time, also printed), the worker-side CPU
of preparing, and whether the two ledgers are the same (canonical dump). ``--profile`` writes
a cProfile of the prepared run.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import tempfile
import time
from pathlib import Path

from tollwatch.ingest.archives import read_paths
from tollwatch.jobs.extraction import SpacyExtractor
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.rows import prepare
from tollwatch.ledger.store import open_store
from tollwatch.ledger.write import store_items
from tollwatch.model import ReportRecord

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "fakes-dev.jsonl"


def _store(records: list, url: str, profile: str | None) -> tuple[float, float, dict]:
    store = open_store(url)
    try:
        prof = cProfile.Profile() if profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if prof is not None:
            prof.enable()
        store_items(records, store=store)
        if prof is not None:
            prof.disable()
            prof.dump_stats(profile)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        with store.read() as conn:
            return cpu, wall, canonical_dump(conn)
    finally:
        store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--profile", help="write a cProfile of the prepared run here")
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"skipped: {path} is not present", file=sys.stderr)
        return 0
    reports = [r for r in read_paths([path]) if not hasattr(r, "reason")][: args.limit]
    cpu = time.process_time()
    extracted = SpacyExtractor()(reports)
    records = [r for r in extracted if isinstance(r, ReportRecord)]
    extract_cpu = time.process_time() - cpu
    cpu = time.process_time()
    prepared = [prepare(r) for r in records]
    prepare_cpu = time.process_time() - cpu
    n = len(records)
    print(f"store benchmark: {path.name}, {n} records ({len(reports) - n} failed extraction)")
    print(
        f"extraction here (a worker's work; spaCy's loading included): {1000 * extract_cpu / n:.1f} ms/report CPU"
    )
    print(f"preparing (a worker's work too): {1000 * prepare_cpu / n:.2f} ms/report CPU")
    dumps = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, items in (("unprepared", records), ("prepared", prepared)):
            url = f"sqlite:///{Path(tmp) / f'{name}.sqlite'}"
            profile = args.profile if name == "prepared" else None
            cpu, wall, dump = _store(items, url, profile)
            dumps.append(dump)
            print(
                f"storing {name:>10}: {1000 * cpu / n:6.2f} ms/report CPU "
                f"({cpu:.2f} s; wall {wall:.1f} s)",
                flush=True,
            )
    print(f"same ledger: {dumps[0] == dumps[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
