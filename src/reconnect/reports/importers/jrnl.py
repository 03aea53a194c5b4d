"""Read a jrnl JSON export (``jrnl --export json``): title, body, date, time and @tags."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from reconnect.errors import InputError
from reconnect.reports.importers import ImportBatch, ImportedEntry
from reconnect.reports.importers import fields as f


def _date(value: object, where: str) -> date:
    expected = "a date like 2025-03-01"
    if not isinstance(value, str) or len(value) > 20:
        raise f.refuse(where, expected, value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise f.refuse(where, expected, value) from None


def _time(value: object, where: str) -> time:
    expected = "a time like 21:30"
    if not isinstance(value, str) or len(value) > 20:
        raise f.refuse(where, expected, value)
    try:
        moment = time.fromisoformat(value)
    except ValueError:
        raise f.refuse(where, expected, value) from None
    if moment.tzinfo is not None:
        raise f.refuse(where, f"{expected} (without a time zone)", value)
    return moment


def _text(value: object, where: str) -> str:
    return f.text_value(value, where, 10**9).strip()


def parse_jrnl(text: str) -> ImportBatch:
    """Entries of a jrnl export; jrnl's ``@tags`` become tags. InputError names a bad value."""
    data = f.load_json(text)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError('this is not a jrnl JSON export (no "entries" list)')
    batch = ImportBatch()
    for index, item in enumerate(data["entries"]):
        record = f.Record(item, f"entries[{index}]")
        day = record.read("date", _date)
        clock = record.read("time", _time, time(0, 0))
        title = record.read("title", _text, "")
        body = record.read("body", _text, "")
        tags = record.read("tags", lambda v, w: f.label_list(v, w, sigils="@#"), ())
        entry_text = f"{title}\n\n{body}".strip() if body else title
        entry_text = f.entry_text(entry_text, f"{record.where} (title and body)")
        f.text_labels(entry_text, record.where, tags)
        batch.entries.append(
            ImportedEntry(
                written_at=datetime.combine(day, clock, tzinfo=UTC), text=entry_text, tags=tags
            )
        )
    return batch
