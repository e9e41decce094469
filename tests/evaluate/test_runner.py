"""Loading evaluation files and running the scorers end to end."""

from __future__ import annotations

import json

import pytest

from tollwatch.errors import EvalError
from tollwatch.evaluate import TASK_SCORES, evaluate_file, load_eval_file, prediction_dicts


def test_load_eval_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "e.jsonl"
    good = {"id": "a", "task": "toll", "text": "Two killed.", "gold": {}}
    cases = [
        ("{oops", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ('{"id": "a", "task": "toll", "text": "x"}', 'record has no "gold" object'),
        (
            '{"id": "a", "task": "toll", "text": "", "gold": {}}',
            "empty report",
        ),
        (
            '{"id": "a", "task": "toll", "text": "x", "gold": {}, "meta": {"published": "2016-13-01"}}',
            "impossible date in meta.published: '2016-13-01'",
        ),
    ]
    for line, reason in cases:
        path.write_text(json.dumps(good) + "\n" + line + "\n")
        with pytest.raises(EvalError) as err:
            load_eval_file(path)
        assert err.value.message == f"{path}:2: {reason}"
    path.write_text("\n")
    with pytest.raises(EvalError) as err:
        load_eval_file(path)
    assert err.value.message == f"{path}: no records"
    with pytest.raises(EvalError) as err:
        load_eval_file(tmp_path / "missing.jsonl")
    assert err.value.message == f"{tmp_path / 'missing.jsonl'}: no such file"


def test_shared_eval_files_load(shared_eval):
    files = sorted(shared_eval.glob("*.jsonl"))
    assert files
    for path in files:
        docs = load_eval_file(path)
        assert len({d.doc_id for d in docs}) == len(docs)
        assert {d.task for d in docs} <= set(TASK_SCORES)


def test_evaluate_seed_file_computes_every_claims_score(shared_eval, nlp, tmp_path):
    result = evaluate_file(shared_eval / "seed-aleppo.jsonl")
    assert result.tasks == ("claims",)
    assert list(result.scores) == list(TASK_SCORES["claims"])
    assert result.scores["claim_recall"].total > 0
    for score in result.scores.values():
        assert score.value is None or 0.0 <= score.value <= 1.0
    (record,) = prediction_dicts(result)
    assert record["doc_id"] == "seed-aleppo-2016-11-30"
    assert "incident_group" not in record


def test_half_of_is_stable_and_balanced():
    from tollwatch.evaluate import half_of

    assert half_of("t1") == "A"  # the SHA-256 of the id decides, the same on every machine
    halves = [half_of(f"doc-{i}") for i in range(2000)]
    assert 900 < halves.count("A") < 1100
    assert set(halves) == {"A", "B"}
