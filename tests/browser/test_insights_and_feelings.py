"""Issue 11: trend charts with axes and tooltips, and check-in feelings led by the chosen square."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import journal

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
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
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
