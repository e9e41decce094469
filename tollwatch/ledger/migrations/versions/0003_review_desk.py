"""The review desk: accounts, API tokens, reviews of claims and incidents, desk settings.

Also indexes the incidents list reads by (status and date, newest first).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(100)),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", name="fk_api_tokens_user_id_users"),
            nullable=False,
        ),
        sa.Column("name", sa.String(100)),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(80), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("note", sa.Text),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_target", "reviews", ["target", "target_id"])
    op.create_table(
        "claim_review_heads",
        sa.Column(
            "claim_id",
            sa.String(80),
            sa.ForeignKey("claims.id", name="fk_claim_review_heads_claim_id_claims"),
        ),
        sa.Column(
            "review_id",
            sa.Integer,
            sa.ForeignKey("reviews.id", name="fk_claim_review_heads_review_id_reviews"),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "report_incident_id",
            sa.String(80),
            sa.ForeignKey(
                "report_incidents.id",
                name="fk_claim_review_heads_report_incident_id_report_incidents",
            ),
        ),
        sa.PrimaryKeyConstraint("claim_id", name="pk_claim_review_heads"),
    )
    op.create_index(
        "ix_claim_review_heads_report_incident_id", "claim_review_heads", ["report_incident_id"]
    )
    op.create_table(
        "reviewed_incidents",
        sa.Column(
            "incident_id",
            sa.String(80),
            sa.ForeignKey("incidents.id", name="fk_reviewed_incidents_incident_id_incidents"),
        ),
        sa.Column(
            "review_id",
            sa.Integer,
            sa.ForeignKey("reviews.id", name="fk_reviewed_incidents_review_id_reviews"),
        ),
        sa.Column(
            "decision_id",
            sa.Integer,
            sa.ForeignKey("decisions.id", name="fk_reviewed_incidents_decision_id_decisions"),
        ),
        sa.Column("reviewed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name="pk_reviewed_incidents"),
    )
    op.create_table(
        "desk_settings",
        sa.Column("name", sa.String(100)),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_desk_settings"),
    )
    # The incidents list: active incidents, newest first (see tollwatch.ledger.browse).
    op.create_index("ix_incidents_status_date", "incidents", ["status", "date_start", "id"])


def downgrade() -> None:
    op.drop_index("ix_incidents_status_date", table_name="incidents")
    for table in (
        "desk_settings",
        "reviewed_incidents",
        "claim_review_heads",
        "reviews",
        "api_tokens",
        "users",
    ):
        op.drop_table(table)
