"""Extraction speed and memory over an evaluation corpus, on one core.

    .venv/bin/python benchmarks/bench_extract.py [../shared/eval/fakes-dev.jsonl] [--repeat N] [--batch N]

Prints reports a second of wall time and of CPU time (they differ on a loaded machine), after
a warm-up that loads spaCy and the gazetteer; words a report, the time each stage takes, and
peak memory (ru_maxrss). The process is pinned to one core and its maths libraries to one
thread, so the figure is per core. Targets (issue 2): at least 25
reports a second over fakes-dev.jsonl, and peak memory under 500 MB.
"""

from __future__ import annotations

import os

# One thread for the maths libraries: set before numpy / spaCy are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / ".." / "shared" / "eval" / "fakes-dev.jsonl"
WARMUP = 5


def peak_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--batch",
        type=int,
        default=64,
        help="reports extracted together (the parser batched across them; 1 = one at a time)",
    )
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"corpus not found: {corpus} (give a JSONL file of {{id, text, meta}} records)")
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from tollwatch.extract import Context, default_pipeline
    from tollwatch.extract.nlp import load_nlp
    from tollwatch.ingest import Discard, read_inputs

    before_mb = peak_mb()
    t0 = time.perf_counter()
    nlp = load_nlp(args.model)
    pipeline = default_pipeline()
    reports = [r for r in read_inputs([corpus]) if not isinstance(r, Discard)]
    for report in reports[:WARMUP]:  # loads lazy resources (gazetteer, lexicons)
        pipeline(Context(report=report, nlp=nlp))
    startup = time.perf_counter() - t0

    timings: dict[str, float] = {}
    claims = 0
    t1, c1 = time.perf_counter(), time.process_time()
    batch = max(1, args.batch)
    for _ in range(args.repeat):
        for i in range(0, len(reports), batch):
            # As extract_reports runs them: stage by stage over a batch of reports.
            contexts = [Context(report=r, nlp=nlp) for r in reports[i : i + batch]]
            pipeline.run_many(contexts, timings=timings)
            claims += sum(len(c.claims) for c in contexts)
    elapsed = time.perf_counter() - t1
    cpu = time.process_time() - c1
    n = len(reports) * args.repeat
    words = sum(len(r.text.split()) for r in reports) / max(len(reports), 1)

    print(f"command: {' '.join([Path(sys.argv[0]).name, *sys.argv[1:]]) or 'bench_extract.py'}")
    print(
        f"corpus: {corpus.name}, {len(reports)} reports x {args.repeat}, {words:.0f} words a report,"
        f" batches of {batch}"
    )
    print(f"start-up (model, pipeline, {WARMUP} warm-up reports): {startup:.2f} s")
    print(f"extraction: {n} reports in {elapsed:.2f} s = {n / elapsed:.1f} reports/s on one core")
    # On a shared machine wall time includes waiting for the core; CPU time does not.
    print(
        f"  CPU time {cpu:.2f} s = {n / cpu:.1f} reports per CPU-second (load: {os.getloadavg()[0]:.1f})"
    )
    print(f"  {1000 * elapsed / n:.1f} ms a report, {claims / n:.2f} claims a report")
    total = sum(timings.values()) or 1.0
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(
            f"  stage {name:<10} {1000 * seconds / n:7.2f} ms a report ({100 * seconds / total:4.1f}%)"
        )
    print(f"peak memory (ru_maxrss): {peak_mb():.0f} MB (before loading: {before_mb:.0f} MB)")
    figures = {
        "reports_per_s": round(n / elapsed, 2),
        "reports_per_cpu_s": round(n / cpu, 2),
        "peak_mb": round(peak_mb(), 1),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
