"""Issue 11: trend charts with axes and tooltips, and check-in feelings led by the chosen square."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.content import load_feelings
from reconnect.services import journal

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
SHOWN_CHIPS = "#checkin-form .chip:visible"
WORDS = ["I feel nothing at #work, numb", "A walk with @sam, felt close again", "Numb again"]


def _write_three_weeks(db_url: str) -> None:
    """An entry a day from Monday 2 November 2026: three weeks, the first one numb twice."""
    services = build_services(Settings(database_url=db_url))
    try:
        start = datetime(2026, 11, 2, 20, tzinfo=UTC)
        for day in range(15):
            journal.write_entry(services, WORDS[day % 3], written_at=start + timedelta(days=day))
    finally:
        services.close()


def test_the_trend_chart_has_axes_a_tooltip_per_week_and_a_table(
    server: Server, visit: Visit
) -> None:
    _write_three_weeks(server.db_url)
    page = visit.page
    page.goto(f"{server.url}/insights")
    chart = page.locator("svg.chart")
    ticks = chart.locator("text").all_text_contents()
    assert ticks[:4] == ["Share of entries", "100%", "50%", "0%"]
    assert chart.locator(".week-label").all_text_contents() == ["Week of 2 Nov", "Week of 16 Nov"]
    numb = chart.locator("circle.line-numbness title").all_text_contents()
    assert numb[0] == "Week of 2 Nov: numbness in 5 of 7 entries", numb
    assert len(numb) == 3
    assert "16 Nov" in (chart.get_attribute("aria-label") or "")
    table = page.locator("#trends-table")
    assert table.locator("tbody tr").count() == 3
    assert table.locator("tbody tr").first.locator("th").inner_text() == "2 Nov"
    tone = page.locator("table.every-sign tr", has_text="tone")
    assert tone.locator(".spark-y").inner_text().split() == ["+1", "\u22121"]
    assert tone.locator(".spark-x").inner_text().split() == ["2", "Nov", "16", "Nov"]
    assert tone.locator("circle title").count() == 3
    assert (tone.locator("circle title").first.text_content() or "").startswith(
        "Week of 2 Nov: tone "
    )
    numbness = page.locator("table.every-sign tr", has_text="numbness")
    assert numbness.locator(".spark-y").inner_text().split() == ["100%", "0%"]
    assert numbness.locator("circle title").first.text_content() == (
        "Week of 2 Nov: numbness in 5 of 7 entries"
    )
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def _shown_feelings(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(SHOWN_CHIPS).all_inner_texts()]


def test_choosing_a_square_puts_its_feelings_first_and_folds_the_others(
    server: Server, visit: Visit
) -> None:
    blue, *others = sorted(load_feelings(), key=lambda q: q.id != "blue")
    page = visit.page
    page.goto(f"{server.url}/checkin")
    assert len(_shown_feelings(page)) > len(blue.feelings) + 1  # before a choice: all of them
    page.get_by_role("radio", name="Energy 2, pleasantness 2: low energy, unpleasant").click()
    assert _shown_feelings(page) == [*blue.feelings, "I can't name it"]
    assert page.locator("#feelings-first h2").all_inner_texts() == [blue.label]
    page.get_by_text("Other feelings").click()
    shown = _shown_feelings(page)
    assert shown[: len(blue.feelings)] == list(blue.feelings)
    assert set(shown) == {f for q in (blue, *others) for f in q.feelings} | {"I can't name it"}


def test_the_search_narrows_the_chips_and_says_how_many_match(server: Server, visit: Visit) -> None:
    everything = [f for q in load_feelings() for f in q.feelings]
    page = visit.page
    page.goto(f"{server.url}/checkin")
    search = page.get_by_label("Find a feeling")
    search.fill("dis")
    expected = [f for f in everything if "dis" in f]
    assert len(expected) > 1
    assert sorted(_shown_feelings(page)) == sorted([*expected, "I can't name it"])
    assert page.locator("#feeling-count").inner_text() == f"{len(expected)} feelings match."
    assert page.locator("#feeling-count").get_attribute("aria-live") == "polite"
    search.fill("qqq")
    assert _shown_feelings(page) == ["I can't name it"]
    assert page.locator("#feeling-count").inner_text() == "No feeling matches \u201cqqq\u201d."


def test_the_meter_the_search_and_a_feeling_work_from_the_keyboard(
    server: Server, visit: Visit
) -> None:
    tired = "tired" if any("tired" in q.feelings for q in load_feelings()) else None
    assert tired is not None
    page = visit.page
    page.goto(f"{server.url}/checkin")
    page.locator("input[name=mood]:checked").focus()
    for key in ("ArrowDown", "ArrowDown", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
    assert page.locator("#feelings-first h2").all_inner_texts() == ["Low energy, unpleasant"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "feeling-find"
    page.keyboard.type("tire")
    page.keyboard.press("Enter")  # does not check in
    assert "saved" not in page.url
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox", name="tired").is_checked()
    page.get_by_role("button", name="Check in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/checkin?saved=*")
    assert page.locator("main .notice").inner_text() == (
        "Checked in: low energy, unpleasant, feeling tired."
    )


def test_without_javascript_every_feeling_shows_and_the_search_stays_hidden(
    server: Server, browser: Browser
) -> None:
    everything = [f for q in load_feelings() for f in q.feelings]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/checkin")
        assert _shown_feelings(page) == [*everything, "I can't name it"]
        assert page.locator("#feeling-search").count() == 1
        assert page.locator("#feeling-search").is_hidden()
        assert page.locator("#other-feelings").is_hidden()
    finally:
        context.close()
