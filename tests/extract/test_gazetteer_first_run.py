"""The first run says that it builds the gazetteer, and shows progress on a terminal.

The build itself (a minute or more) has its own tests in test_gazetteer.py; here it is
replaced by one that reports progress as the real one does, so only the announcement is
tested: a line before, a running count of places on a terminal (none in a log), a line after.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tollwatch.extract.gazetteer import build
from tollwatch.extract.gazetteer.records import BuildSummary


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _fake_build(path: Path, *, progress=None, **_: object) -> BuildSummary:
    for n in (5000, 10000, 12345):
        if progress is not None:
            progress(n)
    return BuildSummary(path=path, places=12345, names=23456, seconds=61.4, bytes=1, version="test")


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "log"])
def test_the_first_build_is_announced(monkeypatch, tmp_path: Path, terminal: bool) -> None:
    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(build, "build_default", _fake_build)
    path = tmp_path / "gazetteer.sqlite"
    summary = build.build_announced(path)
    assert summary.places == 12345
    text = err.getvalue()
    lines = [line for line in text.replace("\r", "\n").splitlines() if line.strip()]
    assert lines[0] == (
        f"tollwatch: building the gazetteer at {path} from GeoNames' cities "
        "(first use only; a minute or two)…"
    )
    assert lines[-1] == "tollwatch: gazetteer built: 12345 places, 23456 names in 61 s"
    counts = [line for line in lines[1:-1] if "places" in line]
    if terminal:
        # tqdm's running count of places (it redraws at most twice a second)
        assert counts and all(re.match(r"\d+ places \[", line) for line in counts)
    else:
        assert lines == [lines[0], lines[-1]]  # a log gets the two lines only
