"""The journal in the browser: set-up, unlock, lock, auto-lock; data routes wait for the key."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.conftest import TEST_PASSPHRASE

from reconnect.config import Settings
from reconnect.web.app import create_app

BASE = "http://127.0.0.1:8765"


def _client(url: str, **settings: object) -> TestClient:
    # passphrase=None: the app must not unlock itself from RECONNECT_PASSPHRASE here.
    app = create_app(Settings(database_url=url, passphrase=None, **settings))  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _twice(token: str, passphrase: str) -> dict[str, str]:
    return {"csrf_token": token, "passphrase": passphrase, "again": passphrase}


def _token(client: TestClient) -> str:
    token: str = client.get("/api/csrf").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return token


def test_a_new_journal_is_created_in_the_browser_and_shows_its_recovery_key(
    empty_sqlite_url: str,
) -> None:
    with _client(empty_sqlite_url) as client:
        token = _token(client)
        first = client.get("/journal")
        assert first.status_code == 303 and first.headers["location"] == "/setup"
        differ = client.post(
            "/setup", data={"csrf_token": token, "passphrase": "one passphrase", "again": "two"}
        )
        assert differ.status_code == 422 and "differ" in differ.text
        made = client.post(
            "/setup",
            data={
                "csrf_token": token,
                "passphrase": "a good passphrase",
                "again": "a good passphrase",
            },
        )
        assert made.status_code == 200
        assert re.search(r"([0-9A-Z]{4}-){6}[0-9A-Z]{3}", made.text)
        assert client.get("/journal").status_code == 200
        again = client.get("/setup")
        assert again.status_code == 303  # the key is shown once; set-up cannot run twice


def test_data_routes_wait_for_the_passphrase(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        token = _token(client)
        page = client.get("/insights")
        assert page.status_code == 303 and page.headers["location"] == "/unlock?next=/insights"
        api = client.get("/api/entries")
        assert api.status_code == 401 and api.json()["error"] == "the journal is locked"
        htmx = client.get("/journal", headers={"HX-Request": "true"})
        assert htmx.headers["HX-Redirect"].startswith("/unlock")
        assert client.get("/help").status_code == 200  # help never waits
        wrong = client.post(
            "/unlock", data={"csrf_token": token, "passphrase": "not it", "next": "/insights"}
        )
        assert wrong.status_code == 401 and "wrong passphrase" in wrong.text
        right = client.post(
            "/unlock",
            data={"csrf_token": token, "passphrase": TEST_PASSPHRASE, "next": "/insights"},
        )
        assert right.status_code == 303 and right.headers["location"] == "/insights"
        assert client.get("/api/entries").status_code == 200
        assert "Lock" in client.get("/").text


def test_unlocking_never_redirects_off_site(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        token = _token(client)
        for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
            reply = client.post(
                "/unlock",
                data={"csrf_token": token, "passphrase": TEST_PASSPHRASE, "next": target},
            )
            assert reply.headers["location"] == "/", target
            client.post("/lock", data={"csrf_token": token})


def test_lock_forgets_the_key(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        token = _token(client)
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        assert client.get("/api/entries").status_code == 200
        locked = client.post("/lock", data={"csrf_token": token})
        assert locked.status_code == 303 and locked.headers["location"] == "/unlock"
        assert client.get("/api/entries").status_code == 401
        assert client.app.state.services.keys.codec is None  # type: ignore[attr-defined]


def test_the_app_locks_itself_when_idle(sqlite_url: str) -> None:
    with _client(sqlite_url) as client:
        token = _token(client)
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        keys = client.app.state.services.keys  # type: ignore[attr-defined]
        assert keys.idle_limit == 15 * 60
        keys.last_used -= 15 * 60 + 1  # as if fifteen minutes had passed without a request
        assert client.get("/api/entries").status_code == 401
        assert keys.codec is None


def test_the_recovery_key_unlocks_and_the_passphrase_can_be_changed(
    empty_sqlite_url: str,
) -> None:
    with _client(empty_sqlite_url) as client:
        token = _token(client)
        made = client.post(
            "/setup",
            data={
                "csrf_token": token,
                "passphrase": "first passphrase",
                "again": "first passphrase",
            },
        )
        key = re.search(r"([0-9A-Z]{4}-){6}[0-9A-Z]{3}", made.text)
        assert key is not None
        client.post("/lock", data={"csrf_token": token})
        opened = client.post("/unlock", data={"csrf_token": token, "recovery_key": key.group(0)})
        assert opened.headers["location"] == "/settings?recovered=true"
        settings_page = client.get("/settings?recovered=true").text
        assert "Set a new passphrase now" in settings_page
        assert "<title>Settings · reconnect</title>" in settings_page
        assert settings_page.count('action="/settings/passphrase"') == 1
        # Issue 11, item 9: the change asks for the current passphrase, or the recovery key.
        wanted = {"passphrase": "second passphrase", "again": "second passphrase"}
        for wrong in ("", "not the passphrase", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAA"):
            refused = client.post(
                "/settings/passphrase", data={"csrf_token": token, "current": wrong, **wanted}
            )
            assert refused.headers["location"] == "/settings?passphrase=wrong", wrong
            assert "nothing was changed" in client.get(refused.headers["location"]).text
        changed = client.post(
            "/settings/passphrase", data={"csrf_token": token, "current": key.group(0), **wanted}
        )
        assert changed.headers["location"] == "/settings?passphrase=changed"
        again = client.post(
            "/settings/passphrase",
            data={
                "csrf_token": token,
                "current": "second passphrase",
                "passphrase": "third passphrase",
                "again": "third passphrase",
            },
        )
        assert again.headers["location"] == "/settings?passphrase=changed"
        back = client.post(
            "/settings/passphrase",
            data={
                "csrf_token": token,
                "current": "third passphrase",
                "passphrase": "second passphrase",
                "again": "second passphrase",
            },
        )
        assert back.headers["location"] == "/settings?passphrase=changed"
        client.post("/lock", data={"csrf_token": token})
        old = client.post("/unlock", data={"csrf_token": token, "passphrase": "first passphrase"})
        assert old.status_code == 401
        new = client.post("/unlock", data={"csrf_token": token, "passphrase": "second passphrase"})
        assert new.status_code == 303
