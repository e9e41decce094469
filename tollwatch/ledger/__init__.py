"""The ledger: every ingested report, its claims, incidents linked across reports, estimates.

The heavy parts (SQLAlchemy, Alembic, spaCy) load only when used: the extraction pipeline
imports :mod:`tollwatch.ledger.reconcile` and must not pay for the store.

Library entry points:

- :func:`tollwatch.ledger.store.open_store`: open / create / migrate a store by URL.
- :func:`tollwatch.ledger.ingest.ingest`: read, extract and store reports; link and reconcile.
- :func:`groups_for`: the ledger incident of each record's main incident (for evaluation).
- :mod:`tollwatch.ledger.query`: reading incidents and claims back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tollwatch.ledger.ingest import IngestSummary, groups_for, ingest, ingest_records
    from tollwatch.ledger.store import Store, open_store

_LAZY = {
    "IngestSummary": "tollwatch.ledger.ingest",
    "groups_for": "tollwatch.ledger.ingest",
    "ingest": "tollwatch.ledger.ingest",
    "ingest_records": "tollwatch.ledger.ingest",
    "Store": "tollwatch.ledger.store",
    "open_store": "tollwatch.ledger.store",
}

__all__ = [
    "IngestSummary",
    "Store",
    "groups_for",
    "ingest",
    "ingest_records",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tollwatch.ledger' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
