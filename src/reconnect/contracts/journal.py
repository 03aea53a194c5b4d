"""JSON shapes of journal entries and check-ins."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.contracts.analysis import (
    AnalysisOut,
    SafetyCheckOut,
    analysis_out,
    safety_check_out,
)
from reconnect.contracts.safety import CrisisResourcesOut, resources_if

if TYPE_CHECKING:
    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry


class EntryIn(BaseModel):
    """A new or edited journal entry."""

    text: str = Field(max_length=20_000)
    tags: list[str] = Field(default_factory=list, max_length=50)
    people: list[str] = Field(default_factory=list, max_length=50)
    activities: list[str] = Field(default_factory=list, max_length=50)
    written_at: datetime | None = None


class EntryOut(BaseModel):
    """A saved journal entry with its analysis (the analyze contract).

    ``analysis`` is null when the stored analysis could not be read; ``needs_reanalysis``
    then says so (``reconnect reanalyze`` reads it again). ``concern`` asks the calm safety
    check; ``safety_check`` is the answer given, if any (POST
    ``/api/entries/{id}/safety-check``).
    """

    id: int
    written_at: datetime
    updated_at: datetime
    text: str
    tags: list[str]
    people: list[str]
    activities: list[str]
    analysis: AnalysisOut | None
    crisis: bool
    concern: bool
    needs_reanalysis: bool
    safety_check: SafetyCheckOut | None = None
    crisis_resources: CrisisResourcesOut | None = None


class CheckInIn(BaseModel):
    """A mood check-in: pleasantness and energy from 1 to 10, optional feelings and note."""

    pleasantness: int = Field(ge=1, le=10)
    energy: int = Field(ge=1, le=10)
    feelings: list[str] = Field(default_factory=list, max_length=12)
    note: str = Field(default="", max_length=2_000)
    checked_at: datetime | None = None


class CheckInOut(BaseModel):
    """A saved check-in."""

    id: int
    checked_at: datetime
    pleasantness: int
    energy: int
    quadrant: str
    feelings: list[str]
    granularity: int
    note: str
    crisis: bool
    concern: bool = False
    safety_check: SafetyCheckOut | None = None
    crisis_resources: CrisisResourcesOut | None = None


def entry_out(entry: Entry, country: str | None = None) -> EntryOut:
    """An entry for JSON output; crisis resources are attached when it carries crisis language."""
    return EntryOut(
        id=entry.id,
        written_at=entry.written_at,
        updated_at=entry.updated_at,
        text=entry.text,
        tags=list(entry.tags),
        people=list(entry.people),
        activities=list(entry.activities),
        analysis=None if entry.analysis is None else analysis_out(entry.analysis),
        crisis=entry.crisis,
        concern=entry.concern,
        needs_reanalysis=entry.needs_reanalysis,
        safety_check=safety_check_out(entry.safety_check),
        crisis_resources=resources_if(entry.crisis, country),
    )


def checkin_out(checkin: CheckIn, country: str | None = None) -> CheckInOut:
    """A check-in for JSON output, with crisis resources when its note needs them."""
    return CheckInOut(
        id=checkin.id,
        checked_at=checkin.checked_at,
        pleasantness=checkin.pleasantness,
        energy=checkin.energy,
        quadrant=checkin.quadrant,
        feelings=list(checkin.feelings),
        granularity=checkin.granularity,
        note=checkin.note,
        crisis=checkin.crisis,
        concern=checkin.concern,
        safety_check=safety_check_out(checkin.safety_check),
        crisis_resources=resources_if(checkin.crisis, country),
    )
