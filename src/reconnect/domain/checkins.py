"""Mood check-ins: the mood meter's scales and quadrants, named feelings, and granularity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from reconnect.domain.safety import SafetyCheck

SCALE_MIN = 1
SCALE_MAX = 10
HIGH_FROM = 6  # 6-10 is high pleasantness or energy, 1-5 low
MAX_NOTE_CHARS = 2_000
MAX_FEELINGS = 12
# Choosing this instead of a feeling is meaningful data, not a gap (DESIGN: granularity).
CANNOT_NAME = "cannot-name-it"
# How a quadrant reads in a sentence: "1 check-in, pleasant and calm".
MOOD_WORDS = {
    "yellow": "pleasant and lively",
    "green": "pleasant and calm",
    "red": "unpleasant and stirred up",
    "blue": "unpleasant and low in energy",
}


@dataclass(frozen=True, slots=True)
class Quadrant:
    """One quadrant of the mood meter and the feelings named in it."""

    id: str
    label: str
    description: str
    feelings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A quick check-in: where on the mood meter, which feelings were named, an optional note."""

    id: int
    checked_at: datetime
    pleasantness: int
    energy: int
    feelings: tuple[str, ...] = ()
    note: str = ""
    crisis: bool = False
    concern: bool = False  # the note asked the calm safety check (never with crisis)
    safety_check: SafetyCheck | None = None

    @property
    def quadrant(self) -> str:
        """The mood-meter quadrant of this check-in."""
        return quadrant_of(self.pleasantness, self.energy)

    @property
    def mood_words(self) -> str:
        """Where on the mood meter, in words: "pleasant and calm"."""
        return MOOD_WORDS[self.quadrant]

    @property
    def granularity(self) -> int:
        """How many distinct feelings were named ("cannot name it" does not count)."""
        return len({f for f in self.feelings if f != CANNOT_NAME})


def quadrant_of(pleasantness: int, energy: int) -> str:
    """The quadrant id: red, yellow, blue or green.

    >>> quadrant_of(2, 9), quadrant_of(9, 9), quadrant_of(2, 2), quadrant_of(9, 2)
    ('red', 'yellow', 'blue', 'green')
    """
    pleasant = pleasantness >= HIGH_FROM
    energetic = energy >= HIGH_FROM
    if energetic:
        return "yellow" if pleasant else "red"
    return "green" if pleasant else "blue"


def check_scale(name: str, value: int) -> int:
    """A pleasantness or energy value, refused outside 1-10."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{name} must be a whole number from {SCALE_MIN} to {SCALE_MAX}")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise InputError(f"{name} must be from {SCALE_MIN} to {SCALE_MAX}, not {value}")
    return value


def check_feelings(feelings: Iterable[str], quadrants: Iterable[Quadrant]) -> tuple[str, ...]:
    """Named feelings, normalised and checked against the vocabulary, in the order given."""
    known = {f for q in quadrants for f in q.feelings} | {CANNOT_NAME}
    chosen: dict[str, None] = {}
    for raw in feelings:
        name = raw.strip().casefold().replace(" ", "-")
        if name not in known:
            raise InputError(
                f"unknown feeling {raw!r}",
                hint="See the list with: reconnect checkin --list-feelings",
            )
        chosen.setdefault(name, None)
    if len(chosen) > MAX_FEELINGS:
        raise InputError(f"name at most {MAX_FEELINGS} feelings in one check-in")
    return tuple(chosen)


def check_note(note: str) -> str:
    """A check-in note, refused when over the limit or containing NUL characters."""
    if len(note) > MAX_NOTE_CHARS:
        raise InputError(f"the note is longer than {MAX_NOTE_CHARS:,} characters")
    if "\x00" in note:
        raise InputError("the note contains a NUL character")
    return note
