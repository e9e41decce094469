"""The desk's incidents list answers from one covering index.

Adds ``incidents.reviewed`` (a person reviewed it, its claims, or decided on it: the flag
``tollwatch.ledger.review.mark_reviewed`` sets beside its ``reviewed_incidents`` row), filled
from ``reviewed_incidents``, and ``ix_incidents_list`` over every column the list filters and
orders on (status, date, id, end date, country, grade, types, admin1 in compare form, the
reviewed flag): counting the matches and finding a page's ids read the index alone, never the
wide incident rows (their JSON link state); and an index on ``updated_at``, whose maximum
tells the desk whether a count it cached still holds; and ``ix_estimates_best``, the best
estimates by incident and rule, which the timeline, the map and the review queue read
without the estimate rows; and the claims that name no source (a partial index), which the
queue counts. Measured by benchmarks/bench_desk.py.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
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
    # the timeline's, the map's and the queue's figures: estimates without their rows
    op.create_index(
        "ix_estimates_best", "estimates", ["incident_id", "rule", "figure", "best", "low", "high"]
    )
    # the queue's claims that name no source
    op.create_index(
        "ix_claims_no_claimant",
        "claims",
        ["report_incident_id"],
        sqlite_where=sa.text("claimant IS NULL"),
        postgresql_where=sa.text("claimant IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_claims_no_claimant", table_name="claims")
    op.drop_index("ix_estimates_best", table_name="estimates")
    op.drop_index("ix_incidents_updated_at", table_name="incidents")
    op.drop_index("ix_incidents_list", table_name="incidents")
    op.drop_column("incidents", "reviewed")
