"""The calm safety check on the entry page, in Chromium, on a phone and on a laptop screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT

from reconnect.content import load_texts

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page, ViewportSize
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
WORDS = load_texts().safety_check
SCREENS = [
    pytest.param({"width": 390, "height": 844}, id="phone-390"),
    pytest.param({"width": 1280, "height": 800}, id="laptop-1280"),
]


def _write(page: Page, server: Server, text: str) -> None:
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", text)
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")


def _fits(page: Page, selector: str) -> None:
    """The element is whole on the first screen, and nothing scrolls sideways."""
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_calm_check_fits_the_screen_and_im_safe_thanks(
    server: Server, visit: Visit, screen: ViewportSize, tmp_path: Path
) -> None:
    page = visit.page
    page.set_viewport_size(screen)
    _write(page, server, CONCERN_TEXT)
    first = page.locator("main > *").first
    assert first.get_attribute("class") == "safety-check"
    assert page.locator(".crisis-banner").count() == 0
    assert first.locator("h2").inner_text() == WORDS.question
    _fits(page, ".safety-check")
    for label in (WORDS.safe, WORDS.help):
        button = first.get_by_role("button", name=label)
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44  # a comfortable touch target
    _accessible(page)
    page.screenshot(path=str(tmp_path / f"asked-{screen['width']}.png"))

    first.get_by_role("button", name=WORDS.safe).click()
    page.wait_for_load_state("load")
    panel = page.locator(".safety-check")
    assert WORDS.thanks in panel.inner_text()
    assert panel.get_by_role("link", name=WORDS.help_link).get_attribute("href") == "/help"
    assert page.locator("header a.help-now").is_visible()
    _fits(page, ".safety-check")
    _accessible(page)
    page.screenshot(path=str(tmp_path / f"answered-{screen['width']}.png"))
    assert visit.console_errors == []


def test_show_me_help_opens_the_help_page_and_a_later_crisis_comes_first(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    _write(page, server, CONCERN_TEXT)
    page.get_by_role("button", name=WORDS.help).click()
    page.wait_for_url(f"{server.url}/help")
    assert page.locator("h1").inner_text() == "Get help now"
    assert page.locator("a[href='tel:988']").count() >= 1

    page.go_back()
    page.reload()
    assert WORDS.asked_for_help in page.locator(".safety-check").inner_text()

    _write(page, server, CRISIS_TEXT)
    assert page.locator("main > *").first.get_attribute("class") == "crisis-banner"
    assert page.locator(".safety-check").count() == 0
    assert visit.console_errors == []


@pytest.mark.parametrize("screen", SCREENS)
def test_a_worrying_check_in_note_asks_the_same_calm_check(
    server: Server, visit: Visit, screen: ViewportSize, tmp_path: Path
) -> None:
    page = visit.page
    page.set_viewport_size(screen)
    page.goto(f"{server.url}/checkin")
    page.fill("#note", CONCERN_TEXT)
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url("**/checkin?saved=*")
    first = page.locator("main > *").first
    assert first.get_attribute("class") == "safety-check"
    assert first.locator("h2").inner_text() == WORDS.question
    _fits(page, ".safety-check")
    _accessible(page)
    page.screenshot(path=str(tmp_path / f"checkin-asked-{screen['width']}.png"), full_page=True)
    first.get_by_role("button", name=WORDS.safe).click()
    page.wait_for_url("**/checkin?saved=*")
    assert WORDS.thanks in page.locator(".safety-check").inner_text()
    assert visit.console_errors == []
