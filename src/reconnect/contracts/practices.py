"""JSON shapes of practices, suggestions and the practice log."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.contracts.analysis import SafetyCheckOut
from reconnect.contracts.safety import CrisisResourcesOut

if TYPE_CHECKING:
    from reconnect.domain.practices import Practice


class PracticeOut(BaseModel):
    """A practice from the library."""

    id: str
    title: str
    why: str
    seed: str
    audience: str = Field(serialization_alias="for")
    duration_minutes: int
    difficulty: int
    timed: bool
    addresses: list[str]
    steps: list[str]


class SuggestionOut(BaseModel):
    """A suggested practice and why it is suggested."""

    id: str
    title: str
    score: float
    reasons: list[str]


class PracticeLogOut(BaseModel):
    """A practice done."""

    id: int
    practice: str
    done_at: datetime
    reflection: str
    crisis: bool
    concern: bool = False
    safety_check: SafetyCheckOut | None = None
    crisis_resources: CrisisResourcesOut | None = None


def practice_out(practice: Practice) -> PracticeOut:
    """A practice for JSON output (``for`` names who it is for)."""
    return PracticeOut(
        id=practice.id,
        title=practice.title,
        why=practice.why,
        seed=practice.seed,
        audience=practice.audience,
        duration_minutes=practice.duration_minutes,
        difficulty=practice.difficulty,
        timed=practice.timed,
        addresses=list(practice.addresses),
        steps=list(practice.steps),
    )
