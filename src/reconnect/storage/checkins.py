"""Check-in repository: the one place where check-in rows become domain objects and back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from reconnect.domain.checkins import CheckIn
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.tables import CheckInRow

if TYPE_CHECKING:
    from datetime import datetime

_COLUMNS = tuple(CheckInRow.__table__.columns)


TABLE = CheckInRow.__tablename__


def _checkin_from_row(connection: Connection, row: Row[Any]) -> CheckIn:
    text = open_payload(connection, TABLE, row.id, row.payload)
    try:
        data = json.loads(text)
        return CheckIn(
            id=row.id,
            checked_at=aware_utc(row.checked_at),
            pleasantness=int(data["pleasantness"]),
            energy=int(data["energy"]),
            feelings=tuple(data["feelings"]),
            note=str(data["note"]),
            crisis=bool(data.get("crisis", False)),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"check-in {row.id} cannot be read: {exc}") from None


def add_checkin(
    connection: Connection,
    *,
    checked_at: datetime,
    pleasantness: int,
    energy: int,
    feelings: tuple[str, ...],
    note: str,
    crisis: bool = False,
) -> CheckIn:
    """Save a check-in and return it with its id."""
    payload = json.dumps(
        {
            "pleasantness": pleasantness,
            "energy": energy,
            "feelings": list(feelings),
            "note": note,
            "crisis": crisis,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    new_id = connection.execute(
        insert(CheckInRow).returning(CheckInRow.id),
        {"checked_at": checked_at, "payload": ""},
    ).scalar_one()
    sealed = seal_payload(connection, TABLE, new_id, payload)
    connection.execute(update(CheckInRow).where(CheckInRow.id == new_id).values(payload=sealed))
    return CheckIn(int(new_id), checked_at, pleasantness, energy, feelings, note, crisis)


def list_checkins(
    connection: Connection, since: datetime | None = None, until: datetime | None = None
) -> list[CheckIn]:
    """Check-ins in ``[since, until)``, oldest first."""
    query = select(*_COLUMNS).order_by(CheckInRow.checked_at, CheckInRow.id)
    if since is not None:
        query = query.where(CheckInRow.checked_at >= since)
    if until is not None:
        query = query.where(CheckInRow.checked_at < until)
    return [_checkin_from_row(connection, row) for row in connection.execute(query)]


def get_checkin(connection: Connection, checkin_id: int) -> CheckIn:
    """One check-in; NotFoundError when the id does not exist."""
    if not id_in_range(checkin_id):
        raise NotFoundError(f"no check-in with id {checkin_id}")
    row = connection.execute(select(*_COLUMNS).where(CheckInRow.id == checkin_id)).first()
    if row is None:
        raise NotFoundError(f"no check-in with id {checkin_id}")
    return _checkin_from_row(connection, row)


def delete_checkin(connection: Connection, checkin_id: int) -> None:
    """Delete one check-in; NotFoundError when the id does not exist."""
    if not id_in_range(checkin_id):
        raise NotFoundError(f"no check-in with id {checkin_id}")
    result = connection.execute(delete(CheckInRow).where(CheckInRow.id == checkin_id))
    if result.rowcount == 0:
        raise NotFoundError(f"no check-in with id {checkin_id}")
