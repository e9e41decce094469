"""The desk's filtered counts and pages read an index that leads with the filter.

``ix_incidents_list`` (migration 0009) leads with (status, date_start): a filter on a type,
a grade or the reviewed flag alone has no range of it to read, so counting its matches read
every entry of that index or, on PostgreSQL, the whole table (a Seq Scan, 140 ms for
``type=Armed clash`` at 100,000 incidents under load). Each index here leads with
(status, the filter's column, date_start, id) and carries the list's other filter columns
after: the count is one range of it and the page's ids come off it in the list's order
(newest first), on SQLite and PostgreSQL alike, without reading incident rows. Measured by
benchmarks/bench_desk.py (figures in the README); the write cost by ingesting fakes-dev.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# A frozen copy of tollwatch.ledger.schema.FILTER_INDEXES at this revision.
REST = ["date_end", "country", "admin1_key", "grade", "event_type", "sub_event_type", "reviewed"]
LEADS = {
    "ix_incidents_by_sub_type": "sub_event_type",
    "ix_incidents_by_type": "event_type",
    "ix_incidents_by_grade": "grade",
    "ix_incidents_by_reviewed": "reviewed",
}


def upgrade() -> None:
    for name, lead in LEADS.items():
        op.create_index(
            name, "incidents", ["status", lead, "date_start", "id"] + [c for c in REST if c != lead]
        )


def downgrade() -> None:
    for name in reversed(LEADS):
        op.drop_index(name, table_name="incidents")
