"""Benchmark: archives of 100,000 synthetic reports: streaming, ingest rate, re-run skip, memory.

    .venv/bin/python benchmarks/bench_archive.py [--reports 100000] [--kinds jsonl.gz warc parquet]
        [--slice 300]

For each kind, an archive of ``--reports`` distinct reports (written from templates, seeded)
is generated in a temporary folder, then:

1. **stream**: every record read through ``tollwatch.ingest.archives.read_paths`` (what
   ``tollwatch ingest`` iterates); reports a second, and the process's peak memory (max RSS)
   after 1%, 10%, 50% and 100% of the archive: flat figures mean memory does not grow with
   the archive.
2. **ingest**: the first ``--slice`` reports of the archive ingested whole (read, spaCy
   extraction in this process, store, link) into a fresh SQLite ledger: reports a second.
3. **re-run**: the whole archive marked as stored in a fresh ledger (its report rows, and for
   WARC the payload digests, inserted in bulk), then ingested again with an extractor that
   fails the benchmark if it is ever called: reports a second of the skip path (read, hash,
   one indexed query a batch), and peak memory at the same checkpoints.

The memory figures are the process's peak memory since the phase began (VmHWM, reset at the
start of each phase): the same figure at 10% and at 100% of the archive is the claim that
memory does not grow with the archive. (The spaCy pipeline, loaded by the ingest phase,
stays in the process: the later phases' figures include it.)
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tollwatch.ingest.archives import read_paths
from tollwatch.jobs.ingest import ingest, ingest_items
from tollwatch.jobs.progress import Progress
from tollwatch.ledger import schema as s
from tollwatch.ledger.store import now, open_store
from tollwatch.model import Discard, Page, Report

TOWNS = ("Ariha", "Saraqib", "Douma", "Manbij", "Harasta", "Raqqa", "Daraa", "Taiz", "Mosul")
TEMPLATES = (
    "At least {n} civilians were killed on {day} when warplanes struck a market in {town}, "
    "rescue workers said. Report {k} of the archive; local sources counted {m} wounded.",
    "A car bomb went off near a roundabout in {town} on {day}, killing {n} people, an official "
    "said. Dispatch {k}: {m} others were taken to hospital.",
    "Shelling of {town} on {day} killed {n} people, including children, medics said in "
    "statement {k}, and forced {m} families from their homes.",
)


def peak_mb() -> float:
    """The process's peak memory since the start (max RSS)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def phase_peak_mb() -> float:
    """The peak memory since :func:`reset_peak` (VmHWM)."""
    return _status("VmHWM")


def reset_peak() -> None:
    """Start a new high-water mark (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        pass


def texts(n: int, seed: int = 3) -> Iterator[tuple[str, date]]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    for k in range(n):
        template = TEMPLATES[k % len(TEMPLATES)]
        text = template.format(
            n=rng.randrange(2, 90), m=rng.randrange(1, 400), k=k, town=rng.choice(TOWNS),
            day=rng.choice(days),
        )  # fmt: skip
        yield text, start + timedelta(days=k // 50)


def write_jsonl_gz(path: Path, n: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=5) as out:
        for k, (text, day) in enumerate(texts(n)):
            out.write(json.dumps({"id": f"d{k}", "text": text, "meta": {"published": str(day)}}))
            out.write("\n")


def write_parquet(path: Path, n: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("published", pa.date32())])
    with pq.ParquetWriter(path, schema) as writer:
        batch: dict[str, list] = {"id": [], "text": [], "published": []}
        for k, (text, day) in enumerate(texts(n)):
            batch["id"].append(f"d{k}")
            batch["text"].append(text)
            batch["published"].append(day)
            if len(batch["id"]) == 5000:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {key: [] for key in batch}
        if batch["id"]:
            writer.write_table(pa.table(batch, schema=schema))


def write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for k, (text, day) in enumerate(texts(n)):
            body = (
                f"<html><head><title>Dispatch {k}</title>"
                f'<meta property="article:published_time" content="{day}"></head><body>'
                f"<nav>Home</nav><article><h1>Dispatch {k}</h1><p>{text}</p></article>"
                "</body></html>"
            ).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example.org/{k}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                )  # fmt: skip
            )


WRITERS = {"jsonl.gz": write_jsonl_gz, "parquet": write_parquet, "warc": write_warc}
SUFFIX = {"jsonl.gz": ".jsonl.gz", "parquet": ".parquet", "warc": ".warc.gz"}


def checkpoints(n: int) -> set[int]:
    return {max(1, n // 100), max(1, n // 10), max(1, n // 2), n}


def stream(path: Path, n: int) -> tuple[float, list[tuple[int, float]], int]:
    marks = checkpoints(n)
    seen: list[tuple[int, float]] = []
    t = time.perf_counter()
    count = 0
    for _item in read_paths([path]):
        count += 1
        if count in marks:
            seen.append((count, phase_peak_mb()))
    return time.perf_counter() - t, seen, count


def mark_stored(url: str, path: Path) -> int:
    """Insert, in bulk, the rows that say every record of the archive is stored."""
    store = open_store(url)
    rows: list[dict] = []
    keys: list[dict] = []
    total = 0

    def flush() -> None:
        def work(conn) -> None:
            if rows:
                conn.execute(s.reports.insert(), rows)
            if keys:
                conn.execute(s.input_keys.insert(), keys)

        store.run_write(work)
        rows.clear()
        keys.clear()

    stamp = now()
    for item in read_paths([path]):
        if isinstance(item, Discard):
            continue
        if isinstance(item, Page):
            rid = f"sha256:page-{total}"
            keys.append({"key": item.key, "report_id": rid, "created_at": stamp})
            text = ""
        else:
            assert isinstance(item, Report)
            rid, text = item.id, item.text
        rows.append({"id": rid, "text": text, "status": "ok", "ingested_at": stamp})
        total += 1
        if len(rows) >= 5000:
            flush()
    flush()
    store.dispose()
    return total


class Marks(Progress):
    """Progress that notes the peak memory when the run passes each checkpoint."""

    def __init__(self, marks: set[int], **kw) -> None:
        super().__init__(**kw)
        self.marks = sorted(marks)
        self.seen: list[tuple[int, float]] = []

    def update(self, n: int) -> None:
        before = self.done
        super().update(n)
        for mark in self.marks:
            if before < mark <= self.done:
                self.seen.append((mark, phase_peak_mb()))


def never(reports):
    raise AssertionError("a stored report was extracted again")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--kinds", nargs="+", default=["jsonl.gz", "parquet", "warc"])
    parser.add_argument("--slice", type=int, default=300)
    args = parser.parse_args(argv)
    n = args.reports
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            path = Path(tmp) / f"archive{SUFFIX[kind]}"
            t = time.perf_counter()
            WRITERS[kind](path, n)
            print(
                f"{kind}: {n} reports, {path.stat().st_size / 1e6:.1f} MB, "
                f"written in {time.perf_counter() - t:.1f} s",
                flush=True,
            )
            reset_peak()
            took, marks, count = stream(path, n)
            print(
                f"  stream: {count} records in {took:.1f} s = {count / took:.0f} records/s; "
                "peak RSS " + ", ".join(f"{mb:.0f} MB at {k}" for k, mb in marks),
                flush=True,
            )
            if args.slice:
                sliced = Path(tmp) / f"slice{SUFFIX[kind]}"
                WRITERS[kind](sliced, args.slice)
                url = f"sqlite:///{Path(tmp) / f'slice-{kind}.sqlite'}"
                t = time.perf_counter()
                summary = ingest([sliced], db_url=url)
                took = time.perf_counter() - t
                print(
                    f"  ingest (read, extract with spaCy in this process, store, link): "
                    f"{summary.reports_new} new of {args.slice} in {took:.1f} s = "
                    f"{args.slice / took:.2f} reports/s",
                    flush=True,
                )
            url = f"sqlite:///{Path(tmp) / f'rerun-{kind}.sqlite'}"
            t = time.perf_counter()
            marked = mark_stored(url, path)
            print(f"  {marked} records marked as stored in {time.perf_counter() - t:.1f} s")
            store = open_store(url)
            bar = Marks(checkpoints(n), out=io.StringIO(), bar=False, every=1e9)
            reset_peak()
            t = time.perf_counter()
            again = ingest_items(
                read_paths([path]),
                store=store,
                extractor=never,
                progress=bar,
            )
            took = time.perf_counter() - t
            store.dispose()
            print(
                f"  re-run over the stored archive: {again.already_present} already present, "
                f"{again.reports_new} new, in {took:.1f} s = {n / took:.0f} reports/s (no "
                "extraction); peak RSS " + ", ".join(f"{mb:.0f} MB at {k}" for k, mb in bar.seen),
                flush=True,
            )
    print(f"peak memory (max RSS) of the whole benchmark: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
