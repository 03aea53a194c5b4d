"""Dark mode (issue 11, WCAG 2.2 AA): with ``prefers-color-scheme: dark`` every page turns dark,
has no serious or critical axe finding at 390 and 1280 px, and the mood meter's four colours
stay apart.

The pages are scripts/screenshots.py's tour, as in tests/browser/test_every_page.py, walked
once more with the browser asking for dark.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from scripts.screenshots import NAMES, WIDTHS, tour
from tests.browser.colour import difference, luminance, rgb
from tests.browser.test_every_page import AXE_SCRIPT, _axe_findings

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
# The downloaded report is a file of its own, with its own light style.
NOT_THE_APPS = {"report"}
QUADRANTS = ("red", "yellow", "blue", "green")
# CIE76 colour difference: about 2 is just noticeable; 20 is plainly another colour.
APART = 20.0


def page_is_dark(page: Page) -> bool:
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return luminance(rgb(background)) < 0.05


def test_every_page_is_dark_with_no_serious_axe_finding_at_both_widths(
    fresh_server: Server, visit: Visit
) -> None:
    page = visit.page
    page.emulate_media(color_scheme="dark")
    problems: list[str] = []
    visited: list[str] = []
    for name in tour(page, fresh_server.url, fresh_server.db_url):
        visited.append(name)
        if name not in NOT_THE_APPS and not page_is_dark(page):
            problems.append(f"{name}: the page stays light")
        page.evaluate(AXE_SCRIPT)
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            problems += [f"{name} at {width} px: {found}" for found in _axe_findings(page)]
    assert visited == list(NAMES)
    assert problems == [], "\n".join(problems)


def test_the_mood_meter_keeps_its_four_colours_apart_in_dark_mode(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.emulate_media(color_scheme="dark")
    page.goto(f"{server.url}/checkin")
    assert page_is_dark(page)
    card = rgb(page.eval_on_selector(".mood-meter", "e => getComputedStyle(e).backgroundColor"))
    for depth in range(1, 6):  # from the neutral middle out to the corners
        colours = {
            quadrant: rgb(
                page.eval_on_selector(
                    f".mood-{quadrant}.mood-depth-{depth}",
                    "e => getComputedStyle(e).backgroundColor",
                )
            )
            for quadrant in QUADRANTS
        }
        for one, other in itertools.combinations(QUADRANTS, 2):
            apart = difference(colours[one], colours[other])
            assert apart >= APART, f"depth {depth}: {one} and {other} differ by {apart:.1f}"
        for quadrant, colour in colours.items():
            assert difference(colour, card) >= APART, f"depth {depth}: {quadrant} vs the card"
