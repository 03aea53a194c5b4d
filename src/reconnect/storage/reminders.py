"""Reminder repository: the one place where reminder rows become domain objects and back."""

from __future__ import annotations

import json
from datetime import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from reconnect.domain.reminders import Reminder
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.tables import ReminderRow

if TYPE_CHECKING:
    from datetime import datetime

_COLUMNS = tuple(ReminderRow.__table__.columns)


TABLE = ReminderRow.__tablename__


def _from_row(connection: Connection, row: Row[Any]) -> Reminder:
    text = open_payload(connection, TABLE, row.id, row.payload, row.uid)
    try:
        data = json.loads(text)
        return Reminder(
            id=row.id,
            practice_id=str(data["practice_id"]),
            days=tuple(data["days"]),
            at=time.fromisoformat(data["at"]),
            created_at=aware_utc(row.created_at),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"reminder {row.id} cannot be read: {exc}") from None


def add_reminder(
    connection: Connection, practice_id: str, days: tuple[str, ...], at: time, created_at: datetime
) -> Reminder:
    """Save a reminder and return it with its id."""
    payload = json.dumps({"practice_id": practice_id, "days": list(days), "at": at.isoformat()})
    new_id = connection.execute(
        insert(ReminderRow).returning(ReminderRow.id),
        {"created_at": created_at, "payload": ""},
    ).scalar_one()
    sealed = seal_payload(connection, TABLE, new_id, payload)
    connection.execute(update(ReminderRow).where(ReminderRow.id == new_id).values(**sealed))
    return Reminder(int(new_id), practice_id, days, at, created_at)


def list_reminders(connection: Connection) -> list[Reminder]:
    """Every reminder, oldest first."""
    query = select(*_COLUMNS).order_by(ReminderRow.id)
    return [_from_row(connection, row) for row in connection.execute(query)]


def delete_reminder(connection: Connection, reminder_id: int) -> None:
    """Remove a reminder; NotFoundError when there is none with that id."""
    if not id_in_range(reminder_id):
        raise NotFoundError(f"no reminder with id {reminder_id}")
    result = connection.execute(delete(ReminderRow).where(ReminderRow.id == reminder_id))
    if result.rowcount == 0:
        raise NotFoundError(f"no reminder with id {reminder_id}")
