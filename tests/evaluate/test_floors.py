"""Floors: the gate names each score below its floor; updates only ever raise floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tollwatch.errors import EvalError
from tollwatch.evaluate import (
    FileResult,
    Score,
    check_floors,
    load_floors,
    raised_floors,
    save_floors,
)


def result(name: str, **values: float | None) -> FileResult:
    scores = {
        k: Score(name=k, value=v, note=None if v is not None else "not computed: x")
        for k, v in values.items()
    }
    return FileResult(name=name, path=Path(name), tasks=("toll",), docs=3, scores=scores)


def test_check_floors_names_each_low_score():
    floors = {"t.jsonl": {"a": 0.5, "b": 0.9, "c": 0.2}, "other.jsonl": {"a": 1.0}}
    problems = check_floors([result("t.jsonl", a=0.5, b=0.8912, c=None)], floors)
    assert problems == [
        "t.jsonl: b = 0.8912 is below its floor 0.9000",
        "t.jsonl: c has no value (not computed: x); its floor is 0.2000",
    ]


def test_raise_floors_rounds_down_and_adds_new_scores():
    floors = {"t.jsonl": {"a": 0.5}}
    new = raised_floors([result("t.jsonl", a=0.66667, b=0.12345, c=None)], floors)
    assert new == {"t.jsonl": {"a": 0.6666, "b": 0.1234}}
    assert floors == {"t.jsonl": {"a": 0.5}}  # the input is not changed


def test_update_refuses_to_lower_a_floor():
    floors = {"t.jsonl": {"a": 0.5, "b": 0.9}}
    with pytest.raises(EvalError) as err:
        raised_floors([result("t.jsonl", a=0.4, b=0.95)], floors)
    assert err.value.message == (
        "refusing to lower floors: t.jsonl: a = 0.4000 is below its floor 0.5000"
    )


def test_not_computed_score_keeps_its_floor():
    floors = {"t.jsonl": {"a": 0.5}}
    assert raised_floors([result("t.jsonl", a=None)], floors) == floors


def test_floors_file_round_trip_and_errors(tmp_path):
    path = tmp_path / "eval" / "floors.json"
    assert load_floors(path) == {}
    save_floors(path, {"z.jsonl": {"b": 0.5, "a": 1}})
    assert load_floors(path) == {"z.jsonl": {"a": 1.0, "b": 0.5}}
    assert list(json.loads(path.read_text())["z.jsonl"]) == ["a", "b"]
    path.write_text('{"z.jsonl": {"a": "high"}}')
    with pytest.raises(EvalError) as err:
        load_floors(path)
    assert err.value.message == f"{path}: floors of 'z.jsonl' must map score names to numbers"
    path.write_text("[1, 2]")
    with pytest.raises(EvalError) as err:
        load_floors(path)
    assert err.value.message == f"{path}: not a valid floors file (expected an object of files)"


def test_repository_floors_are_valid(repo_root):
    floors = load_floors(repo_root / "eval" / "floors.json")
    for scores in floors.values():
        assert all(0.0 <= v <= 1.0 for v in scores.values())
