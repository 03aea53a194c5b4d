"""Reminder repository: the one place where reminder rows become domain objects and back."""

from __future__ import annotations

import json
from datetime import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, insert, select

from reconnect.domain.reminders import Reminder
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.tables import ReminderRow

if TYPE_CHECKING:
    from datetime import datetime

_COLUMNS = tuple(ReminderRow.__table__.columns)


def _from_row(row: Row[Any]) -> Reminder:
    try:
        data = json.loads(row.payload)
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
        {"created_at": created_at, "payload": payload},
    ).scalar_one()
    return Reminder(int(new_id), practice_id, days, at, created_at)


def list_reminders(connection: Connection) -> list[Reminder]:
    """Every reminder, oldest first."""
    query = select(*_COLUMNS).order_by(ReminderRow.id)
    return [_from_row(row) for row in connection.execute(query)]


def delete_reminder(connection: Connection, reminder_id: int) -> None:
    """Remove a reminder; NotFoundError when there is none with that id."""
    if not id_in_range(reminder_id):
        raise NotFoundError(f"no reminder with id {reminder_id}")
    result = connection.execute(delete(ReminderRow).where(ReminderRow.id == reminder_id))
    if result.rowcount == 0:
        raise NotFoundError(f"no reminder with id {reminder_id}")
