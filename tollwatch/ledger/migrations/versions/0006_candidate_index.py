"""The blocked candidate search's index leads with ``status``.

``ix_incidents_window`` (country, admin1_key, link_from) becomes ``ix_incidents_active_window``
(status, country, admin1_key, link_from): every condition of the candidate search
(:func:`tollwatch.ledger.linking_store.candidate_rows`) but the window's start is then an
equality of this one index, so no planner takes ``ix_incidents_status_date`` instead. SQLite
did, for the branch of undated incidents, and scanned every active incident: the time to link
a report grew with the ledger (156 ms a report at 10,000 incidents, 24 ms after).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_incidents_active_window", "incidents", ["status", "country", "admin1_key", "link_from"]
    )
    op.drop_index("ix_incidents_window", table_name="incidents")


def downgrade() -> None:
    op.create_index("ix_incidents_window", "incidents", ["country", "admin1_key", "link_from"])
    op.drop_index("ix_incidents_active_window", table_name="incidents")
