"""Days are the person's days: an entry at 23:30 in Auckland is that evening's, not UTC's.

Moments are stored in UTC; Home, the calendar, the week's change and streaks count days in
the zone of ``Settings.timezone`` (default: the machine's zone; UTC in the other tests).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings, resolve, system_zone
from reconnect.domain.days import local_day
from reconnect.errors import InputError
from reconnect.services import checkins, journal, practices
from reconnect.services.calendar import day_records, month_calendar
from reconnect.services.today import look_at_today

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

AUCKLAND = ZoneInfo("Pacific/Auckland")  # UTC+13 in December (daylight time)
# 23:30 on 3 December in Auckland is 10:30 UTC on 3 December; 08:00 on 4 December in
# Auckland is 19:00 UTC on 3 December: both are the 3rd in UTC, two days in Auckland.
EVENING = datetime(2026, 12, 3, 23, 30, tzinfo=AUCKLAND)
NEXT_MORNING = datetime(2026, 12, 4, 8, 0, tzinfo=AUCKLAND)
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=AUCKLAND)


@pytest.fixture
def in_auckland(database_url: str) -> Iterator[Services]:
    built = build_services(
        Settings(database_url=database_url, timezone="Pacific/Auckland"),
        clock=lambda: NOW.astimezone(UTC),
    )
    yield built
    built.close()


def test_the_moments_fall_on_one_utc_day_and_two_local_days() -> None:
    assert local_day(EVENING) == local_day(NEXT_MORNING) == date(2026, 12, 3)
    assert local_day(EVENING, AUCKLAND) == date(2026, 12, 3)
    assert local_day(NEXT_MORNING, AUCKLAND) == date(2026, 12, 4)


def test_home_counts_today_in_the_persons_zone(in_auckland: Services) -> None:
    journal.write_entry(in_auckland, "Long day, quiet evening.", written_at=EVENING)
    checkins.record_checkin(in_auckland, pleasantness=7, energy=5, checked_at=NEXT_MORNING)
    today = look_at_today(in_auckland)
    assert today.day == date(2026, 12, 4)
    # This morning's check-in is today's; last night's entry is not.
    assert today.so_far.startswith("Today you checked in once")
    assert "wrote" not in today.so_far


def test_the_calendar_puts_each_record_on_its_local_day(in_auckland: Services) -> None:
    journal.write_entry(in_auckland, "Long day, quiet evening.", written_at=EVENING)
    checkins.record_checkin(in_auckland, pleasantness=7, energy=5, checked_at=NEXT_MORNING)
    month = month_calendar(in_auckland)
    days = {d.day: d for week in month.weeks for d in week if d is not None}
    assert days[date(2026, 12, 3)].entries == 1 and days[date(2026, 12, 3)].quadrants == ()
    assert days[date(2026, 12, 4)].entries == 0 and len(days[date(2026, 12, 4)].quadrants) == 1
    assert days[date(2026, 12, 4)].today
    evening = day_records(in_auckland, date(2026, 12, 3))
    assert [e.text for e in evening.entries] == ["Long day, quiet evening."]
    assert evening.checkins == []
    morning = day_records(in_auckland, date(2026, 12, 4))
    assert morning.entries == [] and len(morning.checkins) == 1
    assert morning.next is None  # tomorrow, in Auckland, is still to come


def test_a_practice_streak_counts_local_days(database_url: str) -> None:
    moments = [EVENING, NEXT_MORNING]
    built = build_services(
        Settings(database_url=database_url, timezone="Pacific/Auckland"),
        clock=lambda: moments[0].astimezone(UTC),
    )
    try:
        practices.log_practice(built, "body-scan")
        moments.pop(0)
        practices.log_practice(built, "body-scan")
        assert practices.current_streak(built) == 2  # one UTC day, two of the person's
    finally:
        built.close()


def test_an_unknown_time_zone_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InputError, match="unknown time zone 'Mars/Olympus'"):
        resolve(timezone="Mars/Olympus")
    assert resolve(timezone="Europe/Berlin").zone == ZoneInfo("Europe/Berlin")


def test_without_a_setting_the_machines_zone_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECONNECT_TIMEZONE")
    monkeypatch.setenv("TZ", "America/Denver")
    assert system_zone() == ZoneInfo("America/Denver")
    assert Settings().zone == ZoneInfo("America/Denver")
    monkeypatch.setenv("TZ", "Nowhere/Special")
    assert Settings().zone != ZoneInfo("America/Denver")  # falls back to the system's files


def test_the_week_change_counts_local_days(in_auckland: Services) -> None:
    # 08:00 on 28 November in Auckland: the first day of this week there (28 Nov - 4 Dec),
    # but 19:00 on 27 November in UTC, the week before.
    first_morning = datetime(2026, 11, 28, 8, 0, tzinfo=AUCKLAND)
    assert NOW - first_morning < timedelta(days=7)
    journal.write_entry(in_auckland, "Felt flat all afternoon.", written_at=first_morning)
    week = look_at_today(in_auckland).week
    assert week.this_week.entries == 1
    assert week.week_before.entries == 0
