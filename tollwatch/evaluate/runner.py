"""Running an evaluation: read a gold file, extract every report, score the predictions."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import EvalError, InputError
from tollwatch.evaluate.scores import (
    TASK_SCORES,
    EvalDoc,
    RuleTally,
    Score,
    judging_rules,
    score_casualty,
    score_claims,
    score_displacement,
    score_toll,
)
from tollwatch.extract.rules import facts_by_rule
from tollwatch.ingest.readers import report_from_record
from tollwatch.model import ReportRecord

GroupsFor = Callable[[Sequence[ReportRecord]], Mapping[str, str]]


@dataclass(frozen=True, kw_only=True)
class FileResult:
    """The scores of one evaluation file, and the predictions they were computed from."""

    name: str  # the file name: the key of its floors
    path: Path
    tasks: tuple[str, ...]
    docs: int
    scores: dict[str, Score]
    predictions: tuple[ReportRecord, ...] = ()
    groups: Mapping[str, str | None] | None = None  # doc_id -> incident group (toll files)
    errors: tuple[str, ...] = field(default=())  # reports whose extraction failed
    # With ``halves``: the scores of each half of the file ("A", "B"; see half_of).
    halves: Mapping[str, dict[str, Score]] | None = None
    # With ``rules``: per extraction rule, how often it made a fact and was judged right.
    rules: Mapping[str, RuleTally] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.name,
            "tasks": list(self.tasks),
            "docs": self.docs,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
            "errors": list(self.errors),
        }
        if self.halves is not None:
            out["halves"] = {
                h: {k: v.to_dict() for k, v in scores.items()} for h, scores in self.halves.items()
            }
        if self.rules is not None:
            out["rules"] = {name: vars(t) for name, t in sorted(self.rules.items())}
        return out


def half_of(doc_id: str) -> str:
    """The half ("A" or "B") a document belongs to: the parity of the SHA-256 of its id.

    Rules are written from half A's misses and kept only when half B moves too.
    """
    return "A" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def load_eval_file(path: str | Path) -> list[EvalDoc]:
    """Read an evaluation file: one ``{"id", "task", "text", "meta", "gold"}`` object a line.

    Raises :class:`EvalError` naming the file and line of anything that is not such a record.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from None
    docs: list[EvalDoc] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise EvalError(f"{where}: not a JSON object")
        task = record.get("task")
        if task not in TASK_SCORES:
            raise EvalError(
                f"{where}: unknown task {task!r} (expected one of {', '.join(TASK_SCORES)})"
            )
        gold = record.get("gold")
        if not isinstance(gold, dict):
            raise EvalError(f'{where}: record has no "gold" object')
        try:
            report = report_from_record(record, source=where)
        except InputError as exc:
            raise EvalError(f"{where}: {exc.message}") from None
        doc_id = report.doc_id or report.id
        docs.append(EvalDoc(doc_id=doc_id, task=task, report=report, gold=gold, line=number))
    if not docs:
        raise EvalError(f"{path}: no records")
    return docs


def predict(
    docs: Sequence[EvalDoc], *, model: str | None = None
) -> tuple[dict[str, ReportRecord], list[str]]:
    """Extract every document's report: ({doc_id: record}, [errors]).

    A report whose extraction fails gets an empty record (so it scores as a miss) and an
    error line; it does not stop the evaluation.
    """
    from tollwatch.extract import extract_reports
    from tollwatch.extract.nlp import load_nlp

    load_nlp(model)
    preds: dict[str, ReportRecord] = {}
    errors: list[str] = []
    results = extract_reports([d.report for d in docs], model=model)
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, ReportRecord):
            preds[doc.doc_id] = result
        else:  # one failing report is a miss, not the end of the run
            errors.append(f"{doc.report.source}: {result.message}")
            preds[doc.doc_id] = ReportRecord(report=doc.report)
    return preds, errors


def default_groups_for() -> tuple[GroupsFor | None, str | None]:
    """The ledger's ``groups_for`` if it can be imported, else (None, why not)."""
    try:
        from tollwatch.ledger import groups_for
    except ImportError as exc:
        return None, f"not computed: tollwatch.ledger.groups_for is not available ({exc})"
    return groups_for, None


def evaluate_docs(
    docs: Sequence[EvalDoc],
    preds: Mapping[str, ReportRecord],
    *,
    groups: Mapping[str, str | None] | None = None,
    groups_note: str | None = None,
) -> dict[str, Score]:
    """Every score of the tasks the documents belong to, in the README's order."""
    scores: dict[str, Score] = {}
    by_task: dict[str, list[EvalDoc]] = {}
    for doc in docs:
        by_task.setdefault(doc.task, []).append(doc)
    for task, task_docs in by_task.items():
        if task == "claims":
            scores.update(score_claims(task_docs, preds))
        elif task == "toll":
            scores.update(score_toll(task_docs, preds, groups=groups, groups_note=groups_note))
        elif task == "displacement":
            scores.update(score_displacement(task_docs, preds))
        elif task == "casualty":
            scores.update(score_casualty(task_docs, preds))
    return scores


def evaluate_file(
    path: str | Path,
    *,
    model: str | None = None,
    link: bool = True,
    groups_for: GroupsFor | None = None,
    halves: bool = False,
    rules: bool = False,
) -> FileResult:
    """Score one evaluation file.

    For toll files with ``link``, the predictions are ingested into a fresh ledger by
    ``groups_for`` (default: :func:`tollwatch.ledger.groups_for`) to score cross-report
    linking; when it is unavailable or fails, ``group_pair_f1`` is reported as not computed.
    With ``halves``, the scores of each half of the file (:func:`half_of`) are computed too;
    with ``rules``, how often each extraction rule made a fact and how often it was right.
    """
    path = Path(path)
    docs = load_eval_file(path)
    preds, errors = predict(docs, model=model)
    groups: dict[str, str | None] | None = None
    groups_note: str | None = None
    if any(d.task == "toll" for d in docs):
        if not link:
            groups_note = "not computed: linking was not asked for"
        else:
            fn, groups_note = (groups_for, None) if groups_for else default_groups_for()
            if fn is not None:
                toll_ids = [d.doc_id for d in docs if d.task == "toll"]
                try:
                    found = fn([preds[i] for i in toll_ids])
                    groups = {i: found.get(i) for i in toll_ids}
                except Exception as exc:  # the linker failing is reported, not fatal
                    groups_note = f"not computed: groups_for failed ({type(exc).__name__}: {exc})"
    tallies: dict[str, RuleTally] | None = {} if rules else None
    with judging_rules(tallies) if tallies is not None else contextlib.nullcontext():
        scores = evaluate_docs(docs, preds, groups=groups, groups_note=groups_note)
    if tallies is not None:
        for record in preds.values():
            for name, facts in facts_by_rule(record).items():
                tallies.setdefault(name, RuleTally()).fired += len(facts)
    half_scores = None
    if halves:
        half_scores = {
            h: evaluate_docs(
                [d for d in docs if half_of(d.doc_id) == h],
                preds,
                groups=groups,
                groups_note=groups_note,
            )
            for h in ("A", "B")
        }
    return FileResult(
        name=path.name,
        path=path,
        tasks=tuple(dict.fromkeys(d.task for d in docs)),
        docs=len(docs),
        scores=scores,
        predictions=tuple(preds[d.doc_id] for d in docs),
        groups=groups,
        errors=tuple(errors),
        halves=half_scores,
        rules=tallies,
    )


def prediction_dicts(result: FileResult) -> list[dict[str, Any]]:
    """The predictions of a result as JSON-ready records (with ``incident_group`` if linked)."""
    out = []
    for record in result.predictions:
        data = record.to_dict()
        if result.groups is not None:
            data["incident_group"] = result.groups.get(record.report.doc_id or record.report.id)
        out.append(data)
    return out
