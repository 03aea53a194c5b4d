"""iCalendar (RFC 5545) export of reminders, so any calendar can import them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconnect.domain.reminders import DAYS, ICAL_DAYS, next_due

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.domain.practices import Practice
    from reconnect.domain.reminders import Reminder


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    # RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space.
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def to_ics(reminders: Sequence[Reminder], practices: dict[str, Practice], now: datetime) -> str:
    """A calendar with one weekly repeating event per reminder, in floating local time."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//reconnect//reminders//EN",
        "CALSCALE:GREGORIAN",
    ]
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for reminder in reminders:
        practice = practices.get(reminder.practice_id)
        title = practice.title if practice else reminder.practice_id
        # RFC 5545 counts DTSTART as an occurrence, so it must be the first real one.
        first = next_due(reminder, reminder.created_at.replace(tzinfo=None)).strftime(
            "%Y%m%dT%H%M00"
        )
        byday = ",".join(ICAL_DAYS[DAYS.index(day)] for day in reminder.days)
        minutes = practice.duration_minutes if practice else 10
        lines += [
            "BEGIN:VEVENT",
            f"UID:reconnect-reminder-{reminder.id}@localhost",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{first}",
            f"DURATION:PT{minutes}M",
            f"RRULE:FREQ=WEEKLY;BYDAY={byday}",
            f"SUMMARY:{_escape('reconnect: ' + title)}",
            f"DESCRIPTION:{_escape('Run it with: reconnect practice run ' + reminder.practice_id)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
