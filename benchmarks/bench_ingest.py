"""Benchmark: ingest rate (reports a second) and peak memory over ``fakes-dev.jsonl``.

Prints, for a fresh store (SQLite by default, or ``--db URL``):

- the whole ``tollwatch ingest`` path (read, extract with spaCy, store, link, reconcile),
  after the spaCy model is loaded (its load time is printed apart);
- the store alone (records already extracted: store, near-duplicates, link, reconcile);
- a second run over the same file (every report already present: the idempotency check);
- the process's peak memory (max RSS).

Usage: ``.venv/bin/python benchmarks/bench_ingest.py [FILE] [--db URL] [--limit N] [--jobs N]``
(with ``--jobs`` > 1 the workers load their own model: their start is in the ingest time, and
the peak memory printed is this process's only).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "fakes-dev.jsonl"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file); must be empty")
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes")
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"skipped: {path} is not present", file=sys.stderr)
        return 0

    from tollwatch.extract import extract_report
    from tollwatch.extract.nlp import load_nlp
    from tollwatch.ingest.readers import Discard, read_inputs
    from tollwatch.ledger.ingest import ingest_items
    from tollwatch.ledger.store import open_store

    items = list(read_inputs([path]))
    if args.limit:
        items = items[: args.limit]
    n = len(items)
    t = time.perf_counter()
    load_nlp()
    extract_report(next(i for i in items if not isinstance(i, Discard)))  # warm the pipeline
    print(f"model load and warm-up: {time.perf_counter() - t:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'full.sqlite'}"
        store = open_store(url)
        t = time.perf_counter()
        summary = ingest_items(items, store=store, jobs=args.jobs)
        full = time.perf_counter() - t
        print(
            f"ingest (extract + store, jobs={args.jobs}): {n} reports in {full:.2f} s = {n / full:.1f} reports/s "
            f"({summary.reports_new} new, {summary.copies} copies, {summary.discarded} discarded, "
            f"{summary.claims} claims, {summary.incidents_new} incidents new, "
            f"{summary.incidents_linked} linked)"
        )
        t = time.perf_counter()
        again = ingest_items(items, store=store)
        rerun = time.perf_counter() - t
        print(
            f"re-ingest (all present): {n} reports in {rerun:.2f} s = {n / rerun:.1f} reports/s "
            f"({again.already_present} already present, {again.reports_new} new)"
        )
        store.dispose()

        records = [extract_report(i) for i in items if not isinstance(i, Discard)]
        store_url = f"sqlite:///{Path(tmp) / 'store.sqlite'}" if not args.db else None
        if store_url:
            st = open_store(store_url)
            t = time.perf_counter()
            ingest_items(records, store=st)
            alone = time.perf_counter() - t
            st.dispose()
            print(
                f"store alone (records already extracted): {len(records)} in {alone:.2f} s = "
                f"{len(records) / alone:.1f} reports/s"
            )
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
