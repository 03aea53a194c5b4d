"""What a counsellor may see of a client's journal: the scopes, and the summary made per scope.

A summary is built in the client's own session from domain objects and is the only thing
sealed for the counsellor. It is an allow-list: each section names the fields it copies,
so nothing else (activity counts, streaks, crisis flags, safety-check answers, free-text
notes or reflections) can reach another person by accident (PAIR-4, PAIR-5).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from reconnect.domain.entries import Entry
    from reconnect.domain.insights import CheckInWeek, WeekTrend
    from reconnect.domain.practices import PracticeLog
    from reconnect.domain.selfcheck import Instrument, SelfCheckResult

NOT_A_DIAGNOSIS = (
    "Shared by the client: self-reported signs and patterns from a self-help tool, not a diagnosis."
)
# Keys that never appear in anything a partner or counsellor receives (PAIR-5).
DENIED_KEYS = frozenset({"last_active", "entry_count", "streaks", "crisis"})
MAX_ENTRIES = 50


class Scope(StrEnum):
    """What a client can choose to share."""

    SELFCHECKS = "selfchecks"
    CHECKIN_TRENDS = "checkin_trends"
    MARKER_TRENDS = "marker_trends"
    PRACTICES = "practices"
    ENTRIES = "entries"


def parse_scopes(names: Iterable[str]) -> tuple[Scope, ...]:
    """The scopes named, in the order of ``Scope``; InputError for an unknown or no name."""
    chosen = set()
    for name in names:
        try:
            chosen.add(Scope(name.strip()))
        except ValueError:
            known = ", ".join(s.value for s in Scope)
            raise InputError(f"unknown scope {name!r}", hint=f"Choose from: {known}.") from None
    if not chosen:
        raise InputError("choose at least one scope to share")
    return tuple(s for s in Scope if s in chosen)


def check_entry_ids(scopes: Sequence[Scope], entry_ids: Sequence[int]) -> tuple[int, ...]:
    """The entry ids, each once; the ``entries`` scope needs some, and no other scope any."""
    ids = tuple(dict.fromkeys(entry_ids))
    if Scope.ENTRIES in scopes and not ids:
        raise InputError("the entries scope needs the ids of the entries to share")
    if Scope.ENTRIES not in scopes and ids:
        raise InputError("entry ids are only shared with the entries scope")
    if len(ids) > MAX_ENTRIES:
        raise InputError(f"share at most {MAX_ENTRIES} entries")
    return ids


@dataclass(frozen=True, slots=True)
class DimensionShare:
    """One self-check dimension's score (0-100) and band."""

    name: str
    score: float | None
    band: str | None


@dataclass(frozen=True, slots=True)
class SelfCheckShare:
    """One self-check result: when, about whom, and each dimension's score."""

    taken_at: str
    perspective: str
    dimensions: dict[str, DimensionShare]


@dataclass(frozen=True, slots=True)
class CheckInWeekShare:
    """One week of mood check-ins, as means."""

    week_start: str
    checkins: int
    mean_pleasantness: float
    mean_energy: float


@dataclass(frozen=True, slots=True)
class MarkerWeekShare:
    """One week's share of entries showing each sign (0-1)."""

    week_start: str
    marker_rates: dict[str, float]


@dataclass(frozen=True, slots=True)
class PracticeShare:
    """A practice done (what and when; never the reflection)."""

    practice_id: str
    title: str
    done_at: str


@dataclass(frozen=True, slots=True)
class EntryShare:
    """A journal entry the client named: its date and text."""

    id: int
    written_at: str
    text: str


@dataclass(frozen=True, slots=True)
class ShareSummary:
    """Everything a counsellor sees of one share; a section is None when not in scope."""

    made_at: str
    scopes: tuple[str, ...]
    notice: str
    selfchecks: list[SelfCheckShare] | None = None
    checkin_trends: list[CheckInWeekShare] | None = None
    marker_trends: list[MarkerWeekShare] | None = None
    practices: list[PracticeShare] | None = None
    entries: list[EntryShare] | None = None


def selfcheck_section(
    instrument: Instrument, results: Iterable[SelfCheckResult]
) -> list[SelfCheckShare]:
    """Scores and bands per dimension; the answers and seek-help rules stay behind."""
    out = []
    for result in results:
        dimensions = {}
        for d in result.score.dimensions:
            band = instrument.band(d.band).label if d.band is not None else None
            dimensions[d.dimension] = DimensionShare(
                instrument.dimension(d.dimension).name, d.score, band
            )
        out.append(
            SelfCheckShare(
                result.taken_at.isoformat(), str(result.score.perspective.value), dimensions
            )
        )
    return out


def checkin_section(weeks: Iterable[CheckInWeek]) -> list[CheckInWeekShare]:
    """Weekly means of the mood check-ins (notes are never read here)."""
    return [
        CheckInWeekShare(
            w.week_start.isoformat(),
            w.checkins,
            round(w.mean_pleasantness, 2),
            round(w.mean_energy, 2),
        )
        for w in weeks
    ]


def marker_section(weeks: Iterable[WeekTrend]) -> list[MarkerWeekShare]:
    """Weekly share of entries showing each sign (no counts of entries: PAIR-5)."""
    return [
        MarkerWeekShare(
            w.week_start.isoformat(), {k: round(v, 3) for k, v in sorted(w.marker_rates.items())}
        )
        for w in weeks
    ]


def practice_section(logs: Iterable[PracticeLog], titles: Mapping[str, str]) -> list[PracticeShare]:
    """Practices done, oldest first; reflections are private writing and stay behind."""
    return [
        PracticeShare(
            g.practice_id, titles.get(g.practice_id, g.practice_id), g.done_at.isoformat()
        )
        for g in logs
    ]


def refuse_unsafe_entries(entries: Iterable[Entry], harmful: Iterable[int] = ()) -> None:
    """InputError when an entry holds crisis or concern language, or signs of harm
    (``harmful`` ids): those are never sent to another person."""
    flagged = sorted({e.id for e in entries if e.crisis or e.concern} | set(harmful))
    if flagged:
        raise InputError(
            f"entry {', '.join(map(str, flagged))} cannot be shared: writing about a crisis, "
            "safety or harm is never sent to another person",
            hint="Leave it out, and talk about it with your counsellor in person if you wish.",
        )


def entry_section(entries: Iterable[Entry]) -> list[EntryShare]:
    """The named entries' dates and text (labels and analysis stay behind)."""
    return [EntryShare(e.id, e.written_at.isoformat(), e.text) for e in entries]


def summary_to_json(summary: ShareSummary) -> dict[str, Any]:
    """The summary as JSON data: sections out of scope are left out altogether."""
    data = asdict(summary)
    data["scopes"] = list(summary.scopes)
    return {k: v for k, v in data.items() if v is not None}


def summary_from_json(data: Mapping[str, Any]) -> ShareSummary:
    """The summary back from ``summary_to_json``."""

    def rows(name: str, make: Any) -> Any:
        found = data.get(name)
        return None if found is None else [make(**row) for row in found]

    def selfcheck(**row: Any) -> SelfCheckShare:
        dims = {k: DimensionShare(**v) for k, v in row["dimensions"].items()}
        return SelfCheckShare(row["taken_at"], row["perspective"], dims)

    return ShareSummary(
        made_at=data["made_at"],
        scopes=tuple(data["scopes"]),
        notice=data["notice"],
        selfchecks=rows("selfchecks", selfcheck),
        checkin_trends=rows("checkin_trends", CheckInWeekShare),
        marker_trends=rows("marker_trends", MarkerWeekShare),
        practices=rows("practices", PracticeShare),
        entries=rows("entries", EntryShare),
    )


def denied_keys_in(data: object) -> set[str]:
    """Every PAIR-5 denied key found anywhere in nested JSON data (empty when clean)."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in DENIED_KEYS:
                found.add(key)
            found |= denied_keys_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= denied_keys_in(value)
    return found
