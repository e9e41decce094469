"""Evaluation: score extraction against the gold of ``shared/eval`` and gate on floors.

Library first: :func:`evaluate_file` returns a :class:`FileResult` of :class:`Score` records;
:func:`check_floors` and :func:`raised_floors` compare them with the repository's floors.
``tollwatch eval`` is the thin shell over these.
"""

from tollwatch.evaluate.casualty import score_casualty
from tollwatch.evaluate.floors import (
    DEFAULT_FLOORS_PATH,
    check_floors,
    load_floors,
    raised_floors,
    save_floors,
)
from tollwatch.evaluate.runner import (
    FileResult,
    evaluate_docs,
    evaluate_file,
    half_of,
    load_eval_file,
    predict,
    prediction_dicts,
)
from tollwatch.evaluate.scores import (
    TASK_SCORES,
    EvalDoc,
    Failure,
    RuleTally,
    Score,
    score_claims,
    score_displacement,
    score_toll,
)

__all__ = [
    "DEFAULT_FLOORS_PATH",
    "TASK_SCORES",
    "EvalDoc",
    "Failure",
    "RuleTally",
    "FileResult",
    "Score",
    "check_floors",
    "evaluate_docs",
    "evaluate_file",
    "half_of",
    "load_eval_file",
    "load_floors",
    "predict",
    "prediction_dicts",
    "raised_floors",
    "save_floors",
    "score_casualty",
    "score_claims",
    "score_displacement",
    "score_toll",
]
