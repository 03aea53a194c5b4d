"""Read reconnect's own JSON export back, exactly."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from reconnect.domain.reminders import parse_days
from reconnect.domain.safety import SafetyCheck
from reconnect.domain.selfcheck import Perspective, score_from_dict
from reconnect.errors import InputError
from reconnect.reports.exporters import FORMAT_NAME, FORMAT_VERSION
from reconnect.reports.importers import (
    ImportBatch,
    ImportedCheckIn,
    ImportedEntry,
    ImportedPractice,
    ImportedReminder,
    ImportedSelfCheck,
)


def _moment(value: Any, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date-time") from None
    if moment.tzinfo is None:
        raise InputError(f"{where}: {value!r} has no time zone")
    return moment


def _safety_check(record: dict[str, Any], where: str) -> SafetyCheck | None:
    value = record.get("safety_check")
    if value is None:
        return None
    try:
        return SafetyCheck.from_dict(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}") from None


def parse_native(text: str) -> ImportBatch:
    """Parse a ``reconnect export --format json`` document; InputError names the bad item."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputError('this is not a reconnect export (no "format": "reconnect-export")')
    if data.get("version") != FORMAT_VERSION:
        raise InputError(f"export version {data.get('version')!r} is not supported")
    batch = ImportBatch()
    where = "the document"
    try:
        for index, e in enumerate(data.get("entries", [])):
            where = f"entries[{index}]"
            batch.entries.append(
                ImportedEntry(
                    written_at=_moment(e["written_at"], where),
                    updated_at=_moment(e["updated_at"], where),
                    text=str(e["text"]),
                    tags=tuple(map(str, e["tags"])),
                    people=tuple(map(str, e["people"])),
                    activities=tuple(map(str, e["activities"])),
                    safety_check=_safety_check(e, where),
                )
            )
        for index, c in enumerate(data.get("checkins", [])):
            where = f"checkins[{index}]"
            batch.checkins.append(
                ImportedCheckIn(
                    checked_at=_moment(c["checked_at"], where),
                    pleasantness=int(c["pleasantness"]),
                    energy=int(c["energy"]),
                    feelings=tuple(map(str, c["feelings"])),
                    note=str(c["note"]),
                    safety_check=_safety_check(c, where),
                )
            )
        for index, s in enumerate(data.get("selfchecks", [])):
            where = f"selfchecks[{index}]"
            score = score_from_dict(
                s, str(s["instrument"]), int(s["instrument_version"]), Perspective(s["perspective"])
            )
            answers = {str(k): int(v) for k, v in s["answers"].items()}
            batch.selfchecks.append(
                ImportedSelfCheck(_moment(s["taken_at"], where), answers, score)
            )
        for index, p in enumerate(data.get("practice_log", [])):
            where = f"practice_log[{index}]"
            batch.practices.append(
                ImportedPractice(
                    done_at=_moment(p["done_at"], where),
                    practice_id=str(p["practice_id"]),
                    reflection=str(p.get("reflection", "")),
                    safety_check=_safety_check(p, where),
                )
            )
        for index, r in enumerate(data.get("reminders", [])):
            where = f"reminders[{index}]"
            batch.reminders.append(
                ImportedReminder(
                    created_at=_moment(r["created_at"], where),
                    practice_id=str(r["practice_id"]),
                    days=parse_days(",".join(map(str, r["days"]))),
                    at=time.fromisoformat(str(r["at"])),
                )
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{where}: missing or invalid field ({exc})") from None
    return batch
