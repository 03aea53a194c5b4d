"""SAFE-9 in Chromium: from a crisis entry to the safety plan in one click, on a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.analysis_texts import CRISIS_TEXT

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser


def test_from_a_crisis_entry_to_the_safety_plan_in_one_click(server: Server, visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", CRISIS_TEXT)
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")
    page.locator(".crisis-banner").get_by_role("link", name="Open my safety plan").click()
    page.wait_for_url("**/safety-plan")
    assert page.locator("h1").inner_text() == "My safety plan"
    assert "988" in page.locator("#plan-professionals").input_value()  # RECONNECT_COUNTRY=US
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.fill("#plan-people", "Ana 07700 900123\nSam")
    page.fill("#plan-reasons", "My niece")
    page.get_by_role("button", name="Save my plan").click()
    page.wait_for_url("**/safety-plan?saved=true")
    assert page.get_by_role("status").inner_text() == "Your plan is saved."
    assert page.get_by_text("Ana 07700 900123").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
