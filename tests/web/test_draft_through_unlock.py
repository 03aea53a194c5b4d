"""Words saved after the journal locked itself are kept in the unlock page and saved on
unlocking (issue 11, item 4), never stored on the server while it is locked.

The browser flow is in tests/browser/test_locked_while_writing.py; these cover the edit
form, a wrong passphrase and the recovery key over HTTP.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from html import unescape
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from tests.conftest import TEST_PASSPHRASE

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"
IDLE = 15 * 60 + 1  # one second past the default auto-lock
WORDS = 'Changed my mind about "the plan".\nSecond line <b>as typed</b> & kept.'


@contextmanager
def unlocked(url: str) -> Iterator[TestClient]:
    """The web app on this journal, unlocked through its own form, redirects not followed."""
    app = create_app(Settings(database_url=url, passphrase=None))
    with TestClient(app, base_url=BASE, follow_redirects=False) as client:
        token: str = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        opened = client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        assert opened.status_code == 303
        yield client


def token(client: TestClient) -> str:
    return client.headers["X-CSRF-Token"]


def idle(client: TestClient) -> None:
    """As if fifteen minutes had passed without a request: the next one finds it locked."""
    client.app.state.services.keys.last_used -= IDLE  # type: ignore[attr-defined]


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of a page's form, as the browser would send them back."""
    found = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    return {name: unescape(value) for name, value in found}


def test_an_edit_that_meets_the_lock_is_saved_by_unlocking(sqlite_url: str) -> None:
    with unlocked(sqlite_url) as client:
        written = client.post("/journal", data={"csrf_token": token(client), "text": "First"})
        entry = written.headers["location"]
        idle(client)

        page = client.post(f"{entry}/edit", data={"csrf_token": token(client), "text": WORDS})
        assert page.status_code == 401
        assert "The journal locked itself while you were writing" in page.text
        carried = hidden_fields(page.text)
        assert carried["draft"].replace("\r\n", "\n") == WORDS
        assert carried["draft_for"] == entry.rsplit("/", 1)[1]

        wrong = client.post("/unlock", data={**carried, "passphrase": "not my passphrase"})
        assert wrong.status_code == 401 and "wrong passphrase" in wrong.text
        assert hidden_fields(wrong.text)["draft"] == carried["draft"]  # still carried, not lost

        opened = client.post("/unlock", data={**carried, "passphrase": TEST_PASSPHRASE})
        assert (opened.status_code, opened.headers["location"]) == (303, entry)
        shown = client.get(f"{entry}/edit").text
        assert "Changed my mind about &#34;the plan&#34;." in shown
        assert "Second line &lt;b&gt;as typed&lt;/b&gt; &amp; kept." in shown


def test_a_new_entry_is_saved_after_a_recovery_key_unlock(empty_sqlite_url: str) -> None:
    from reconnect.bootstrap import build_services
    from reconnect.services import vault_setup

    services = build_services(Settings(database_url=empty_sqlite_url, test_fast_kdf=True))
    try:
        recovery_key = vault_setup.create_journal(services, TEST_PASSPHRASE).recovery_key
    finally:
        services.close()
    assert recovery_key is not None
    with unlocked(empty_sqlite_url) as client:
        idle(client)
        page = client.post("/journal", data={"csrf_token": token(client), "text": WORDS})
        assert page.status_code == 401
        carried = hidden_fields(page.text)
        opened = client.post("/unlock", data={**carried, "recovery_key": recovery_key})
        assert opened.headers["location"] == "/settings?recovered=true"
        listed = client.get("/api/entries").json()
        assert [e["text"].replace("\r\n", "\n") for e in listed] == [WORDS]


def test_the_unlock_page_refuses_a_draft_for_something_else(sqlite_url: str) -> None:
    with unlocked(sqlite_url) as client:
        idle(client)
        refused = client.post(
            "/unlock",
            data={
                "csrf_token": token(client),
                "passphrase": TEST_PASSPHRASE,
                "draft": "x",
                "draft_for": "../settings",
            },
        )
        assert refused.status_code == 422
        assert client.get("/api/entries").status_code == 401  # nothing unlocked, nothing saved
