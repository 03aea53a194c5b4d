"""Calendar use cases: a month of check-ins and entries, and everything recorded on one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.domain.calendar import calendar_day, calendar_month, next_month
from reconnect.domain.days import local_day, start_of
from reconnect.services.checkins import list_checkins
from reconnect.services.journal import EntryQuery, list_entries

if TYPE_CHECKING:
    from datetime import date

    from reconnect.domain.calendar import CalendarDay, CalendarMonth
    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import DamagedEntry, Entry
    from reconnect.services import Services


def _today(services: Services) -> date:
    return local_day(services.clock(), services.settings.zone)


def month_calendar(services: Services, month: date | None = None) -> CalendarMonth:
    """The month holding ``month`` (this month by default), day by day.

    A damaged entry is left out: the calendar shows the others.
    """
    today = _today(services)
    zone = services.settings.zone
    first = (month or today).replace(day=1)
    since, until = start_of(first, zone), start_of(next_month(first), zone)
    damaged: list[DamagedEntry] = []
    entries = list_entries(services, EntryQuery(since=since, until=until), damaged)
    checkins = list_checkins(services, since=since, until=until)
    return calendar_month(first, today, checkins, entries, zone)


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
    zone = services.settings.zone
    since, until = start_of(day, zone), start_of(day + timedelta(days=1), zone)
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
