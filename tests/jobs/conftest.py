"""The ledger tests' fixtures (stores on SQLite and PostgreSQL, a fake extractor, reports)."""

from tests.ledger.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    db_url,
    fake_extractor,
    pg_url,
    real_reports_dir,
    sqlite_url,
    store,
)
