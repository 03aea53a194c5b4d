"""The demo journal in the browser: every page says it is a demo, and Lock is shown only
when there is something to lock (issue 11, item 12)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from tests.conftest import create_journal

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

BASE = "http://127.0.0.1:8765"
MARKER = "Demo journal — sample entries, nothing here is yours"
PAGES = (
    "/",
    "/help",
    "/journal",
    "/checkin",
    "/insights",
    "/practices",
    "/practices/box-breathing",
    "/settings",
    "/selfcheck",
    "/selfcheck/take",
    "/selfcheck/history",
    "/no-such-page",
)
LOCK_BUTTON = re.compile(r'<form[^>]*action="/lock"')


@pytest.fixture
def demo_client(tmp_path: Path) -> Iterator[TestClient]:
    """The web app serving an (unencrypted) demo journal, as ``reconnect serve --demo`` does."""
    url = create_journal(f"sqlite:///{tmp_path / 'demo.db'}", encrypted=False)
    with TestClient(create_app(Settings(database_url=url), demo=True), base_url=BASE) as client:
        client.headers["X-CSRF-Token"] = client.get("/api/csrf").json()["csrf_token"]
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_every_demo_page_says_it_is_a_demo_and_offers_no_lock(
    demo_client: TestClient, path: str
) -> None:
    page = demo_client.get(path)
    assert page.status_code in (200, 404), page.text
    assert MARKER in page.text
    # The demo is stored unencrypted: a Lock button there would lock nothing.
    assert not LOCK_BUTTON.search(page.text)
    assert "nothing to lock" in page.text


def test_the_marker_is_one_calm_note_at_the_top_of_the_page(demo_client: TestClient) -> None:
    main = demo_client.get("/journal").text.split('<main id="main">', 1)[1]
    assert main.lstrip().startswith('<aside class="notice demo-banner"')
    assert main.count(MARKER) == 1
    assert 'role="alert"' not in main.split("</aside>", 1)[0]  # calm: not announced as an alarm


def test_your_own_journal_shows_no_demo_marker_and_keeps_its_lock(
    sqlite_client: TestClient,
) -> None:
    page = sqlite_client.get("/journal").text
    assert MARKER not in page
    assert LOCK_BUTTON.search(page)  # an open, encrypted journal can be locked


def test_an_unencrypted_journal_of_your_own_offers_no_lock_that_does_nothing(
    tmp_path: Path,
) -> None:
    url = create_journal(f"sqlite:///{tmp_path / 'plain.db'}", encrypted=False)
    with TestClient(create_app(Settings(database_url=url)), base_url=BASE) as client:
        page = client.get("/journal").text
    assert MARKER not in page
    assert not LOCK_BUTTON.search(page)
