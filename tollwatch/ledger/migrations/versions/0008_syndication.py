"""Reports keep the outlet they say they republish.

Adds ``reports.syndicated_from``: the outlet a report says it republishes ("Republished by the
Gulf Evening Courier from Levant Wire"), read from a text file's first lines. Of two
near-duplicates published the same day, the one that says so is the copy.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("syndicated_from", sa.String(200)))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("syndicated_from")
