"""A month of check-ins and entries as a calendar, with a sentence for every day.

Each day holds the mood-meter quadrant of its check-ins, in time order, and the signs in
its entries. The colour a page gives a day is never the only way it is told: every day
has a sentence ("Wednesday 3 December: 1 check-in, pleasant and calm; 1 entry, signs:
numbness"), and the month has a few lines that say what its colours show. Days are the
person's days, in their time zone (``domain/days.py``). Weeks start on Monday.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING

from reconnect.domain.checkins import MOOD_WORDS
from reconnect.domain.days import local_day
from reconnect.domain.markers import MARKER_NAMES
from reconnect.domain.wording import counted
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry

# Signs of coming closer rather than of distance: a day with only these is not marked.
CLOSER = frozenset({"reconnection", "healthy_boundary"})
NOT_NAMED = CLOSER | {"crisis"}
# Months a calendar can show: the weeks around them stay within what a date can hold.
FIRST_YEAR, LAST_YEAR = 1000, 9998


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One day: where its check-ins were on the mood meter, its entries and their signs."""

    day: date
    quadrants: tuple[str, ...] = ()  # one per check-in, in time order
    entries: int = 0
    entries_read: int = 0  # entries whose analysis could be read
    signs: tuple[str, ...] = ()  # every sign in the day's entries, in the contract's order
    today: bool = False
    future: bool = False

    @property
    def mood(self) -> str | None:
        """The quadrant of most check-ins; among equals, the later one. None without any."""
        if not self.quadrants:
            return None
        counts = Counter(self.quadrants)
        most = max(counts.values())
        return next(q for q in reversed(self.quadrants) if counts[q] == most)

    @property
    def distant(self) -> bool:
        """Whether the day's entries show a sign of distance (not only of coming closer)."""
        return any(sign not in CLOSER for sign in self.signs)

    def marked(self, sign: str | None) -> bool:
        """Whether a page marks this day: it shows ``sign``, or with no sign chosen, distance."""
        return sign in self.signs if sign else self.distant

    @property
    def label(self) -> str:
        """The day in words, for a screen reader and a tooltip.

        >>> CalendarDay(date(2026, 12, 3), ("green",), 1, 1, ("numbness",)).label
        'Thursday 3 December: 1 check-in, pleasant and calm; 1 entry, signs: numbness'
        """
        name = f"{self.day:%A} {self.day.day} {self.day:%B}"
        if self.today:
            name += ", today"
        if self.future:
            return name
        parts = []
        if self.quadrants:
            parts.append(_checkins_in_words(self.quadrants))
        if self.entries:
            written = counted(self.entries, "entry", "entries")
            if self.signs:
                written += ", signs: " + ", ".join(s.replace("_", " ") for s in self.signs)
            elif self.entries_read:
                written += ", no signs"
            parts.append(written)
        return f"{name}: {'; '.join(parts) or 'nothing recorded'}"


def _checkins_in_words(quadrants: Sequence[str]) -> str:
    """``1 check-in, pleasant and calm`` or ``3 check-ins: 2 pleasant and calm, 1 ...``."""
    counts = Counter(quadrants).most_common()
    heading = counted(len(quadrants), "check-in")
    if len(counts) == 1:
        return f"{heading}, {MOOD_WORDS[counts[0][0]]}"
    return f"{heading}: " + ", ".join(f"{n} {MOOD_WORDS[q]}" for q, n in counts)


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    """A month laid out in weeks (Monday first; None outside the month) and told in words."""

    first: date
    weeks: tuple[tuple[CalendarDay | None, ...], ...]
    summary: tuple[str, ...]
    previous: date
    next: date | None  # None when it would be a month still to come

    @property
    def title(self) -> str:
        """``December 2026``."""
        return f"{self.first:%B %Y}"

    @property
    def empty(self) -> bool:
        """Whether nothing at all was recorded in the month."""
        return not any(day.quadrants or day.entries for day in self.days)

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        """Every day of the month, in order."""
        return tuple(day for week in self.weeks for day in week if day is not None)


def parse_month(text: str) -> date:
    """The first day of a month written ``YYYY-MM``.

    >>> parse_month("2026-12")
    datetime.date(2026, 12, 1)
    """
    year, dash, month = text.partition("-")
    digits = len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()
    if dash and digits and FIRST_YEAR <= int(year) <= LAST_YEAR:
        try:
            return date(int(year), int(month), 1)
        except ValueError:
            pass
    raise InputError(f"{text!r} is not a month", hint="Write a month as YYYY-MM, e.g. 2026-12.")


def parse_day(text: str) -> date:
    """A day written ``YYYY-MM-DD``.

    >>> parse_day("2026-12-03")
    datetime.date(2026, 12, 3)
    """
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            day = date.fromisoformat(text)
            if FIRST_YEAR <= day.year <= LAST_YEAR:
                return day
    except ValueError:
        pass
    raise InputError(f"{text!r} is not a day", hint="Write a day as YYYY-MM-DD, e.g. 2026-12-03.")


def next_month(first: date) -> date:
    """The first day of the month after.

    >>> next_month(date(2026, 12, 1))
    datetime.date(2027, 1, 1)
    """
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def calendar_day(
    day: date, today: date, checkins: Sequence[CheckIn], entries: Sequence[Entry]
) -> CalendarDay:
    """One day from its own check-ins and entries (the caller picks those of ``day``)."""
    signs = {m for e in entries for m in e.marker_names}
    return CalendarDay(
        day=day,
        quadrants=tuple(c.quadrant for c in sorted(checkins, key=lambda c: c.checked_at)),
        entries=len(entries),
        entries_read=sum(e.analysis is not None for e in entries),
        signs=tuple(m for m in MARKER_NAMES if m in signs),
        today=day == today,
        future=day > today,
    )


def calendar_month(
    first: date,
    today: date,
    checkins: Sequence[CheckIn],
    entries: Sequence[Entry],
    zone: tzinfo = UTC,
) -> CalendarMonth:
    """The month starting on ``first``, from its check-ins and entries (others are left out).

    Each record goes on its day in ``zone``, the person's time zone.
    """
    checked: dict[date, list[CheckIn]] = {}
    for checkin in checkins:
        checked.setdefault(local_day(checkin.checked_at, zone), []).append(checkin)
    written: dict[date, list[Entry]] = {}
    for entry in entries:
        written.setdefault(local_day(entry.written_at, zone), []).append(entry)

    def day_of(day: date) -> CalendarDay:
        return calendar_day(day, today, checked.get(day, ()), written.get(day, ()))

    weeks = tuple(
        tuple(day_of(day) if day.month == first.month else None for day in week)
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    )
    after = next_month(first)
    days = tuple(day for week in weeks for day in week if day is not None)
    return CalendarMonth(
        first=first,
        weeks=weeks,
        summary=month_summary(f"{first:%B %Y}", days),
        previous=(first - timedelta(days=1)).replace(day=1),
        next=after if after <= today else None,
    )


def month_summary(title: str, days: Sequence[CalendarDay]) -> tuple[str, ...]:
    """What the month's colours and marks show, in a few sentences."""
    moods = Counter(q for day in days for q in day.quadrants)
    checked_days = sum(bool(day.quadrants) for day in days)
    written_days = [day for day in days if day.entries]
    if not moods and not written_days:
        return (f"Nothing recorded in {title}.",)
    lines = []
    if moods:
        total = sum(moods.values())
        shares = ", ".join(f"{n} {MOOD_WORDS[q]}" for q, n in moods.most_common())
        lines.append(f"{counted(total, 'check-in')} on {counted(checked_days, 'day')}: {shares}.")
    if written_days:
        entries = sum(day.entries for day in written_days)
        line = f"{counted(entries, 'entry', 'entries')} on {counted(len(written_days), 'day')}"
        distant = [day for day in written_days if day.distant]
        if distant:
            line += f"; signs of detachment showed on {counted(len(distant), 'day')}"
            # Crisis language has its own banner and resources; it is never "most often".
            by_sign = Counter(s for day in distant for s in day.signs if s not in NOT_NAMED)
            seen = max(by_sign.values(), default=0)
            sign = next((s for s in MARKER_NAMES if seen and by_sign[s] == seen), None)
            if sign is not None:
                line += f", {sign.replace('_', ' ')} most often (on {counted(seen, 'day')})"
        lines.append(f"{line}.")
        closer = sum("reconnection" in day.signs for day in written_days)
        if closer:
            lines.append(f"Moments of reconnection on {counted(closer, 'day')}.")
    return tuple(lines)
