"""Opening the ledger store: SQLite by default, PostgreSQL by URL, migrated on open.

``open_store(db_url)`` gives a :class:`Store`: an SQLAlchemy engine set up for several writers
at once, with the schema brought to the latest Alembic revision. The same code runs on both
backends:

- SQLite: a file in WAL mode (readers never block the writer), a busy timeout so a second
  writer waits instead of failing, foreign keys on. Write transactions start with
  ``BEGIN IMMEDIATE`` so the read-then-write of one report (is it new? which incident does it
  join?) happens under the write lock, never on a stale read.
- PostgreSQL: write transactions take transaction-scoped advisory locks on the keys they are
  about to decide on (the report's near-duplicate buckets and its linking blocks), always in
  sorted order, so two workers never decide the same thing at once and never deadlock.

Every write transaction is retried on the transient errors of concurrency (a lock timeout, a
deadlock, a serialisation failure): the work of one report is one transaction, so a retry
re-does it whole.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from tollwatch.errors import StoreError
from tollwatch.settings import Settings, data_dir

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# Lock key for migrations on PostgreSQL (any fixed 64-bit number; "tollwatch" in ASCII).
_MIGRATION_LOCK = 0x746F6C6C77617463
SQLITE_BUSY_TIMEOUT_MS = 60_000
RETRIES = 8

T = TypeVar("T")


def now() -> datetime:
    """The current time, in UTC, as stored in the ledger's timestamp columns."""
    return datetime.now(UTC)


def lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for ``name`` (stable across processes)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


@dataclass(frozen=True, kw_only=True)
class Store:
    """An opened, migrated ledger."""

    url: str
    engine: Engine

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (a plain deferred transaction, rolled back at the end)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self, *, locks: Iterable[str] = ()) -> Iterator[Connection]:
        """One write transaction, committed when the block ends without an error.

        ``locks`` names what the transaction decides on; on PostgreSQL each name becomes a
        transaction-scoped advisory lock, taken in sorted order. On SQLite the transaction is
        ``BEGIN IMMEDIATE``: it holds the database's one write lock from its first statement.
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(tollwatch_write=True)
            with conn.begin():
                keys = sorted({lock_key(name) for name in locks})
                if self.dialect == "postgresql" and keys:
                    # One round trip; unnest yields the (sorted) array in order, so every
                    # writer takes its locks in the same order and none can deadlock.
                    conn.execute(
                        text(
                            "SELECT count(pg_advisory_xact_lock(k)) "
                            "FROM unnest(CAST(:keys AS bigint[])) AS k"
                        ),
                        {"keys": keys},
                    )
                yield conn

    def run_write(
        self,
        work: Callable[[Connection], T],
        *,
        locks: Iterable[str] = (),
        retries: int = RETRIES,
    ) -> T:
        """Run ``work(conn)`` in one write transaction, retrying it on transient errors."""
        lock_names = tuple(locks)
        delay = 0.05
        for attempt in range(retries + 1):
            try:
                with self.write(locks=lock_names) as conn:
                    return work(conn)
            except (OperationalError, DBAPIError) as exc:
                if attempt >= retries or not _transient(exc):
                    raise StoreError(
                        f"cannot write to the ledger at {self.safe_url}: {_first_line(exc)}",
                        permanent=isinstance(exc, DataError | IntegrityError),
                    ) from exc
                log.info("retrying a write after a transient error: %s", _first_line(exc))
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def safe_url(self) -> str:
        """The URL without a password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _first_line(exc: BaseException) -> str:
    return (
        str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if str(exc)
        else type(exc).__name__
    )


def _transient(exc: DBAPIError) -> bool:
    """Errors that another writer caused and that a retry of the same work can get past."""
    orig = getattr(exc, "orig", None)
    message = str(orig or exc).lower()
    if "database is locked" in message or "database is busy" in message:
        return True
    sqlstate = getattr(orig, "sqlstate", None)
    # 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available,
    # 23505 unique_violation (a concurrent writer stored the same derived row first).
    return sqlstate in {"40001", "40P01", "55P03", "23505"}


def default_url() -> str:
    """The ledger URL from ``TOLLWATCH_DB``, or the default SQLite file in the data folder."""
    return Settings().resolved_db_url()


# A plain path names a new ledger file only with one of these suffixes: "--db ::::" or
# "--db postgres:/host/db" (one slash) is a typo, not a file to create.
NEW_FILE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_SQLITE_HEADER = b"SQLite format 3\x00"


def normalise_url(db_url: str | None) -> str:
    """Accept a URL or a plain file path (taken as an SQLite file); ``None`` means the default.

    A plain path must be an existing file or end in ``.sqlite``, ``.sqlite3`` or ``.db``
    (else :class:`StoreError`). ``postgresql://`` URLs use the psycopg 3 driver installed
    with tollwatch.
    """
    if not db_url:
        return default_url()
    if "://" not in db_url:
        path = Path(db_url).expanduser()
        if not path.exists() and path.suffix.lower() not in NEW_FILE_SUFFIXES:
            raise StoreError(
                f"{db_url!r} is neither a ledger URL nor a ledger file: a new ledger file's "
                "name ends in .sqlite, .sqlite3 or .db (or give sqlite:///FILE or "
                "postgresql://USER@HOST:PORT/NAME)"
            )
        return f"sqlite:///{path.resolve()}"
    if db_url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db_url.split("://", 1)[1]
    return db_url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, say when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("tollwatch_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _default_file() -> Path:
    return data_dir() / "ledger.sqlite"


def check_sqlite_file(database: str, *, create: bool = True) -> None:
    """Refuse what cannot be a ledger file before SQLite touches it (it would make one).

    An existing file must be an SQLite database (or empty). A missing file is created only
    when ``create`` is set and its folder exists; the default ledger's folder (the data
    folder) is made when missing. Raises :class:`StoreError` with a one-line reason.
    """
    path = Path(database).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a ledger file")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(len(_SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read the ledger {path}: {exc.strerror or exc}") from exc
        if head and head != _SQLITE_HEADER:
            raise StoreError(f"{path} is not a ledger: it is not an SQLite database")
        if head:
            # Read only: the store's connections would switch the file to WAL mode, which
            # must not happen to a database that is not a ledger (a gazetteer given as --db).
            _check_tables(_sqlite_tables(path), str(path))
        return
    if not create:
        raise StoreError(f"no ledger at {path} (`tollwatch ingest --db {path} …` makes one)")
    folder = path.parent
    if folder.is_dir():
        return
    if path.resolve() != _default_file().resolve():
        raise StoreError(f"cannot create the ledger {path}: the folder {folder} does not exist")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder of the ledger {path}: {exc.strerror or exc}"
        ) from exc


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url`` with the per-backend settings of the module docstring.

    For an SQLite file, :func:`check_sqlite_file` first (``create`` as there).
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            check_sqlite_file(database, create=create)
        if not database or database == ":memory:":
            engine = create_engine(url, poolclass=NullPool)
        else:
            # Pooled: closing a WAL database's last connection checkpoints it (~20 ms), so
            # connections are kept open between transactions.
            engine = create_engine(url, pool_size=5, max_overflow=10)
        _sqlite_setup(engine)
        return engine
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://…")


def _alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, once, even with several processes at it."""
    from alembic import command

    head = head_revision()
    with engine.connect() as conn:
        if _current_revision(conn) == head:
            return
    with engine.connect() as conn:
        conn = conn.execution_options(tollwatch_write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            if _current_revision(conn) == head:
                return  # another process migrated it while we waited for the lock
            command.upgrade(_alembic_config(conn), "head")


def open_store(
    db_url: str | None = None, *, migrate_schema: bool = True, create: bool = True
) -> Store:
    """Open (creating and migrating as needed) the ledger at ``db_url``.

    ``db_url`` is an SQLAlchemy URL (``sqlite:///ledger.sqlite``,
    ``postgresql://postgres@127.0.0.1:5432/tollwatch``), a file path, or ``None`` for
    ``TOLLWATCH_DB`` / the default file. A new SQLite file is made only with ``create`` and
    in a folder that exists (the default ledger's folder is made); a database that holds
    tables but is not a tollwatch ledger (no ``alembic_version``) is refused. Raises
    :class:`StoreError` when the store cannot be reached, is not a ledger, or cannot be
    migrated.
    """
    url = normalise_url(db_url)
    engine = make_engine(url, create=create)
    store = Store(url=url, engine=engine)
    try:
        _check_is_ledger(engine, store.safe_url)
        if migrate_schema:
            migrate(engine)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open the ledger at {store.safe_url}: {_first_line(exc)}") from exc
    return store


def _sqlite_tables(path: Path) -> set[str]:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the ledger at {path}: {exc}") from exc
    return {name for (name,) in rows}


def _check_is_ledger(engine: Engine, where: str) -> None:
    """Refuse a database that holds tables of something else (a gazetteer, another app)."""
    if engine.dialect.name == "sqlite":
        return  # checked read-only before the engine was made (check_sqlite_file)
    with engine.connect() as conn:
        _check_tables(set(inspect(conn).get_table_names()), where)


def _check_tables(tables: set[str], where: str) -> None:
    if tables and "alembic_version" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(f"{where} is not a tollwatch ledger (it holds other tables: {shown})")


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """``INSERT … ON CONFLICT DO NOTHING``; returns how many rows were inserted."""
    if not rows:
        return 0
    stmt = _insert_ignore_stmt(conn.dialect.name, table)
    # Row by row: RETURNING tells what was inserted on every driver (rowcount may be -1 on
    # PostgreSQL), and each row's own columns are what it sets (the others take defaults).
    return sum(len(conn.execute(stmt, row).all()) for row in rows)


@lru_cache(maxsize=64)
def _insert_ignore_stmt(dialect: str, table: Table) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING key`` for ``table``, built once."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    key = list(table.primary_key.columns)[0]
    return insert(table).on_conflict_do_nothing().returning(key)


def env_db_url() -> str | None:
    """``TOLLWATCH_DB`` if it is set."""
    return os.environ.get("TOLLWATCH_DB") or None
