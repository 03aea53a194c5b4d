"""Dark mode (issue 11, WCAG 2.2 AA): the mood meter's four colours stay apart.

That every page turns dark and has no serious or critical axe finding at 390 and 1280 px is
checked on the same walk as the light pages, in tests/browser/test_every_page.py.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from tests.browser.colour import difference, rgb
from tests.browser.test_every_page import page_is_dark

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
QUADRANTS = ("red", "yellow", "blue", "green")
# CIE76 colour difference: about 2 is just noticeable; 20 is plainly another colour.
APART = 20.0


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
