"""A canonical dump of a ledger: the same ledger gives the same dump on any backend.

Timestamps and serial row numbers (which say *when* and in which order rows were written,
not *what* the ledger holds) are left out; rows are sorted by their content; dates become ISO
strings, JSON values their sorted JSON text, floats are rounded. Used to check that a run
killed and resumed, or run on PostgreSQL instead of SQLite, gives the same ledger.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from tollwatch.ledger import schema as s

# Columns that record when or in which order, not what.
VOLATILE = frozenset(
    {"ingested_at", "created_at", "updated_at", "computed_at", "last_polled_at", "last_ok_at"}
)
SERIAL = {"incident_links": "id", "decisions": "id", "estimates": "id", "fetch_failures": "id"}


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def canonical_dump(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every table of the ledger as sorted lists of plain rows (see module doc)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in s.metadata.sorted_tables:
        skip = VOLATILE | {SERIAL.get(table.name, "")}
        cols = [c for c in table.columns if c.name not in skip]
        rows = [
            {c.name: _value(row[c.name]) for c in cols}
            for row in conn.execute(select(*cols)).mappings()
        ]
        rows.sort(key=lambda r: json.dumps(r, sort_keys=True, default=str))
        out[table.name] = rows
    return out
