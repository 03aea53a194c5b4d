"""Reminder use cases: add, list, remove, what is due, and export to iCalendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.content import load_practices
from reconnect.domain.reminders import MAX_REMINDERS, Reminder, due_today, parse_days, parse_time
from reconnect.errors import InputError
from reconnect.reports.ical import to_ics
from reconnect.services.practices import get_practice
from reconnect.storage import reminders as reminder_rows

if TYPE_CHECKING:
    from reconnect.services import Services


def add_reminder(services: Services, practice_id: str, days: str, at: str) -> Reminder:
    """A weekly reminder for a practice; the days and time are checked first."""
    get_practice(practice_id)
    chosen_days, chosen_time = parse_days(days), parse_time(at)
    with services.transaction() as connection:
        if len(reminder_rows.list_reminders(connection)) >= MAX_REMINDERS:
            raise InputError(f"at most {MAX_REMINDERS} reminders; remove one first")
        return reminder_rows.add_reminder(
            connection, practice_id, chosen_days, chosen_time, services.clock()
        )


def list_reminders(services: Services) -> list[Reminder]:
    """Every reminder, oldest first."""
    with services.transaction() as connection:
        return reminder_rows.list_reminders(connection)


def remove_reminder(services: Services, reminder_id: int) -> None:
    """Delete a reminder; NotFoundError when there is none with that id."""
    with services.transaction() as connection:
        reminder_rows.delete_reminder(connection, reminder_id)


def reminders_due_today(services: Services) -> list[Reminder]:
    """Reminders that fall on today's weekday."""
    return due_today(list_reminders(services), services.clock())


def reminders_ics(services: Services) -> str:
    """All reminders as an iCalendar file."""
    practices = {p.id: p for p in load_practices()}
    return to_ics(list_reminders(services), practices, services.clock())
