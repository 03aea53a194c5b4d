"""The practice timer in a real browser (issue 11, item 10): start, pause and reset, the time
left on the page, the end said in a status line without sound, and box breathing's
in / hold / out / hold cue. Time is driven with Playwright's clock, never slept through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
TIMER = "#practice-timer"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def open_practice(visit: Visit, server: Server, practice: str) -> Page:
    """The practice's page on a paused clock: time moves only when the test moves it."""
    page = visit.page
    page.clock.install(time=START)  # before the page loads: its timers and Date are the test's
    page.goto(f"{server.url}/practices/{practice}")
    # An installed clock still runs with real time; paused, a busy machine adds no drift.
    page.clock.pause_at(START + timedelta(hours=1))
    return page


def time_left(page: Page) -> str:
    return page.inner_text(f"{TIMER} .timer-display")


def status(page: Page) -> str:
    return page.inner_text(f"{TIMER} [role=status]")


def test_the_timer_counts_down_pauses_resets_and_says_when_time_is_up(
    server: Server, visit: Visit
) -> None:
    page = open_practice(visit, server, "body-scan")
    timer = page.locator(TIMER)
    assert timer.is_visible()
    assert time_left(page) == "5:00"
    start = timer.get_by_role("button", name="Start")

    start.click()
    page.clock.fast_forward("01:00")
    assert time_left(page) == "4:00"
    assert "Started: 5 minutes left." in status(page)

    timer.get_by_role("button", name="Pause").click()
    assert "Paused with 4 minutes left." in status(page)
    page.clock.fast_forward("02:00")  # a paused timer keeps its time
    assert time_left(page) == "4:00"

    timer.get_by_role("button", name="Resume").click()
    page.clock.fast_forward("01:30")
    assert time_left(page) == "2:30"

    timer.get_by_role("button", name="Reset").click()
    assert time_left(page) == "5:00"
    assert "Reset to 5 minutes." in status(page)
    page.clock.fast_forward("01:00")
    assert time_left(page) == "5:00"  # reset stops it too

    timer.get_by_role("button", name="Start").click()
    page.clock.fast_forward("05:01")
    assert time_left(page) == "0:00"
    # Said through a polite live region, shown on the page: no sound is needed.
    assert page.locator(f"{TIMER} [role=status]").get_attribute("aria-live") in (None, "polite")
    assert "Time is up." in status(page)
    assert timer.get_by_role("button", name="Start again").is_visible()
    assert page.locator(f"{TIMER} audio").count() == 0


def test_the_timer_works_from_the_keyboard_and_keeps_the_focus(
    server: Server, visit: Visit
) -> None:
    page = open_practice(visit, server, "present-moment")
    toggle = page.locator(f"{TIMER} [data-timer=toggle]")
    toggle.focus()
    page.keyboard.press("Enter")
    page.clock.fast_forward("00:10")
    assert time_left(page) == "2:50"
    # The button under the finger is still the one with the focus, now saying Pause.
    assert page.evaluate("document.activeElement.textContent") == "Pause"
    page.keyboard.press("Space")
    assert "Paused with 2 minutes 50 seconds left." in status(page)


def test_box_breathing_gives_an_in_hold_out_hold_cue(server: Server, visit: Visit) -> None:
    page = open_practice(visit, server, "box-breathing")
    phase = page.locator(f"{TIMER} .breath-phase")
    meter = page.locator(f"{TIMER} .breath-meter")
    assert phase.get_attribute("aria-live") == "polite"
    page.locator(TIMER).get_by_role("button", name="Start").click()
    seen = []
    for _ in range(5):
        page.clock.fast_forward("00:02")  # half way through each side of the box
        seen.append(
            (
                phase.inner_text(),
                page.inner_text(f"{TIMER} .breath-count"),
                float(meter.get_attribute("value") or 0),
            )
        )
        page.clock.fast_forward("00:02")
    assert seen == [
        ("Breathe in", "3", pytest.approx(2, abs=0.2)),  # the meter fills...
        ("Hold", "3", 4),  # stays full...
        ("Breathe out", "3", pytest.approx(2, abs=0.2)),  # empties...
        ("Hold", "3", 0),  # and stays empty
        ("Breathe in", "3", pytest.approx(2, abs=0.2)),
    ]
    assert meter.is_visible()
    page.clock.fast_forward("04:00")
    assert phase.inner_text() == "Breathe normally"
    assert "Time is up." in status(page)


def test_with_reduced_motion_the_breathing_meter_stays_still(server: Server, visit: Visit) -> None:
    page = open_practice(visit, server, "box-breathing")
    page.emulate_media(reduced_motion="reduce")
    page.locator(TIMER).get_by_role("button", name="Start").click()
    page.clock.fast_forward("00:05")
    assert page.locator(f"{TIMER} .breath-meter").is_hidden()
    assert page.inner_text(f"{TIMER} .breath-phase") == "Hold"  # the words still guide


def test_the_timer_page_has_no_axe_findings(server: Server, visit: Visit) -> None:
    page = open_practice(visit, server, "box-breathing")
    page.locator(TIMER).get_by_role("button", name="Start").click()
    page.clock.fast_forward("00:03")
    page.clock.resume()  # axe waits on its own timers, which a paused clock never fires
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_practice_without_a_timer_shows_none(server: Server, visit: Visit) -> None:
    page = open_practice(visit, server, "feeling-words")
    assert page.locator(TIMER).count() == 0


def test_without_javascript_no_dead_buttons_show(server: Server, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/practices/box-breathing")
        assert page.locator(TIMER).is_hidden()
        assert "reconnect practice run box-breathing" in page.inner_text("main")
    finally:
        context.close()
