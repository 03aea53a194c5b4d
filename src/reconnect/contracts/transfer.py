"""JSON shape of an import's result (``reconnect import ... --json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.contracts.safety import CrisisResourcesOut, resources_if

if TYPE_CHECKING:
    from reconnect.services.transfer import ImportResult


class SkippedOut(BaseModel):
    """Records of the file that the journal already held, so they were not imported again."""

    entries: int = 0
    checkins: int = 0
    selfchecks: int = 0
    practice_logs: int = 0
    reminders: int = 0


class ImportOut(BaseModel):
    """What an import saved; crisis resources when any imported text carries crisis language."""

    entries: int
    checkins: int
    selfchecks: int
    practice_logs: int
    reminders: int
    safety_plan: bool = Field(
        default=False, description="the file's safety plan was saved (a saved plan is kept)"
    )
    crisis: bool
    crisis_resources: CrisisResourcesOut | None = None
    skipped: SkippedOut = Field(
        default_factory=SkippedOut,
        description="Already in the journal (same moment, same words): not imported again.",
    )


def import_out(result: ImportResult, country: str | None) -> ImportOut:
    """An import result for JSON output; every imported text was analysed again."""
    return ImportOut(
        entries=result.entries,
        checkins=result.checkins,
        selfchecks=result.selfchecks,
        practice_logs=result.practices,
        reminders=result.reminders,
        safety_plan=result.safety_plan,
        crisis=result.crisis,
        crisis_resources=resources_if(result.crisis, country),
        skipped=SkippedOut(
            entries=result.skipped.entries,
            checkins=result.skipped.checkins,
            selfchecks=result.skipped.selfchecks,
            practice_logs=result.skipped.practices,
            reminders=result.skipped.reminders,
        ),
    )
