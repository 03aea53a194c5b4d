"""The pursue–withdraw pattern from the weekly check-ins (issue 004), for the asking partner."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from reconnect.content import load_texts
from reconnect.services import couple_pattern
from reconnect.web.api.couple import Opened  # noqa: TC001 - FastAPI reads it; admins get 403

router = APIRouter(tags=["couple"])
Who = Literal["you", "your_partner", "neither", "both"]
Status = Literal[
    "not_enough_weeks", "you_seek_closeness", "partner_seeks_closeness", "balanced", "paused"
]


class PatternWeekOut(BaseModel):
    """One week you both answered, from your side."""

    week: str
    wanted_closeness: Who = Field(description="Who chose the closer end of 'closeness or space'")
    reached_out: Who = Field(description="Who reached out, from both of your answers")
    felt_pressured: Who = Field(description="Who felt pushed for closeness (4 or 5)")
    sought_closeness: Who = Field(description="The week's reading: two signs or more")
    summary: str


class PatternOut(BaseModel):
    """The pursue–withdraw pattern: signs in your check-ins, not a diagnosis or a verdict.

    ``paused``: check-ins are paused and nothing is read. ``mine_from_entries`` comes from
    your own entries only and is shown to you alone.
    """

    status: Status
    weeks: list[PatternWeekOut]
    pattern: str
    loop_note: str | None
    suggestions: list[str]
    how_computed: list[str]
    mine_from_entries: str | None
    disclaimer: str = Field(default_factory=lambda: load_texts().disclaimer)


WHO: dict[str, Who] = {"you": "you", "your_partner": "your_partner", "both": "both"}
STATUSES: dict[str, Status] = {
    "not_enough_weeks": "not_enough_weeks",
    "you_seek_closeness": "you_seek_closeness",
    "partner_seeks_closeness": "partner_seeks_closeness",
    "balanced": "balanced",
    "paused": "paused",
}


def _who(value: str) -> Who:
    return WHO.get(value, "neither")


@router.get("/couple/pattern", summary="The pursue–withdraw pattern, from your side")
def couple_pattern_view(opened: Opened) -> PatternOut:
    """Read from the weeks you both answered (at least three before a pattern is named);
    a week only one of you answered is never used. 404 when you are not paired."""
    view = couple_pattern.pattern(*opened)
    return PatternOut(
        status=STATUSES[view.status],
        weeks=[
            PatternWeekOut(
                week=w.week,
                wanted_closeness=_who(w.wanted_closeness),
                reached_out=_who(w.reached_out),
                felt_pressured=_who(w.felt_pressured),
                sought_closeness=_who(w.sought_closeness),
                summary=w.summary,
            )
            for w in view.weeks
        ],
        pattern=view.sentence,
        loop_note=view.loop_note,
        suggestions=list(view.suggestions),
        how_computed=list(view.how_computed),
        mine_from_entries=view.mine_from_entries,
    )
