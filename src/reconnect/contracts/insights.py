"""JSON shapes of insights: weekly trends, associations, streaks and seek-help signs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.content import load_texts
from reconnect.contracts.selfcheck import SeekHelpOut
from reconnect.domain.insights import METHOD as INSIGHTS_METHOD

if TYPE_CHECKING:
    from reconnect.services.insights import Insights


class AssociationOut(BaseModel):
    """How one marker goes with one factor."""

    count: int
    with_factor: int
    rate: float
    baseline_rate: float
    lift: float | None


class WeekOut(BaseModel):
    """One week of entries."""

    week_start: str
    entries: int
    marker_rates: dict[str, float]
    mean_valence: float
    mean_granularity: float


class CheckInWeekOut(BaseModel):
    """One week of check-ins."""

    week_start: str
    checkins: int
    mean_pleasantness: float
    mean_energy: float
    mean_granularity: float
    cannot_name: int


class InsightsOut(BaseModel):
    """Insights over a period; ``associations[kind][factor][marker]``."""

    entries: int
    weekly: list[WeekOut]
    checkins_weekly: list[CheckInWeekOut]
    associations: dict[str, dict[str, dict[str, AssociationOut]]]
    streaks: dict[str, int]
    summary: str
    method: str
    seek_help: list[SeekHelpOut]
    not_analysed: int = Field(
        default=0,
        description="Entries left out because their stored analysis could not be read "
        "(reconnect reanalyze reads them again).",
    )
    disclaimer: str = Field(
        default_factory=lambda: load_texts().disclaimer,
        description="Insights describe patterns, not a diagnosis (SAFE-7).",
    )


def insights_out(insights: Insights) -> InsightsOut:
    """Insights in the JSON shape of ``reconnect insights --json`` and ``/api/insights``."""
    nested: dict[str, dict[str, dict[str, AssociationOut]]] = {
        "tag": {},
        "person": {},
        "activity": {},
        "weekday": {},
    }
    for a in insights.associations:
        nested[a.kind].setdefault(a.factor, {})[a.marker] = AssociationOut(
            count=a.count,
            with_factor=a.with_factor,
            rate=a.rate,
            baseline_rate=a.baseline_rate,
            lift=a.lift,
        )
    return InsightsOut(
        entries=insights.entries,
        weekly=[
            WeekOut(
                week_start=w.week_start.isoformat(),
                entries=w.entries,
                marker_rates=w.marker_rates,
                mean_valence=w.mean_valence,
                mean_granularity=w.mean_granularity,
            )
            for w in insights.weekly
        ],
        checkins_weekly=[
            CheckInWeekOut(
                week_start=c.week_start.isoformat(),
                checkins=c.checkins,
                mean_pleasantness=c.mean_pleasantness,
                mean_energy=c.mean_energy,
                mean_granularity=c.mean_granularity,
                cannot_name=c.cannot_name,
            )
            for c in insights.checkin_weekly
        ],
        associations=nested,
        streaks={
            "writing_days": insights.streaks.writing_days,
            "numbness_days": insights.streaks.numbness_days,
            "reconnection_days": insights.streaks.reconnection_days,
        },
        summary=insights.summary,
        method=INSIGHTS_METHOD,
        seek_help=[
            SeekHelpOut(id=s.id, condition=s.condition, suggestion=s.suggestion)
            for s in insights.seek_help
        ],
        not_analysed=insights.not_analysed,
    )
