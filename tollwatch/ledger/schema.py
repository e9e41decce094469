"""The ledger's tables, as SQLAlchemy Core metadata.

The migrations in ``tollwatch/ledger/migrations/versions`` create these tables; this module is
what the code reads and writes through, and a test checks that the two agree. Every table is
meant to be readable as it is (in Datasette, in ``psql``): plain columns, ISO dates, JSON for
the few list-valued fields, ``latitude`` / ``longitude`` for coordinates.

Ids are stable across stores: a report's id is the hash of its text, a claim's and a report
incident's the hash of the report id and their id within the report, and a ledger incident's
the id of the report incident that founded it. So the same input gives the same ledger on
SQLite and PostgreSQL, and a re-run after a crash gives the same ledger as one clean run.

Nothing a person entered or reviewed is deleted: links and decisions are appended; the current
incident of a report incident (``report_incidents.incident_id``) is a denormalised pointer that
the latest link or decision sets.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)

# Constraint names fixed by convention, so migrations name them the same on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

REPORT_STATUSES = ("ok", "discarded")

reports = Table(
    "reports",
    metadata,
    Column("id", String(80), primary_key=True),  # "sha256:…" of the normalised text
    Column("doc_id", String(200), index=True),  # the id the input gave it, if any
    Column("title", Text),
    Column("published", Date),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("language", String(10)),
    Column("source", Text),  # where it was read from: "path" or "path:line"
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),  # ok | discarded
    Column("discard_reason", Text),
    Column("copy_of", String(80), ForeignKey("reports.id"), index=True),  # near-duplicate of
    Column("syndicated_from", String(200)),  # the outlet it says it republishes (0008)
    Column("similarity", Float),  # estimated Jaccard similarity to copy_of
    Column("main_incident", String(80)),  # report_incidents.id of the main incident
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # What a reviewer should know about how it was read (a number refused as implausible,
    # the report cut at the work limit, a field cut to fit its column): a JSON list of text.
    Column("notes", JSON),
)

# MinHash signatures and their LSH band keys: the near-duplicate index lives in the store, so
# every worker sees the reports every other worker has stored.
report_signatures = Table(
    "report_signatures",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("num_perm", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

report_bands = Table(
    "report_bands",
    metadata,
    Column("band_key", String(40), primary_key=True),  # "<band>:<hash of the band's values>"
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
)

# The desk's filtered lists (migration 0010): index name -> the filter column it leads with
# (after status); every other column the list filters on follows date_start and id.
FILTER_INDEXES = {
    "ix_incidents_by_sub_type": "sub_event_type",
    "ix_incidents_by_type": "event_type",
    "ix_incidents_by_grade": "grade",
    "ix_incidents_by_reviewed": "reviewed",
}
_FILTER_REST = (
    "date_end", "country", "admin1_key", "grade", "event_type", "sub_event_type", "reviewed"
)  # fmt: skip

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("country", String(2)),
    Column("admin1", String(200)),
    Column("admin1_key", String(200)),  # admin1 in linking's compare form (blocking)
    Column("admin2", String(200)),
    Column("place_name", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("place_precision", Integer),
    Column("gazetteer_id", String(100)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", Integer),
    Column("published", Date),  # earliest publication of its reports (date fallback)
    # The tolerant date window linking compares (tollwatch.ledger.linking.date_window of
    # link_state): the store's candidate search is by this window. Null: undated.
    Column("link_from", Date),
    Column("link_to", Date),
    Column("event_type", String(100)),
    Column("sub_event_type", String(100)),
    Column("event_types", JSON),  # every sub_event_type its reports gave, sorted
    Column("report_count", Integer, nullable=False, default=0),
    Column("source_count", Integer, nullable=False, default=0),  # reports that are not copies
    Column("grade", String(20)),  # confirmed | fair | weak | contested (after Airwars)
    Column("status", String(16), nullable=False, default="active"),  # active | merged | empty
    Column("founded_by", String(80)),  # report_incidents.id that started it (null: a split)
    # What linking compares new reports with: its members' link candidates merged in the order
    # they joined (tollwatch.ledger.linking.merge_candidates), as JSON.
    Column("link_state", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # A person reviewed it, its claims, or decided on it (migration 0009; set by
    # tollwatch.ledger.review.mark_reviewed beside its reviewed_incidents row).
    Column("reviewed", Boolean, nullable=False, default=False, server_default=false()),
    Index("ix_incidents_block", "country", "admin1_key", "date_start"),
    Index("ix_incidents_published", "country", "admin1_key", "published"),
    # The blocked candidate search (tollwatch.ledger.linking_store.candidate_rows): every
    # condition an equality but the window's start, so no planner prefers another index
    # (migration 0006; it was (country, admin1_key, link_from), which SQLite passed over for
    # ix_incidents_status_date on the undated branch: a scan of every active incident).
    Index("ix_incidents_active_window", "status", "country", "admin1_key", "link_from"),
    Index("ix_incidents_status_date", "status", "date_start", "id"),  # migration 0003
    # The desk's incidents list: every column it filters and orders on (migration 0009).
    Index(
        "ix_incidents_list",
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
    ),
    Index("ix_incidents_updated_at", "updated_at"),  # migration 0009
    # A filter on a type, a grade or the reviewed flag: its count is one range of an index
    # leading with that column, its page's ids come off it newest first (migration 0010).
    *(
        Index(name, "status", lead, "date_start", "id", *(c for c in _FILTER_REST if c != lead))
        for name, lead in FILTER_INDEXES.items()
    ),
)

report_incidents = Table(
    "report_incidents",
    metadata,
    Column("id", String(80), primary_key=True),  # hash of report id + local id
    Column("report_id", String(80), ForeignKey("reports.id"), nullable=False, index=True),
    Column("local_id", String(20), nullable=False),  # "i1" in the report record
    Column("is_main", Boolean, nullable=False, default=False),
    Column("event_type", String(100)),
    Column("sub_event_type", String(100)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", Integer),
    Column("date_text", Text),
    Column("place_name", String(300)),
    Column("place_text", Text),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("country", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("place_precision", Integer),
    Column("gazetteer_id", String(100)),
    Column("perpetrators", JSON),  # [{"actor", "actor_kind", "alleged_by"}]
    Column("headline", JSON),  # {figure: local claim id}
    Column("figures", JSON),  # {figure: best} as the report's own estimates give it
    Column("incident_id", String(80), ForeignKey("incidents.id"), index=True),  # current link
    UniqueConstraint("report_id", "local_id", name="uq_report_incidents_report_local"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(80), primary_key=True),  # hash of report id + local id
    Column("report_id", String(80), ForeignKey("reports.id"), nullable=False, index=True),
    Column("local_id", String(20), nullable=False),  # "c1" in the report record
    Column("figure", String(20), nullable=False),
    Column("value", Integer, nullable=False),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(20), nullable=False),
    Column("count_text", Text, nullable=False),
    Column("victims", JSON),
    Column("unit", String(20), nullable=False),
    Column("part_of", String(20)),  # local id of the claim this one is a subset of
    Column("update_of", String(20)),  # local id of the earlier claim a rising toll supersedes
    Column("claimant", Text),
    Column("claimant_kind", String(30)),
    Column("incident_local", String(20)),  # "i1": the report incident, as in the record
    Column("report_incident_id", String(80), ForeignKey("report_incidents.id"), index=True),
    Column("is_headline", Boolean, nullable=False, default=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    # Where a situation figure is (a claim with no incident; migration 0007). An incident's
    # claims leave these null: they have their incident's place.
    Column("place_name", String(300)),
    Column("place_text", Text),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("country", String(2), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("place_precision", Integer),
    Column("gazetteer_id", String(100)),
    UniqueConstraint("report_id", "local_id", name="uq_claims_report_local"),
    # migration 0009: the desk's queue counts the claims that name no source
    Index(
        "ix_claims_no_claimant",
        "report_incident_id",
        sqlite_where=text("claimant IS NULL"),
        postgresql_where=text("claimant IS NULL"),
    ),
)

incident_links = Table(
    "incident_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "report_incident_id",
        String(80),
        ForeignKey("report_incidents.id"),
        nullable=False,
        index=True,
    ),
    Column("incident_id", String(80), ForeignKey("incidents.id"), nullable=False, index=True),
    Column("score", Float),
    Column("reason", Text, nullable=False),
    Column("decided_by", String(100), nullable=False),  # "linker" or a person / decision
    Column("decision_id", Integer, ForeignKey("decisions.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # merge | split | undo
    Column("incident_id", String(80)),  # the incident acted on (merge: the one kept)
    Column("other_incident_id", String(80)),  # merge: the one merged in; split: the new one
    Column("report_incidents", JSON),  # report incident ids moved
    Column("undoes", Integer, ForeignKey("decisions.id")),
    Column("note", Text),
    Column("decided_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

estimates = Table(
    "estimates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", String(80), ForeignKey("incidents.id"), nullable=False),
    Column("figure", String(20), nullable=False),
    Column("rule", String(30), nullable=False),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("claims", JSON),  # global claim ids used
    Column("computed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("incident_id", "figure", "rule", name="uq_estimates_incident_figure_rule"),
    # migration 0009: the desk's timeline, map and queue read estimates from it alone
    Index("ix_estimates_best", "incident_id", "rule", "figure", "best", "low", "high"),
)

# -- the review desk (migration 0003) ---------------------------------------------------------
# Accounts and the decisions of people on claims and incidents. ``reviews`` is append-only:
# every accept / correct / reject is a new row with what was before and what is after; the
# ``*_heads`` tables are denormalised pointers to the current review, set by the latest one.

USER_ROLES = ("viewer", "reviewer", "admin")

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # viewer | reviewer | admin
    Column("password_hash", Text, nullable=False),  # argon2id, as argon2-cffi encodes it
    Column("active", Boolean, nullable=False, default=True),
    Column("created_by", String(100)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("name", String(100)),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 hex of the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(16), nullable=False),  # claim | incident
    Column("target_id", String(80), nullable=False),
    Column("action", String(16), nullable=False),  # accept | correct | reject
    Column("before", JSON),  # the values the review changed, as they were
    Column("after", JSON),  # the values it set
    Column("note", Text),
    Column("decided_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_reviews_target", "target", "target_id"),
)

claim_review_heads = Table(
    "claim_review_heads",
    metadata,
    Column("claim_id", String(80), ForeignKey("claims.id"), primary_key=True),
    Column("review_id", Integer, ForeignKey("reviews.id"), nullable=False),
    Column("status", String(16), nullable=False),  # accepted | corrected | rejected
    # A claim a reviewer moved to another incident follows a report incident of that incident
    # (so later merges and splits carry it along); null: it stays with its own.
    Column("report_incident_id", String(80), ForeignKey("report_incidents.id"), index=True),
)

reviewed_incidents = Table(
    "reviewed_incidents",
    metadata,
    Column("incident_id", String(80), ForeignKey("incidents.id"), primary_key=True),
    Column("review_id", Integer, ForeignKey("reviews.id")),  # the latest review touching it
    Column("decision_id", Integer, ForeignKey("decisions.id")),  # the latest decision on it
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
)

desk_settings = Table(
    "desk_settings",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# -- inputs and feeds (migration 0004) -----------------------------------------------------

# An input's own key (a WARC record's payload digest, a fetched page's URL) and what it was
# stored as: a second run over the same archive skips the input before parsing it.
input_keys = Table(
    "input_keys",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("report_id", String(80), ForeignKey("reports.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Each feed ``tollwatch watch`` polls: its conditional-request validators and its health.
# ``failures`` counts the polls that failed in a row (0 after a good one).
feeds = Table(
    "feeds",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("polls", Integer, nullable=False, default=0),
    Column("not_modified", Integer, nullable=False, default=0),  # polls answered 304
    Column("entries", Integer, nullable=False, default=0),  # entries ever seen
    Column("failures", Integer, nullable=False, default=0),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every entry a feed listed, and what became of its page: stored (``report_id``), or failed
# (tried again at the next poll, ``attempts`` counting).
feed_entries = Table(
    "feed_entries",
    metadata,
    Column("feed_url", String(2000), ForeignKey("feeds.url"), primary_key=True),
    Column("entry_key", String(2000), primary_key=True),  # the entry's id, else its link
    Column("url", Text),
    Column("title", Text),
    Column("status", String(16), nullable=False),  # new | stored | failed
    Column("report_id", String(80), ForeignKey("reports.id")),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every fetch that failed (a feed or a page), appended, never deleted.
fetch_failures = Table(
    "fetch_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_url", String(2000), index=True),
    Column("url", Text, nullable=False),
    Column("kind", String(30), nullable=False),  # status | timeout | network | too_big | robots | …
    Column("status", Integer),  # the HTTP status, when there was one
    Column("message", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
