"""What each spaCy component costs on the sentences tollwatch parses.

    .venv/bin/python benchmarks/bench_components.py [../shared/eval/fakes-dev.jsonl] [--repeat N]

Selects the candidate sentences of every report as the parse stage does (a count and a figure
cue word), then runs the loaded pipeline's components one after another over all of them,
``--repeat`` times, and prints the CPU milliseconds per report of each component (the best
round: the machine's noise only ever adds time). This is how the spaCy pin in
constraints.txt was chosen: compare the figures of two environments on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tollwatch.extract import make_report, numbers, parse, sentences  # noqa: E402
from tollwatch.extract.nlp import load_nlp  # noqa: E402
from tollwatch.extract.pipeline import Context  # noqa: E402

DEFAULT = REPO.parent / "shared" / "eval" / "fakes-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import spacy
    import thinc

    nlp = load_nlp(args.model)
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    cands: list[str] = []
    for text in texts:
        ctx = Context(report=make_report(text), nlp=nlp)
        sentences.run(ctx)
        numbers.run(ctx)
        cands.extend(s.text for s in ctx.sentences if parse.is_candidate(s, ctx.numbers))
    words = sum(len(c.split()) for c in cands)
    print(f"spacy {spacy.__version__}, thinc {thinc.__version__}, model {nlp.meta.get('name')}")
    print(
        f"{len(texts)} reports, {len(cands)} candidate sentences "
        f"({len(cands) / len(texts):.1f} a report, {words / len(texts):.0f} words a report)"
    )
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        docs = [nlp.make_doc(c) for c in cands]
        for name, proc in nlp.pipeline:
            if name == "lemmatizer":  # the parse stage disables it
                continue
            t0 = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=256))
            else:  # a function component (tollwatch's acronym norms) has no pipe
                docs = [proc(doc) for doc in docs]
            spent = (time.process_time() - t0) / len(texts) * 1000
            best[name] = min(best.get(name, spent), spent)
    for name, ms in best.items():
        print(f"  {name:16s} {ms:6.2f} ms a report")
    print(f"  {'all':16s} {sum(best.values()):6.2f} ms a report")
    print(json.dumps({"spacy": spacy.__version__, "ms_per_report": best}))


if __name__ == "__main__":
    main()
