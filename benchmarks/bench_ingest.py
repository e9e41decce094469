"""Benchmark: ingest rate (reports a second) and peak memory over ``fakes-dev.jsonl``.

Prints, for a fresh store (SQLite by default, or ``--db URL``):

- the whole ``tollwatch ingest`` path (read, extract with spaCy, store, link, reconcile),
  after the spaCy model is loaded (its load time is printed apart);
- the store alone (records already extracted: store, near-duplicates, link, reconcile);
- a second run over the same file (every report already present: the idempotency check);
- the process's peak memory (max RSS).

Usage: ``.venv/bin/python benchmarks/bench_ingest.py [FILE] [--db URL] [--limit N] [--jobs N]``,
or ``--scale 1000,5000`` for the store rate as the ledger grows
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


def synthetic_records(n: int, *, seed: int = 1) -> list:
    """``n`` hand-built records (no extraction) spread over 5 years and 40 Syrian towns."""
    import random
    from datetime import date, timedelta

    from tollwatch import model
    from tollwatch.extract import make_report

    rng = random.Random(seed)
    towns = [(f"Town{k}", f"Province{k % 14}", 33.0 + k * 0.1, 36.0 + k * 0.05) for k in range(40)]
    out = []
    for k in range(n):
        name, admin1, lat, lon = rng.choice(towns)
        day = date(2012, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        value = rng.randrange(1, 80)
        text = f"Synthetic report {k}: {value} people were killed in {name} on {day.isoformat()}."
        report = make_report(text, published=day + timedelta(days=rng.randrange(3)))
        start = text.index(str(value))
        claim = model.Claim(
            id="c1", figure="killed", value=value, low=value, high=value, qualifier="exact",
            count_text=str(value), incident="i1",
            evidence=model.Span(start=start, end=len(text), text=text[start:]),
        )  # fmt: skip
        incident = model.Incident(
            id="i1",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            date=model.DateRef(start=day, end=day, precision=1, text=day.isoformat()),
            place=model.PlaceRef(
                name=name, text=name, admin1=admin1, country="SY", lat=lat, lon=lon, precision=1
            ),
            headline={"killed": "c1"},
        )
        out.append(
            model.ReportRecord(
                report=report, claims=(claim,), incidents=(incident,), main_incident="i1"
            )
        )
    return out


def scale(sizes: list[int]) -> None:
    """Store time per report as the ledger grows (blocked search keeps it about flat)."""
    from tollwatch.jobs.ingest import ingest_items
    from tollwatch.ledger.store import open_store

    probe = 200
    records = synthetic_records(max(sizes) + probe * len(sizes))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'scale.sqlite'}")
        done = 0
        for size in sorted(sizes):
            ingest_items(records[done:size], store=store)
            done = size
            t = time.perf_counter()
            ingest_items(records[done : done + probe], store=store)
            took = time.perf_counter() - t
            done += probe
            print(
                f"store with {size} reports in the ledger: {probe / took:.1f} reports/s "
                f"({1000 * took / probe:.1f} ms each)"
            )
        store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file); must be empty")
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes")
    parser.add_argument(
        "--scale",
        metavar="N,N",
        help="instead: store rate at these ledger sizes (synthetic records, e.g. 1000,5000)",
    )
    args = parser.parse_args(argv)
    if args.scale:
        scale([int(x) for x in args.scale.split(",")])
        print(f"peak memory (max RSS): {peak_mb():.0f} MB")
        return 0
    path = Path(args.file)
    if not path.is_file():
        print(f"skipped: {path} is not present", file=sys.stderr)
        return 0

    from tollwatch.extract import extract_report
    from tollwatch.extract.nlp import load_nlp
    from tollwatch.ingest.readers import Discard, read_inputs
    from tollwatch.jobs.ingest import ingest_items
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
