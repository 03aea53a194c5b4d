"""Keyboard focus and motion (issue 11, WCAG 2.2 AA).

Focus: walking each page with Tab, every control shows a focus ring (2.4.7) that stands at
least 3:1 against what surrounds it (1.4.11), in light and in dark; going back up with
Shift+Tab, no control hides under the self-check's sticky progress bar (2.4.11).

Motion: with ``prefers-reduced-motion: reduce`` nothing transitions or animates, even a
transition or an animation added after the fact (set here through the CSSOM, which the
page's CSP allows), while without the preference that same motion runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.browser.colour import contrast, luminance, rgb

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
PAGES = (
    "/",
    "/journal",
    "/checkin",
    "/selfcheck/take",
    "/practices/box-breathing",
    "/insights",
    "/settings",
    "/help",
)
MAX_STOPS = 250  # more Tab stops than any of these pages has (the check-in: about 150)
RING = 3.0  # WCAG 1.4.11: a focus indicator needs 3:1 against the colours next to it

# The focused element, its outline, and the first opaque background behind it (the ring
# sits outside the element, so it is drawn on its surroundings).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { return null; }
  if (el.dataset.tabSeen) { return null; }
  el.dataset.tabSeen = "yes";
  // A box or a radio in a pill may have the ring drawn round its label instead.
  const label = el.closest("label");
  const ringed = getComputedStyle(el).outlineStyle === "none" && label ? label : el;
  let behind = ringed.parentElement;
  let background = getComputedStyle(document.body).backgroundColor;
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    const alpha = colour.startsWith("rgba") ? parseFloat(colour.split(",")[3]) : 1;
    if (alpha > 0.5) { background = colour; break; }
    behind = behind.parentElement;
  }
  const style = getComputedStyle(ringed);
  const name = (el.getAttribute("aria-label") || ringed.textContent || el.name || "").trim();
  return {
    name: `${el.tagName.toLowerCase()} '${name.slice(0, 40)}'`,
    visible: el.matches(":focus-visible"),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    background: background,
  };
}"""
# Where the focused element and the sticky bar are on the screen, when the bar is stuck.
UNDER_THE_BAR = """() => {
  const el = document.activeElement;
  const bar = document.querySelector(".progress-line").getBoundingClientRect();
  const here = el.getBoundingClientRect();
  const stuck = bar.top <= 0.5;
  return stuck && here.top < bar.bottom && here.bottom > bar.top
    ? `${el.tagName.toLowerCase()} ${el.name || ""} is under the bar (${here.top} < ${bar.bottom})`
    : null;
}"""
# Motion such as a later change could bring: a transition and an animation on every control.
ADD_MOTION = """() => {
  const controls = "a, button, input, select, textarea, summary, progress";
  for (const el of document.querySelectorAll(controls)) {
    el.style.transition = "background-color 0.4s ease 0.1s";
    el.style.animation = "none 1s ease 0.2s infinite";
  }
}"""
# Every element or pseudo-element with a transition or an animation that takes time.
MOVING = """() => [...document.querySelectorAll("*")].flatMap(el => {
  const found = [];
  for (const pseudo of [null, "::before", "::after"]) {
    const s = getComputedStyle(el, pseudo);
    const times = [s.transitionDuration, s.transitionDelay, s.animationDuration, s.animationDelay]
      .join(",").split(",").map(parseFloat);
    if (times.some(t => t > 0)) {
      found.push(`${el.tagName.toLowerCase()}${pseudo || ""}: transition ${s.transitionDuration}`
        + ` (delay ${s.transitionDelay}), animation ${s.animationDuration}`);
    }
  }
  return found;
})"""


def tab_through(page: Page) -> list[dict[str, Any]]:
    """Press Tab from the top until focus comes round again; what each stop looked like."""
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            return stops
        stops.append(focused)
    pytest.fail(f"more than {MAX_STOPS} Tab stops on {page.url}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_shows_a_clear_focus_ring_when_tabbed_to(
    server: Server, visit: Visit, scheme: str
) -> None:
    page = visit.page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    problems: list[str] = []
    for path in PAGES:
        page.goto(f"{server.url}{path}")
        page.wait_for_load_state("load")
        paper = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert (luminance(paper) < 0.05) == (scheme == "dark"), f"{path} is not {scheme}"
        stops = tab_through(page)
        assert len(stops) > 3, f"{path}: Tab reached only {stops}"
        for stop in stops:
            where = f"{path}: {stop['name']}"
            if not stop["visible"]:
                problems.append(f"{where} is focused but not :focus-visible")
            elif stop["style"] == "none" or stop["width"] < 2:
                problems.append(f"{where} has no focus ring ({stop['style']} {stop['width']}px)")
            else:
                ratio = contrast(rgb(stop["colour"]), rgb(stop["background"]))
                if ratio < RING:
                    problems.append(
                        f"{where}: ring {stop['colour']} on {stop['background']} is {ratio:.2f}:1"
                    )
    assert problems == [], "\n".join(problems)


def test_going_back_up_no_control_hides_under_the_sticky_progress_bar(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/selfcheck/take")
    page.wait_for_load_state("load")
    stops = tab_through(page)  # now at the end of the page
    hidden: list[str] = []
    for _ in range(len(stops) - 1):
        page.keyboard.press("Shift+Tab")
        under = page.evaluate(UNDER_THE_BAR)
        if under:
            hidden.append(under)
    assert hidden == [], "\n".join(hidden)


def test_with_reduced_motion_nothing_moves(server: Server, visit: Visit) -> None:
    page = visit.page
    page.emulate_media(reduced_motion="reduce")
    for path in PAGES:
        page.goto(f"{server.url}{path}")
        assert page.evaluate(MOVING) == [], path  # nothing in the app's own styles
        page.evaluate(ADD_MOTION)
        assert page.evaluate(MOVING) == [], f"{path}: motion added later still runs"

    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(MOVING) != []  # the same motion runs for everyone else
