"""Alembic environment for the ledger: run programmatically by ``tollwatch.ledger.store``.

The store hands over an open connection (``config.attributes["connection"]``) that already
holds the migration lock, so two processes opening a new store at once migrate it once.
"""

from __future__ import annotations

from alembic import context

from tollwatch.ledger.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the store runs these migrations
    raise RuntimeError("the ledger migrations run through tollwatch.ledger.store.open_store")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
