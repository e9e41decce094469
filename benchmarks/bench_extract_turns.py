"""Extraction speed of this checkout against a baseline checkout, side by side in one run.

    .venv/bin/python benchmarks/bench_extract_turns.py BASELINE_CHECKOUT [CORPUS]
        [--passes 3] [--baseline-home DIR] [--also CHECKOUT ...]

Each checkout runs in a process of its own (its own ``.venv``, loaded once), pinned to one
core; the processes take turns over the same batches of 64 reports, the order rotating every
batch, so that all of them see the same load on a shared machine. Each pass over the corpus
prints every checkout's reports per CPU-second and its CPU time a report against the
baseline's; then peak memory. ``--baseline-home`` is the baseline's ``TOLLWATCH_HOME`` (its
own gazetteer, built on first use), so that it never opens or rebuilds this checkout's. Issue
8's requirement: no more than 15% slower than commit 150f969.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / ".." / "shared" / "eval" / "fakes-dev.jsonl"
BATCH = 64


def worker(corpus: str) -> None:
    """Load once, then extract the batches asked for on stdin ("i j"), printing CPU seconds."""
    import resource
    import time

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from tollwatch.extract import Context, default_pipeline
    from tollwatch.extract.nlp import load_nlp
    from tollwatch.ingest import Discard, read_inputs

    nlp = load_nlp(None)
    pipeline = default_pipeline()
    reports = [r for r in read_inputs([Path(corpus)]) if not isinstance(r, Discard)]
    for report in reports[:5]:  # warm-up: lazy resources
        pipeline(Context(report=report, nlp=nlp))
    print(len(reports), flush=True)
    for line in sys.stdin:
        i, j = map(int, line.split())
        c = time.process_time()
        pipeline.run_many([Context(report=r, nlp=nlp) for r in reports[i:j]])
        print(f"{time.process_time() - c:.4f}", flush=True)
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline")
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--baseline-home", default="/tmp/tollwatch-baseline")
    parser.add_argument("--also", nargs="*", default=[], help="more checkouts to run in turn")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:  # one checkout's process (see main below)
        worker(argv[1])
        return 0
    args = parser.parse_args(argv)
    corpus = str(Path(args.corpus).resolve())
    checkouts = [Path(args.baseline).resolve(), REPO, *(Path(a).resolve() for a in args.also)]
    names = ["baseline", "this", *(c.name for c in checkouts[2:])]
    procs = []
    for k, checkout in enumerate(checkouts):
        env = dict(os.environ)
        if k == 0:
            env["TOLLWATCH_HOME"] = args.baseline_home
        procs.append(
            subprocess.Popen(
                [str(checkout / ".venv" / "bin" / "python"), __file__, "--worker", corpus],
                cwd=checkout,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
    sizes = {int(p.stdout.readline()) for p in procs}
    if len(sizes) != 1:
        raise SystemExit(f"the checkouts read different numbers of reports: {sizes}")
    n = sizes.pop()
    print(f"{Path(corpus).name}: {n} reports, {args.passes} passes, batches of {BATCH}")
    for name, checkout in zip(names, checkouts, strict=True):
        print(f"  {name}: {checkout}")

    def turn(p: subprocess.Popen[str], i: int, j: int) -> float:
        p.stdin.write(f"{i} {j}\n")
        p.stdin.flush()
        return float(p.stdout.readline())

    totals = [0.0] * len(procs)
    for k in range(args.passes):
        cpu = [0.0] * len(procs)
        for c, i in enumerate(range(0, n, BATCH)):
            for s in range(len(procs)):
                w = (s + c + k) % len(procs)
                cpu[w] += turn(procs[w], i, min(n, i + BATCH))
        totals = [a + b for a, b in zip(totals, cpu, strict=True)]
        print(f"pass {k + 1} (load {os.getloadavg()[0]:.1f}): " + _line(names, cpu, n))
    print(f"all {args.passes} passes: " + _line(names, totals, n * args.passes))
    for name, p in zip(names, procs, strict=True):
        p.stdin.close()
        print(f"  peak memory {name}: {p.stdout.read().strip()} MB")
        p.wait()
    return 0


def _line(names: list[str], cpu: list[float], n: int) -> str:
    parts = []
    for w, name in enumerate(names):
        part = f"{name} {n / cpu[w]:.1f} reports/CPU-s"
        if w:
            part += f" ({100 * (cpu[w] / cpu[0] - 1):+.1f}% CPU time)"
        parts.append(part)
    return "  ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
