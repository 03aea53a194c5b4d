"""A forgotten password: the recovery key sets a new one and keeps the journal; without it,
an admin's reset gives a new, empty journal and the old one is gone (issue: "a password
reset without the recovery key cannot recover the old data")."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reconnect.errors import InputError, LoginFailedError
from reconnect.services import accounts, credentials, upkeep

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import People

NEW = "a brand new phrase"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def test_the_recovery_key_sets_a_new_password_and_the_journal_is_kept(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    alex.post("/api/entries", json={"text": "Kept through a forgotten password."})

    stranger = client_for(None)
    stranger.headers["X-CSRF-Token"] = stranger.get("/api/csrf").json()["csrf_token"]
    recovered = stranger.post(
        "/api/password/recover",
        json={"username": "alex", "recovery_key": people.recovery["alex"], "new_password": NEW},
    )
    assert recovered.status_code == 204, recovered.text

    assert alex.get("/api/entries").status_code == 401  # every session ended
    old = stranger.post("/api/login", json={"username": "alex", "password": "otter kettle tuesday"})
    assert old.status_code == 401
    back = client_for(None)
    assert back.post("/api/login", json={"username": "alex", "password": NEW}).status_code == 200
    texts = [entry["text"] for entry in back.get("/api/entries").json()]
    assert texts == ["Kept through a forgotten password."]


def test_a_wrong_key_and_an_unknown_name_get_the_login_refusal(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    client = client_for(None)
    client.headers["X-CSRF-Token"] = client.get("/api/csrf").json()["csrf_token"]
    answers = [
        client.post(
            "/api/password/recover",
            json={"username": name, "recovery_key": key, "new_password": NEW},
        )
        for name, key in (
            ("alex", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGG"),
            ("nobody", people.recovery["alex"]),
        )
    ]
    assert [answer.status_code for answer in answers] == [401, 401]
    assert answers[0].json() == answers[1].json()
    login = client.post("/api/login", json={"username": "alex", "password": "otter kettle tuesday"})
    assert login.status_code == 200  # nothing changed


def test_a_weak_new_password_is_refused_before_the_key_is_tried(
    server: ServerServices, people: People
) -> None:
    people.add("alex")
    with pytest.raises(InputError, match="too short"):
        credentials.recover_password(
            server, "alex", people.recovery["alex"], "short", address="127.0.0.1"
        )


def test_a_reset_without_the_key_gives_a_new_empty_journal_and_deletes_the_old(
    server: ServerServices, people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    alex.post("/api/entries", json={"text": "Gone after the reset."})
    old_journal = accounts.find_account(server, "alex").journal

    made = accounts.reset_password(server, "alex", NEW)

    assert made.recovery_key != people.recovery["alex"]
    assert alex.get("/api/entries").status_code == 401
    fresh = client_for(None)
    assert fresh.post("/api/login", json={"username": "alex", "password": NEW}).status_code == 200
    assert fresh.get("/api/entries").json() == []
    if server.jobs is not None:  # PostgreSQL: a worker job deletes it; run that job's work
        assert not upkeep.drop_deleted_journal(server, made.account.journal)  # live: kept
        assert upkeep.drop_deleted_journal(server, old_journal)
    assert old_journal not in server.db.journal_names()
    assert made.account.journal in server.db.journal_names()
    with pytest.raises(LoginFailedError):  # the old recovery key opens nothing now
        credentials.recover_password(
            server, "alex", people.recovery["alex"], "yet another phrase", address="x"
        )
