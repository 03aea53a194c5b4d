"""Home as a dashboard for today and the calendar pages, over real HTTP (issue 11).

The app runs on a real SQLite journal with its clock fixed on a Thursday evening; records are
written through the same services bundle the app uses.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BASE, unlock

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import checkins, journal
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)  # Thursday 10 December 2026
NUMB = "I feel numb and empty, like nothing reaches me."
CLOSE = "We talked for hours and I finally opened up to her. I felt close again."


def text_of(html: str) -> str:
    """A page as read: tags gone, whitespace joined."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def app(sqlite_url: str) -> Iterator[tuple[TestClient, Services]]:
    settings = Settings(database_url=sqlite_url)
    services = build_services(settings, clock=lambda: NOW, unlock_from_environment=False)
    try:
        with TestClient(create_app(settings, services), base_url=BASE) as client:
            unlock(client)
            yield client, services
    finally:
        services.close()


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=UTC)


def test_a_new_journal_points_to_a_first_step(app: tuple[TestClient, Services]) -> None:
    client, _ = app
    page = client.get("/").text
    steps = text_of(section(page, "first-steps"))
    assert "Your journal is new and empty." in steps
    for step in ("Check in", "Write a few lines", "Take the self-check"):
        assert step in steps
    assert 'href="/checkin"' in page and 'action="/journal"' in page
    assert "Start a self-check" in steps
    assert 'id="this-week"' not in page
    practice = text_of(section(page, "practice-today"))
    assert "Why this one: a gentle practice that suits any day." in practice


def test_the_write_form_on_home_saves_an_entry_and_today_shows_it(
    app: tuple[TestClient, Services],
) -> None:
    client, _ = app
    form = {"csrf_token": token(client.get("/").text), "text": NUMB}
    saved = client.post("/journal", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert re.fullmatch(r"/journal/entries/\d+", saved.headers["location"])
    page = client.get("/").text
    assert "Thursday 10 December. Today you wrote 1 entry." in text_of(page)
    assert 'id="first-steps"' not in page
    week = text_of(section(page, "this-week"))
    assert "You wrote 1 entry, none the week before." in week
    assert "The sign seen most often was numbness, in your one entry this week." in week
    assert 'href="/insights/calendar"' in section(page, "this-week")


def test_home_suggests_todays_practice_with_its_reason(app: tuple[TestClient, Services]) -> None:
    client, services = app
    for day in (8, 9, 10):
        journal.write_entry(services, NUMB, written_at=at(day))
    checkins.record_checkin(services, pleasantness=8, energy=3, checked_at=at(10, 8))
    page = client.get("/").text
    practice = section(page, "practice-today")
    assert re.search(r'href="/practices/[a-z-]+"', practice)
    assert "numbness showed up in 3 of your last 3 entries" in text_of(practice)
    assert "Today you checked in once (pleasant and calm) and wrote 1 entry." in text_of(page)
    assert 'href="/checkin"' in section(page, "check-in-or-write")


def test_the_calendar_tells_every_day_in_words(app: tuple[TestClient, Services]) -> None:
    client, services = app
    checkins.record_checkin(services, pleasantness=8, energy=3, checked_at=at(3))
    journal.write_entry(services, NUMB, written_at=at(3, 20))
    page = client.get("/insights/calendar").text
    assert '<h2 id="month-title">December 2026</h2>' in page
    assert (
        '<a class="day-cell" href="/insights/calendar/2026-12-03" '
        'title="Thursday 3 December: 1 check-in, pleasant and calm; 1 entry, signs: numbness">'
    ) in page
    assert (
        '<span class="visually-hidden">Thursday 3 December: 1 check-in, pleasant and calm; '
        "1 entry, signs: numbness</span>"
    ) in page
    assert page.count('class="day-cell" href=') == 10  # 1 to 10 December; the rest is to come
    assert 'aria-current="date"' in page and "Thursday 10 December, today: nothing recorded" in page
    assert "Friday 11 December</span>" in page
    summary = text_of(page)
    assert "1 check-in on 1 day: 1 pleasant and calm." in summary
    assert "1 entry on 1 day; signs of detachment showed on 1 day, numbness most often" in summary
    assert 'href="/insights/calendar?month=2026-11"' in page
    assert "?month=2027-01" not in page  # no link into a month still to come


def test_month_links_and_the_sign_filter_keep_each_other(app: tuple[TestClient, Services]) -> None:
    client, services = app
    journal.write_entry(services, NUMB, written_at=at(1) - timedelta(days=3))
    journal.write_entry(services, CLOSE, written_at=at(1) - timedelta(days=2))
    page = client.get("/insights/calendar", params={"month": "2026-11", "sign": "reconnection"})
    assert page.status_code == 200
    assert "November 2026" in page.text
    assert 'href="/insights/calendar?month=2026-12&amp;sign=reconnection"' in page.text
    assert page.text.count('class="sign-mark"') == 1
    assert '<option value="reconnection" selected>' in page.text
    plain = client.get("/insights/calendar", params={"month": "2026-11"}).text
    assert plain.count('class="sign-mark"') == 1  # the numb day, not the close one
    assert "Saturday 28 November: 1 entry, signs: numbness" in plain


def test_an_empty_month_says_how_its_days_fill_in(app: tuple[TestClient, Services]) -> None:
    client, _ = app
    page = text_of(client.get("/insights/calendar").text)
    assert "Nothing recorded in December 2026." in page
    assert "Each check-in and entry fills in its day here." in page


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        pytest.param("/insights/calendar?month=2026-13", "Write a month as YYYY-MM", id="month"),
        pytest.param("/insights/calendar/2026-02-30", "Write a day as YYYY-MM-DD", id="day"),
        pytest.param("/insights/calendar?sign=sadness", "Choose a sign from the list", id="sign"),
    ],
)
def test_a_wrong_month_day_or_sign_is_a_clear_message(
    app: tuple[TestClient, Services], path: str, hint: str
) -> None:
    client, _ = app
    response = client.get(path)
    assert response.status_code == 422
    assert hint in response.text
    assert "Get help now" in response.text


def test_a_day_page_lists_what_was_recorded_that_day(app: tuple[TestClient, Services]) -> None:
    client, services = app
    entry = journal.write_entry(services, CLOSE, written_at=at(9, 21))
    checkins.record_checkin(
        services, pleasantness=3, energy=8, feelings=["tense"], note="deadline", checked_at=at(9)
    )
    page = client.get("/insights/calendar/2026-12-09").text
    shown = text_of(page)
    assert "Wednesday 9 December 2026" in shown
    assert "09:00 — unpleasant and stirred up (pleasantness 3, energy 8); tense deadline" in shown
    assert f'href="/journal/entries/{entry.id}"' in page
    assert "Signs: reconnection" in shown
    assert 'href="/insights/calendar/2026-12-08"' in page
    assert 'href="/insights/calendar/2026-12-10"' in page
    today = client.get(f"/insights/calendar/{date(2026, 12, 10).isoformat()}").text
    assert "No check-ins on this day." in today and "No entries on this day." in today
    assert 'href="/insights/calendar/2026-12-11"' not in today


def test_the_insights_page_links_to_the_calendar(app: tuple[TestClient, Services]) -> None:
    client, _ = app
    assert 'href="/insights/calendar"' in client.get("/insights").text
