"""Today at a glance (the home page): today so far, what changed this week, a practice for today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.domain.days import local_day, start_of
from reconnect.domain.week import WEEK_DAYS, compare_weeks, today_so_far
from reconnect.services.checkins import list_checkins
from reconnect.services.journal import EntryQuery, list_entries
from reconnect.services.practices import suggest_practices
from reconnect.storage import checkins as checkin_rows
from reconnect.storage import entries as entry_rows
from reconnect.storage import practices as practice_rows

if TYPE_CHECKING:
    from datetime import date

    from reconnect.domain.entries import DamagedEntry
    from reconnect.domain.practices import Suggestion
    from reconnect.domain.week import WeekChange
    from reconnect.services import Services


@dataclass(frozen=True, slots=True)
class Today:
    """What the home page shows about today and this week."""

    day: date
    first_time: bool  # nothing written and no check-in yet: the page points to a first step
    so_far: str  # one line about today
    week: WeekChange
    practice: Suggestion | None  # the first of suggest_practices, with its reasons


def look_at_today(services: Services) -> Today:
    """Today so far, this week against the week before, and the practice suggested first.

    Reads the last two weeks only (and counts rows, without opening them, to tell a new
    journal). A damaged entry is left out of the counts rather than stopping the page.
    """
    zone = services.settings.zone
    day = local_day(services.clock(), zone)
    since = start_of(day - timedelta(days=2 * WEEK_DAYS - 1), zone)
    damaged: list[DamagedEntry] = []
    entries = list_entries(services, EntryQuery(since=since), damaged)
    checkins = list_checkins(services, since=since)
    with services.transaction() as connection:
        practices = practice_rows.list_logs(connection, since=since)
        first_time = (
            not entries
            and not checkins
            and entry_rows.count_entries(connection) == 0
            and checkin_rows.count_checkins(connection) == 0
        )
    so_far = today_so_far(
        sum(local_day(e.written_at, zone) == day for e in entries),
        [c for c in checkins if local_day(c.checked_at, zone) == day],
    )
    suggested = suggest_practices(services, limit=1)
    return Today(
        day=day,
        first_time=first_time,
        so_far=so_far,
        week=compare_weeks(day, entries, checkins, practices, zone),
        practice=suggested[0] if suggested else None,
    )
