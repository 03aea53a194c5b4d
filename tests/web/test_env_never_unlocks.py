"""The web app never unlocks from RECONNECT_PASSPHRASE: only its own unlock page opens it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from pydantic import SecretStr
from tests.conftest import TEST_PASSPHRASE

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import vault
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from reconnect.services.vault import JournalKeys

BASE = "http://127.0.0.1:8765"


def _client(url: str, **settings: object) -> TestClient:
    # The passphrase is both in the environment and in the Settings: the app must ignore it.
    assert os.environ["RECONNECT_PASSPHRASE"] == TEST_PASSPHRASE
    app = create_app(
        Settings(database_url=url, passphrase=SecretStr(TEST_PASSPHRASE), **settings)  # type: ignore[arg-type]
    )
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _assert_locked(client: TestClient) -> None:
    page = client.get("/journal")
    assert page.status_code == 303 and page.headers["location"] == "/unlock?next=/journal"
    api = client.get("/api/entries")
    assert api.status_code == 401 and api.json()["error"] == "the journal is locked"


def _unlock(client: TestClient) -> str:
    token: str = client.get("/api/csrf").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    opened = client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
    assert opened.status_code == 303
    assert client.get("/api/entries").status_code == 200
    return token


def _keys(client: TestClient) -> JournalKeys:
    keys: JournalKeys = client.app.state.services.keys  # type: ignore[attr-defined]
    return keys


def test_a_fresh_browser_meets_the_unlock_page(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        _assert_locked(client)
        assert _keys(client).unlocker is None
        assert _keys(client).codec is None


def test_lock_locks_even_with_the_passphrase_in_the_environment(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        token = _unlock(client)
        locked = client.post("/lock", data={"csrf_token": token})
        assert locked.status_code == 303 and locked.headers["location"] == "/unlock"
        _assert_locked(client)
        assert _keys(client).codec is None
        _unlock(client)  # and the unlock page still opens it again


def test_the_idle_timeout_locks_even_with_the_passphrase_in_the_environment(
    sqlite_url: str,
) -> None:
    with _client(sqlite_url, auto_lock_minutes=1) as client:
        _unlock(client)
        keys = _keys(client)
        assert keys.idle_limit == 60
        keys.last_used -= 61  # as if a minute had passed without a request
        _assert_locked(client)
        assert keys.codec is None


def test_the_command_line_still_unlocks_from_the_environment(sqlite_url: str) -> None:
    services = build_services(Settings(database_url=sqlite_url))
    try:
        assert not services.keys.is_open
        vault.open_codec(services)  # asks RECONNECT_PASSPHRASE, as the CLI does
        assert services.keys.is_open
    finally:
        services.close()


def test_web_answers_give_web_hints_not_command_line_ones(sqlite_url: str) -> None:
    # Issue 11, item 14: the locked API told web users to set RECONNECT_PASSPHRASE, and a
    # 404 gave a command-line hint.
    from fastapi.testclient import TestClient
    from tests.web.conftest import BASE, unlock

    from reconnect.config import Settings
    from reconnect.web.app import create_app

    with TestClient(create_app(Settings(database_url=sqlite_url)), base_url=BASE) as client:
        locked = client.get("/api/entries")
        assert locked.status_code in {401, 423}
        assert "RECONNECT_PASSPHRASE" not in locked.text and "/unlock" in locked.json()["hint"]
        unlock(client)
        missing = client.get("/api/entries/999999")
        assert missing.status_code == 404
        assert "reconnect " not in (missing.json()["hint"] or "")
