"""An app on a real database, and an HTTP client that behaves like the app's own pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """A client on SQLite and on PostgreSQL, holding the CSRF cookie and sending the token."""
    app = create_app(Settings(database_url=database_url))
    with TestClient(app, base_url=BASE) as test_client:
        token = test_client.get("/api/csrf").json()["csrf_token"]
        test_client.headers["X-CSRF-Token"] = token
        yield test_client


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Iterator[TestClient]:
    """The same client on SQLite only, for tests about HTTP rather than storage."""
    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url=BASE) as test_client:
        token = test_client.get("/api/csrf").json()["csrf_token"]
        test_client.headers["X-CSRF-Token"] = token
        yield test_client
