"""JSON shape of an import's result (``reconnect import ... --json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from reconnect.contracts.safety import CrisisResourcesOut, resources_if

if TYPE_CHECKING:
    from reconnect.services.transfer import ImportResult


class ImportOut(BaseModel):
    """What an import saved; crisis resources when any imported text carries crisis language."""

    entries: int
    checkins: int
    selfchecks: int
    practice_logs: int
    reminders: int
    crisis: bool
    crisis_resources: CrisisResourcesOut | None = None


def import_out(result: ImportResult, country: str | None) -> ImportOut:
    """An import result for JSON output; every imported text was analysed again."""
    return ImportOut(
        entries=result.entries,
        checkins=result.checkins,
        selfchecks=result.selfchecks,
        practice_logs=result.practices,
        reminders=result.reminders,
        crisis=result.crisis,
        crisis_resources=resources_if(result.crisis, country),
    )
