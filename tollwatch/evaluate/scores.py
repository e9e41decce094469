"""The scores of ``shared/eval/README.md``, one module a task, and the table of tasks.

Each scorer takes the evaluation documents (:class:`EvalDoc`: a report and its gold) and the
predictions (``{doc_id: ReportRecord}``) and returns ``{score name: Score}``; where the README
leaves a choice, the task's module says which it makes: :mod:`.claims`, :mod:`.toll`,
:mod:`.displacement`, :mod:`.casualty`. Shared records and helpers are in :mod:`.common`.
"""

from __future__ import annotations

from tollwatch.evaluate.casualty import CASUALTY_SCORES, score_casualty
from tollwatch.evaluate.claims import (
    CLAIMS_SCORES,
    actor_agrees,
    match_claims,
    score_claims,
)
from tollwatch.evaluate.common import (
    EvalDoc,
    Failure,
    RuleTally,
    Score,
    claimants_agree,
    fold_name,
    judging_rules,
    main_incident,
    name_words,
)
from tollwatch.evaluate.displacement import (
    DISPLACEMENT_FIGURES,
    DISPLACEMENT_SCORES,
    iso3,
    numbers_in_digits,
    score_displacement,
)
from tollwatch.evaluate.toll import (
    ACTOR_CLASSES,
    CAUSE_SUB_EVENTS,
    TOLL_SCORES,
    actor_class,
    cause_class,
    pair_f1,
    perpetrator_class,
    score_toll,
)

TASK_SCORES: dict[str, tuple[str, ...]] = {
    "claims": CLAIMS_SCORES,
    "toll": TOLL_SCORES,
    "displacement": DISPLACEMENT_SCORES,
    "casualty": CASUALTY_SCORES,
}

__all__ = [
    "ACTOR_CLASSES",
    "CASUALTY_SCORES",
    "CAUSE_SUB_EVENTS",
    "CLAIMS_SCORES",
    "DISPLACEMENT_FIGURES",
    "DISPLACEMENT_SCORES",
    "TASK_SCORES",
    "TOLL_SCORES",
    "EvalDoc",
    "Failure",
    "RuleTally",
    "Score",
    "actor_agrees",
    "actor_class",
    "cause_class",
    "claimants_agree",
    "fold_name",
    "iso3",
    "judging_rules",
    "main_incident",
    "match_claims",
    "name_words",
    "numbers_in_digits",
    "pair_f1",
    "perpetrator_class",
    "score_casualty",
    "score_claims",
    "score_displacement",
    "score_toll",
]
