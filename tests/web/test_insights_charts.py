"""The insights page of a young journal (issue 11, item 8): one week is drawn, and explained.

A line needs two weeks, so with one week the chart and every sparkline were empty and the
page said nothing about why.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import checkins, journal

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

NOTE = (
    "Only one week of entries so far, so each line is a single dot. "
    "Lines over time appear once there are two weeks of entries."
)
WORDS = ["I feel nothing at #work", "A walk with @sam, felt close again", "Numb, on autopilot"]


def fill(db: str, days: int) -> None:
    """An entry and a check-in a day from Monday 5 January 2026 on."""
    services = build_services(Settings(database_url=db))
    try:
        start = datetime(2026, 1, 5, 20, tzinfo=UTC)
        for day in range(days):
            moment = start + timedelta(days=day)
            journal.write_entry(services, WORDS[day % 3], written_at=moment)
            checkins.record_checkin(services, pleasantness=4, energy=5, checked_at=moment)
    finally:
        services.close()


def chart(page: str) -> str:
    found = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert found is not None
    return found.group(0)


def test_one_week_is_drawn_as_dots_with_a_note(sqlite_client: TestClient, sqlite_url: str) -> None:
    fill(sqlite_url, 5)
    page = sqlite_client.get("/insights").text
    assert chart(page).count("<circle") == 4  # numbness, autopilot, withdrawal, reconnection
    assert re.findall(r'class="tick week-label"[^>]*>([^<]*)<', chart(page)) == ["Week of 5 Jan"]
    assert NOTE in page
    sparklines = re.findall(r'<svg class="sparkline".*?</svg>', page, re.S)
    assert sparklines
    assert all("<circle" in line for line in sparklines)  # each row's one week is marked


def test_two_weeks_draw_lines_and_need_no_note(sqlite_client: TestClient, sqlite_url: str) -> None:
    fill(sqlite_url, 9)
    page = sqlite_client.get("/insights").text
    lines = re.findall(r'<polyline class="line [^"]*" points="([^"]*)"', chart(page))
    assert len(lines) == 4
    assert all(len(points.split()) == 2 for points in lines)
    assert "Only one week" not in page
