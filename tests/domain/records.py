"""Entries and check-ins built by hand for domain tests: a made-up analysis, no analyzer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from reconnect.domain.analysis import Analysis, MarkerResult
from reconnect.domain.checkins import CheckIn
from reconnect.domain.entries import Entry
from reconnect.domain.practices import PracticeLog

NOON = time(12, 0)


def at(day: date, moment: time = NOON) -> datetime:
    return datetime.combine(day, moment, UTC)


def entry(day: date, *signs: str, read: bool = True, moment: time = NOON) -> Entry:
    """An entry on ``day`` whose analysis found ``signs`` (or could not be read)."""
    analysis = Analysis(
        markers=tuple(MarkerResult(name, 0.9, ()) for name in signs),
        emotions=(),
        valence=0.0,
        granularity=0,
        subject="self",
        crisis="crisis" in signs,
        analyzer_version="test",
    )
    when = at(day, moment)
    return Entry(
        id=0, written_at=when, updated_at=when, text="", analysis=analysis if read else None
    )


def checkin(day: date, pleasantness: int, energy: int, moment: time = NOON) -> CheckIn:
    return CheckIn(id=0, checked_at=at(day, moment), pleasantness=pleasantness, energy=energy)


def practice(day: date) -> PracticeLog:
    return PracticeLog(id=0, practice_id="body-scan", done_at=at(day))
