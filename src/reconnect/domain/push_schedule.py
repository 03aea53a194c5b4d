"""When a server-mode push reminder is due: days of the week, a local time in a named zone.

A *slot* is a UTC minute counted from the epoch. A schedule's slot for a day is the UTC
minute of its local time on that day; the worker sends it at most once (the service claims
the slot), and only within ``GRACE_MINUTES`` of it, so a worker that was down for a while
does not send a pile of stale reminders when it comes back.

Daylight saving time, by ``zoneinfo``'s ``fold=0`` rule: a local time that happens twice
(clocks go back) is the first of the two, once; a local time that does not exist (clocks go
forward) is read with the offset before the change, so 01:30 in London on the day the
clocks go forward is sent at 02:30 BST. Either way one reminder that day, never two and never none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from reconnect.errors import InputError

MINUTES_PER_DAY = 24 * 60
GRACE_MINUTES = 15
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class PushSchedule:
    """Days as seven "0"/"1" characters, Monday first; a minute of the local day; a zone."""

    days: str
    at_minute: int
    timezone: str


def slot_of(moment: datetime) -> int:
    """The UTC minute (since the epoch) that ``moment`` falls in.

    >>> slot_of(datetime(1970, 1, 1, 0, 2, 59, tzinfo=UTC))
    2
    """
    return int(moment.timestamp() // 60)


def days_mask(days: list[int] | tuple[int, ...]) -> str:
    """Weekday numbers (0 = Monday) as the seven-character mask; InputError if none or
    any is outside 0..6.

    >>> days_mask([0, 1, 2, 3, 4])
    '1111100'
    """
    if not days or any(day not in range(7) for day in days):
        raise InputError(
            "Choose at least one day, as numbers from 0 (Monday) to 6 (Sunday).",
            hint="For weekdays send [0, 1, 2, 3, 4].",
        )
    return "".join("1" if day in days else "0" for day in range(7))


def days_of(mask: str) -> list[int]:
    """The weekday numbers a mask names.

    >>> days_of("0000011")
    [5, 6]
    """
    return [day for day, flag in enumerate(mask) if flag == "1"]


def parse_at(text: str) -> int:
    """A local time "HH:MM" (24-hour) as a minute of the day; InputError otherwise.

    >>> parse_at("07:30")
    450
    """
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise InputError(f"The time {text[:20]!r} is not like 07:30.", hint="Use 24-hour HH:MM.")
    hour, minute = int(hours), int(minutes)
    if hour > 23 or minute > 59:
        raise InputError(f"The time {text[:20]!r} is not like 07:30.", hint="Use 24-hour HH:MM.")
    return hour * 60 + minute


def format_at(at_minute: int) -> str:
    """A minute of the day as "HH:MM".

    >>> format_at(450)
    '07:30'
    """
    return f"{at_minute // 60:02d}:{at_minute % 60:02d}"


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(name: str) -> str:
    """The IANA zone name if this system knows it; InputError otherwise (never a path)."""
    if name not in _zone_names():
        raise InputError(
            f"Unknown time zone {name[:64]!r}.",
            hint="Use an IANA name such as Europe/London or Pacific/Auckland.",
        )
    return name


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def due_slot(schedule: PushSchedule, now: datetime) -> int | None:
    """The slot this schedule is due for at ``now``, or None.

    Due when, on today's local date (or yesterday's, for a slot just before midnight), the
    chosen day is ticked and ``now`` is at most ``GRACE_MINUTES`` past the local time. The
    caller sends only if it can claim the slot (it was not sent already).
    """
    zone = _zone(schedule.timezone)
    if zone is None:
        return None
    current = slot_of(now)
    local_today = now.astimezone(zone).date()
    for date in (local_today, local_today - timedelta(days=1)):
        if schedule.days[date.weekday()] != "1":
            continue
        local = datetime.combine(date, time(*divmod(schedule.at_minute, 60)), tzinfo=zone)
        slot = slot_of(local.astimezone(UTC))
        if slot <= current < slot + GRACE_MINUTES:
            return slot
    return None
