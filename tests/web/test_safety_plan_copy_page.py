"""SAFE-9: the safety-plan page while locked: the default leads to unlock, the copy opens."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

FORM = {
    "warning_signs": "Going quiet for days",
    "coping": "",
    "distractions": "",
    "people": "Ana 07700 900123",
    "professionals": "",
    "surroundings": "",
    "reasons": "My niece",
}


def _save(client: TestClient) -> None:
    token = client.headers["X-CSRF-Token"]
    saved = client.post("/safety-plan", data={"csrf_token": token, **FORM}, follow_redirects=False)
    assert saved.status_code == 303


def _copy(client: TestClient, keep: str) -> None:
    token = client.headers["X-CSRF-Token"]
    done = client.post(
        "/safety-plan/open-copy", data={"csrf_token": token, "keep": keep}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/safety-plan"


def _lock(client: TestClient) -> None:
    token = client.headers["X-CSRF-Token"]
    assert (
        client.post("/lock", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    )


def test_by_default_the_locked_plan_leads_to_the_unlock_page(client: TestClient) -> None:
    _save(client)
    page = html.unescape(client.get("/safety-plan").text)
    assert "The trade-off:" in page  # the choice is offered, with what it costs
    assert "Keep a copy I can read while locked" in page
    _lock(client)
    locked = client.get("/safety-plan", follow_redirects=False)
    assert locked.status_code == 303
    assert locked.headers["location"] == "/unlock?next=/safety-plan"


def test_the_chosen_copy_opens_while_locked_read_only(client: TestClient) -> None:
    _save(client)
    _copy(client, "on")
    assert "A readable copy is kept." in html.unescape(client.get("/safety-plan").text)
    _lock(client)
    locked = client.get("/safety-plan", follow_redirects=False)
    assert locked.status_code == 200
    page = html.unescape(locked.text)
    assert "<li>Ana 07700 900123</li>" in page and "<li>My niece</li>" in page
    assert "Your journal is locked. This is the copy" in page
    assert "<textarea" not in page and "Change my plan" not in page
    assert "/safety-plan/open-copy" not in page  # the choice is made only while unlocked
    # Editing while locked still needs the passphrase.
    token = client.headers["X-CSRF-Token"]
    changed = client.post(
        "/safety-plan", data={"csrf_token": token, **FORM, "reasons": "x"}, follow_redirects=False
    )
    assert changed.status_code == 303 and changed.headers["location"].startswith("/unlock")
    edit = client.get("/safety-plan?edit=true")
    assert "<textarea" not in edit.text


def test_turning_the_copy_off_locks_the_plan_again(client: TestClient) -> None:
    from tests.web.conftest import unlock

    _save(client)
    _copy(client, "on")
    _copy(client, "off")
    page = html.unescape(client.get("/safety-plan").text)
    assert "Keep a copy I can read while locked" in page
    _lock(client)
    assert client.get("/safety-plan", follow_redirects=False).status_code == 303
    unlock(client)


def test_an_unencrypted_journal_offers_no_copy(tmp_path: object) -> None:
    from fastapi.testclient import TestClient
    from tests.conftest import create_journal

    from reconnect.config import Settings
    from reconnect.web.app import create_app

    url = create_journal(f"sqlite:///{tmp_path}/plain.db", encrypted=False)
    with TestClient(create_app(Settings(database_url=url)), base_url="http://127.0.0.1:8765") as c:
        page = html.unescape(c.get("/safety-plan").text)
    assert "My safety plan" in page
    assert "Keep a copy I can read while locked" not in page
