"""The first ledger: reports, their claims and incidents, ledger incidents, links, decisions,
estimates, and the near-duplicate index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("doc_id", sa.String(200)),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("outlet", sa.String(200)),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("discard_reason", sa.Text),
        sa.Column(
            "copy_of", sa.String(80), sa.ForeignKey("reports.id", name="fk_reports_copy_of_reports")
        ),
        sa.Column("similarity", sa.Float),
        sa.Column("main_incident", sa.String(80)),
        sa.Column("ingested_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
    )
    op.create_index("ix_reports_doc_id", "reports", ["doc_id"])
    op.create_index("ix_reports_copy_of", "reports", ["copy_of"])

    op.create_table(
        "report_signatures",
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_report_signatures_report_id_reports"),
        ),
        sa.Column("num_perm", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("report_id", name="pk_report_signatures"),
    )
    op.create_table(
        "report_bands",
        sa.Column("band_key", sa.String(40)),
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_report_bands_report_id_reports"),
        ),
        sa.PrimaryKeyConstraint("band_key", "report_id", name="pk_report_bands"),
    )

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(80)),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin1_key", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("place_name", sa.String(300)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("place_precision", sa.Integer),
        sa.Column("gazetteer_id", sa.String(100)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.Integer),
        sa.Column("published", sa.Date),
        sa.Column("event_type", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("event_types", sa.JSON),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("grade", sa.String(20)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("founded_by", sa.String(80)),
        sa.Column("link_state", sa.JSON),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_index("ix_incidents_block", "incidents", ["country", "admin1_key", "date_start"])
    op.create_index("ix_incidents_published", "incidents", ["country", "admin1_key", "published"])

    op.create_table(
        "report_incidents",
        sa.Column("id", sa.String(80)),
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_report_incidents_report_id_reports"),
            nullable=False,
        ),
        sa.Column("local_id", sa.String(20), nullable=False),
        sa.Column("is_main", sa.Boolean, nullable=False),
        sa.Column("event_type", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.Integer),
        sa.Column("date_text", sa.Text),
        sa.Column("place_name", sa.String(300)),
        sa.Column("place_text", sa.Text),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("country", sa.String(2)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("place_precision", sa.Integer),
        sa.Column("gazetteer_id", sa.String(100)),
        sa.Column("perpetrators", sa.JSON),
        sa.Column("headline", sa.JSON),
        sa.Column("figures", sa.JSON),
        sa.Column(
            "incident_id",
            sa.String(80),
            sa.ForeignKey("incidents.id", name="fk_report_incidents_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name="pk_report_incidents"),
        sa.UniqueConstraint("report_id", "local_id", name="uq_report_incidents_report_local"),
    )
    op.create_index("ix_report_incidents_report_id", "report_incidents", ["report_id"])
    op.create_index("ix_report_incidents_incident_id", "report_incidents", ["incident_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.String(80)),
        sa.Column(
            "report_id",
            sa.String(80),
            sa.ForeignKey("reports.id", name="fk_claims_report_id_reports"),
            nullable=False,
        ),
        sa.Column("local_id", sa.String(20), nullable=False),
        sa.Column("figure", sa.String(20), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("qualifier", sa.String(20), nullable=False),
        sa.Column("count_text", sa.Text, nullable=False),
        sa.Column("victims", sa.JSON),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("part_of", sa.String(20)),
        sa.Column("update_of", sa.String(20)),
        sa.Column("claimant", sa.Text),
        sa.Column("claimant_kind", sa.String(30)),
        sa.Column("incident_local", sa.String(20)),
        sa.Column(
            "report_incident_id",
            sa.String(80),
            sa.ForeignKey(
                "report_incidents.id", name="fk_claims_report_incident_id_report_incidents"
            ),
        ),
        sa.Column("is_headline", sa.Boolean, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.UniqueConstraint("report_id", "local_id", name="uq_claims_report_local"),
    )
    op.create_index("ix_claims_report_id", "claims", ["report_id"])
    op.create_index("ix_claims_report_incident_id", "claims", ["report_incident_id"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("incident_id", sa.String(80)),
        sa.Column("other_incident_id", sa.String(80)),
        sa.Column("report_incidents", sa.JSON),
        sa.Column(
            "undoes",
            sa.Integer,
            sa.ForeignKey("decisions.id", name="fk_decisions_undoes_decisions"),
        ),
        sa.Column("note", sa.Text),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
    )

    op.create_table(
        "incident_links",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column(
            "report_incident_id",
            sa.String(80),
            sa.ForeignKey(
                "report_incidents.id", name="fk_incident_links_report_incident_id_report_incidents"
            ),
            nullable=False,
        ),
        sa.Column(
            "incident_id",
            sa.String(80),
            sa.ForeignKey("incidents.id", name="fk_incident_links_incident_id_incidents"),
            nullable=False,
        ),
        sa.Column("score", sa.Float),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column(
            "decision_id",
            sa.Integer,
            sa.ForeignKey("decisions.id", name="fk_incident_links_decision_id_decisions"),
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incident_links"),
    )
    op.create_index(
        "ix_incident_links_report_incident_id", "incident_links", ["report_incident_id"]
    )
    op.create_index("ix_incident_links_incident_id", "incident_links", ["incident_id"])

    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column(
            "incident_id",
            sa.String(80),
            sa.ForeignKey("incidents.id", name="fk_estimates_incident_id_incidents"),
            nullable=False,
        ),
        sa.Column("figure", sa.String(20), nullable=False),
        sa.Column("rule", sa.String(30), nullable=False),
        sa.Column("low", sa.Integer),
        sa.Column("best", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("claims", sa.JSON),
        sa.Column("computed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_estimates"),
        sa.UniqueConstraint(
            "incident_id", "figure", "rule", name="uq_estimates_incident_figure_rule"
        ),
    )


def downgrade() -> None:
    for table in (
        "estimates",
        "incident_links",
        "decisions",
        "claims",
        "report_incidents",
        "incidents",
        "report_bands",
        "report_signatures",
        "reports",
    ):
        op.drop_table(table)
