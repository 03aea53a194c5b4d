"""The Account page and what it promises: a password change and "log out everywhere else"
end the other sessions at once (WEB-4); the password is compared exactly (WEB-2); server
mode's pages carry the same security headers as the local app's (WEB-7)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from reconnect.web.security import CONTENT_SECURITY_POLICY
from tests.server.conftest import PASSWORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import Clock, People

NEW = "a fresh kettle phrase"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def _form_token(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)


def test_a_password_change_ends_every_other_session_and_keeps_this_one(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    phone, laptop = client_for("alex"), client_for("alex")
    phone.post("/api/entries", json={"text": "Written on the phone."})
    token = _form_token(laptop, "/account")
    changed = laptop.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORDS["alex"], "password": NEW, "again": NEW},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    assert changed.headers["location"] == "/account?done=password"
    assert phone.get("/api/entries").status_code == 401
    assert [e["text"] for e in laptop.get("/api/entries").json()] == ["Written on the phone."]

    fresh = client_for(None)
    old = fresh.post("/api/login", json={"username": "alex", "password": PASSWORDS["alex"]})
    assert old.status_code == 401
    assert fresh.post("/api/login", json={"username": "alex", "password": NEW}).status_code == 200


def test_a_wrong_current_password_changes_nothing(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    phone, laptop = client_for("alex"), client_for("alex")
    token = _form_token(laptop, "/account")
    refused = laptop.post(
        "/account/password",
        data={"csrf_token": token, "current": "not it at all", "password": NEW, "again": NEW},
    )
    assert refused.status_code == 422
    assert "not right" in refused.text
    assert phone.get("/api/entries").status_code == 200


def test_log_out_everywhere_else_ends_the_other_sessions_only(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    phone, tablet, laptop = client_for("alex"), client_for("alex"), client_for("alex")
    assert laptop.post("/api/sessions/end-others").json() == {"ended": 2}
    assert phone.get("/api/entries").status_code == 401
    assert tablet.get("/api/entries").status_code == 401
    assert laptop.get("/api/entries").status_code == 200


def test_the_password_is_compared_exactly(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-2: no case folding, no truncation, no trimming."""
    people.add("alex")
    password = PASSWORDS["alex"]
    client = client_for(None)
    for typed in (password.upper(), password[:-1], password + " ", " " + password, password[:8]):
        answer = client.post("/api/login", json={"username": "alex", "password": typed})
        assert answer.status_code == 401, typed
    clock.advance(minutes=2)  # five failures: the sixth try waits a minute (WEB-8)
    right = client.post("/api/login", json={"username": "alex", "password": password})
    assert right.status_code == 200


def test_server_pages_carry_the_security_headers(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-7 for server mode's own pages, logged out and logged in."""
    people.add("alex")
    for client, paths in (
        (client_for(None), ("/login", "/recover", "/signup?invite=x", "/help")),
        (client_for("alex"), ("/account", "/", "/journal", "/insights")),
    ):
        for path in paths:
            headers = client.get(path).headers
            assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
            assert headers["x-content-type-options"] == "nosniff", path
            assert headers["referrer-policy"] == "no-referrer", path
            assert headers["x-frame-options"] == "DENY", path
            assert headers["cache-control"] == "no-store", path
