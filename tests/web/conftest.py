"""Fixtures of the desk's tests: a small ledger, accounts of every role, clients, a server.

The ledger is written by hand (records as extraction gives them, see tests/ledger/conftest),
on SQLite and on PostgreSQL. Sessions are minted with the desk's own signer (the login form
has its own tests), so each role's client costs no password hash.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.ledger.conftest import (
    create_pg_database,
    drop_pg_database,
    make_record,
    pg_available,
)
from tests.ledger.test_write import ARIHA_1, ARIHA_2, DOUMA, MOSUL
from tollwatch.ledger import accounts
from tollwatch.ledger.query import claims_for, list_incidents
from tollwatch.ledger.store import Store, open_store
from tollwatch.ledger.write import store_items
from tollwatch.web import DeskSettings, create_app
from tollwatch.web.auth import SESSION_COOKIE

SECRET = "test-secret-key-of-the-desk-0123456789abcdef"
PASSWORD = "a long enough password"
ROLES = ("viewer", "reviewer", "admin")

ARIHA_3 = make_record(
    "Civil defence teams said on Wednesday that 14 bodies were recovered from the Ariha market "
    "after Tuesday's strike.",
    killed=14, place="Ariha", day=date(2017, 4, 4), claimant="Idlib health directorate",
    doc_id="a3", published=date(2017, 4, 5),
)  # fmt: skip
HOSTILE_TEXT = (
    '<script>document.title="pwned"</script>Shelling killed 4 people in Saraqib on Monday '
    '<img src=x onerror="document.body.dataset.pwned=1">, activists said.'
)
HOSTILE = make_record(
    HOSTILE_TEXT,
    killed=4, place="Saraqib", day=date(2017, 6, 5), claimant=None, doc_id="evil",
    title='<b onmouseover="alert(1)">Saraqib</b>', sub_event_type="Shelling/artillery/missile attack",
)  # fmt: skip
RECORDS = (ARIHA_1, ARIHA_2, ARIHA_3, DOUMA, MOSUL, HOSTILE)


@dataclass
class DeskLedger:
    """A small ledger with accounts of every role, and where to find its records."""

    store: Store
    incidents: dict[str, str] = field(default_factory=dict)  # doc id of a report -> incident
    claims: dict[str, str] = field(default_factory=dict)  # doc id -> its first claim
    users: dict[str, accounts.User] = field(default_factory=dict)


def build_ledger(store: Store) -> DeskLedger:
    """Store the records above and one account of each role."""
    store_items(list(RECORDS), store=store)
    desk = DeskLedger(store=store)
    with store.read() as conn:
        for inc in list_incidents(conn):
            for src in inc.sources:
                desk.incidents[src.doc_id] = inc.id
        for c in claims_for(conn, sorted(set(desk.incidents.values()))):
            desk.claims.setdefault(c.doc_id, c.id)
    for role in ROLES:
        desk.users[role] = accounts.add_user(store, role, role=role, password=PASSWORD)
    return desk


@dataclass
class Template:
    """A built ledger to copy: an SQLite file, or a PostgreSQL template database."""

    url: str
    ids: DeskLedger
    pg_name: str | None = None


def _ids_only(desk: DeskLedger) -> DeskLedger:
    return DeskLedger(
        store=desk.store,
        incidents=dict(desk.incidents),
        claims=dict(desk.claims),
        users=dict(desk.users),
    )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("desk-template") / "desk.sqlite"
    store = open_store(f"sqlite:///{path}")
    try:
        desk = build_ledger(store)
    finally:
        store.dispose()  # the last connection closed checkpoints the WAL into the file
    return Template(url=str(path), ids=_ids_only(desk))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[Template]:
    if not pg_available():
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    name, url = create_pg_database()
    store = open_store(url)
    try:
        desk = build_ledger(store)
    finally:
        store.dispose()
    try:
        yield Template(url=url, ids=_ids_only(desk), pg_name=name)
    finally:
        drop_pg_database(name)


def _copy(template: Template, tmp_path: Path) -> Iterator[DeskLedger]:
    """A fresh copy of the template ledger (a file copy, or CREATE DATABASE … TEMPLATE)."""
    import psycopg

    if template.pg_name is None:
        target = tmp_path / "desk.sqlite"
        shutil.copyfile(template.url, target)
        url, name = f"sqlite:///{target}", None
    else:
        name = f"tollwatch_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.pg_name}"')
        url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    store = open_store(url)
    try:
        ids = template.ids
        yield DeskLedger(
            store=store,
            incidents=dict(ids.incidents),
            claims=dict(ids.claims),
            users=dict(ids.users),
        )
    finally:
        store.dispose()
        if name is not None:
            drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk_ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskLedger]:
    """A fresh small ledger (a copy of one built once), on SQLite, then on PostgreSQL."""
    template = request.getfixturevalue(
        f"{'sqlite' if request.param == 'sqlite' else 'pg'}_template"
    )
    yield from _copy(template, tmp_path)


@pytest.fixture
def sqlite_desk(sqlite_template: Template, tmp_path: Path) -> Iterator[DeskLedger]:
    """The small ledger on SQLite only (for tests of the web layer itself)."""
    yield from _copy(sqlite_template, tmp_path)


def settings(**changes: object) -> DeskSettings:
    return DeskSettings(**{"secret_key": SECRET, **changes})


@dataclass
class Client:
    """A test client acting as one role (``anonymous``: no session)."""

    role: str
    http: TestClient
    csrf: str = ""


def make_clients(desk: DeskLedger, **changes: object) -> dict[str, Client]:
    app = create_app(store=desk.store, settings=settings(**changes))
    sessions = app.state.desk.sessions
    out = {"anonymous": Client(role="anonymous", http=TestClient(app))}
    for role, user in desk.users.items():
        http = TestClient(app)
        value, csrf = sessions.make(user)
        http.cookies.set(SESSION_COOKIE, value)
        out[role] = Client(role=role, http=http, csrf=csrf)
    return out


@pytest.fixture
def clients(desk_ledger: DeskLedger) -> dict[str, Client]:
    return make_clients(desk_ledger)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveDesk:
    """The desk served by uvicorn on 127.0.0.1 in a thread, stopped by ``stop``."""

    def __init__(self, desk: DeskLedger, **changes: object) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(store=desk.store, settings=settings(**changes))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
