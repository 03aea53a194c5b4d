"""Import formats: reconnect's own JSON export, jrnl JSON and Daylio CSV.

Each parser turns the whole file into records first and raises InputError naming
the first bad line or item (its line or JSON path, the field and what was expected),
so that nothing is imported half-way. Values are checked against the same limits as
typed input: the check-in scales, the feelings vocabulary, the practice library and
the entry size limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime, time

    from reconnect.domain.checkins import Quadrant
    from reconnect.domain.safety import SafetyCheck
    from reconnect.domain.safety_plan import SafetyPlan
    from reconnect.domain.selfcheck import Instrument, SelfCheckScore


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the shipped content allows in a file: named feelings, practices, instruments."""

    quadrants: tuple[Quadrant, ...]
    practice_ids: frozenset[str]
    instruments: Mapping[str, Instrument]
    max_reflection_chars: int


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """An entry read from a file, not yet saved.

    A file's analysis is never read: what it says about crisis language could be stale
    or forged, so every imported text is analysed again on import.
    """

    written_at: datetime
    text: str
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    updated_at: datetime | None = None
    safety_check: SafetyCheck | None = None


@dataclass(frozen=True, slots=True)
class ImportedCheckIn:
    """A check-in read from a file, not yet saved."""

    checked_at: datetime
    pleasantness: int
    energy: int
    feelings: tuple[str, ...] = ()
    note: str = ""
    safety_check: SafetyCheck | None = None


@dataclass(frozen=True, slots=True)
class ImportedSelfCheck:
    """A saved self-check read from an export; its score is worked out again from the answers."""

    taken_at: datetime
    answers: dict[str, int]
    score: SelfCheckScore


@dataclass(frozen=True, slots=True)
class ImportedPractice:
    """A practice done, read from an export."""

    done_at: datetime
    practice_id: str
    reflection: str = ""
    safety_check: SafetyCheck | None = None


@dataclass(frozen=True, slots=True)
class ImportedReminder:
    """A reminder read from an export."""

    created_at: datetime
    practice_id: str
    days: tuple[str, ...]
    at: time


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Everything read from one file."""

    entries: list[ImportedEntry] = field(default_factory=list)
    checkins: list[ImportedCheckIn] = field(default_factory=list)
    selfchecks: list[ImportedSelfCheck] = field(default_factory=list)
    practices: list[ImportedPractice] = field(default_factory=list)
    reminders: list[ImportedReminder] = field(default_factory=list)
    safety_plan: SafetyPlan | None = None
