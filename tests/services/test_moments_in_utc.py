"""A moment written with any UTC offset reads back as the same instant, on both databases.

SQLite keeps datetimes as text without an offset: before ``UtcDateTime``, an entry written
at 23:30+02:00 came back as 23:30 UTC, two hours late, and date ranges compared wrongly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from reconnect.services import checkins, journal

if TYPE_CHECKING:
    from reconnect.services import Services

BERLIN_WINTER = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))


def test_an_entry_keeps_its_instant_whatever_its_offset(services: Services) -> None:
    late = datetime(2026, 12, 1, 23, 30, tzinfo=BERLIN_WINTER)
    early = datetime(2026, 12, 1, 20, 15, tzinfo=NEW_YORK)
    first = journal.write_entry(services, "A late walk by the canal.", written_at=late)
    second = journal.write_entry(services, "Dinner with Sam, we talked.", written_at=early)
    read_first = journal.get_entry(services, first.id).written_at
    read_second = journal.get_entry(services, second.id).written_at
    assert read_first == late and read_first.utcoffset() == timedelta(0)
    assert read_first == datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
    assert read_second == early == datetime(2026, 12, 2, 1, 15, tzinfo=UTC)
    # Oldest first by instant: 22:30 UTC comes before 01:15 UTC the next day.
    assert [e.id for e in journal.list_entries(services)] == [first.id, second.id]


def test_a_date_range_compares_instants_not_wall_clocks(services: Services) -> None:
    written = journal.write_entry(
        services, "Quiet evening.", written_at=datetime(2026, 12, 1, 23, 30, tzinfo=BERLIN_WINTER)
    )
    after = datetime(2026, 12, 1, 22, 45, tzinfo=UTC)  # after 22:30 UTC, before 23:30 wall time
    query = journal.EntryQuery(since=after)
    assert written.id not in [e.id for e in journal.list_entries(services, query)]
    query = journal.EntryQuery(until=after)
    assert written.id in [e.id for e in journal.list_entries(services, query)]


def test_a_checkin_keeps_its_instant(services: Services) -> None:
    moment = datetime(2026, 12, 3, 7, 5, tzinfo=NEW_YORK)
    saved = checkins.record_checkin(services, pleasantness=6, energy=4, checked_at=moment)
    [read] = checkins.list_checkins(services)
    assert read.checked_at == moment == saved.checked_at
    assert read.checked_at.utcoffset() == timedelta(0)
