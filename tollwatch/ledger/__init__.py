"""The ledger: every ingested report, its claims, incidents linked across reports, estimates.

The ledger stores: it takes records already extracted (and inputs that could not be used)
and stores, links and reconciles them. Reading inputs and running extraction happen above
it, in :mod:`tollwatch.jobs`.

The heavy parts (SQLAlchemy, Alembic) load only when used. Reconciliation is not here:
:mod:`tollwatch.reconcile` is pure, and extraction and the ledger both use it.

Library entry points:

- :func:`tollwatch.ledger.store.open_store`: open / create / migrate a store by URL.
- :func:`tollwatch.ledger.write.store_items`: store records and discards; link and reconcile.
- :func:`ingest_records`: the same for records, opening the store by URL.
- :func:`groups_for`: the ledger incident of each record's main incident (for evaluation).
- :mod:`tollwatch.ledger.query`: reading incidents and claims back.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tollwatch.ledger.store import Store, open_store
    from tollwatch.ledger.summary import IngestSummary
    from tollwatch.ledger.write import groups_for, ingest_records, store_items

_LAZY = {
    "IngestSummary": "tollwatch.ledger.summary",
    "groups_for": "tollwatch.ledger.write",
    "ingest_records": "tollwatch.ledger.write",
    "store_items": "tollwatch.ledger.write",
    "Store": "tollwatch.ledger.store",
    "open_store": "tollwatch.ledger.store",
}

__all__ = [
    "IngestSummary",
    "Store",
    "groups_for",
    "ingest_records",
    "open_store",
    "store_items",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tollwatch.ledger' has no attribute {name!r}")
    return getattr(import_module(module), name)
