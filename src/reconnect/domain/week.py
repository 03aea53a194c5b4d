"""What changed this week: the last seven days against the seven before, in plain words.

"This week" is the seven days up to and including today, so that a Monday is not an empty
week; "the week before" is the seven days before those. Days are the person's days, in
their time zone (``domain/days.py``). Crisis language is never named as "the sign seen
most often": it has its own banner and resources, and a weekly line is not the place for
it (safe messaging).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, timedelta, tzinfo
from typing import TYPE_CHECKING

from reconnect.domain.days import local_day
from reconnect.domain.markers import MARKER_NAMES
from reconnect.domain.wording import counted

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog

WEEK_DAYS = 7
# Markers that are not signs of distance: reconnection has a line of its own.
NOT_DETACHMENT = frozenset({"reconnection", "healthy_boundary", "crisis"})
# A change in mean pleasantness or energy (1 to 10) smaller than this is "about the same".
MOOD_STEP = 1.0
NOTHING_YET = (
    "Nothing recorded in the last two weeks. Whenever you like, a check-in takes a moment."
)


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """Seven days of a journal, counted."""

    entries: int = 0
    checkins: int = 0
    practices: int = 0
    read_entries: int = 0  # entries whose analysis could be read: the base for signs
    signs: Mapping[str, int] = field(default_factory=dict)  # entries showing each sign
    reconnection: int = 0  # entries with a moment of reconnection
    mean_pleasantness: float | None = None
    mean_energy: float | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing at all was recorded."""
        return not (self.entries or self.checkins or self.practices)

    @property
    def top_signs(self) -> tuple[str, ...]:
        """The signs seen in the most entries (several when tied), in the contract's order."""
        most = max(self.signs.values(), default=0)
        return tuple(name for name in MARKER_NAMES if most and self.signs.get(name) == most)


@dataclass(frozen=True, slots=True)
class WeekChange:
    """This week and the week before, and the sentences that tell a person about them."""

    today: date
    this_week: WeekFigures
    week_before: WeekFigures
    lines: tuple[str, ...]


def week_figures(
    entries: Sequence[Entry], checkins: Sequence[CheckIn], practices: Sequence[PracticeLog]
) -> WeekFigures:
    """Count one week's records; entries without a readable analysis count as written only."""
    read = [e for e in entries if e.analysis is not None]
    signs = Counter(m for e in read for m in e.marker_names if m not in NOT_DETACHMENT)
    n = len(checkins)
    return WeekFigures(
        entries=len(entries),
        checkins=n,
        practices=len(practices),
        read_entries=len(read),
        signs=dict(signs),
        reconnection=sum("reconnection" in e.marker_names for e in read),
        mean_pleasantness=round(sum(c.pleasantness for c in checkins) / n, 1) if n else None,
        mean_energy=round(sum(c.energy for c in checkins) / n, 1) if n else None,
    )


def compare_weeks(
    today: date,
    entries: Sequence[Entry],
    checkins: Sequence[CheckIn],
    practices: Sequence[PracticeLog],
    zone: tzinfo = UTC,
) -> WeekChange:
    """This week against the week before, from records of (at least) the last fourteen days.

    Records outside those fourteen days are left out, so a caller may pass more. Each is
    counted on its day in ``zone``, the person's time zone.
    """
    this_start = today - timedelta(days=WEEK_DAYS - 1)
    before_start = this_start - timedelta(days=WEEK_DAYS)

    def within(day: date, start: date) -> bool:
        return start <= day < start + timedelta(days=WEEK_DAYS)

    weeks = [
        week_figures(
            [e for e in entries if within(local_day(e.written_at, zone), start)],
            [c for c in checkins if within(local_day(c.checked_at, zone), start)],
            [p for p in practices if within(local_day(p.done_at, zone), start)],
        )
        for start in (this_start, before_start)
    ]
    return WeekChange(today, weeks[0], weeks[1], describe_change(weeks[0], weeks[1]))


def _times(n: int) -> str:
    """How often, in words.

    >>> _times(1), _times(2), _times(5)
    ('once', 'twice', '5 times')
    """
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _against(now: int, before: int, same: str) -> str:
    """How ``now`` compares with the week before, as the end of a sentence."""
    if now == before:
        return f"{same} the week before"
    if before == 0:
        return "none the week before"
    if now > before:
        return f"{now - before} more than the week before"
    return f"{before - now} fewer than the week before"


def _names(signs: Sequence[str]) -> str:
    return " and ".join(s.replace("_", " ") for s in signs)


def _count_lines(now: WeekFigures, before: WeekFigures) -> list[str]:
    lines = []
    if now.entries:
        written = counted(now.entries, "entry", "entries")
        lines.append(f"You wrote {written}, {_against(now.entries, before.entries, 'as many as')}.")
    elif before.entries:
        earlier = counted(before.entries, "entry", "entries")
        lines.append(f"No entries yet this week; {earlier} the week before.")
    if now.checkins:
        often = _against(now.checkins, before.checkins, "as often as")
        lines.append(f"You checked in {_times(now.checkins)}, {often}.")
    elif before.checkins:
        lines.append(
            f"No check-ins yet this week; {counted(before.checkins, 'check-in')} the week before."
        )
    if now.practices:
        done = counted(now.practices, "practice")
        lines.append(f"You did {done}, {_against(now.practices, before.practices, 'as many as')}.")
    return lines


def _sign_line(now: WeekFigures, before: WeekFigures) -> str | None:
    if not now.read_entries:
        return None
    top = now.top_signs
    if not top:
        return "No signs of detachment showed in this week's entries."
    seen = now.signs[top[0]]
    where = (
        "in your one entry this week"
        if now.read_entries == 1
        else f"{'each ' if len(top) > 1 else ''}in {seen} of {now.read_entries} entries"
    )
    line = (
        f"The sign seen most often was {_names(top)}, {where}"
        if len(top) == 1
        else f"The signs seen most often were {_names(top)}, {where}"
    )
    if not before.read_entries:
        return f"{line}."
    earlier = before.top_signs
    if earlier == top:
        return f"{line}, as the week before."
    if not earlier:
        return f"{line}; the week before, no sign showed."
    return f"{line}; the week before, {_names(earlier)}."


def _mood_lines(now: WeekFigures, before: WeekFigures) -> list[str]:
    if now.mean_pleasantness is None or now.mean_energy is None:
        return []
    if before.mean_pleasantness is None or before.mean_energy is None:
        return [
            f"Your check-ins this week averaged {now.mean_pleasantness:.1f} for pleasantness and "
            f"{now.mean_energy:.1f} for energy (1 to 10)."
        ]
    change = now.mean_pleasantness - before.mean_pleasantness
    if abs(change) < MOOD_STEP:
        lines = [
            f"Check-ins felt about as pleasant as the week before: "
            f"{now.mean_pleasantness:.1f} on average (1 to 10)."
        ]
    else:
        lines = [
            f"Check-ins felt {'more' if change > 0 else 'less'} pleasant than the week before: "
            f"{now.mean_pleasantness:.1f} on average, from {before.mean_pleasantness:.1f} "
            "(1 to 10)."
        ]
    energy = now.mean_energy - before.mean_energy
    if abs(energy) >= MOOD_STEP:
        lines.append(
            f"Energy was {'higher' if energy > 0 else 'lower'} than the week before: "
            f"{now.mean_energy:.1f} on average, from {before.mean_energy:.1f}."
        )
    return lines


def describe_change(now: WeekFigures, before: WeekFigures) -> tuple[str, ...]:
    """The week in a few plain sentences: counts, the most frequent sign, reconnection, mood."""
    if now.empty and before.empty:
        return (NOTHING_YET,)
    lines = _count_lines(now, before)
    signs = _sign_line(now, before)
    if signs:
        lines.append(signs)
    if now.reconnection:
        moments = counted(now.reconnection, "entry", "entries")
        lines.append(
            f"Moments of reconnection came up in {moments}, "
            f"{_against(now.reconnection, before.reconnection, 'as many as')}."
        )
    lines += _mood_lines(now, before)
    return tuple(lines)


def today_so_far(entries: int, checkins: Sequence[CheckIn]) -> str:
    """One line about today: check-ins (the latest's place on the mood meter) and entries."""
    if not entries and not checkins:
        return "Nothing recorded yet today."
    parts = []
    if checkins:
        latest = "" if len(checkins) == 1 else "latest: "
        parts.append(f"checked in {_times(len(checkins))} ({latest}{checkins[-1].mood_words})")
    if entries:
        parts.append(f"wrote {counted(entries, 'entry', 'entries')}")
    return f"Today you {' and '.join(parts)}."
