"""Practices: the library's value types and ranking them for a person, with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta, tzinfo
from typing import TYPE_CHECKING

from reconnect.domain.days import local_day
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

    from reconnect.domain.safety import SafetyCheck

AUDIENCES = ("self", "partner", "couple")


@dataclass(frozen=True, slots=True)
class Practice:
    """One exercise from the library."""

    id: str
    title: str
    why: str
    seed: str
    audience: str
    duration_minutes: int
    difficulty: int
    timed: bool
    addresses: tuple[str, ...]
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PracticeLog:
    """A practice someone did, when, and what they reflected afterwards."""

    id: int
    practice_id: str
    done_at: datetime
    reflection: str = ""
    crisis: bool = False
    concern: bool = False  # the reflection asked the calm safety check (never with crisis)
    safety_check: SafetyCheck | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked practice and why it is suggested."""

    practice: Practice
    score: float
    reasons: tuple[str, ...]


def rank_practices(
    practices: Sequence[Practice],
    profile: Mapping[str, float | None],
    marker_counts: Mapping[str, int],
    entries_seen: int,
    recent_log: Sequence[PracticeLog],
    now: datetime,
) -> list[Suggestion]:
    """Practices ranked for this person, best first, each with its reasons.

    ``profile`` maps self-check dimensions to 0-100 scores; ``marker_counts`` counts
    recent entries showing each marker out of ``entries_seen``. A practice gains
    from every dimension scoring 50 or more and every marker seen in at least a
    fifth of recent entries that it addresses; easier practices come first when
    needs are equal; anything done in the last day is moved down, so the list
    changes from one day to the next instead of repeating itself.
    """
    day_ago = now - timedelta(days=1)
    done_recently = {log.practice_id for log in recent_log if log.done_at > day_ago}
    ranked: list[Suggestion] = []
    for practice in practices:
        score = 0.0
        reasons: list[str] = []
        for target in practice.addresses:
            name = target.replace("_", " ")
            value = profile.get(target)
            if value is not None and value >= 50:
                score += value / 100
                reasons.append(f"{name} scored {value:.0f} in your last self-check")
            seen = marker_counts.get(target, 0)
            if entries_seen and seen / entries_seen >= 0.2:
                score += seen / entries_seen
                recent = (
                    "your last entry"  # never "1 of your last 1 entries"
                    if entries_seen == 1
                    else f"{seen} of your last {entries_seen} entries"
                )
                reasons.append(f"{name} showed up in {recent}")
        score -= practice.difficulty * 0.05
        if practice.id in done_recently:
            score -= 1.0
            reasons.append("you did this in the last day, so something different comes first")
        if not reasons:
            reasons.append("a gentle practice that suits any day")
        ranked.append(Suggestion(practice, round(score, 4), tuple(reasons)))
    ranked.sort(key=lambda s: (-s.score, s.practice.difficulty, s.practice.id))
    return ranked


def practice_streak(log: Sequence[PracticeLog], zone: tzinfo = UTC) -> int:
    """Consecutive days (in ``zone``), up to the most recent one, with a practice done."""
    days = {local_day(entry.done_at, zone) for entry in log}
    if not days:
        return 0
    day, run = max(days), 0
    while day - timedelta(days=run) in days:
        run += 1
    return run


def write_boundary(situation: str, need: str, can: str, wont: str, care: str) -> str:
    """Compose a written boundary from the planner's answers (001: healthy boundaries keep caring).

    >>> text = write_boundary("Sunday calls", "rest", "talk for an hour", "stay for two", "call")
    >>> text.startswith("When it comes to Sunday calls, I need rest. I can talk for an hour")
    True
    """
    parts = {"situation": situation, "need": need, "can": can, "won't": wont, "care": care}
    for name, value in parts.items():
        if not value.strip():
            raise InputError(f"the boundary needs an answer for {name!r}")
        if len(value) > 300:
            raise InputError(f"the answer for {name!r} is longer than 300 characters")
    return (
        f"When it comes to {situation.strip()}, I need {need.strip()}. I can {can.strip()}, "
        f"and I won't {wont.strip()}. I will still {care.strip()}."
    )
