"""Server mode on both real databases: a fresh PostgreSQL database (server mode makes its own
schemas) or a fresh SQLite folder per test, accounts made through the real services, and a
client that logs in the way the API documents."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import psycopg
import pytest
from fastapi.testclient import TestClient

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.services import accounts
from reconnect.storage.server_db import ServerDatabase
from reconnect.web.app import create_app
from tests.conftest import POSTGRES_ADMIN_URL

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator
    from pathlib import Path

    from fastapi import FastAPI

    from reconnect.services.server import ServerServices

BASE = "http://127.0.0.1:8765"
PASSWORDS = {
    "alex": "otter kettle tuesday",
    "sam": "river lamp october",
    "robin": "quiet harbour maple",
    "admin": "copper violet anchor",
    "casey": "amber window thistle",
}


class Clock:
    """A clock the test moves by hand (sessions' idle and absolute limits, throttling)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _postgres_database(template: str | None = None) -> Generator[str]:
    """A new PostgreSQL database, empty or a copy of ``template``; dropped afterwards."""
    name = f"srv_{uuid.uuid4().hex[:16]}"
    admin = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/postgres"
    copy = "" if template is None else f' TEMPLATE "{template}"'
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def server_postgres_template() -> Iterator[str]:
    """A database holding server mode's tables and job queue and nothing else, made once per
    test process by the real migrations and copied for each test (``CREATE DATABASE ...
    TEMPLATE``): the test's server then finds its tables in place (0.03 s, where migrating
    an empty database takes 0.25 s; the copy itself costs about what an empty one does). Secrets and
    accounts are not in it; each test's server makes its own. Migrating an empty PostgreSQL
    database is still done whole by this fixture and by test_server_csrf.py's second server."""
    databases = _postgres_database()
    url = next(databases)
    db = ServerDatabase(url)
    try:
        db.migrate()
        db.install_job_queue()
    finally:
        db.dispose()  # a template must have no open connection while it is copied
    try:
        yield url.rsplit("/", 1)[1]
    finally:
        databases.close()


@pytest.fixture
def server_postgres_url(server_postgres_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one test, with the server's tables, dropped afterwards."""
    yield from _postgres_database(server_postgres_template)


@pytest.fixture
def server_sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite server file (its journals go in ``journals/`` beside it)."""
    return f"sqlite:///{tmp_path / 'server' / 'server.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def server_url(request: pytest.FixtureRequest) -> str:
    """Every test using this runs on SQLite and on the real PostgreSQL server."""
    name = "server_sqlite_url" if request.param == "sqlite" else "server_postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server_settings(server_url: str) -> Settings:
    return Settings(server_database_url=server_url, test_fast_kdf=True)


@pytest.fixture
def server(server_settings: Settings, clock: Clock) -> Iterator[ServerServices]:
    """Server-mode services with the hand-moved clock."""
    built = build_server(server_settings, clock=clock)
    try:
        yield built
    finally:
        built.close()


@dataclass
class People:
    """Accounts made for a test: name -> recovery key."""

    server: ServerServices
    recovery: dict[str, str]

    def add(self, name: str, role: str = "member") -> str:
        made = accounts.add_account(self.server, name, PASSWORDS[name], role)
        self.recovery[name] = made.recovery_key
        return made.account.id


@pytest.fixture
def people(server: ServerServices) -> People:
    return People(server, {})


@pytest.fixture
def app(server: ServerServices, server_settings: Settings) -> FastAPI:
    return create_app(server_settings, server=server)


def log_in(client: TestClient, name: str, password: str | None = None, **extra: str) -> str:
    """Log in through POST /api/login; the client then sends the CSRF token it got."""
    response = client.post(
        "/api/login",
        json={"username": name, "password": password or PASSWORDS[name], **extra},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return token


@pytest.fixture
def client_for(app: FastAPI) -> Iterator[Callable[[str | None], TestClient]]:
    """A fresh browser-like client per person (None: not logged in)."""
    opened: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        client = TestClient(app, base_url=BASE)
        client.__enter__()
        opened.append(client)
        if name is not None:
            log_in(client, name)
        return client

    try:
        yield make
    finally:
        for client in opened:
            client.__exit__(None, None, None)
