"""Incidents keep the date window linking compares, so the candidate search uses it.

Adds ``incidents.link_from`` / ``link_to`` (the tolerant window of
:func:`tollwatch.ledger.linking.date_window` over the incident's ``link_state``) and an
index for the blocked search, and fills them for the incidents already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("link_from", sa.Date))
        batch.add_column(sa.Column("link_to", sa.Date))
    op.create_index("ix_incidents_window", "incidents", ["country", "admin1_key", "link_from"])
    _backfill()


def _backfill() -> None:
    from tollwatch.ledger import linking
    from tollwatch.ledger.state import state_from_json

    bind = op.get_bind()
    incidents = sa.table(
        "incidents",
        sa.column("id", sa.String),
        sa.column("link_state", sa.JSON),
        sa.column("link_from", sa.Date),
        sa.column("link_to", sa.Date),
    )
    rows = bind.execute(sa.select(incidents.c.id, incidents.c.link_state)).all()
    for incident_id, state in rows:
        if isinstance(state, str):  # a driver that hands JSON back as text
            state = json.loads(state)
        window = linking.date_window(state_from_json(incident_id, state))
        bind.execute(
            sa.update(incidents)
            .where(incidents.c.id == incident_id)
            .values(link_from=window[0] if window else None, link_to=window[1] if window else None)
        )


def downgrade() -> None:
    op.drop_index("ix_incidents_window", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("link_to")
        batch.drop_column("link_from")
