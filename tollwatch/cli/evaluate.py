"""``tollwatch eval FILE…``: score extraction against gold files, and gate on the floors.

Prints every score of each file's task (a table, or ``--json``); ``--examples N`` shows N
failing documents per score; ``--predictions OUT`` writes our records as JSONL; ``--gate``
exits 1 naming each score below its floor; ``--update`` raises the floors to the current
scores and refuses to lower any.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tollwatch.errors import EvalError
from tollwatch.evaluate import (
    DEFAULT_FLOORS_PATH,
    FileResult,
    RuleTally,
    Score,
    check_floors,
    evaluate_file,
    load_floors,
    prediction_dicts,
    raised_floors,
    save_floors,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score extraction against gold evaluation files",
        description="Score extraction on evaluation files ({id, task, text, meta, gold} a "
        "line) with the scores of shared/eval/README.md.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="evaluation JSONL file")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--examples", type=int, default=0, metavar="N", help="show N failing docs per score"
    )
    parser.add_argument(
        "--predictions", metavar="OUT", help="write the predicted records as JSONL to OUT"
    )
    parser.add_argument(
        "--gate", action="store_true", help="exit 1 if any score is below its floor"
    )
    parser.add_argument(
        "--update", action="store_true", help="raise the floors to the current scores"
    )
    parser.add_argument(
        "--floors",
        metavar="PATH",
        default=str(DEFAULT_FLOORS_PATH),
        help="floors file (default: eval/floors.json in the repository)",
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    parser.add_argument(
        "--no-link", action="store_true", help="skip cross-report linking (group_pair_f1)"
    )
    parser.add_argument(
        "--halves",
        action="store_true",
        help="also score each half of every file (A, B: by a hash of the document id)",
    )
    parser.add_argument(
        "--rules",
        action="store_true",
        help="print how often each extraction rule fired and how often it was right",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.examples < 0:
        raise EvalError("--examples must be 0 or more")
    floors_path = Path(args.floors)
    floors = load_floors(floors_path)
    results = [
        evaluate_file(
            path,
            model=args.model,
            link=not args.no_link,
            halves=args.halves,
            rules=args.rules,
        )
        for path in args.files
    ]
    if args.predictions:
        _write_predictions(Path(args.predictions), results)
    problems = check_floors(results, floors)
    if args.json:
        data = {
            "files": [r.to_dict() for r in results],
            "floors": {r.name: floors.get(r.name, {}) for r in results},
            "below_floor": problems,
        }
        if args.examples:
            for entry, result in zip(data["files"], results, strict=True):
                entry["examples"] = {
                    name: [vars(f) for f in score.failures[: args.examples]]
                    for name, score in result.scores.items()
                }
        if args.rules:
            data["rules"] = {n: vars(t) for n, t in rule_table(results).items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for result in results:
            print(format_result(result, floors.get(result.name, {}), examples=args.examples))
            if result.halves is not None:
                print(format_halves(result))
        if args.rules:
            print(format_rules(rule_table(results)))
    for result in results:
        for error in result.errors:
            print(f"Error: {error}", file=sys.stderr)
    status = 0
    if args.gate and problems:
        for problem in problems:
            print(f"Error: below floor: {problem}", file=sys.stderr)
        status = 1
    if args.update:
        new = raised_floors(results, floors)  # raises EvalError rather than lower a floor
        if new != floors:
            save_floors(floors_path, new)
            print(f"floors written to {floors_path}", file=sys.stderr)
        else:
            print(f"floors unchanged in {floors_path}", file=sys.stderr)
    return status


def _write_predictions(path: Path, results: list[FileResult]) -> None:
    try:
        with path.open("w", encoding="utf-8") as out:
            for result in results:
                for data in prediction_dicts(result):
                    data["eval_file"] = result.name
                    out.write(json.dumps(data, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise EvalError(f"{path}: cannot write predictions ({exc.strerror or exc})") from None


def format_result(result: FileResult, floors: dict[str, float], *, examples: int = 0) -> str:
    """A plain-text table of one file's scores, with floors and failing examples."""
    docs = "doc" if result.docs == 1 else "docs"
    lines = [f"{result.name}: {result.docs} {docs}, task {', '.join(result.tasks)}"]
    width = max(len(n) for n in result.scores) if result.scores else 10
    for name, score in result.scores.items():
        floor = floors.get(name)
        if score.value is None:
            value, count = "  n/a ", ""
        else:
            value = f"{score.value:.4f}"
            hits = int(score.hits) if float(score.hits).is_integer() else score.hits
            count = f"{hits}/{score.total}"
        status = ""
        if floor is not None:
            below = score.value is None or score.value < floor - 1e-9
            status = f"floor {floor:.4f}" + ("  BELOW" if below else "")
        line = f"  {name.ljust(width)}  {value}  {count.rjust(9)}  {status}".rstrip()
        if score.value is None and score.note:
            line += f"  ({score.note})"
        lines.append(line)
        if examples and score.failures:
            for failure in score.failures[:examples]:
                lines.append(f"      {failure.doc_id}: expected {failure.expected}")
                lines.append(f"      {' ' * len(failure.doc_id)}  predicted {failure.predicted}")
    return "\n".join(lines) + "\n"


def format_halves(result: FileResult) -> str:
    """A table of one file's scores on its two halves (see ``half_of``)."""
    assert result.halves is not None
    a, b = result.halves["A"], result.halves["B"]
    lines = [f"{result.name}: halves (A / B, by a hash of the document id)"]
    width = max((len(n) for n in result.scores), default=10)

    def cell(score: Score | None) -> str:
        if score is None or score.value is None:
            return "  n/a".ljust(18)
        hits = int(score.hits) if float(score.hits).is_integer() else score.hits
        return f"{score.value:.4f} {f'{hits}/{score.total}':>11}"

    for name in result.scores:
        lines.append(f"  {name.ljust(width)}  A {cell(a.get(name))}   B {cell(b.get(name))}")
    return "\n".join(lines) + "\n"


def rule_table(results: list[FileResult]) -> dict[str, RuleTally]:
    """Every registered rule and every rule that fired, summed over the files' results."""
    from tollwatch.extract.rules import load_all

    table: dict[str, RuleTally] = {name: RuleTally() for name in load_all()}
    for result in results:
        for name, t in (result.rules or {}).items():
            total = table.setdefault(name, RuleTally())
            total.fired += t.fired
            total.judged += t.judged
            total.right += t.right
    return dict(sorted(table.items()))


def format_rules(table: dict[str, RuleTally]) -> str:
    """How often each rule fired, how often a fact it made was judged, and how often right."""
    from tollwatch.extract.rules import REGISTRY

    width = max((len(n) for n in table), default=10)
    lines = [f"rules: {'rule'.ljust(width)}  {'fired':>7}  {'judged':>7}  {'right':>7}  accuracy"]
    for name, t in table.items():
        acc = f"{t.right / t.judged:.4f}" if t.judged else "   n/a"
        mark = "" if name in REGISTRY else "  (not registered)"
        lines.append(
            f"       {name.ljust(width)}  {t.fired:>7}  {t.judged:>7}  {t.right:>7}  {acc}{mark}"
        )
    return "\n".join(lines) + "\n"
