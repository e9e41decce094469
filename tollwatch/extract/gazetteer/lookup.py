"""An open gazetteer: lookups by folded name, search, imports; the process-wide default."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer import build as builder
from tollwatch.extract.gazetteer import store
from tollwatch.extract.gazetteer.countries import ADMIN1_ENGLISH, ISO3_TO_ISO2, _admin_display
from tollwatch.extract.gazetteer.files import (
    _geonames_entry,
    _read_admin_codes,
    _read_lines,
    csv_entries,
    read_csv_list,
)
from tollwatch.extract.gazetteer.folding import fold, fuzzy_match, skeleton
from tollwatch.extract.gazetteer.ranking import rank
from tollwatch.extract.gazetteer.records import (
    DEFAULT_SOURCE,
    KINDS,
    Candidate,
    ImportSummary,
    Place,
    Ranked,
)
from tollwatch.extract.gazetteer.store import (
    _PLACE_COLUMNS,
    _create,
    _Entry,
    _file_version,
    _row_place,
    _write_entries,
)


class Gazetteer:
    """An open gazetteer file: lookups by folded name, imports, search."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()
        self._cache: dict[str, list[Candidate]] = {}
        # lookup_fuzzy's answers by (key, country, imported_only); [] for none
        self._fuzzy_cache: dict[tuple[str, str, bool], list[Candidate]] = {}

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, build: bool = True) -> Gazetteer:
        """Open the gazetteer at ``path`` (default: the settings' path).

        With ``build`` the embedded default is built when the file is missing or was built
        from another source version; else a missing or stale file is an error.
        """
        if path is None:
            from tollwatch.settings import Settings

            path = Settings().resolved_gazetteer_path()
        path = Path(path)
        version = _file_version(path)
        if version != store.source_version():
            if not build:
                store.refuse_foreign(path)
                if version is None:
                    raise GazetteerError(
                        f"no gazetteer at {path}: `tollwatch gazetteer --gazetteer {path} "
                        "build` makes one"
                    )
                raise GazetteerError(
                    f"the gazetteer at {path} was built from {version}, not "
                    f"{store.source_version()}: run `tollwatch gazetteer --gazetteer {path} build`"
                )
            builder.build_announced(path)
        try:
            conn = sqlite3.connect(path, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open the gazetteer at {path}: {exc}") from exc
        return cls(path, conn)

    @classmethod
    def create_empty(cls, path: Path | str) -> Gazetteer:
        """A new gazetteer with no entries (for a user's own lists only, and for tests)."""
        path = Path(path)
        if path.exists():
            raise GazetteerError(f"{path} exists already")
        conn = sqlite3.connect(path, check_same_thread=False)
        _create(conn)
        with conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('source_version', ?)",
                (store.source_version(),),
            )
        return cls(path, conn)

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    # -- lookups -----------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Candidate]:
        """Every place ``name`` may mean (by its fold key)."""
        key = fold(name)
        return self.lookup_folds([key]).get(key, [])

    def lookup_folds(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Candidates for many fold keys at once: {key: candidates} for the keys found."""
        out: dict[str, list[Candidate]] = {}
        todo = []
        for key in set(keys):
            if key in self._cache:
                if self._cache[key]:
                    out[key] = self._cache[key]
            elif key:
                todo.append(key)
        for i in range(0, len(todo), 500):
            chunk = todo[i : i + 500]
            found: dict[str, list[Candidate]] = {k: [] for k in chunk}
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT n.fold, n.name, n.primary_name, {_PLACE_COLUMNS} FROM name n "
                    f"JOIN place p ON p.id = n.place WHERE n.fold IN ({marks})",
                    chunk,
                ).fetchall()
            for r in rows:
                found[r[0]].append(
                    Candidate(place=_row_place(r[3:]), matched=r[1], primary=bool(r[2]))
                )
            for k, cands in found.items():
                if len(self._cache) > 200_000:
                    self._cache.clear()
                self._cache[k] = cands
                if cands:
                    out[k] = cands
        return out

    def lookup_fuzzy(
        self, keys: Iterable[str], *, country: str, imported_only: bool = True
    ) -> dict[str, list[Candidate]]:
        """Places of ``country`` whose names are spelling variants of the fold ``keys`` that
        the keys themselves do not find ("Hamdaniyeh" for "Hamadaniyeh"): {key: candidates}
        for the keys with such places (:func:`~.folding.fuzzy_match`).

        With ``imported_only`` (the default), only places of the user's own lists: a list
        spells each name one way, where GeoNames' entries carry the alternate spellings
        already (and a short name one letter from another is more often another name).
        Answers are remembered by key (names recur across reports), until an import."""
        out: dict[str, list[Candidate]] = {}
        todo: list[str] = []
        for key in set(keys):
            if len(key) < 5:
                continue
            cached = self._fuzzy_cache.get((key, country, imported_only))
            if cached is None:
                todo.append(key)
            elif cached:
                out[key] = cached
        if not todo:
            return out
        found = self._lookup_fuzzy(todo, country=country, imported_only=imported_only)
        for key in todo:
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[(key, country, imported_only)] = found.get(key, [])
        out.update(found)
        return out

    def _lookup_fuzzy(
        self, keys: list[str], *, country: str, imported_only: bool
    ) -> dict[str, list[Candidate]]:
        by_skeleton: dict[str, list[str]] = {}
        for key in keys:
            by_skeleton.setdefault(skeleton(key), []).append(key)
        out: dict[str, list[Candidate]] = {}
        todo = list(by_skeleton)
        for i in range(0, len(todo), 500):
            chunk = todo[i : i + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT n.skeleton, n.fold, n.name, n.primary_name, {_PLACE_COLUMNS} FROM name n"
                    f" JOIN place p ON p.id = n.place WHERE n.skeleton IN ({marks})"
                    " AND p.country = ? AND (? = 0 OR p.source != ?)",
                    [*chunk, country, int(imported_only), DEFAULT_SOURCE],
                ).fetchall()
            for r in rows:
                for key in by_skeleton[r[0]]:
                    if r[1] != key and fuzzy_match(key, r[1]):
                        cand = Candidate(place=_row_place(r[4:]), matched=r[2], primary=bool(r[3]))
                        if all(c.place.gid != cand.place.gid for c in out.get(key, ())):
                            out.setdefault(key, []).append(cand)
        return out

    def get(self, gid: str) -> Place | None:
        """The entry with id ``gid``, or None."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.gid = ?", (gid,)
            ).fetchone()
        return _row_place(row) if row else None

    def country(self, code: str) -> Place | None:
        """The country entry of ISO2 ``code``."""
        return self.get(f"country:{code.upper()}")

    def admin1_entry(self, country: str, admin1: str) -> Place | None:
        """The admin1 entry of ``country`` named ``admin1`` (any of its names), or None."""
        for cand in self.lookup(admin1):
            if cand.place.kind == "admin1" and cand.place.country == country:
                return cand.place
        return None

    def search(
        self, name: str, *, country: str | None = None, admin1: str | None = None, limit: int = 10
    ) -> list[Ranked]:
        """What ``name`` resolves to: candidates ranked with their scores and the rule."""
        return rank(self.lookup(name), country=country, admin1=admin1)[:limit]

    def stats(self) -> dict[str, object]:
        """Counts and versions, for ``tollwatch gazetteer info``."""
        with self._lock:
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            kinds = dict(
                self._conn.execute("SELECT source, count(*) FROM place GROUP BY source").fetchall()
            )
            names = self._conn.execute("SELECT count(*) FROM name").fetchone()[0]
        return {
            "path": str(self.path),
            "bytes": self.path.stat().st_size,
            "names": names,
            "places_by_source": kinds,
            **meta,
        }

    # -- imports -----------------------------------------------------------------------------

    def _admin1_table(self) -> dict[tuple[str, str], str]:
        with self._lock:
            return {
                (cc, code): name
                for cc, code, name in self._conn.execute("SELECT country, code, name FROM admin1")
            }

    def _commit(
        self, entries: list[_Entry], path: Path, *, admin1=(), admin2=(), notes=()
    ) -> ImportSummary:
        try:
            with self._lock, self._conn:
                places, names = _write_entries(self._conn, entries)
                self._conn.executemany(
                    "INSERT OR REPLACE INTO admin1 (country, code, name) VALUES (?,?,?)", admin1
                )
                self._conn.executemany(
                    "INSERT OR REPLACE INTO admin2 (country, admin1_code, code, name)"
                    " VALUES (?,?,?,?)",
                    admin2,
                )
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot import {path}: {exc}; nothing was imported") from exc
        self._cache.clear()
        self._fuzzy_cache.clear()
        return ImportSummary(path=path, places=places, names=names, notes=tuple(notes))

    def import_geonames(
        self,
        path: Path | str,
        *,
        admin1_path: Path | str | None = None,
        admin2_path: Path | str | None = None,
    ) -> ImportSummary:
        """Import a GeoNames dump (``SY.txt``, ``allCountries.txt``, ``cities500.txt``).

        All of it or nothing: a line that is not GeoNames' 19 tab-separated columns, with bad
        coordinates or not UTF-8 raises :class:`GazetteerError` naming the line, and nothing
        is written. ``admin1_path``/``admin2_path`` (``admin1CodesASCII.txt``,
        ``admin2Codes.txt``) name the admin units; else the names already known are used.
        """
        path = Path(path)
        a1_rows = list(_read_admin_codes(Path(admin1_path), parts=2)) if admin1_path else []
        a2_rows = list(_read_admin_codes(Path(admin2_path), parts=3)) if admin2_path else []
        a1 = self._admin1_table()
        for (cc, code), name in ((tuple(k.split(".")), n) for k, n, _ in a1_rows):
            english = ADMIN1_ENGLISH.get((cc, name))
            a1[(cc, code)] = english[0] if english else _admin_display(name)
        a2 = {k: _admin_display(n) for k, n, _ in a2_rows}
        entries = []
        for lineno, cols in _read_lines(path, columns=19, what="GeoNames"):
            entries.append(_geonames_entry(path, lineno, cols, a1, a2))
        if not entries:
            raise GazetteerError(f"{path}: no GeoNames entries in the file")
        return self._commit(
            entries,
            path,
            admin1=[(*k.split("."), a1[tuple(k.split("."))]) for k, _, _ in a1_rows],
            admin2=[(*k.split("."), n) for k, n, _ in a2_rows],
        )

    def import_csv(
        self,
        path: Path | str,
        *,
        columns: Mapping[str, str] | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        country: str | None = None,
        parent: str | None = None,
        kind: str | None = None,
        delimiter: str | None = None,
    ) -> ImportSummary:
        """Import a user's own list of places from a CSV file with a header line.

        Columns: ``name, alternate_names, lat, lon, admin1, admin2, country, kind`` (and an
        optional ``id``); ``columns`` maps these to the file's own header names (``{"name":
        "name_en", "alternate_names": "name_ar", "id": "pcode"}``); without it, common
        headers are recognised (``name_en``, ``name_*``, ``latitude``, ``pcode``...).
        ``admin1``/``admin2``/``country``/``kind`` fill what the file leaves empty;
        ``parent`` names the place the entries lie in (e.g. the city of a list of
        neighbourhoods), which also gives their admin units. All or nothing, like
        :meth:`import_geonames`.
        """
        path = Path(path)
        listing = read_csv_list(path, columns=columns or {}, delimiter=delimiter)
        if kind is not None and kind not in KINDS:
            raise GazetteerError(f"unknown kind {kind!r}: use one of {', '.join(sorted(KINDS))}")
        if country is not None:
            country = self._country_code(country)
        parent_place: Place | None = None
        if parent:
            ranked = rank(
                [c for c in self.lookup(parent) if not country or c.place.country == country],
                country=country,
                admin1=admin1,
            )
            if not ranked:
                raise GazetteerError(f"the parent place {parent!r} is not in the gazetteer")
            parent_place = ranked[0].candidate.place
        entries = csv_entries(
            listing,
            defaults={"admin1": admin1, "admin2": admin2, "country": country, "kind": kind},
            parent=parent_place,
            country_code=self._country_code,
        )
        return self._commit(entries, path)

    def _country_code(self, value: str, *, where: str = "") -> str:
        if len(value) == 2 and value.isalpha():
            return value.upper()
        for cand in self.lookup(value):
            if cand.place.kind == "country" and cand.place.country:
                return cand.place.country
        if len(value) == 3 and value.isalpha():
            code = ISO3_TO_ISO2.get(value.upper())
            if code:
                return code
        raise GazetteerError(f"{where}unknown country {value!r}: give its ISO 3166 code")


_OPEN: dict[str, Gazetteer] = {}

_OPEN_LOCK = threading.Lock()
_RESOLVED: dict[str, str] = {}  # an absolute path as given -> the same path resolved


def default_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the settings' path), opened once per process."""
    if path is None:
        from tollwatch.settings import Settings

        path = Settings().resolved_gazetteer_path()
    raw = str(path)
    key = _RESOLVED.get(raw)
    if key is None:
        key = str(Path(path).resolve())
        if Path(path).is_absolute():
            # Resolving a path walks the file system (a system call a component): done once
            # a path, not once a report. (A relative path depends on the working directory.)
            _RESOLVED[raw] = key
    with _OPEN_LOCK:
        if key not in _OPEN:
            _OPEN[key] = Gazetteer.open(path)
        return _OPEN[key]
