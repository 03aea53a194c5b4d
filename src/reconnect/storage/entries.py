"""Journal entry repository: the one place where entry rows become domain objects and back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from reconnect.domain.entries import DamagedEntry, Entry
from reconnect.errors import NotFoundError, StorageError, TamperedDataError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.payloads import (
    analysis_from_payload,
    analysis_to_payload,
    safety_check_from_payload,
    safety_check_to_payload,
)
from reconnect.storage.tables import EntryRow

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.domain.analysis import Analysis
    from reconnect.domain.safety import SafetyCheck

_COLUMNS = tuple(EntryRow.__table__.columns)


def _payload(entry: Entry) -> str:
    data: dict[str, Any] = {
        "text": entry.text,
        "tags": list(entry.tags),
        "people": list(entry.people),
        "activities": list(entry.activities),
        "analysis": analysis_to_payload(entry.analysis),
    }
    if entry.safety_check is not None:
        data["safety_check"] = safety_check_to_payload(entry.safety_check)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _version(analysis: Analysis | None) -> str:
    # An entry whose analysis could not be read counts as read by no version at all.
    return "" if analysis is None else analysis.analyzer_version


TABLE = EntryRow.__tablename__


def _entry_from_row(connection: Connection, row: Row[Any]) -> Entry:
    try:
        text = open_payload(connection, TABLE, row.id, row.payload, row.uid)
    except TamperedDataError as exc:
        raise TamperedDataError(f"entry {row.id}: {exc.message}") from None
    try:
        data = json.loads(text)
        return Entry(
            id=row.id,
            written_at=aware_utc(row.written_at),
            updated_at=aware_utc(row.updated_at),
            text=str(data["text"]),
            tags=tuple(data["tags"]),
            people=tuple(data["people"]),
            activities=tuple(data["activities"]),
            analysis=analysis_from_payload(data.get("analysis")),
            safety_check=safety_check_from_payload(data.get("safety_check")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"entry {row.id} cannot be read: {exc}") from None


def add_entry(
    connection: Connection,
    *,
    written_at: datetime,
    text: str,
    tags: tuple[str, ...],
    people: tuple[str, ...],
    activities: tuple[str, ...],
    analysis: Analysis,
    updated_at: datetime | None = None,
    safety_check: SafetyCheck | None = None,
) -> Entry:
    """Save a new entry and return it with its id."""
    new_id = connection.execute(
        insert(EntryRow).returning(EntryRow.id),
        {
            "written_at": written_at,
            "updated_at": updated_at or written_at,
            "analyzer_version": _version(analysis),
            "payload": "",
        },
    ).scalar_one()
    entry = Entry(
        id=int(new_id),
        written_at=written_at,
        updated_at=updated_at or written_at,
        text=text,
        tags=tags,
        people=people,
        activities=activities,
        analysis=analysis,
        safety_check=safety_check,
    )
    sealed = seal_payload(connection, TABLE, new_id, _payload(entry))
    connection.execute(update(EntryRow).where(EntryRow.id == new_id).values(**sealed))
    return entry


def replace_entry(connection: Connection, entry: Entry) -> Entry:
    """Overwrite an existing entry's content; NotFoundError when the id does not exist."""
    if not id_in_range(entry.id):
        raise NotFoundError(f"no entry with id {entry.id}")
    result = connection.execute(
        update(EntryRow)
        .where(EntryRow.id == entry.id)
        .values(
            written_at=entry.written_at,
            updated_at=entry.updated_at,
            analyzer_version=_version(entry.analysis),
            **seal_payload(connection, TABLE, entry.id, _payload(entry)),
        )
    )
    if result.rowcount == 0:
        raise NotFoundError(f"no entry with id {entry.id}")
    return entry


def ids_analysed_by_other_versions(connection: Connection, version: str) -> list[int]:
    """Ids of the entries whose stored analysis came from another analyzer version, oldest
    first (the version is a plain column, so no payload is opened to find them)."""
    query = (
        select(EntryRow.id)
        .where(EntryRow.analyzer_version != version)
        .order_by(EntryRow.written_at, EntryRow.id)
    )
    return [int(i) for i in connection.execute(query).scalars()]


def all_ids(connection: Connection) -> list[int]:
    """Every entry id, oldest first."""
    query = select(EntryRow.id).order_by(EntryRow.written_at, EntryRow.id)
    return [int(i) for i in connection.execute(query).scalars()]


def count_entries(connection: Connection) -> int:
    """How many entries there are (no payload is opened)."""
    return int(connection.execute(select(func.count()).select_from(EntryRow)).scalar_one())


def get_entry(connection: Connection, entry_id: int) -> Entry:
    """One entry; NotFoundError when the id does not exist."""
    if not id_in_range(entry_id):
        raise NotFoundError(f"no entry with id {entry_id}")
    row = connection.execute(select(*_COLUMNS).where(EntryRow.id == entry_id)).first()
    if row is None:
        raise NotFoundError(f"no entry with id {entry_id}")
    return _entry_from_row(connection, row)


def list_entries(
    connection: Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    damaged: list[DamagedEntry] | None = None,
) -> list[Entry]:
    """Entries written in ``[since, until)``, oldest first.

    An entry whose ciphertext fails its integrity check raises TamperedDataError
    naming it; when a ``damaged`` list is given, it is added there (id and date) instead
    and the other entries are still returned (ENC-7).
    """
    query = select(*_COLUMNS).order_by(EntryRow.written_at, EntryRow.id)
    if since is not None:
        query = query.where(EntryRow.written_at >= since)
    if until is not None:
        query = query.where(EntryRow.written_at < until)
    found = []
    for row in connection.execute(query):
        try:
            found.append(_entry_from_row(connection, row))
        except TamperedDataError:
            if damaged is None:
                raise TamperedDataError(
                    f"entry {row.id} failed its integrity check: it was changed outside reconnect",
                    hint="Restore it from a backup, or delete it with reconnect delete.",
                ) from None
            damaged.append(DamagedEntry(int(row.id), aware_utc(row.written_at)))
    return found


def delete_entry(connection: Connection, entry_id: int) -> None:
    """Delete one entry; NotFoundError when the id does not exist."""
    if not id_in_range(entry_id):
        raise NotFoundError(f"no entry with id {entry_id}")
    result = connection.execute(delete(EntryRow).where(EntryRow.id == entry_id))
    if result.rowcount == 0:
        raise NotFoundError(f"no entry with id {entry_id}")
