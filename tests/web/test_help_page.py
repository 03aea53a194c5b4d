"""Defect 6 on the web: "Get help now" reads the country alone and says why it falls back."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from reconnect.config import Settings, config_file, save_setting
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def app_without_country(sqlite_url: str) -> Iterator[TestClient]:
    """The app as ``reconnect serve`` builds it when no country was set at start (still locked:
    help needs no unlocking)."""
    with TestClient(create_app(Settings(database_url=sqlite_url)), base_url=BASE) as client:
        yield client


def note_of(page: str) -> str:
    """The note line above the list, unescaped."""
    start = page.index('<p class="muted">') + len('<p class="muted">')
    return html.unescape(page[start : page.index("</p>", start)])


def test_with_no_country_the_help_page_says_why_it_shows_the_international_list(
    app_without_country: TestClient,
) -> None:
    page = app_without_country.get("/help").text
    assert "findahelpline.com" in page
    assert note_of(page) == (
        "No country is set, so this is the international list; choose yours in Settings."
    )


def test_a_country_set_after_the_server_started_is_used(app_without_country: TestClient) -> None:
    save_setting("country", "GB")  # as `reconnect settings set country GB` in another terminal
    page = app_without_country.get("/help").text
    assert "Samaritans" in page and "116 123" in page
    assert "international list" not in page


def test_an_unreadable_settings_file_is_named_on_the_help_page(
    app_without_country: TestClient,
) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("country = \n")
    page = app_without_country.get("/help").text
    assert "findahelpline.com" in page
    assert note_of(page) == (
        f"The settings file {config_file()} cannot be read, so this is the international list."
    )


def test_an_unknown_country_still_says_so(app_without_country: TestClient) -> None:
    page = app_without_country.get("/help", params={"country": "FR"}).text
    assert note_of(page) == "No resources are listed for 'FR' yet; here is the international list."
