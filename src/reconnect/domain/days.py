"""Which day a moment falls on, in the person's time zone.

Moments are stored in UTC; a person's days are not. An entry written at 23:30 in Sydney is
that evening's entry, not the next morning's (UTC 12:30). The zone comes from the settings
(``Settings.zone``), chosen once at the edge; functions take it with UTC as the default.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


def local_day(moment: datetime, zone: tzinfo = UTC) -> date:
    """The calendar day of ``moment`` (aware) in ``zone``."""
    return moment.astimezone(zone).date()


def start_of(day: date, zone: tzinfo = UTC) -> datetime:
    """The first moment of ``day`` in ``zone``, as an aware datetime."""
    return datetime.combine(day, time(), zone)
