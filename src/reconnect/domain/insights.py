"""Insight statistics over journal entries: weekly trends, associations, streaks, a summary.

Every number can be checked by hand: an association compares how often a marker
appears in entries with a factor (a tag, a person, an activity, a weekday) with
how often it appears in entries without it. Nothing is claimed about a factor
until there are at least ``MIN_WITH`` entries with it and ``MIN_WITHOUT`` without it
(the minimum-data rule Bearable uses).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo
from typing import TYPE_CHECKING

from reconnect.domain.checkins import CANNOT_NAME
from reconnect.domain.days import local_day
from reconnect.domain.wording import counted

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry

MIN_WITH = 3
MIN_WITHOUT = 3
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
METHOD = (
    "rate = share of entries with the factor that show the marker; baseline_rate = the same "
    f"share among entries without the factor; lift = rate / baseline_rate. A factor is shown "
    f"only with at least {MIN_WITH} entries with it and {MIN_WITHOUT} without it."
)
# METHOD names the JSON fields; people read this instead, beside "With it" and "Without it".
METHOD_IN_WORDS = (
    "'With it' is the share of entries with that tag, person, activity or weekday that show "
    "the sign; 'without it' is the same share among all other entries. Something is compared "
    f"only once at least {MIN_WITH} entries have it and {MIN_WITHOUT} do not."
)
NOTHING_STANDS_OUT = "No tag, person, activity or weekday stands out yet."
# The weekly mean valence, as every table and chart names it (issue 11, item 14: 'tone').
TONE_LABEL = "tone (-1 unpleasant to +1 pleasant)"
# What the insights table and the summary name (notable_associations): these signs only,
# when a factor makes one at least this many times as common, or this many times as rare.
NOTABLE_MARKERS = ("numbness", "reconnection")
NOTABLE_TIMES = 1.5
NOTABLE_ROWS = 12


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """What insights need from one entry."""

    day: date
    markers: frozenset[str]
    valence: float
    granularity: int
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()

    @property
    def weekday(self) -> str:
        """The weekday's name in lower case."""
        return WEEKDAYS[self.day.weekday()]


@dataclass(frozen=True, slots=True)
class Association:
    """How a marker goes with a factor: counts, rates and lift."""

    kind: str
    factor: str
    marker: str
    count: int
    with_factor: int
    rate: float
    baseline_rate: float
    lift: float | None


@dataclass(frozen=True, slots=True)
class WeekTrend:
    """One week (Monday first): entries, share of entries showing each marker, means."""

    week_start: date
    entries: int
    marker_rates: dict[str, float]
    mean_valence: float
    mean_granularity: float


@dataclass(frozen=True, slots=True)
class Streaks:
    """Current runs of consecutive days, counted back from the last day with an entry."""

    writing_days: int
    numbness_days: int
    reconnection_days: int


def facts_of(entries: Iterable[Entry], zone: tzinfo = UTC) -> list[EntryFacts]:
    """The facts of each analysed entry, in the order given, each on its day in ``zone``.

    An entry whose analysis could not be read is left out: counting it as "no signs"
    would bend every rate.
    """
    return [
        EntryFacts(
            day=local_day(entry.written_at, zone),
            markers=entry.analysis.marker_names,
            valence=entry.analysis.valence,
            granularity=entry.analysis.granularity,
            tags=entry.tags,
            people=entry.people,
            activities=entry.activities,
        )
        for entry in entries
        if entry.analysis is not None
    ]


def _factors(fact: EntryFacts) -> list[tuple[str, str]]:
    return [
        *(("tag", t) for t in fact.tags),
        *(("person", p) for p in fact.people),
        *(("activity", a) for a in fact.activities),
        ("weekday", fact.weekday),
    ]


def associations(facts: Sequence[EntryFacts], markers: Sequence[str]) -> list[Association]:
    """Associations of every factor with enough data with every marker.

    >>> f = EntryFacts(date(2026, 1, 5), frozenset({"numbness"}), 0.0, 0, tags=("work",))
    >>> g = EntryFacts(date(2026, 1, 6), frozenset(), 0.0, 0)
    >>> found = associations([f] * 3 + [g] * 3, ["numbness"])
    >>> [(a.factor, a.rate, a.baseline_rate) for a in found if a.kind == "tag"]
    [('work', 1.0, 0.0)]
    """
    total = len(facts)
    marker_totals = Counter(m for fact in facts for m in fact.markers)
    with_factor: Counter[tuple[str, str]] = Counter()
    together: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for fact in facts:
        for factor in set(_factors(fact)):
            with_factor[factor] += 1
            together[factor].update(fact.markers)
    found: list[Association] = []
    for (kind, name), n_with in sorted(with_factor.items()):
        n_without = total - n_with
        if n_with < MIN_WITH or n_without < MIN_WITHOUT:
            continue
        for marker in markers:
            count = together[(kind, name)][marker]
            rate = count / n_with
            baseline = (marker_totals[marker] - count) / n_without
            lift = rate / baseline if baseline > 0 else None
            found.append(
                Association(
                    kind,
                    name,
                    marker,
                    count,
                    n_with,
                    round(rate, 4),
                    round(baseline, 4),
                    round(lift, 3) if lift is not None else None,
                )
            )
    return found


def weekly_trends(facts: Sequence[EntryFacts], markers: Sequence[str]) -> list[WeekTrend]:
    """One row per week that has entries, oldest first."""
    weeks: dict[date, list[EntryFacts]] = defaultdict(list)
    for fact in facts:
        weeks[fact.day - timedelta(days=fact.day.weekday())].append(fact)
    trends = []
    for start in sorted(weeks):
        group = weeks[start]
        n = len(group)
        trends.append(
            WeekTrend(
                week_start=start,
                entries=n,
                marker_rates={m: round(sum(m in f.markers for f in group) / n, 4) for m in markers},
                mean_valence=round(sum(f.valence for f in group) / n, 4),
                mean_granularity=round(sum(f.granularity for f in group) / n, 3),
            )
        )
    return trends


def _run(days: set[date], last: date) -> int:
    run = 0
    while last - timedelta(days=run) in days:
        run += 1
    return run


def streaks(facts: Sequence[EntryFacts]) -> Streaks:
    """Consecutive days up to the most recent entry: writing, numbness and reconnection."""
    if not facts:
        return Streaks(0, 0, 0)
    last = max(f.day for f in facts)
    return Streaks(
        writing_days=_run({f.day for f in facts}, last),
        numbness_days=_run({f.day for f in facts if "numbness" in f.markers}, last),
        reconnection_days=_run({f.day for f in facts if "reconnection" in f.markers}, last),
    )


def _strength(association: Association) -> float:
    """How many times as common (or as rare) the sign is with the factor as without it."""
    lift = association.lift
    if lift is None or lift == 0:  # seen only with the factor (no baseline), or only without
        return math.inf
    return lift if lift >= 1 else 1 / lift


def notable_associations(found: Sequence[Association]) -> list[Association]:
    """The associations worth naming, strongest first: the insights table lists them and
    the weekly summary names the first, so the two never disagree.

    Notable: the sign is numbness or reconnection, at least ``MIN_WITH`` entries with the
    factor show it, and it is at least ``NOTABLE_TIMES`` as common with the factor as
    without it, or that many times rarer. Strongest: the largest such ratio; a sign seen
    with a factor and never without it (no lift: the baseline is zero) beats any ratio.
    Ties go to the association seen in more entries. At most ``NOTABLE_ROWS``.

    >>> work = Association("tag", "work", "numbness", 38, 38, 1.0, 0.0, None)
    >>> saturday = Association("weekday", "saturday", "numbness", 9, 11, 0.8182, 0.4328, 1.89)
    >>> [a.factor for a in notable_associations([saturday, work])]
    ['work', 'saturday']
    """
    chosen = [
        a
        for a in found
        if a.marker in NOTABLE_MARKERS and a.count >= MIN_WITH and _strength(a) >= NOTABLE_TIMES
    ]
    chosen.sort(key=lambda a: (-_strength(a), -a.count))
    return chosen[:NOTABLE_ROWS]


def describe_association(association: Association) -> str:
    """One sentence saying what the association's table row shows, with its counts."""
    a = association
    sign = a.marker.replace("_", " ").capitalize()
    where = f"entries with {a.kind} '{a.factor}'"
    if a.lift is None:
        return (
            f"{sign} showed up in {a.count} of {a.with_factor} {where} and in none of the others."
        )
    if a.lift >= 1:
        times = f"{a.lift:.1f} times as often"
        return f"{sign} showed up {times} in {where} ({a.count} of {a.with_factor})."
    return (
        f"{sign} showed up less often in {where}: {a.count} of {a.with_factor} "
        f"({a.rate:.0%}), against {a.baseline_rate:.0%} of the others."
    )


def weekly_summary(trends: Sequence[WeekTrend], strongest: Association | None) -> str:
    """A few plain sentences about the latest week, compared with the week before.

    ``strongest`` is the first of ``notable_associations`` (None when nothing stands out):
    the summary names the pattern the insights table puts first, in the same words.
    """
    if not trends:
        return "No entries in this period yet."
    latest = trends[-1]
    parts = [
        f"In the week of {latest.week_start:%d %B} you wrote "
        f"{counted(latest.entries, 'entry', 'entries')}."
    ]
    common = sorted(
        ((rate, m) for m, rate in latest.marker_rates.items() if rate > 0), reverse=True
    )[:2]
    if common:
        names = " and ".join(m.replace("_", " ") for _, m in common)
        parts.append(f"The signs seen most often were {names}.")
    if len(trends) > 1:
        before = trends[-2]
        change = latest.marker_rates.get("reconnection", 0) - before.marker_rates.get(
            "reconnection", 0
        )
        if change > 0:
            parts.append("Moments of reconnection came up more often than the week before.")
        elif change < 0:
            parts.append("Moments of reconnection came up less often than the week before.")
    if strongest is not None:
        parts.append(describe_association(strongest))
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class CheckInWeek:
    """One week of check-ins: how many, mean pleasantness and energy, feelings named."""

    week_start: date
    checkins: int
    mean_pleasantness: float
    mean_energy: float
    mean_granularity: float
    cannot_name: int


def checkin_weeks(checkins: Sequence[CheckIn], zone: tzinfo = UTC) -> list[CheckInWeek]:
    """Weekly check-in figures, oldest first; granularity is the number of feelings named."""
    weeks: dict[date, list[CheckIn]] = defaultdict(list)
    for c in checkins:
        day = local_day(c.checked_at, zone)
        weeks[day - timedelta(days=day.weekday())].append(c)
    found = []
    for start in sorted(weeks):
        group = weeks[start]
        n = len(group)
        found.append(
            CheckInWeek(
                week_start=start,
                checkins=n,
                mean_pleasantness=round(sum(c.pleasantness for c in group) / n, 3),
                mean_energy=round(sum(c.energy for c in group) / n, 3),
                mean_granularity=round(sum(c.granularity for c in group) / n, 3),
                cannot_name=sum(CANNOT_NAME in c.feelings for c in group),
            )
        )
    return found
