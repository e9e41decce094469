"""Time and memory of extraction on hostile reports near the 1 MB limit.

    .venv/bin/python benchmarks/bench_hostile.py [--kb 900] [--cases run-on,sentences] [--timeout 600]

Each case runs in a fresh process (so its peak memory is its own), after spaCy and the
gazetteer are loaded; the figures are the extraction's wall and CPU seconds, the process's
peak resident memory (ru_maxrss) before and after the extraction, and what the record holds
(claims, notes). Cases, each about ``--kb`` kilobytes of text:

- ``run-on``: one line with no sentence end: "3 killed 4 wounded and 5 killed 6 wounded and …";
- ``sentences``: figure sentences one after another: "Shelling killed 12 people in Idlib, a
  rescuer said. …" (numbers and places varied);
- ``prose``: ordinary report sentences without figures (a baseline of the same size).

A case that runs longer than ``--timeout`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_text(case: str, kb: int) -> str:
    """About ``kb`` kilobytes of the case's text (deterministic)."""
    size = kb * 1000
    parts: list[str] = []
    n = 0
    total = 0
    places = ["Idlib", "Aleppo", "Hama", "Homs", "Douma", "Ariha", "Saraqib", "Manbij"]
    while total < size:
        n += 1
        if case == "run-on":
            piece = f"{n % 97 + 2} killed {n % 89 + 3} wounded and "
        elif case == "sentences":
            piece = (
                f"Shelling killed {n % 97 + 2} people and wounded {n % 89 + 3} in "
                f"{places[n % len(places)]} on Monday, a rescuer said. "
            )
        else:
            piece = (
                f"Residents of {places[n % len(places)]} said the market had reopened and "
                "that schools were expected to follow later in the week. "
            )
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:size]


def child(case: str, kb: int) -> None:
    import resource

    from tollwatch.extract import extract_text
    from tollwatch.extract.gazetteer import default_gazetteer
    from tollwatch.extract.nlp import load_nlp

    load_nlp()
    default_gazetteer()
    extract_text("Shelling killed 4 people in Idlib on Monday.")  # warm up every stage
    text = make_text(case, kb)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    record = extract_text(text)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "case": case,
                "bytes": len(text.encode()),
                "seconds": round(wall, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_mb_before": round(before),
                "peak_mb_after": round(after),
                "claims": len(record.claims),
                "notes": [n[:120] for n in record.notes if "cut" in n or "limit" in n],
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=900)
    parser.add_argument("--cases", default="run-on,sentences,prose")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.kb)
        return 0
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    for case in args.cases.split(","):
        cmd = [sys.executable, __file__, "--child", case, "--kb", str(args.kb)]
        try:
            done = subprocess.run(
                cmd, env=env, capture_output=True, text=True, timeout=args.timeout
            )
        except subprocess.TimeoutExpired:
            print(json.dumps({"case": case, "kb": args.kb, "timeout_seconds": args.timeout}))
            continue
        lines = done.stdout.strip().splitlines()
        print(lines[-1] if lines else json.dumps({"case": case, "error": done.stderr[-500:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
