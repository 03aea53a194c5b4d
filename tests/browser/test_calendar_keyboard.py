"""The home page's forms and the calendar by keyboard in a real browser (issue 11).

A check-in and an entry made from the home page fill in today's day on the calendar; the
keyboard reaches that day, which is read out as a sentence and shows where the focus is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
NUMB = "I feel numb and empty, like nothing reaches me."
TODAY = "a.day-cell[aria-current=date]"


@pytest.mark.parametrize("width", [390, 1280])
def test_today_is_reached_by_keyboard_and_read_as_a_sentence(
    server: Server, visit: Visit, width: int
) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{server.url}/")
    page.locator("#first-steps").get_by_role("link", name="Check in").click()
    page.get_by_role("radio", name="Energy 3, pleasantness 8: low energy, pleasant").click()
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url("**/checkin?saved=*")
    page.goto(f"{server.url}/")
    page.fill("#home-entry", NUMB)
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r"/journal/entries/\d+$"))
    page.goto(f"{server.url}/")
    assert "Today you checked in once (pleasant and calm) and wrote 1 entry." in page.inner_text(
        "#today-so-far"
    )
    page.get_by_role("link", name="See the month on a calendar").click()
    page.wait_for_url("**/insights/calendar")

    today = page.locator(TODAY)
    name = re.compile(
        r"^\w+ \d+ \w+, today: 1 check-in, pleasant and calm; 1 entry, signs: numbness$"
    )
    assert re.match(name, today.get_attribute("title") or "")
    assert page.get_by_role("link", name=name).count() == 1
    page.locator(".month-nav a").first.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.day-cell[aria-current=date]')"):
            break
    else:
        pytest.fail("Tab never reached today's day")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/insights/calendar/\d{4}-\d{2}-\d{2}$"))
    assert NUMB in page.inner_text("main")
    assert "pleasant and calm (pleasantness 8, energy 3)" in page.inner_text("main")
    assert visit.console_errors == []
