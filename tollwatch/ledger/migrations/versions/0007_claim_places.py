"""Situation figures keep their place: ``claims`` gains the place columns.

A claim about a situation rather than one incident ("3,000 families have left the eastern
districts of Taiz") has no incident to take a place from; extraction gives it one of its own
(``Claim.place``). These columns hold it (null for an incident's claims, which have their
incident's place), so situation figures are stored, listed by place and exported.

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

_COLUMNS = (
    ("place_name", sa.String(300)),
    ("place_text", sa.Text()),
    ("admin1", sa.String(200)),
    ("admin2", sa.String(200)),
    ("country", sa.String(2)),
    ("latitude", sa.Float()),
    ("longitude", sa.Float()),
    ("place_precision", sa.Integer()),
    ("gazetteer_id", sa.String(100)),
)


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    op.create_index("ix_claims_country", "claims", ["country"])


def downgrade() -> None:
    op.drop_index("ix_claims_country", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
