"""The self-check in a real browser: take it, see the result and history, leave and resume."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reconnect.content import load_instrument

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
ITEMS = load_instrument().items
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "selfcheck-result.png"


def answer_all(visit: Visit, value_for: dict[str, int] | None = None, default: int = 2) -> None:
    for item in ITEMS:
        value = (value_for or {}).get(item.id, default)
        visit.page.check(f"input[name='{item.id}'][value='{value}']")


def start(visit: Visit, server: Server, who: str = "About me") -> None:
    visit.page.goto(f"{server.url}/")
    visit.page.click("text=Start a self-check")
    visit.page.click(f"button:has-text('{who}')")
    visit.page.wait_for_selector("#selfcheck-form")


def test_completing_a_selfcheck_shows_the_result(server: Server, visit: Visit) -> None:
    start(visit, server)
    page = visit.page
    assert page.inner_text("#progress-text") == f"0 of {len(ITEMS)} answered"
    strong = {item.id: 0 if item.reverse else 4 for item in ITEMS if item.dimension == "numbness"}
    answer_all(visit, strong)
    assert page.inner_text("#progress-text") == f"{len(ITEMS)} of {len(ITEMS)} answered"
    page.click("text=See my result")
    page.wait_for_url("**/selfcheck/results/*")

    numbness = page.locator("[data-dimension=numbness]")
    assert "Strong signs" in numbness.inner_text()
    assert "100 / 100" in numbness.inner_text()
    assert "Many signs" in page.locator("[data-dimension=withdrawal]").inner_text()
    assert page.locator("table.contrast tbody tr").count() == 4
    assert "What healthy boundaries look like" in page.inner_text("table.contrast")
    assert "When talking to a professional may help" in page.inner_text(".seek-help")
    assert "not a diagnosis" in page.inner_text(".disclaimer")
    assert visit.hosts == {server.url.split("/")[2]}
    assert visit.console_errors == []

    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_two_selfchecks_appear_in_the_history(server: Server, visit: Visit) -> None:
    for value in (4, 1):
        start(visit, server)
        answer_all(visit, default=value)
        visit.page.click("text=See my result")
        visit.page.wait_for_url("**/selfcheck/results/*")
    page = visit.page
    page.click("nav >> text=History")
    assert page.locator("ol.results li").count() == 2
    rows = page.locator("table.history tbody tr")
    assert rows.count() == 6
    first_row = rows.nth(0).inner_text()
    assert "Emotional numbness" in first_row
    assert page.locator("svg.sparkline polyline").count() == 6
    assert visit.console_errors == []


def test_leaving_midway_and_resuming_keeps_the_answers(server: Server, visit: Visit) -> None:
    start(visit, server, who="About my partner")
    page = visit.page
    page.check(f"input[name='{ITEMS[0].id}'][value='3']")
    page.wait_for_selector("#draft-status:has-text('Saved 1 of')")
    page.check(f"input[name='{ITEMS[1].id}'][value='1']")
    page.wait_for_selector("#draft-status:has-text('Saved 2 of')")

    page.goto(f"{server.url}/")
    page.click("text=Resume where you left off")
    page.wait_for_selector("#selfcheck-form")
    assert page.is_checked(f"input[name='{ITEMS[0].id}'][value='3']")
    assert page.is_checked(f"input[name='{ITEMS[1].id}'][value='1']")
    assert "my partner" in page.inner_text(f"#item-{ITEMS[0].id} legend").lower()
    assert page.inner_text("#progress-text") == f"2 of {len(ITEMS)} answered"
    answer_all(visit, {ITEMS[0].id: 3, ITEMS[1].id: 1})
    page.click("text=See my result")
    page.wait_for_url("**/selfcheck/results/*")
    assert "about your partner" in page.inner_text(".lead")


def test_get_help_now_is_on_every_page(server: Server, visit: Visit) -> None:
    page = visit.page
    for path in ("/", "/selfcheck", "/selfcheck/take", "/selfcheck/history", "/help", "/nope"):
        page.goto(f"{server.url}{path}")
        link = page.locator("header a.help-now")
        assert link.inner_text() == "Get help now", path
    page.click("header a.help-now")
    assert "emergency" in page.inner_text("main").lower()
    assert "findahelpline.com" in page.inner_text("main")
