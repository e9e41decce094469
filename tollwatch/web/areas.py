"""The desk's Country and Province boxes take what people type, as the CLI's options do.

``--country Syria`` and ``--admin1 Taiz`` work in ``tollwatch incidents``
(:mod:`tollwatch.extract.areas`); the desk reads the same words into the values its filter
compares: a name or an ISO code of a country (``Syria``, ``SYR``, ``sy``) is its alpha-2 code,
and a province the ledger spells otherwise (``Taiz`` for ``Taizz``, ``Idleb`` for ``Idlib``)
is the ledger's spelling. The gazetteer helps when it is built; the desk never builds it.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Connection, select

from tollwatch.errors import GazetteerError, InputError
from tollwatch.extract.areas import admin1_matches, country_codes
from tollwatch.ledger import schema as s
from tollwatch.ledger.linking import norm_place
from tollwatch.ledger.query import admin1_names
from tollwatch.ledger.store import Store


class Places:
    """The gazetteer, opened on first need (None when it is not built), shared by requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._opened = False
        self._gazetteer: Any = None

    def lookup(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, gazetteer=…, **kwargs)`` with the gazetteer, one request at a time (a
        SQLite connection is not for two threads at once)."""
        with self._lock:
            if not self._opened:
                self._opened = True
                from tollwatch.extract.gazetteer import Gazetteer

                try:
                    self._gazetteer = Gazetteer.open(build=False)
                except GazetteerError:
                    self._gazetteer = None
            return fn(*args, gazetteer=self._gazetteer, **kwargs)


def country_code(places: Places, value: str | None) -> str | None:
    """The ISO alpha-2 code ``value`` names (a code or a name); None for no value."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 100:
        raise InputError(f"country must be at most 100 characters, not {len(value)}")
    codes = places.lookup(country_codes, value)
    if not codes:
        raise InputError(
            f"country {value!r} names no country: give an ISO code (SY, SYR) or a name (Syria)"
        )
    if len(codes) > 1:
        raise InputError(f"country {value!r} names {', '.join(codes)}: give the ISO code")
    return codes[0]


def admin1_name(
    places: Places, conn: Connection, value: str | None, *, country: str | None = None
) -> str | None:
    """The ledger's spelling of the province ``value`` names, or ``value`` as typed where the
    ledger spells it so (or holds nothing it could mean); None for no value."""
    value = (value or "").strip()
    if not value:
        return None
    i = s.incidents
    key = norm_place(value)
    # As typed: one row from the list's index, no scan of the ledger's names.
    if conn.execute(select(i.c.id).where(i.c.admin1_key == key).limit(1)).first() is not None:
        return value
    found = places.lookup(
        admin1_matches, value, admin1_names(conn), countries=(country,) if country else ()
    )
    keys = {norm_place(name) for name in found}
    return found[0] if len(keys) == 1 else value


def filter_areas(
    store: Store, places: Places, country: str | None, admin1: str | None
) -> tuple[str | None, str | None]:
    """The country code and the ledger's province spelling that the words typed mean."""
    code = country_code(places, country)
    if not (admin1 or "").strip():
        return code, None
    with store.read() as conn:
        return code, admin1_name(places, conn, admin1, country=code)
