"""Reading the files users import: GeoNames dumps, admin code lists, CSV lists of places."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer.countries import _admin_display
from tollwatch.extract.gazetteer.folding import _useful_alternate, fold
from tollwatch.extract.gazetteer.records import KINDS, Place
from tollwatch.extract.gazetteer.store import _Entry, _settlement_kind

MAX_IMPORT_BYTES = 2_000_000_000


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise GazetteerError(f"{path}: {size} bytes is too big to import")
        return path.read_bytes()
    except FileNotFoundError:
        raise GazetteerError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise GazetteerError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read: {exc.strerror}") from None


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    if b"\x00" in data[:8192]:
        raise GazetteerError(f"{path}: binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GazetteerError(f"{path}: line {line}: not UTF-8 text") from None


def _read_lines(path: Path, *, columns: int, what: str) -> Iterator[tuple[int, list[str]]]:
    text = _read_text(path)
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != columns:
            raise GazetteerError(
                f"{path}: line {lineno}: expected {columns} tab-separated columns "
                f"({what} format), found {len(cols)}"
            )
        yield lineno, cols


def _read_admin_codes(path: Path, *, parts: int) -> Iterator[tuple[str, str, int]]:
    """Lines of admin1CodesASCII.txt / admin2Codes.txt: (code, name, line)."""
    for lineno, cols in _read_lines(path, columns=4, what="GeoNames admin codes"):
        code = cols[0].strip()
        if code.count(".") != parts - 1 + 0 or not cols[1].strip():
            raise GazetteerError(
                f"{path}: line {lineno}: expected a code like "
                f"{'SY.09' if parts == 2 else 'SY.09.123'} and a name"
            )
        yield code, cols[1].strip(), lineno


def _coordinate(path: Path, lineno: int, value: str, what: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise GazetteerError(f"{path}: line {lineno}: bad {what} {value!r}") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise GazetteerError(f"{path}: line {lineno}: {what} {value!r} is out of range")
    return number


_FEATURE_KINDS = {"PPLX": "neighbourhood", "ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}


def _geonames_entry(
    path: Path,
    lineno: int,
    cols: list[str],
    admin1: Mapping[tuple[str, str], str],
    admin2: Mapping[str, str],
) -> _Entry:
    gid_s, name, ascii_name, alternates = cols[0], cols[1].strip(), cols[2].strip(), cols[3]
    if not gid_s.strip().isdigit():
        raise GazetteerError(f"{path}: line {lineno}: the geonameid {gid_s!r} is not a number")
    if not name:
        raise GazetteerError(f"{path}: line {lineno}: the name is empty")
    lat = _coordinate(path, lineno, cols[4], "latitude", 90)
    lon = _coordinate(path, lineno, cols[5], "longitude", 180)
    fclass, fcode, cc = cols[6].strip(), cols[7].strip(), cols[8].strip().upper()
    a1_code, a2_code = cols[10].strip(), cols[11].strip()
    pop_s = cols[14].strip() or "0"
    if not pop_s.isdigit():
        raise GazetteerError(f"{path}: line {lineno}: the population {pop_s!r} is not a number")
    population = int(pop_s)
    if fcode in _FEATURE_KINDS:
        kind = _FEATURE_KINDS[fcode]
    elif fcode.startswith("PCL"):
        kind = "country"
    elif fclass == "P":
        kind = _settlement_kind(population)
    elif fclass in ("A", "L", "T", "H"):
        kind = "region"
    else:
        kind = "place"
    a1_name = admin1.get((cc, a1_code))
    a2_name = admin2.get(f"{cc}.{a1_code}.{a2_code}")
    if kind == "admin1":
        a1_name = a1_name or _admin_display(name)
        name = a1_name if (cc, a1_code) in admin1 else name
    names = [ascii_name] if ascii_name else []
    names += [a for a in alternates.split(",") if a and _useful_alternate(a)]
    return _Entry(
        # Countries and provinces replace the default's entries of the same unit.
        gid=(
            f"country:{cc}"
            if kind == "country"
            else f"admin1:{cc}.{a1_code}"
            if kind == "admin1" and a1_code
            else f"geonames:{int(gid_s)}"
        ),
        name=name,
        kind=kind,
        country=cc or None,
        admin1=a1_name,
        admin2=a2_name if kind not in ("admin1", "country") else None,
        admin1_code=a1_code or None,
        lat=lat,
        lon=lon,
        population=population,
        parent=None,
        source=f"geonames:{path.name}",
        names=names,
    )


_CSV_FIELDS = ("id", "name", "alternate_names", "lat", "lon", "admin1", "admin2", "country", "kind")

_CSV_GUESSES: dict[str, tuple[str, ...]] = {
    "id": ("id", "pcode", "geonameid", "code"),
    "name": ("name", "name_en", "english_name", "place"),
    "alternate_names": ("alternate_names", "alternatenames", "alt_names", "aliases", "names"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "admin1": ("admin1", "governorate", "province", "state", "adm1", "adm1_en"),
    "admin2": ("admin2", "district", "adm2", "adm2_en"),
    "country": ("country", "country_code", "iso2", "cc"),
    "kind": ("kind", "type", "feature"),
}


def _csv_columns(path: Path, header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """{field: column index}: the user's mapping first, then recognised header names."""
    lower = [h.lower() for h in header]
    out: dict[str, int] = {}
    for fld, col in mapping.items():
        if fld not in _CSV_FIELDS:
            raise GazetteerError(
                f"unknown field {fld!r} in the column mapping: use {', '.join(_CSV_FIELDS)}"
            )
        if col.lower() not in lower:
            raise GazetteerError(f"{path}: no column {col!r} in the header ({', '.join(header)})")
        out[fld] = lower.index(col.lower())
    for fld, guesses in _CSV_GUESSES.items():
        if fld in out:
            continue
        for g in guesses:
            if g in lower and lower.index(g) not in out.values():
                out[fld] = lower.index(g)
                break
    if "alternate_names" not in out:
        # Other name_* columns (name_ar, name_fr) are alternate names of the place.
        others = [i for i, h in enumerate(lower) if h.startswith("name_") and i not in out.values()]
        if len(others) == 1:
            out["alternate_names"] = others[0]
    missing = [f for f in ("name", "lat", "lon") if f not in out]
    if missing:
        raise GazetteerError(
            f"{path}: line 1: no {', '.join(missing)} column in the header ({', '.join(header)}); "
            "map them with --columns name=COLUMN,lat=COLUMN,lon=COLUMN"
        )
    return out


@dataclass(frozen=True)
class CsvList:
    """A user's CSV list read and its header understood: {field: column} and the rows."""

    path: Path
    header: list[str]
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]  # (line number, cells)


def read_csv_list(
    path: Path, *, columns: Mapping[str, str], delimiter: str | None = None
) -> CsvList:
    """Read a CSV list of places with a header line (the delimiter guessed when not given)."""
    text = _read_text(path)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GazetteerError(f"{path}: the file is empty") from None
    cols = _csv_columns(path, header, columns)
    rows = list(enumerate(reader, start=2))
    return CsvList(path=path, header=header, columns=cols, rows=rows)


def csv_entries(
    listing: CsvList,
    *,
    defaults: Mapping[str, str | None],
    parent: Place | None,
    country_code: Callable[..., str],
) -> list[_Entry]:
    """The entries of a CSV list: ``defaults`` (admin1, admin2, country, kind) fill what a row
    leaves empty, then the ``parent`` place's admin units and country. All or nothing: a bad
    row raises :class:`GazetteerError` naming its line."""
    path, header = listing.path, listing.header
    entries: list[_Entry] = []
    seen: set[str] = set()
    for lineno, row in listing.rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GazetteerError(
                f"{path}: line {lineno}: expected {len(header)} columns, found {len(row)}"
            )
        get = {key: row[i].strip() for key, i in listing.columns.items()}
        name = get.get("name", "")
        if not name:
            raise GazetteerError(f"{path}: line {lineno}: the name is empty")
        lat = _coordinate(path, lineno, get.get("lat", ""), "latitude", 90)
        lon = _coordinate(path, lineno, get.get("lon", ""), "longitude", 180)
        row_kind = get.get("kind") or defaults.get("kind") or "place"
        if row_kind not in KINDS:
            raise GazetteerError(f"{path}: line {lineno}: unknown kind {row_kind!r}")
        row_country = (
            get.get("country") or defaults.get("country") or (parent.country if parent else None)
        )
        if row_country:
            row_country = country_code(row_country, where=f"{path}: line {lineno}: ")
        alts = [a.strip() for a in re.split(r"[;|]", get.get("alternate_names", "")) if a.strip()]
        ident = get.get("id") or f"{lineno}-{fold(name)}"
        gid = f"csv:{path.stem}:{ident}"
        if gid in seen:
            raise GazetteerError(f"{path}: line {lineno}: id {ident!r} appears twice")
        seen.add(gid)
        entries.append(
            _Entry(
                gid=gid,
                name=name,
                kind=row_kind,
                country=row_country,
                admin1=get.get("admin1")
                or defaults.get("admin1")
                or (parent.admin1 if parent else None),
                admin2=get.get("admin2")
                or defaults.get("admin2")
                or (parent.admin2 if parent else None),
                admin1_code=None,
                lat=lat,
                lon=lon,
                population=0,
                parent=parent.gid if parent else None,
                source=f"csv:{path.name}",
                names=alts,
            )
        )
    if not entries:
        raise GazetteerError(f"{path}: no places in the file")
    return entries
