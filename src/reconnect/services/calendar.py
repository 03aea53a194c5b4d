"""Calendar use cases: a month of check-ins and entries, and everything recorded on one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from reconnect.domain.calendar import calendar_day, calendar_month, next_month
from reconnect.services.checkins import list_checkins
from reconnect.services.journal import EntryQuery, list_entries

if TYPE_CHECKING:
    from datetime import date

    from reconnect.domain.calendar import CalendarDay, CalendarMonth
    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import DamagedEntry, Entry
    from reconnect.services import Services


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _today(services: Services) -> date:
    return services.clock().astimezone(UTC).date()


def month_calendar(services: Services, month: date | None = None) -> CalendarMonth:
    """The month holding ``month`` (this month by default), day by day.

    A damaged entry is left out: the calendar shows the others.
    """
    today = _today(services)
    first = (month or today).replace(day=1)
    since, until = _start(first), _start(next_month(first))
    damaged: list[DamagedEntry] = []
    entries = list_entries(services, EntryQuery(since=since, until=until), damaged)
    checkins = list_checkins(services, since=since, until=until)
    return calendar_month(first, today, checkins, entries)


@dataclass(frozen=True, slots=True)
class DayRecords:
    """One day: its calendar cell and what was recorded, oldest first."""

    day: CalendarDay
    checkins: list[CheckIn]
    entries: list[Entry]
    previous: date
    next: date | None  # None when the next day is still to come


def day_records(services: Services, day: date) -> DayRecords:
    """The check-ins and entries of one day (a damaged entry is left out)."""
    today = _today(services)
    since, until = _start(day), _start(day + timedelta(days=1))
    damaged: list[DamagedEntry] = []
    entries = list_entries(services, EntryQuery(since=since, until=until), damaged)
    checkins = list_checkins(services, since=since, until=until)
    after = day + timedelta(days=1)
    return DayRecords(
        day=calendar_day(day, today, checkins, entries),
        checkins=checkins,
        entries=entries,
        previous=day - timedelta(days=1),
        next=after if after <= today else None,
    )
