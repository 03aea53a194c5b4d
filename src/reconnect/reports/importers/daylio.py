"""Read a Daylio CSV export: moods become check-ins, notes become entries, activities carry over."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from reconnect.errors import InputError
from reconnect.reports.importers import ImportBatch, ImportedCheckIn, ImportedEntry

# Daylio's five default moods on reconnect's pleasantness scale (1-10). Daylio records
# no energy, so imported check-ins get the middle value, 5.
MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
IMPORTED_ENERGY = 5
REQUIRED = ("full_date", "time", "mood")


def parse_daylio(text: str) -> ImportBatch:
    """Rows of a Daylio export; InputError names the first bad line (1 is the header)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"line 1: this is not a Daylio export (missing {', '.join(missing)})")
    batch = ImportBatch()
    for row in reader:
        line = reader.line_num
        try:
            moment = datetime.fromisoformat(f"{row['full_date']}T{_clock(row['time'])}")
        except (ValueError, TypeError):
            raise InputError(f"line {line}: invalid date or time") from None
        moment = moment.replace(tzinfo=UTC)
        mood = (row.get("mood") or "").strip().casefold()
        if mood not in MOODS:
            raise InputError(f"line {line}: unknown mood {row.get('mood')!r}")
        activities = tuple(
            a.strip().casefold().replace(" ", "-")
            for a in (row.get("activities") or "").split("|")
            if a.strip()
        )
        batch.checkins.append(ImportedCheckIn(moment, MOODS[mood], IMPORTED_ENERGY))
        note = "\n\n".join(
            part.strip()
            for part in (row.get("note_title") or "", row.get("note") or "")
            if part.strip()
        )
        if note:
            batch.entries.append(ImportedEntry(moment, note, activities=activities))
    return batch


def _clock(value: str) -> str:
    """Daylio writes "9:05 pm" or "21:05"; return "21:05"."""
    text = value.strip().lower()
    if text.endswith(("am", "pm")):
        return datetime.strptime(text.replace(" ", ""), "%I:%M%p").strftime("%H:%M")
    return datetime.strptime(text, "%H:%M").strftime("%H:%M")
