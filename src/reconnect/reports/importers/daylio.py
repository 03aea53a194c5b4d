"""Read a Daylio CSV export: moods become check-ins, notes become entries, activities carry over.

The CSV is read strictly: a quote that is never closed, a row with too few or too many
fields and an oversized field are each refused with their line, rather than letting one
note swallow the rows after it.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconnect.domain.entries import MAX_ENTRY_CHARS
from reconnect.errors import InputError
from reconnect.reports.importers import ImportBatch, ImportedCheckIn, ImportedEntry
from reconnect.reports.importers import fields as f

if TYPE_CHECKING:
    from collections.abc import Iterator

# Daylio's five default moods on reconnect's pleasantness scale (1-10). Daylio records
# no energy, so imported check-ins get the middle value, 5.
MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
IMPORTED_ENERGY = 5
REQUIRED = ("full_date", "time", "mood")
# A line inside a quoted note that starts like a Daylio row: the quote before it was
# almost certainly never closed.
ROW_START = re.compile(r"\n\d{4}-\d{2}-\d{2},")
CSV_FIELD_LIMIT = csv.field_size_limit()


_LABEL_WORDS = re.compile(r"[^\W_]+")


def parse_daylio(text: str) -> ImportBatch:
    """Rows of a Daylio export; InputError names the first bad line (1 is the header)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    header = _next_row(reader, 1)
    if header is None:
        raise InputError("line 1: the file is empty; expected a Daylio CSV export")
    names = [name.strip() for name in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(f"line 1: this is not a Daylio export (missing {', '.join(missing)})")
    batch = ImportBatch()
    while True:
        line = reader.line_num + 1
        values = _next_row(reader, line)
        if values is None:
            return batch
        if not values:
            continue  # a blank line
        if len(values) != len(names):
            listed = ", ".join(names)
            shown = f" ({listed})" if len(listed) <= 120 and listed.isprintable() else ""
            raise InputError(
                f"line {line}: expected {len(names)} fields{shown} as in the header, "
                f"found {len(values)}"
            )
        _read_row(dict(zip(names, values, strict=True)), line, batch)


def _next_row(reader: Iterator[list[str]], line: int) -> list[str] | None:
    """The next row, or None at the end; InputError naming the line where the row starts."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        problem = str(exc)
        if "field larger than field limit" in problem:
            raise InputError(
                f"line {line}: a field is longer than {CSV_FIELD_LIMIT:,} characters; "
                f"expected a note of at most {MAX_ENTRY_CHARS:,} characters"
            ) from None
        if "unexpected end of data" in problem or "expected after" in problem:
            raise InputError(
                f"line {line}: a quoted field is not closed properly ({problem}); "
                'expected each quote inside a field to be doubled ("")'
            ) from None
        raise InputError(f"line {line}: not valid CSV ({problem})") from None


def _place(line: int, name: str) -> str:
    """The place of a value (line 4, field note); a field name from the file stays on one line."""
    shown = name if len(name) <= 40 and name.isprintable() else f.describe(name)
    return f"line {line}, field {shown}"


def _read_row(row: dict[str, str], line: int, batch: ImportBatch) -> None:
    for name, value in row.items():
        if ROW_START.search(value):
            raise InputError(
                f"{_place(line, name)}: the value runs on into lines that look like "
                "new rows; expected its opening quote to be closed on its own row"
            )
        f.text_value(value, _place(line, name), CSV_FIELD_LIMIT)
    try:
        moment = datetime.fromisoformat(f"{row['full_date'].strip()}T{_clock(row['time'])}")
    except ValueError:
        raise InputError(
            f"line {line}, fields full_date and time: invalid date or time "
            f"{f.describe(row['full_date'])} {f.describe(row['time'])}; "
            "expected a date like 2025-03-01 and a time like 21:05 or 9:05 pm"
        ) from None
    moment = moment.replace(tzinfo=UTC)
    mood = row["mood"].strip().casefold()
    if mood not in MOODS:
        raise InputError(
            f"line {line}, field mood: unknown mood {f.describe(row['mood'])}; "
            f"expected one of {', '.join(MOODS)}"
        )
    # Daylio's activities are words with spaces and slashes ("movies / tv"): one label each,
    # its words joined by hyphens ("movies-tv"), never "movies-/-tv".
    raw = [
        "-".join(words)
        for a in row.get("activities", "").split("|")
        if (words := _LABEL_WORDS.findall(a))
    ]
    activities = f.label_list(raw, f"line {line}, field activities")
    batch.checkins.append(ImportedCheckIn(moment, MOODS[mood], IMPORTED_ENERGY))
    note = "\n\n".join(
        part.strip() for part in (row.get("note_title", ""), row.get("note", "")) if part.strip()
    )
    if note:
        where = f"line {line}, field note"
        note = f.entry_text(note, where)
        f.text_labels(note, where, activities=activities)
        batch.entries.append(ImportedEntry(moment, note, activities=activities))


def _clock(value: str) -> str:
    """Daylio writes "9:05 pm" or "21:05"; return "21:05"."""
    text = value.strip().lower()
    if len(text) > 10:
        raise ValueError(text)
    if text.endswith(("am", "pm")):
        return datetime.strptime(text.replace(" ", ""), "%I:%M%p").strftime("%H:%M")
    return datetime.strptime(text, "%H:%M").strftime("%H:%M")
