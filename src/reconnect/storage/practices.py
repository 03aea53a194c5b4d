"""Practice log repository: the one place where practice-log rows become domain objects."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, insert, select, update

from reconnect.domain.practices import PracticeLog
from reconnect.errors import StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc
from reconnect.storage.tables import PracticeLogRow

if TYPE_CHECKING:
    from datetime import datetime

_COLUMNS = tuple(PracticeLogRow.__table__.columns)


TABLE = PracticeLogRow.__tablename__


def _log_from_row(connection: Connection, row: Row[Any]) -> PracticeLog:
    text = open_payload(connection, TABLE, row.id, row.payload)
    try:
        data = json.loads(text)
        return PracticeLog(
            id=row.id,
            practice_id=str(data["practice_id"]),
            done_at=aware_utc(row.done_at),
            reflection=str(data.get("reflection", "")),
            crisis=bool(data.get("crisis", False)),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"practice log {row.id} cannot be read: {exc}") from None


def add_log(
    connection: Connection, practice_id: str, done_at: datetime, reflection: str, crisis: bool
) -> PracticeLog:
    """Record a practice done and return it with its id."""
    payload = json.dumps(
        {"practice_id": practice_id, "reflection": reflection, "crisis": crisis},
        ensure_ascii=False,
        sort_keys=True,
    )
    new_id = connection.execute(
        insert(PracticeLogRow).returning(PracticeLogRow.id),
        {"done_at": done_at, "payload": ""},
    ).scalar_one()
    sealed = seal_payload(connection, TABLE, new_id, payload)
    connection.execute(
        update(PracticeLogRow).where(PracticeLogRow.id == new_id).values(payload=sealed)
    )
    return PracticeLog(int(new_id), practice_id, done_at, reflection, crisis)


def list_logs(connection: Connection, since: datetime | None = None) -> list[PracticeLog]:
    """Practices done, oldest first."""
    query = select(*_COLUMNS).order_by(PracticeLogRow.done_at, PracticeLogRow.id)
    if since is not None:
        query = query.where(PracticeLogRow.done_at >= since)
    return [_log_from_row(connection, row) for row in connection.execute(query)]
