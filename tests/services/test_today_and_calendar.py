"""Today at a glance and the calendar, on a real SQLite file and on PostgreSQL (issue 11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.week import NOTHING_YET
from reconnect.services import checkins, journal, practices
from reconnect.services.calendar import day_records, month_calendar
from reconnect.services.today import look_at_today

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)  # a Thursday evening
NUMB = "I feel numb and empty, like nothing reaches me."
CLOSE = "We talked for hours and I finally opened up to her. I felt close again."


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url), clock=lambda: NOW)
    yield built
    built.close()


def days_ago(days: int, hour: int = 9) -> datetime:
    return (NOW - timedelta(days=days)).replace(hour=hour)


def test_a_new_journal_is_met_with_first_steps_and_a_gentle_practice(services: Services) -> None:
    today = look_at_today(services)
    assert today.first_time
    assert today.so_far == "Nothing recorded yet today."
    assert today.week.lines == (NOTHING_YET,)
    assert today.practice is not None
    assert today.practice.reasons == ("a gentle practice that suits any day",)


def test_today_and_this_week_are_read_from_what_was_recorded(services: Services) -> None:
    for days in (0, 1, 2):
        journal.write_entry(services, NUMB, written_at=days_ago(days))
    journal.write_entry(services, CLOSE, written_at=days_ago(8))
    checkins.record_checkin(services, pleasantness=8, energy=3, checked_at=days_ago(0, 8))
    checkins.record_checkin(services, pleasantness=3, energy=3, checked_at=days_ago(9))
    practices.log_practice(services, "body-scan")
    today = look_at_today(services)
    assert not today.first_time
    assert today.so_far == "Today you checked in once (pleasant and calm) and wrote 1 entry."
    assert today.week.lines == (
        "You wrote 3 entries, 2 more than the week before.",
        "You checked in once, as often as the week before.",
        "You did 1 practice, none the week before.",
        "The sign seen most often was numbness, in 3 of 3 entries; the week before, no sign "
        "showed.",
        "Check-ins felt more pleasant than the week before: 8.0 on average, from 3.0 (1 to 10).",
    )
    # The existing suggestion service decides; the reason it gives is shown with it.
    assert today.practice is not None
    assert any(
        "numbness showed up in 3 of your last 4 entries" in r for r in today.practice.reasons
    )


def test_a_journal_quiet_for_two_weeks_is_not_new(services: Services) -> None:
    journal.write_entry(services, NUMB, written_at=days_ago(30))
    today = look_at_today(services)
    assert not today.first_time
    assert today.week.lines == (NOTHING_YET,)


def test_the_month_holds_its_own_days_from_midnight_to_midnight(services: Services) -> None:
    december = datetime(2026, 12, 1, tzinfo=UTC)
    checkins.record_checkin(services, pleasantness=2, energy=2, checked_at=december)
    checkins.record_checkin(
        services, pleasantness=9, energy=9, checked_at=december - timedelta(seconds=1)
    )
    journal.write_entry(services, NUMB, written_at=december + timedelta(days=2, hours=7))
    month = month_calendar(services)
    assert month.title == "December 2026"
    assert month.days[0].label == "Tuesday 1 December: 1 check-in, unpleasant and low in energy"
    assert month.days[2].label == "Thursday 3 December: 1 entry, signs: numbness"
    assert month.days[9].label == "Thursday 10 December, today: nothing recorded"
    assert month.days[10].future
    november = month_calendar(services, datetime(2026, 11, 17).date())
    assert november.days[-1].label == "Monday 30 November: 1 check-in, pleasant and lively"
    assert november.next == datetime(2026, 12, 1).date()


def test_one_day_lists_its_check_ins_and_entries(services: Services) -> None:
    journal.write_entry(services, NUMB, written_at=days_ago(1, 21))
    journal.write_entry(services, CLOSE, written_at=days_ago(1, 7))
    checkins.record_checkin(services, pleasantness=6, energy=7, checked_at=days_ago(1, 12))
    journal.write_entry(services, CLOSE, written_at=days_ago(2))
    records = day_records(services, days_ago(1).date())
    assert [e.text for e in records.entries] == [CLOSE, NUMB]
    assert [c.quadrant for c in records.checkins] == ["yellow"]
    assert records.day.label == (
        "Wednesday 9 December: 1 check-in, pleasant and lively; 2 entries, "
        "signs: numbness, reconnection"
    )
    assert records.next == NOW.date()
    assert day_records(services, NOW.date()).next is None
