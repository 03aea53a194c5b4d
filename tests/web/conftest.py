"""An app on a real database, and an HTTP client that behaves like the app's own pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from tests.conftest import TEST_PASSPHRASE

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"


def unlock(client: TestClient) -> str:
    """Unlock as a person does (the web app never reads RECONNECT_PASSPHRASE); the CSRF token."""
    token: str = client.get("/api/csrf").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    opened = client.post(
        "/unlock",
        data={"csrf_token": token, "passphrase": TEST_PASSPHRASE},
        follow_redirects=False,
    )
    assert opened.status_code == 303, opened.text
    return token


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """A client on SQLite and on PostgreSQL, unlocked, sending the CSRF cookie and token."""
    app = create_app(Settings(database_url=database_url))
    with TestClient(app, base_url=BASE) as test_client:
        unlock(test_client)
        yield test_client


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Iterator[TestClient]:
    """The same client on SQLite only, for tests about HTTP rather than storage."""
    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url=BASE) as test_client:
        unlock(test_client)
        yield test_client
