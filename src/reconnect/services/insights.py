"""Insights use case: trends, associations, streaks and a weekly summary over a period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.insights import (
    Association,
    CheckInWeek,
    Streaks,
    WeekTrend,
    associations,
    checkin_weeks,
    facts_of,
    notable_associations,
    streaks,
    weekly_summary,
    weekly_trends,
)
from reconnect.domain.markers import MARKER_NAMES
from reconnect.domain.safety import SeekHelpSign, seek_help_from_weeks
from reconnect.services.checkins import list_checkins
from reconnect.services.journal import EntryQuery, count_not_analysed, list_entries

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.domain.entries import DamagedEntry
    from reconnect.services import Services


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the insights page and ``reconnect insights`` show."""

    entries: int
    weekly: list[WeekTrend]
    associations: list[Association]
    notable: list[Association]  # what the table lists, strongest first; the summary names [0]
    streaks: Streaks
    summary: str
    checkin_weekly: list[CheckInWeek]
    seek_help: list[SeekHelpSign]
    not_analysed: int = 0  # entries left out because their analysis could not be read


def compute_insights(
    services: Services,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    damaged: list[DamagedEntry] | None = None,
) -> Insights:
    """Insights over the entries written in ``[since, until)``.

    Entries whose stored analysis could not be read are left out and counted in
    ``not_analysed`` (``reconnect reanalyze`` reads them again). An entry that fails its
    integrity check raises TamperedDataError, unless a ``damaged`` list is given: it is
    then named there and the insights cover the other entries (the caller must say so).
    """
    entries = list_entries(services, EntryQuery(since=since, until=until), damaged)
    facts = facts_of(entries, services.settings.zone)
    checkins = list_checkins(services, since=since, until=until)
    trends = weekly_trends(facts, MARKER_NAMES)
    found = associations(facts, MARKER_NAMES)
    notable = notable_associations(found)
    return Insights(
        entries=len(facts),
        weekly=trends,
        associations=found,
        notable=notable,
        streaks=streaks(facts),
        summary=weekly_summary(trends, notable[0] if notable else None),
        checkin_weekly=checkin_weeks(checkins, services.settings.zone),
        seek_help=seek_help_from_weeks([w.marker_rates for w in trends]),
        not_analysed=count_not_analysed(entries),
    )
