"""Export formats: the full JSON document (importable), a CSV of entries, and Markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from reconnect.domain.safety_plan import SECTION_KEYS
from reconnect.domain.selfcheck import score_to_dict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog
    from reconnect.domain.reminders import Reminder
    from reconnect.domain.safety import SafetyCheck
    from reconnect.domain.safety_plan import SafetyPlan
    from reconnect.domain.selfcheck import SelfCheckResult

FORMAT_NAME = "reconnect-export"
FORMAT_VERSION = 1


def _check(check: SafetyCheck | None) -> dict[str, str] | None:
    """An answer to the safety check as exported: what was answered and when."""
    return None if check is None else check.to_dict()


def entry_record(entry: Entry) -> dict[str, Any]:
    """One entry as exported."""
    return {
        "id": entry.id,
        "written_at": entry.written_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "text": entry.text,
        "tags": list(entry.tags),
        "people": list(entry.people),
        "activities": list(entry.activities),
        # Kept for people reading the file; ``reconnect import`` analyses the text again.
        "analysis": None if entry.analysis is None else entry.analysis.to_dict(),
        "safety_check": _check(entry.safety_check),
    }


def checkin_record(checkin: CheckIn) -> dict[str, Any]:
    """One check-in as exported."""
    return {
        "id": checkin.id,
        "checked_at": checkin.checked_at.isoformat(),
        "pleasantness": checkin.pleasantness,
        "energy": checkin.energy,
        "feelings": list(checkin.feelings),
        "note": checkin.note,
        "crisis": checkin.crisis,
        "concern": checkin.concern,
        "safety_check": _check(checkin.safety_check),
    }


def selfcheck_record(result: SelfCheckResult) -> dict[str, Any]:
    """One self-check result as exported (answers and scores)."""
    score = result.score
    return {
        "id": result.id,
        "taken_at": result.taken_at.isoformat(),
        "instrument": score.instrument_id,
        "instrument_version": score.instrument_version,
        "perspective": score.perspective.value,
        "answers": dict(result.answers),
        **score_to_dict(score),
    }


def safety_plan_record(plan: SafetyPlan) -> dict[str, Any]:
    """The safety plan as exported: each section's lines, and when it was saved."""
    return {
        "updated_at": None if plan.updated_at is None else plan.updated_at.isoformat(),
        "sections": {key: list(plan.section(key)) for key in SECTION_KEYS},
    }


def to_json(
    entries: list[Entry],
    checkins: list[CheckIn],
    selfchecks: list[SelfCheckResult],
    practice_log: Sequence[PracticeLog] = (),
    reminders: Sequence[Reminder] = (),
    safety_plan: SafetyPlan | None = None,
) -> str:
    """Everything, as one JSON document that ``reconnect import json`` reads back."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "entries": [entry_record(e) for e in entries],
        "checkins": [checkin_record(c) for c in checkins],
        "selfchecks": [selfcheck_record(s) for s in selfchecks],
        "practice_log": [
            {
                "practice_id": p.practice_id,
                "done_at": p.done_at.isoformat(),
                "reflection": p.reflection,
                "crisis": p.crisis,
                "concern": p.concern,
                "safety_check": _check(p.safety_check),
            }
            for p in practice_log
        ],
        "reminders": [
            {
                "practice_id": r.practice_id,
                "days": list(r.days),
                "at": r.at.isoformat(),
                "created_at": r.created_at.isoformat(),
            }
            for r in reminders
        ],
    }
    if safety_plan is not None and not safety_plan.is_empty:
        document["safety_plan"] = safety_plan_record(safety_plan)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_csv(entries: list[Entry]) -> str:
    """Entries as CSV: one row per entry, labels and markers joined with spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["id", "written_at", "text", "tags", "people", "activities", "markers", "valence", "crisis"]
    )
    for e in entries:
        writer.writerow(
            [
                e.id,
                e.written_at.isoformat(),
                e.text,
                " ".join(e.tags),
                " ".join(e.people),
                " ".join(e.activities),
                " ".join(sorted(e.marker_names)),
                "" if e.analysis is None else e.analysis.valence,
                "yes" if e.crisis else "no",
            ]
        )
    return buffer.getvalue()


def to_markdown(entries: list[Entry], checkins: list[CheckIn]) -> str:
    """A readable Markdown journal: entries by date, then check-ins."""
    lines = ["# My reconnect journal", ""]
    for e in entries:
        lines.append(f"## {e.written_at:%Y-%m-%d %H:%M}")
        labels = [*(f"#{t}" for t in e.tags), *(f"@{p}" for p in e.people)]
        if labels:
            lines.append(" ".join(labels))
        lines += ["", e.text, ""]
        if e.marker_names:
            lines += [f"*Signs: {', '.join(sorted(e.marker_names))}*", ""]
    if checkins:
        lines += ["# Check-ins", ""]
        for c in checkins:
            feelings = ", ".join(c.feelings) or "no feeling named"
            note = f" — {c.note}" if c.note else ""
            lines.append(
                f"- {c.checked_at:%Y-%m-%d %H:%M}: pleasantness {c.pleasantness}, "
                f"energy {c.energy} ({feelings}){note}"
            )
        lines.append("")
    return "\n".join(lines)
