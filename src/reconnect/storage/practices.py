"""Practice log repository: the one place where practice-log rows become domain objects."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, insert, select, update

from reconnect.domain.practices import PracticeLog
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.payloads import safety_check_from_payload, safety_check_to_payload
from reconnect.storage.tables import PracticeLogRow

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.domain.safety import SafetyCheck

_COLUMNS = tuple(PracticeLogRow.__table__.columns)


TABLE = PracticeLogRow.__tablename__


def _log_from_row(connection: Connection, row: Row[Any]) -> PracticeLog:
    text = open_payload(connection, TABLE, row.id, row.payload, row.uid)
    try:
        data = json.loads(text)
        return PracticeLog(
            id=row.id,
            practice_id=str(data["practice_id"]),
            done_at=aware_utc(row.done_at),
            reflection=str(data.get("reflection", "")),
            crisis=bool(data.get("crisis", False)),
            concern=bool(data.get("concern", False)),
            safety_check=safety_check_from_payload(data.get("safety_check")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"practice log {row.id} cannot be read: {exc}") from None


def _payload(log: PracticeLog) -> str:
    data: dict[str, Any] = {
        "practice_id": log.practice_id,
        "reflection": log.reflection,
        "crisis": log.crisis,
        "concern": log.concern,
    }
    if log.safety_check is not None:
        data["safety_check"] = safety_check_to_payload(log.safety_check)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def add_log(
    connection: Connection,
    practice_id: str,
    done_at: datetime,
    reflection: str,
    crisis: bool,
    concern: bool = False,
    safety_check: SafetyCheck | None = None,
) -> PracticeLog:
    """Record a practice done and return it with its id."""
    new_id = connection.execute(
        insert(PracticeLogRow).returning(PracticeLogRow.id),
        {"done_at": done_at, "payload": ""},
    ).scalar_one()
    log = PracticeLog(int(new_id), practice_id, done_at, reflection, crisis, concern, safety_check)
    sealed = seal_payload(connection, TABLE, new_id, _payload(log))
    connection.execute(update(PracticeLogRow).where(PracticeLogRow.id == new_id).values(**sealed))
    return log


def get_log(connection: Connection, log_id: int) -> PracticeLog:
    """One practice done; NotFoundError when the id does not exist."""
    if not id_in_range(log_id):
        raise NotFoundError(f"no practice log with id {log_id}")
    row = connection.execute(select(*_COLUMNS).where(PracticeLogRow.id == log_id)).first()
    if row is None:
        raise NotFoundError(f"no practice log with id {log_id}")
    return _log_from_row(connection, row)


def replace_log(connection: Connection, log: PracticeLog) -> PracticeLog:
    """Overwrite a practice log's content; NotFoundError when the id does not exist."""
    if not id_in_range(log.id):
        raise NotFoundError(f"no practice log with id {log.id}")
    result = connection.execute(
        update(PracticeLogRow)
        .where(PracticeLogRow.id == log.id)
        .values(done_at=log.done_at, **seal_payload(connection, TABLE, log.id, _payload(log)))
    )
    if result.rowcount == 0:
        raise NotFoundError(f"no practice log with id {log.id}")
    return log


def list_logs(connection: Connection, since: datetime | None = None) -> list[PracticeLog]:
    """Practices done, oldest first."""
    query = select(*_COLUMNS).order_by(PracticeLogRow.done_at, PracticeLogRow.id)
    if since is not None:
        query = query.where(PracticeLogRow.done_at >= since)
    return [_log_from_row(connection, row) for row in connection.execute(query)]
