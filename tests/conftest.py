"""Fixtures shared by every test area.

Keep this file additive: several areas rely on these fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples (a red CI must mean a change,
# not an unlucky draw) and without per-example deadlines (CI machines are shared); locally
# they draw afresh each run, which is how they find new bugs.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parents[1]
# The shared folder sits beside the checkout (../shared); absent on a user's machine.
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the tollwatch checkout."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def nlp():
    """spaCy's English pipeline, loaded once per test session (it takes seconds)."""
    from tollwatch.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Path to ../shared, or skip the test where it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not present beside the checkout")
    return SHARED_DIR


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """Path to ../shared/eval (the evaluation sets), or skip the test where it is absent."""
    path = SHARED_DIR / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present beside the checkout")
    return path
