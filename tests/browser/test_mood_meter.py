"""The check-in page's mood meter on a phone: it fits, a thumb can hit it, and keys move on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
CHECKED = "input[name=mood]:checked"


def test_the_meter_fits_a_phone_with_squares_a_thumb_can_hit(server: Server, visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/checkin")
    grid = page.locator("#mood-grid").bounding_box()
    assert grid is not None and grid["x"] >= 0 and grid["x"] + grid["width"] <= 390
    boxes = page.eval_on_selector_all(
        "input[name=mood]",
        "cells => cells.map(c => [c.getBoundingClientRect().width, c.offsetHeight])",
    )
    assert len(boxes) == 100
    assert min(height for _, height in boxes) >= 44
    assert min(width for width, _ in boxes) >= 24  # WCAG 2.5.8's minimum target
    page.get_by_role("radio", name="Energy 9, pleasantness 2: high energy, unpleasant").click()
    assert page.locator("#mood-choice").inner_text() == (
        "Chosen: energy 9, pleasantness 2: high energy, unpleasant."
    )
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url("**/checkin?saved=*")
    assert page.locator("main .notice").inner_text() == "Checked in: high energy, unpleasant."
    assert visit.console_errors == []


def test_arrow_keys_move_in_two_directions_and_stop_at_the_edge(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/checkin")
    page.locator(CHECKED).focus()  # Tab lands here: the chosen square of the radio group
    for key in ("ArrowUp", "ArrowUp", "ArrowRight", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
    assert page.locator(CHECKED).get_attribute("value") == "8,7"
    assert page.evaluate("document.activeElement.value") == "8,7"
    assert page.locator("#mood-choice").inner_text() == (
        "Chosen: energy 7, pleasantness 8: high energy, pleasant."
    )
    for _ in range(5):
        page.keyboard.press("ArrowUp")
    assert page.locator(CHECKED).get_attribute("value") == "8,10"  # not wrapped to the bottom
    page.keyboard.press("ArrowDown")
    assert page.locator(CHECKED).get_attribute("value") == "8,9"
    page.keyboard.press("Enter")  # a radio button submits its form, as any field does
    page.wait_for_url("**/checkin?saved=*")
    assert page.locator("main .notice").inner_text() == "Checked in: high energy, pleasant."
