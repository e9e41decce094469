"""Reports keep the notes of how they were read.

Adds ``reports.notes``: a JSON list of what a reviewer should know about a stored report
(a number refused as implausible, a report cut at the work limit, a field cut to fit).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("notes", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("notes")
