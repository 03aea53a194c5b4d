"""Read a jrnl JSON export (``jrnl --export json``): title, body, date, time and @tags."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from reconnect.errors import InputError
from reconnect.reports.importers import ImportBatch, ImportedEntry


def parse_jrnl(text: str) -> ImportBatch:
    """Entries of a jrnl export; jrnl's ``@tags`` become tags. InputError names a bad entry."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError('this is not a jrnl JSON export (no "entries" list)')
    batch = ImportBatch()
    for index, item in enumerate(data["entries"], start=1):
        where = f"entry {index}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: not an object")
        try:
            day = str(item["date"])
            clock = str(item.get("time", "00:00"))
            written = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)
        except (KeyError, ValueError):
            raise InputError(f"{where}: missing or invalid date/time") from None
        title = str(item.get("title", "")).strip()
        body = str(item.get("body", "")).strip()
        tags = tuple(
            str(t).lstrip("@#").casefold() for t in item.get("tags", []) if str(t).strip("@# ")
        )
        batch.entries.append(
            ImportedEntry(
                written_at=written,
                text=f"{title}\n\n{body}".strip() if body else title,
                tags=tags,
            )
        )
    return batch
