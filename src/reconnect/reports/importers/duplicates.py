"""Which records of an import the journal already holds, so that importing twice adds nothing.

A record counts as already there when the journal holds one written at the same moment with
the same words: an entry's time and text, a check-in's time, scales, feelings and note, a
self-check's time, instrument, perspective and answers, a practice's time, id and
reflection. A reminder is there when the same practice is reminded on the same days at the
same time. Exports carry only row ids, which differ from journal to journal, so the content
is the only stable identity. Records repeated inside one file are all kept: a restore must
give back the journal exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.reports.importers import ImportBatch

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence
    from datetime import datetime, time

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog
    from reconnect.domain.reminders import Reminder
    from reconnect.domain.selfcheck import SelfCheckResult


@dataclass(frozen=True, slots=True)
class Held:
    """What the journal already holds, for comparison (entries may cover only the file's span)."""

    entries: Sequence[Entry] = ()
    checkins: Sequence[CheckIn] = ()
    selfchecks: Sequence[SelfCheckResult] = ()
    practices: Sequence[PracticeLog] = ()
    reminders: Sequence[Reminder] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """How many records of each kind were already in the journal and were not imported."""

    entries: int = 0
    checkins: int = 0
    selfchecks: int = 0
    practices: int = 0
    reminders: int = 0

    @property
    def total(self) -> int:
        """All skipped records together."""
        return self.entries + self.checkins + self.selfchecks + self.practices + self.reminders


def _entry_key(written_at: datetime, text: str) -> Hashable:
    return (written_at, text)


def _checkin_key(
    checked_at: datetime, pleasantness: int, energy: int, feelings: Iterable[str], note: str
) -> Hashable:
    return (checked_at, pleasantness, energy, tuple(sorted(feelings)), note)


def _selfcheck_key(
    taken_at: datetime, instrument_id: str, perspective: str, answers: Mapping[str, int]
) -> Hashable:
    return (taken_at, instrument_id, perspective, tuple(sorted(answers.items())))


def _practice_key(done_at: datetime, practice_id: str, reflection: str) -> Hashable:
    return (done_at, practice_id, reflection)


def _reminder_key(practice_id: str, days: Iterable[str], at: time) -> Hashable:
    return (practice_id, tuple(days), at)


def new_records(batch: ImportBatch, held: Held) -> tuple[ImportBatch, Skipped]:
    """The part of ``batch`` the journal does not hold yet, and what was left out."""
    entries = {_entry_key(e.written_at, e.text) for e in held.entries}
    checkins = {
        _checkin_key(c.checked_at, c.pleasantness, c.energy, c.feelings, c.note)
        for c in held.checkins
    }
    selfchecks = {
        _selfcheck_key(
            s.taken_at, s.score.instrument_id, s.score.perspective.value, dict(s.answers)
        )
        for s in held.selfchecks
    }
    practices = {_practice_key(p.done_at, p.practice_id, p.reflection) for p in held.practices}
    reminders = {_reminder_key(r.practice_id, r.days, r.at) for r in held.reminders}
    fresh = ImportBatch(
        entries=[e for e in batch.entries if _entry_key(e.written_at, e.text) not in entries],
        checkins=[
            c
            for c in batch.checkins
            if _checkin_key(c.checked_at, c.pleasantness, c.energy, c.feelings, c.note)
            not in checkins
        ],
        selfchecks=[
            s
            for s in batch.selfchecks
            if _selfcheck_key(
                s.taken_at, s.score.instrument_id, s.score.perspective.value, s.answers
            )
            not in selfchecks
        ],
        practices=[
            p
            for p in batch.practices
            if _practice_key(p.done_at, p.practice_id, p.reflection) not in practices
        ],
        reminders=[
            r
            for r in batch.reminders
            if _reminder_key(r.practice_id, r.days, r.at) not in reminders
        ],
        safety_plan=batch.safety_plan,  # kept whole; import_batch never replaces a saved plan
    )
    skipped = Skipped(
        entries=len(batch.entries) - len(fresh.entries),
        checkins=len(batch.checkins) - len(fresh.checkins),
        selfchecks=len(batch.selfchecks) - len(fresh.selfchecks),
        practices=len(batch.practices) - len(fresh.practices),
        reminders=len(batch.reminders) - len(fresh.reminders),
    )
    return fresh, skipped
