"""SAFE-9 in Chromium: the opt-in copy of the plan opens while locked; the default does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.conftest import TEST_PASSPHRASE

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser


def _write_plan(page: Page, url: str) -> None:
    page.goto(f"{url}/safety-plan")
    page.fill("#plan-people", "Ana 07700 900123")
    page.fill("#plan-reasons", "My niece")
    page.get_by_role("button", name="Save my plan").click()
    page.wait_for_url("**/safety-plan?saved=true")


def _lock(page: Page) -> None:
    page.locator(".lock-form").get_by_role("button", name="Lock").click()
    page.wait_for_selector("h1:has-text('Unlock your journal')")


def test_locked_the_plan_needs_the_passphrase_unless_a_copy_was_chosen(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    _write_plan(page, server.url)
    # The default: once locked, the plan leads to the unlock page and shows nothing.
    _lock(page)
    page.goto(f"{server.url}/safety-plan")
    page.wait_for_url("**/unlock?next=/safety-plan")
    assert "Ana 07700 900123" not in page.content()
    page.fill("#passphrase", TEST_PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url("**/safety-plan")
    # Chosen: a copy that opens while locked, read-only.
    trade_off = page.locator("form[action='/safety-plan/open-copy']")
    assert "anyone who can open this computer's reconnect files can read" in trade_off.inner_text()
    trade_off.get_by_role("button", name="Keep a copy I can read while locked").click()
    page.wait_for_url("**/safety-plan")
    assert page.get_by_text("A readable copy is kept.").is_visible()
    _lock(page)

    page.get_by_role("link", name="Get help now").click()
    page.wait_for_url("**/help")
    page.get_by_role("link", name="Open my safety plan").click()
    page.wait_for_url("**/safety-plan")
    assert page.locator("h1").inner_text() == "My safety plan"
    assert page.get_by_text("Ana 07700 900123").is_visible()
    assert page.get_by_text("My niece").is_visible()
    assert "Your journal is locked" in page.get_by_role("status").first.inner_text()
    assert page.locator("textarea").count() == 0  # read-only while locked
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
