"""Reminders: chosen days and time, refused when impossible, exported as iCalendar."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

import icalendar
import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.reminders import Reminder, next_due, parse_days
from reconnect.errors import InputError, NotFoundError
from reconnect.services import reminders

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

TUESDAY_NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url), clock=lambda: TUESDAY_NOON)
    yield built
    built.close()


def test_the_ics_file_parses_back_with_the_schedule(services: Services) -> None:
    reminders.add_reminder(services, "body-scan", "mon,wed", "21:15")
    reminders.add_reminder(services, "relationship-checkin", "sun", "18:00")
    calendar = icalendar.Calendar.from_ical(reminders.reminders_ics(services))
    events: list[Any] = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 2
    first = events[0]
    assert str(first["SUMMARY"]) == "reconnect: Five-minute body scan"
    assert first["RRULE"]["FREQ"] == ["WEEKLY"]
    assert first["RRULE"]["BYDAY"] == ["MO", "WE"]
    start = first["DTSTART"].dt
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2026, 11, 25, 21, 15)
    assert events[1]["DTSTART"].dt.weekday() == 6


@pytest.mark.parametrize(
    ("practice", "days", "at", "error"),
    [
        ("body-scan", "blursday", "19:00", InputError),
        ("body-scan", "", "19:00", InputError),
        ("body-scan", "mon", "25:00", InputError),
        ("body-scan", "mon", "7pm", InputError),
        ("no-such-practice", "mon", "19:00", NotFoundError),
    ],
)
def test_impossible_schedules_are_refused_and_nothing_saved(
    services: Services, practice: str, days: str, at: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        reminders.add_reminder(services, practice, days, at)
    assert reminders.list_reminders(services) == []


def test_due_today_and_removal(services: Services) -> None:
    tuesday = reminders.add_reminder(services, "box-breathing", "tue,thu", "08:00")
    reminders.add_reminder(services, "body-scan", "weekends", "10:00")
    assert [r.practice_id for r in reminders.reminders_due_today(services)] == ["box-breathing"]
    reminders.remove_reminder(services, tuesday.id)
    assert reminders.reminders_due_today(services) == []
    with pytest.raises(NotFoundError):
        reminders.remove_reminder(services, tuesday.id)


def test_next_due_and_day_names() -> None:
    assert parse_days("weekdays") == ("mon", "tue", "wed", "thu", "fri")
    reminder = Reminder(1, "x", ("tue",), time(9, 0), TUESDAY_NOON)
    assert next_due(reminder, TUESDAY_NOON) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
