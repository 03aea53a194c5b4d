"""Logging in and out through the API, and what a session can reach."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import People


def test_a_member_logs_in_writes_and_reads_only_their_own_journal(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    people.add("sam")
    alex = client_for("alex")
    written = alex.post("/api/entries", json={"text": "Called my sister after dinner."})
    assert written.status_code == 201, written.text
    assert [e["text"] for e in alex.get("/api/entries").json()] == [
        "Called my sister after dinner."
    ]

    sam = client_for("sam")
    assert sam.get("/api/entries").json() == []
    assert sam.get(f"/api/entries/{written.json()['id']}").status_code == 404


def test_without_a_session_the_api_says_401_and_pages_lead_to_login(
    client_for: Callable[[str | None], TestClient],
) -> None:
    anonymous = client_for(None)
    assert anonymous.get("/api/entries").status_code == 401
    page = anonymous.get("/journal", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/journal"
    assert anonymous.get("/help").status_code == 200  # help never needs a login


def test_logout_ends_the_session_and_the_old_cookie_no_longer_works(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    cookie = alex.cookies.get("reconnect_session")
    assert cookie is not None
    assert alex.post("/api/logout").status_code == 204
    assert alex.get("/api/entries").status_code == 401
    replay = client_for(None)
    replay.cookies.set("reconnect_session", cookie)
    assert replay.get("/api/entries").status_code == 401
