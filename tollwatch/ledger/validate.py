"""What every store accepts: rows checked and normalised at the ledger's boundary.

SQLite takes whatever it is given; PostgreSQL refuses a NUL character in text, a string
longer than its ``varchar(n)`` column and an integer beyond 32 bits, and one refused row
used to stop a whole ingest. Every row the ledger writes goes through :func:`fit_row`
first, so both stores take the same inputs and store the same thing:

- text of any column: NUL and lone UTF-16 surrogates become U+FFFD (so offsets into a
  report's text do not move), in JSON values too;
- a string longer than its column (``String(n)``): cut to ``n`` characters, the last one
  "…", and noted; a key (primary or foreign) is never cut: it is refused;
- an integer beyond what an ``Integer`` column holds on every store (a signed 32-bit
  number): refused (:class:`RowError`), so the report is stored as discarded with the
  reason instead.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import JSON, Integer, String, Table

from tollwatch.errors import InputError

INT_MAX = 2_147_483_647
INT_MIN = -2_147_483_648
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


class RowError(InputError):
    """A value no store can hold as given (the report it belongs to is discarded)."""


def clean_text(value: str) -> str:
    """``value`` with NUL and lone surrogates replaced by U+FFFD (same length)."""
    return _UNWRITABLE.sub("\ufffd", value) if _UNWRITABLE.search(value) else value


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    return value


def fit_row(table: Table, row: dict[str, Any], *, notes: list[str] | None = None) -> dict[str, Any]:
    """``row`` for ``table`` as every store takes it (see the module docstring).

    Cuts are described in ``notes`` when given. Raises :class:`RowError` for a value that
    cannot be stored.
    """
    out = dict(row)
    for name, value in row.items():
        if value is None or name not in table.c:
            continue
        column = table.c[name]
        kind = column.type
        if isinstance(kind, JSON):
            out[name] = _clean_json(value)
        elif isinstance(value, str) and isinstance(kind, String):
            value = clean_text(value)
            limit = kind.length
            if limit is not None and len(value) > limit:
                if column.primary_key or column.foreign_keys:
                    raise RowError(
                        f"{table.name}.{name} is longer than {limit} characters ({len(value)})"
                    )
                if notes is not None:
                    notes.append(f"{table.name}.{name} cut to {limit} characters from {len(value)}")
                value = value[: limit - 1] + "…"
            out[name] = value
        elif isinstance(kind, Integer) and isinstance(value, int) and not isinstance(value, bool):
            if not INT_MIN <= value <= INT_MAX:
                raise RowError(
                    f"{table.name}.{name} is {value}, beyond what a store holds "
                    f"(at most {INT_MAX:,}): an implausible number"
                )
    return out


__all__ = ["INT_MAX", "RowError", "clean_text", "fit_row"]
