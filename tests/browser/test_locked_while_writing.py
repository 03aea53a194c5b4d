"""An entry written while the journal locks itself survives, in a real browser (issue 11, item 4).

Save once led to the unlock page and then to "No entries yet.": the words were gone. Now the
unlock page carries them, and unlocking saves them; while locked, nothing of them reaches
the database.

The app runs in this process (uvicorn in a thread, on a free loopback port) so that the
test can age its key past the default fifteen idle minutes instead of waiting for them.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from tests.browser.conftest import unlock_over_http
from tests.conftest import TEST_PASSPHRASE, free_port

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fastapi import FastAPI
    from tests.browser.conftest import Visit

pytestmark = pytest.mark.browser

WORDS = "Before the lock: the light on the river this morning.\nAnd a second line, kept too."


class InProcessServer:
    """The web app served by uvicorn in a thread, with its state in reach of the test."""

    def __init__(self, app: FastAPI, url: str) -> None:
        self.app = app
        self.url = url

    def pass_idle_time(self) -> None:
        """As if fifteen minutes had passed without a request (the default auto-lock)."""
        self.app.state.services.keys.last_used -= 15 * 60 + 1


@pytest.fixture
def app_server(sqlite_url: str) -> Iterator[InProcessServer]:
    port = free_port()
    app = create_app(Settings(database_url=sqlite_url, passphrase=None, port=port))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    try:
        unlock_over_http(url)
        yield InProcessServer(app, url)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def database_bytes(sqlite_url: str) -> bytes:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [path, Path(f"{path}-wal")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def test_an_entry_saved_after_the_auto_lock_is_saved_by_unlocking(
    app_server: InProcessServer, visit: Visit, sqlite_url: str
) -> None:
    page = visit.page
    page.goto(f"{app_server.url}/journal")
    page.fill("#entry-text", WORDS)
    app_server.pass_idle_time()

    page.click("text=Save entry")
    page.wait_for_selector("h1:has-text('Unlock your journal')")
    assert "locked itself while you were writing" in page.inner_text("[role=status]")
    assert b"light on the river" not in database_bytes(sqlite_url)  # kept in the page only

    page.fill("#passphrase", "not my passphrase")
    page.click("button:has-text('Unlock')")
    assert "wrong passphrase" in page.inner_text("[role=alert]")
    assert "locked itself while you were writing" in page.inner_text("[role=status]")

    page.fill("#passphrase", TEST_PASSPHRASE)
    page.click("button:has-text('Unlock')")
    page.wait_for_url("**/journal/entries/*")
    assert "the light on the river this morning" in page.inner_text("main")
    assert "And a second line, kept too." in page.inner_text("main")
    assert b"light on the river" not in database_bytes(sqlite_url)  # saved, and encrypted

    page.goto(f"{app_server.url}/journal")
    assert page.locator(".entry-row").count() == 1
    # The refused passphrase and the locked save answer 401, which Chromium logs.
    assert [e for e in visit.console_errors if "401" not in e] == []
