"""Floors: the lowest value each score may take, per evaluation file. They only rise.

``eval/floors.json`` in the repository holds ``{file name: {score: floor}}``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from tollwatch.errors import EvalError
from tollwatch.evaluate.runner import FileResult

Floors = dict[str, dict[str, float]]

# The repository's floors: tollwatch/evaluate/floors.py -> <repo>/eval/floors.json.
DEFAULT_FLOORS_PATH = Path(__file__).resolve().parents[2] / "eval" / "floors.json"
# Floors are kept to 4 decimals, rounded down so a floor never exceeds the score it came from.
PLACES = 4
_EPSILON = 1e-9


def load_floors(path: str | Path) -> Floors:
    """Read a floors file; a missing file is no floors. Raises :class:`EvalError` if invalid."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: not a valid floors file ({exc})") from None
    if not isinstance(data, dict):
        raise EvalError(f"{path}: not a valid floors file (expected an object of files)")
    floors: Floors = {}
    for file, scores in data.items():
        if not isinstance(scores, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in scores.values()
        ):
            raise EvalError(f"{path}: floors of {file!r} must map score names to numbers")
        floors[file] = {name: float(v) for name, v in scores.items()}
    return floors


def save_floors(path: str | Path, floors: Mapping[str, Mapping[str, float]]) -> None:
    """Write a floors file, sorted, one score a line (small diffs)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = {f: dict(sorted(s.items())) for f, s in sorted(floors.items())}
    path.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")


def check_floors(
    results: Sequence[FileResult], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """One line for each score of the evaluated files that is below its floor (or missing)."""
    problems: list[str] = []
    for result in results:
        for name, floor in sorted(floors.get(result.name, {}).items()):
            score = result.scores.get(name)
            if score is None or score.value is None:
                why = score.note if score is not None and score.note else "not computed"
                problems.append(
                    f"{result.name}: {name} has no value ({why}); its floor is {floor:.4f}"
                )
            elif score.value < floor - _EPSILON:
                problems.append(
                    f"{result.name}: {name} = {score.value:.4f} is below its floor {floor:.4f}"
                )
    return problems


def _round_down(value: float) -> float:
    scale = 10**PLACES
    return math.floor(value * scale + _EPSILON) / scale


def raised_floors(
    results: Sequence[FileResult], floors: Mapping[str, Mapping[str, float]]
) -> Floors:
    """The floors raised to the current scores (new scores get a floor).

    Refuses (:class:`EvalError`, nothing changed) when any score is below its floor: floors
    only rise. Scores that were not computed keep their floor.
    """
    lowered = [
        f"{r.name}: {name} = {score.value:.4f} is below its floor {floors[r.name][name]:.4f}"
        for r in results
        for name, score in sorted(r.scores.items())
        if score.value is not None
        and name in floors.get(r.name, {})
        and score.value < floors[r.name][name] - _EPSILON
    ]
    if lowered:
        raise EvalError("refusing to lower floors: " + "; ".join(lowered))
    new: Floors = {f: dict(s) for f, s in floors.items()}
    for result in results:
        current = new.setdefault(result.name, {})
        for name, score in result.scores.items():
            if score.value is None:
                continue
            current[name] = max(current.get(name, 0.0), _round_down(score.value))
    return new
