"""JSON shapes of the self-check history: each result with its change, and each person's trends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.contracts.selfcheck import SelfCheckResultOut, selfcheck_result_out
from reconnect.domain.selfcheck import Perspective

if TYPE_CHECKING:
    from reconnect.domain.selfcheck import Instrument
    from reconnect.domain.selfcheck_history import HistoryEntry, PerspectiveHistory


class HistoryResultOut(SelfCheckResultOut):
    """A saved result in a history, with its change since the previous one about the same person."""

    previous_id: int | None = Field(
        description="The result before this one about the same person (you, or your partner); "
        "null for the first"
    )
    change: dict[str, float] = Field(
        description="Per dimension scored both times: this score minus the previous one about "
        "the same person (negative means fewer signs); empty for the first"
    )


class TrendOut(BaseModel):
    """One dimension across the results about one person, oldest first."""

    name: str
    scores: list[float | None]
    first: float | None
    latest: float | None
    change: float | None = Field(description="latest minus first; null until scored twice")
    shown_change: int | None = Field(
        description="the change between first and latest as the whole numbers shown for them"
    )


class PerspectiveHistoryOut(BaseModel):
    """Every result about one person, oldest first, and how each dimension moved."""

    perspective: Perspective
    results: list[HistoryResultOut]
    trends: dict[str, TrendOut]

    @property
    def latest(self) -> HistoryResultOut | None:
        """The most recent result about this person, if any."""
        return self.results[-1] if self.results else None


def history_result_out(instrument: Instrument, entry: HistoryEntry) -> HistoryResultOut:
    """A result of a history, spelled out, with the change since the previous one."""
    base = selfcheck_result_out(instrument, entry.result)
    return HistoryResultOut(
        **base.model_dump(),
        previous_id=entry.previous.id if entry.previous else None,
        change=dict(entry.change),
    )


def perspective_history_out(
    instrument: Instrument, history: PerspectiveHistory
) -> PerspectiveHistoryOut:
    """One person's history, with each dimension's trend named."""
    return PerspectiveHistoryOut(
        perspective=history.perspective,
        results=[history_result_out(instrument, entry) for entry in history.entries],
        trends={
            trend.dimension: TrendOut(
                name=instrument.dimension(trend.dimension).name,
                scores=list(trend.scores),
                first=trend.first,
                latest=trend.latest,
                change=trend.change,
                shown_change=trend.shown_change,
            )
            for trend in history.trends
        },
    )
