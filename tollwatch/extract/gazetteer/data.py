"""The word lists and tables of ``tollwatch/data/places/``, read once at import.

Text lists hold one entry a line (``#`` starts a comment line); tables are CSV files with a
header line. Lists with several values in one cell separate them with ``;``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from importlib.resources import files

DATA_PACKAGE = "tollwatch"
DATA_FOLDER = ("data", "places")


def data_text(name: str) -> str:
    """The text of the data file ``name`` (``""`` when the file is absent)."""
    node = files(DATA_PACKAGE)
    for part in DATA_FOLDER:
        node = node / part
    try:
        return (node / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def word_list(name: str) -> frozenset[str]:
    """The entries of a one-a-line list (``stopwords.txt``), comments and blanks skipped."""
    return frozenset(
        line.strip()
        for line in data_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def table(name: str) -> list[dict[str, str]]:
    """The rows of a CSV table, cells stripped."""
    reader = csv.DictReader(io.StringIO(data_text(name)))
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def cell_list(value: str) -> tuple[str, ...]:
    """The values of a ``;``-separated cell."""
    return tuple(v.strip() for v in value.split(";") if v.strip())


def data_hash(*names: str) -> str:
    """A short hash of the data files ``names``: part of the gazetteer's source version."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode("utf-8") + b"\0" + data_text(name).encode("utf-8") + b"\0")
    return digest.hexdigest()[:8]
