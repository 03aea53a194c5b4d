"""Domestic-abuse help on an entry page in Chromium: it fits a phone and passes axe-core."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser


def test_an_entry_about_being_controlled_shows_help_on_a_phone(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", "He goes through my messages every night and keeps my bank card.")
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")
    help_box = page.locator(".abuse-help")
    assert help_box.is_visible()
    assert "National Domestic Violence Hotline" in help_box.inner_text()  # RECONNECT_COUNTRY=US
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
