"""Input keys (archives re-read cheaply) and feeds (state, entries, fetch failures).

Adds ``input_keys`` (an input's own key, such as a WARC record's payload digest, and what it
was stored as), ``feeds`` (each polled feed's validators and health), ``feed_entries`` (every
entry a feed listed and what became of it) and ``fetch_failures`` (every failed fetch,
appended).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "input_keys",
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_input_keys_report_id_reports"),
            nullable=False,
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_input_keys"),
    )
    op.create_index("ix_input_keys_report_id", "input_keys", ["report_id"])
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("polls", sa.Integer, nullable=False),
        sa.Column("not_modified", sa.Integer, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("last_polled_at", TS),
        sa.Column("last_ok_at", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_feeds"),
    )
    op.create_table(
        "feed_entries",
        sa.Column(
            "feed_url",
            sa.String(2000),
            sa.ForeignKey("feeds.url", name="fk_feed_entries_feed_url_feeds"),
            nullable=False,
        ),
        sa.Column("entry_key", sa.String(2000), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_feed_entries_report_id_reports"),
        ),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("feed_url", "entry_key", name="pk_feed_entries"),
    )
    op.create_table(
        "fetch_failures",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("feed_url", sa.String(2000)),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_fetch_failures"),
    )
    op.create_index("ix_fetch_failures_feed_url", "fetch_failures", ["feed_url"])


def downgrade() -> None:
    op.drop_index("ix_fetch_failures_feed_url", table_name="fetch_failures")
    op.drop_table("fetch_failures")
    op.drop_table("feed_entries")
    op.drop_table("feeds")
    op.drop_index("ix_input_keys_report_id", table_name="input_keys")
    op.drop_table("input_keys")
