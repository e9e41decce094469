"""The desk's incidents list answers from one covering index.

Adds ``incidents.reviewed`` (a person reviewed it, its claims, or decided on it: the flag
``tollwatch.ledger.review.mark_reviewed`` sets beside its ``reviewed_incidents`` row), filled
from ``reviewed_incidents``, and ``ix_incidents_list`` over every column the list filters and
orders on (status, date, id, end date, country, grade, types, admin1 in compare form, the
reviewed flag): counting the matches and finding a page's ids read the index alone, never the
wide incident rows (their JSON link state); and an index on ``updated_at``, whose maximum
tells the desk whether a count it cached still holds. Measured by benchmarks/bench_desk.py.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = [
    "status",
    "date_start",
    "id",
    "date_end",
    "country",
    "grade",
    "event_type",
    "sub_event_type",
    "admin1_key",
    "reviewed",
]


def upgrade() -> None:
    # A plain ADD COLUMN (with a default, SQLite adds it in place): a batch rebuild of the
    # table would have to drop it, which its foreign keys forbid.
    op.add_column(
        "incidents", sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.false())
    )
    op.execute(
        "UPDATE incidents SET reviewed = TRUE "
        "WHERE id IN (SELECT incident_id FROM reviewed_incidents)"
    )
    op.create_index("ix_incidents_list", "incidents", COLUMNS)
    # the newest change to any incident: how the desk knows its cached counts still hold
    op.create_index("ix_incidents_updated_at", "incidents", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_incidents_updated_at", table_name="incidents")
    op.drop_index("ix_incidents_list", table_name="incidents")
    op.drop_column("incidents", "reviewed")
