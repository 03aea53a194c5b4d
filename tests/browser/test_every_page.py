"""Every page at a phone's 390 px and a laptop's 1280 px, light and dark: it fits, it has no
serious axe finding, and with ``prefers-color-scheme: dark`` it turns dark (issue 11, WCAG 2.2 AA).

One server on an empty database and one browser page walk scripts/screenshots.py's tour:
setup, recovery key, unlock, then the demo journal's pages and the report. Each page is
loaded once and measured at both widths in the light scheme, then again with the browser
asking for dark (the dark style is CSS media queries only, so the loaded page follows the
switch at once). Every problem is collected, so one run names all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from scripts.screenshots import NAMES, WIDTHS, tour
from tests.browser.colour import luminance, rgb

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BLOCKING = ("serious", "critical")
AXE_SCRIPT = Axe().axe_script
TAP_HEIGHT = 44  # px: the smallest comfortable touch target (Apple HIG; WCAG 2.5.5)
# Everything a thumb aims at: the header's links and buttons, and buttons in the page.
TAPPABLE = "header a, header button, main .button, main button"
# The downloaded report is a file of its own, with its own light style.
NOT_THE_APPS = {"report"}


def _axe_findings(page: Page) -> list[str]:
    """Serious and critical axe-core findings; axe must already be loaded in the page."""
    violations: list[dict[str, Any]] = page.evaluate(
        "axe.run({resultTypes: ['violations']}).then(results => results.violations)"
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def _small_targets(page: Page) -> list[str]:
    heights: list[list[Any]] = page.eval_on_selector_all(
        TAPPABLE,
        """nodes => nodes.filter(n => n.getClientRects().length)
             .map(n => [n.textContent.trim(), n.getBoundingClientRect().height])""",
    )
    return [f"'{text}' is {height:.0f} px high" for text, height in heights if height < TAP_HEIGHT]


def page_is_dark(page: Page) -> bool:
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return luminance(rgb(background)) < 0.05


def _light_problems(page: Page, name: str, too_wide: dict[str, int]) -> list[str]:
    problems: list[str] = []
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        where = f"{name} at {width} px"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[where] = scroll_width
        problems += [f"{where}: {finding}" for finding in _axe_findings(page)]
        if width < 600 and name not in NOT_THE_APPS:
            problems += [f"{where}: {small}" for small in _small_targets(page)]
    return problems


def _dark_problems(page: Page, name: str) -> list[str]:
    page.emulate_media(color_scheme="dark")
    try:
        problems = []
        if name not in NOT_THE_APPS and not page_is_dark(page):
            problems.append(f"{name} in dark: the page stays light")
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            problems += [f"{name} in dark at {width} px: {f}" for f in _axe_findings(page)]
        return problems
    finally:
        page.emulate_media(color_scheme="light")


def test_every_page_fits_both_widths_turns_dark_and_has_no_serious_axe_finding(
    fresh_server: Server, visit: Visit
) -> None:
    page = visit.page
    page.emulate_media(color_scheme="light")
    problems: list[str] = []
    too_wide: dict[str, int] = {}
    visited: list[str] = []
    for name in tour(page, fresh_server.url, fresh_server.db_url):
        visited.append(name)
        page.evaluate(AXE_SCRIPT)  # once per page; then run at each width and scheme
        if name not in NOT_THE_APPS and page_is_dark(page):
            problems.append(f"{name}: dark while the browser asks for light")
        problems += _light_problems(page, name, too_wide)
        problems += _dark_problems(page, name)
    assert visited == list(NAMES)
    problems += [f"{where}: {wide} px wide, scrolls sideways" for where, wide in too_wide.items()]
    assert problems == [], "\n".join(problems)


def test_every_page_has_a_screenshot_at_both_widths_in_docs() -> None:
    expected = {f"{name}-{width}.png" for name in NAMES for width in WIDTHS}
    present = {path.name for path in SCREENSHOTS.glob("*-*.png")}
    assert expected - present == set(), "run: .venv/bin/python scripts/screenshots.py"
    total = sum((SCREENSHOTS / name).stat().st_size for name in expected)
    assert total < 2_000_000, f"docs/screenshots holds {total} bytes of page screenshots"
