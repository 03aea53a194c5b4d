"""The journal, check-in and insights pages in a real browser, crisis banner included."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from pathlib import Path

    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser


def test_writing_an_entry_shows_its_signs(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", "Dinner with @sam #family. I said I'm fine but I feel nothing.")
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")
    assert page.locator("mark.sign-numbness").inner_text() == "feel nothing"
    assert "suppression" in page.inner_text("table.signs")
    assert page.locator(".crisis-banner").count() == 0
    page.click("text=Back to the journal")
    assert page.locator(".entry-row").count() == 1
    page.select_option("select[name=marker]", "numbness")
    page.click("button:has-text('Filter')")
    assert page.locator(".entry-row").count() == 1
    page.select_option("select[name=marker]", "crisis")
    page.click("button:has-text('Filter')")
    assert page.locator(".entry-row").count() == 0
    assert "No entries match these filters." in page.inner_text("main")
    assert visit.console_errors == []
    assert visit.hosts == {server.url.split("/")[2]}


@pytest.mark.parametrize("width", [390, 1280])
def test_deleting_an_entry_asks_first(
    server: Server, visit: Visit, width: int, tmp_path: Path
) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", "A slow Sunday, pancakes and the crossword.")
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")
    page.get_by_role("link", name="Delete this entry…").click()
    page.wait_for_url("**/delete")
    assert page.locator("h1").inner_text() == "Delete this entry for good?"
    assert "pancakes and the crossword" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=str(tmp_path / f"delete-{width}.png"))
    page.get_by_role("link", name="Keep it").click()
    page.wait_for_url(re.compile(r"/journal/entries/\d+$"))
    page.get_by_role("link", name="Delete this entry…").click()
    page.get_by_role("button", name="Delete for good").click()
    page.wait_for_url(f"{server.url}/journal")
    assert page.locator(".entry-row").count() == 0
    assert visit.console_errors == []


def test_crisis_language_puts_resources_first_in_view(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/journal")
    page.fill("#entry-text", "Honestly I don't want to be here anymore.")
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")
    first = page.locator("main > *").first
    assert first.get_attribute("class") == "crisis-banner"
    box = first.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    assert "help is available now" in first.inner_text()
    assert first.locator("a[href='tel:988']").count() == 1
    assert first.locator("a[href='sms:988']").count() == 1
    assert first.locator("a[href^='/help']").count() == 1


def test_a_checkin_is_one_form(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/checkin")
    page.check("input[name=mood][value='8,3']")
    page.check("input[name=feeling][value=calm]")
    page.check("input[name=feeling][value=grateful]")
    page.click("button:has-text('Check in')")
    page.wait_for_url("**/checkin?saved=*")
    # Issue 11, item 14: the notice says where on the mood meter, not "green quadrant".
    notice = page.locator("main .notice").inner_text()
    assert notice == "Checked in: low energy, pleasant, feeling calm, grateful."
    page.check("input[name=mood][value='1,1']")
    page.fill("#note", "i just want to disappear forever")
    page.click("button:has-text('Check in')")
    page.wait_for_url("**/checkin?saved=*")
    assert page.locator("main > *").first.get_attribute("class") == "crisis-banner"
    assert visit.console_errors == []


def test_the_insights_page_draws_trends_and_associations(server: Server, visit: Visit) -> None:
    page = visit.page
    for day in range(1, 22):
        text = (
            "Long day #work, I feel nothing, numb"
            if day % 2
            else "Walk with @ana, I opened up to her"
        )
        response = page.request.post(
            f"{server.url}/api/entries",
            data={"text": text, "written_at": f"2026-02-{day:02d}T20:00:00+00:00"},
            headers={
                "X-CSRF-Token": page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
            },
        )
        assert response.status == 201
    page.goto(f"{server.url}/insights")
    assert page.locator("svg.chart polyline").count() == 4
    table = page.inner_text("table.associations")
    assert "tag work" in table and "person ana" in table
    # plain words, not the JSON's field names
    assert "With it" in table and "Without it" in table
    assert "baseline_rate" not in page.inner_text("main")
    assert visit.console_errors == []


def test_practices_are_suggested_done_and_a_crisis_reflection_puts_help_first(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/practices")
    assert page.locator("ol.suggestions li").count() == 5
    assert page.locator("table.practices tbody tr").count() >= 25
    page.click("table.practices >> text=Five-minute body scan")
    assert "Why" not in page.inner_text("h1")
    page.fill("#reflection", "felt the floor under my feet")
    page.click("text=I did this")
    page.wait_for_url("**/practices/body-scan?logged=*")
    assert "Practice days in a row: 1" in page.inner_text("main")
    assert page.locator(".crisis-banner").count() == 0
    page.fill("#reflection", "what's the point, I want to end it all")
    page.click("text=I did this")
    page.wait_for_url("**/practices/body-scan?logged=*")
    assert page.locator("main > *").first.get_attribute("class") == "crisis-banner"
    with page.expect_download() as download:
        page.goto(f"{server.url}/practices")
        page.click("text=Download a report for a professional")
    assert download.value.suggested_filename == "reconnect-report.html"
    assert visit.console_errors == []
