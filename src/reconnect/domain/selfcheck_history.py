"""Self-check history, kept apart by perspective: pure rules, no I/O.

Answers about oneself and answers about a partner describe two people. A result about a
partner is never the next point of one's own line: each perspective has its own results,
its own trend per dimension, and each result's change is measured against the previous
result about the same person (issue 11, item 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.selfcheck import Perspective
from reconnect.domain.wording import shown_change

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from reconnect.domain.selfcheck import SelfCheckResult


@dataclass(frozen=True, slots=True)
class DimensionTrend:
    """One dimension across the results about one person, oldest first (None: not scored)."""

    dimension: str
    scores: tuple[float | None, ...]

    @property
    def first(self) -> float | None:
        """The earliest scored value, or None when it was never scored."""
        known = [s for s in self.scores if s is not None]
        return known[0] if known else None

    @property
    def latest(self) -> float | None:
        """The most recent scored value, or None when it was never scored."""
        known = [s for s in self.scores if s is not None]
        return known[-1] if known else None

    @property
    def change(self) -> float | None:
        """Latest minus first scored value; None until it was scored twice.

        >>> DimensionTrend("numbness", (75.0, None, 50.0)).change
        -25.0
        >>> DimensionTrend("numbness", (75.0,)).change is None
        True
        """
        known = [s for s in self.scores if s is not None]
        return round(known[-1] - known[0], 1) if len(known) > 1 else None

    @property
    def shown_change(self) -> int | None:
        """``wording.shown_change`` from first to latest: the change between the whole numbers
        shown for them (62.4 → 66.6 is shown as 62 → 67, so +5); None until scored twice.

        >>> DimensionTrend("numbness", (62.4, 66.6)).shown_change
        5
        """
        known = [s for s in self.scores if s is not None]
        return shown_change(known[0], known[-1]) if len(known) > 1 else None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A result, the previous result about the same person, and the change since it.

    ``change`` holds the dimensions scored in both results only, as this one minus the
    previous one; it is empty for the first result about a person.
    """

    result: SelfCheckResult
    previous: SelfCheckResult | None
    change: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class PerspectiveHistory:
    """Every result about one person (oneself or a partner), oldest first, with trends."""

    perspective: Perspective
    entries: tuple[HistoryEntry, ...]
    trends: tuple[DimensionTrend, ...]

    @property
    def latest(self) -> SelfCheckResult | None:
        """The most recent result about this person, or None when there is none."""
        return self.entries[-1].result if self.entries else None


def _change(result: SelfCheckResult, previous: SelfCheckResult | None) -> dict[str, float]:
    if previous is None:
        return {}
    before = {d.dimension: d.score for d in previous.score.dimensions}
    change: dict[str, float] = {}
    for dimension in result.score.dimensions:
        old = before.get(dimension.dimension)
        if dimension.score is not None and old is not None:
            change[dimension.dimension] = round(dimension.score - old, 1)
    return change


def history_entries(results: Sequence[SelfCheckResult]) -> list[HistoryEntry]:
    """Each result (in the given order, oldest first) with the previous one about the same person.

    The results may mix perspectives: a result about a partner is compared only with the
    previous result about the partner, and one about oneself only with one about oneself.
    """
    last: dict[Perspective, SelfCheckResult] = {}
    entries: list[HistoryEntry] = []
    for result in results:
        previous = last.get(result.score.perspective)
        entries.append(HistoryEntry(result, previous, _change(result, previous)))
        last[result.score.perspective] = result
    return entries


def split_history(
    results: Sequence[SelfCheckResult], dimensions: Sequence[str]
) -> dict[Perspective, PerspectiveHistory]:
    """The results (oldest first) as one history per perspective, oneself first.

    Every perspective is present, with no entries when nothing was answered about it;
    ``dimensions`` names the trends to compute, in the order to show them.
    """
    entries = history_entries(results)
    split: dict[Perspective, PerspectiveHistory] = {}
    for perspective in Perspective:
        own = tuple(e for e in entries if e.result.score.perspective is perspective)
        trends = tuple(
            DimensionTrend(
                dimension,
                tuple(_score_of(e.result, dimension) for e in own),
            )
            for dimension in dimensions
        )
        split[perspective] = PerspectiveHistory(perspective, own, trends)
    return split


def _score_of(result: SelfCheckResult, dimension: str) -> float | None:
    for score in result.score.dimensions:
        if score.dimension == dimension:
            return score.score
    return None
