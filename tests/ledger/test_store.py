"""Tests of opening the ledger store: migrations, settings per backend, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from tollwatch.errors import StoreError
from tollwatch.ledger import schema
from tollwatch.ledger.store import head_revision, normalise_url, open_store

TABLES = sorted(
    [
        "alembic_version",
        "claims",
        "decisions",
        "estimates",
        "incident_links",
        "incidents",
        "report_bands",
        "report_incidents",
        "report_signatures",
        "reports",
        # the review desk (0003)
        "api_tokens",
        "claim_review_heads",
        "desk_settings",
        "reviewed_incidents",
        "reviews",
        "users",
        # archives and feeds (0004)
        "feed_entries",
        "feeds",
        "fetch_failures",
        "input_keys",
    ]
)


def test_open_creates_every_table_at_the_head_revision(store):
    assert store.table_names() == TABLES
    with store.read() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
    assert head_revision() == "0010"


def test_migrations_match_the_schema_module(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_open_twice_is_harmless(db_url):
    first = open_store(db_url)
    first.dispose()
    second = open_store(db_url)
    assert second.table_names() == TABLES
    second.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_url):
    st = open_store(sqlite_url)
    with st.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
    st.dispose()


def test_foreign_keys_are_enforced(store):
    from sqlalchemy.exc import IntegrityError

    from tollwatch.ledger.store import now

    with pytest.raises(IntegrityError):
        with store.write() as conn:
            conn.execute(
                schema.claims.insert().values(
                    id="x",
                    report_id="no-such-report",
                    local_id="c1",
                    figure="killed",
                    value=1,
                    qualifier="exact",
                    count_text="1",
                    unit="people",
                    is_headline=False,
                    evidence_start=0,
                    evidence_end=1,
                    evidence_text="1",
                )  # fmt: skip
            )
    _ = now


def test_a_plain_path_is_an_sqlite_file(tmp_path: Path):
    url = normalise_url(str(tmp_path / "x" / "ledger.db"))
    assert url == f"sqlite:///{tmp_path / 'x' / 'ledger.db'}"
    (tmp_path / "x").mkdir()
    st = open_store(str(tmp_path / "x" / "ledger.db"))
    assert (tmp_path / "x" / "ledger.db").exists()
    st.dispose()


def test_a_new_ledger_needs_its_folder_and_a_ledger_name(tmp_path: Path):
    missing = tmp_path / "x" / "ledger.db"
    with pytest.raises(StoreError) as caught:
        open_store(str(missing))
    assert caught.value.message == (
        f"cannot create the ledger {missing}: the folder {missing.parent} does not exist"
    )
    with pytest.raises(StoreError, match=r"^'ledger' is neither a ledger URL nor a ledger file"):
        normalise_url("ledger")
    assert not missing.parent.exists()


def test_a_missing_ledger_is_not_made_unless_asked(tmp_path: Path):
    path = tmp_path / "ledger.sqlite"
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{path}", create=False)
    assert caught.value.message == (
        f"no ledger at {path} (`tollwatch ingest --db {path} …` makes one)"
    )
    assert not path.exists()


def test_the_default_ledgers_folder_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TOLLWATCH_HOME", str(tmp_path / "home" / "tollwatch"))
    monkeypatch.delenv("TOLLWATCH_DB", raising=False)
    st = open_store(None)
    st.dispose()
    assert (tmp_path / "home" / "tollwatch" / "ledger.sqlite").is_file()


def test_a_database_of_something_else_is_refused(db_url: str):
    from sqlalchemy import create_engine

    engine = create_engine(normalise_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE place (id INTEGER)"))
    engine.dispose()
    with pytest.raises(
        StoreError, match=r"is not a tollwatch ledger \(it holds other tables: place\)$"
    ):
        open_store(db_url)


def test_postgres_urls_use_psycopg3():
    assert normalise_url("postgresql://postgres@127.0.0.1:5432/db").startswith(
        "postgresql+psycopg://"
    )


def test_unsupported_database_is_a_clear_error():
    with pytest.raises(
        StoreError, match="^unsupported database 'mysql': use sqlite:///FILE or postgresql://…$"
    ):
        open_store("mysql://root@127.0.0.1/x")


def test_unreachable_server_is_a_store_error():
    with pytest.raises(
        StoreError,
        match=r"^cannot open the ledger at postgresql\+psycopg://postgres@127\.0\.0\.1:1/nowhere: ",
    ):
        open_store("postgresql://postgres@127.0.0.1:1/nowhere")


def test_unwritable_location_is_a_store_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(
        StoreError, match="^cannot create the ledger .*: the folder .* does not exist$"
    ):
        open_store(f"sqlite:///{blocker / 'sub' / 'ledger.sqlite'}")


def test_upgrade_from_0001_fills_the_link_window(db_url):
    from datetime import date

    from alembic import command

    from tollwatch.ledger.store import _alembic_config, make_engine, normalise_url, now

    engine = make_engine(normalise_url(db_url))
    with engine.connect() as conn:
        conn = conn.execution_options(tollwatch_write=True)
        with conn.begin():
            command.upgrade(_alembic_config(conn), "0001")
            stamp = now()
            conn.execute(
                text(
                    "INSERT INTO incidents (id, report_count, source_count, status, link_state,"
                    " created_at, updated_at) VALUES ('inc-a', 1, 1, 'active', :state, :t, :t),"
                    " ('inc-b', 1, 1, 'active', :undated, :t, :t)"
                ),
                {
                    "state": '{"date_start": "2017-04-04", "date_end": "2017-04-04",'
                    ' "date_precision": 1, "published": "2017-04-05"}',
                    "undated": "{}",
                    "t": stamp,
                },
            )
    engine.dispose()
    st = open_store(db_url)
    with st.read() as conn:
        rows = dict(conn.execute(text("SELECT id, link_from FROM incidents ORDER BY id")).all())
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
    st.dispose()
    assert rows["inc-b"] is None
    assert str(rows["inc-a"]) == str(date(2017, 4, 3))  # a day's tolerance before the 4th
