"""Reminders the person chooses: which days, what time, which practice; and when one is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_REMINDERS = 20


@dataclass(frozen=True, slots=True)
class Reminder:
    """A weekly reminder for a practice at a local time on chosen days."""

    id: int
    practice_id: str
    days: tuple[str, ...]
    at: time
    created_at: datetime


def parse_days(text: str) -> tuple[str, ...]:
    """Days like "mon,wed,fri", "daily" or "weekdays", in week order; InputError otherwise.

    >>> parse_days("fri, mon")
    ('mon', 'fri')
    """
    value = text.strip().casefold()
    if value in ("daily", "every day", "all"):
        return DAYS
    if value == "weekdays":
        return DAYS[:5]
    if value == "weekends":
        return DAYS[5:]
    chosen = {part.strip()[:3] for part in value.replace(" ", ",").split(",") if part.strip()}
    unknown = sorted(chosen - set(DAYS))
    if not chosen or unknown:
        raise InputError(
            f"cannot read the days {text!r}",
            hint="Use mon,tue,wed,thu,fri,sat,sun, or daily, weekdays, weekends.",
        )
    return tuple(day for day in DAYS if day in chosen)


def parse_time(text: str) -> time:
    """A time like "19:30"; InputError for anything else (25:00, 7pm, ...)."""
    try:
        hour, minute = text.strip().split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise InputError(f"the time {text!r} is not like 19:30") from None


def next_due(reminder: Reminder, now: datetime) -> datetime:
    """The next moment (in ``now``'s time zone) the reminder falls due, today included."""
    for offset in range(8):
        day = (now + timedelta(days=offset)).date()
        moment = datetime.combine(day, reminder.at, tzinfo=now.tzinfo)
        if DAYS[day.weekday()] in reminder.days and moment >= now:
            return moment
    raise AssertionError("a reminder always falls due within a week")  # pragma: no cover


def due_today(reminders: Iterable[Reminder], now: datetime) -> list[Reminder]:
    """Reminders that fall on today's weekday, earliest first."""
    today = DAYS[now.weekday()]
    return sorted((r for r in reminders if today in r.days), key=lambda r: r.at)
