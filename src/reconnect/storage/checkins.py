"""Check-in repository: the one place where check-in rows become domain objects and back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from reconnect.domain.checkins import CheckIn
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.payloads import safety_check_from_payload, safety_check_to_payload
from reconnect.storage.tables import CheckInRow

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.domain.safety import SafetyCheck

_COLUMNS = tuple(CheckInRow.__table__.columns)


TABLE = CheckInRow.__tablename__


def _checkin_from_row(connection: Connection, row: Row[Any]) -> CheckIn:
    text = open_payload(connection, TABLE, row.id, row.payload, row.uid)
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
            concern=bool(data.get("concern", False)),
            safety_check=safety_check_from_payload(data.get("safety_check")),
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
    concern: bool = False,
    safety_check: SafetyCheck | None = None,
) -> CheckIn:
    """Save a check-in and return it with its id."""
    new_id = connection.execute(
        insert(CheckInRow).returning(CheckInRow.id),
        {"checked_at": checked_at, "payload": ""},
    ).scalar_one()
    checkin = CheckIn(
        int(new_id), checked_at, pleasantness, energy, feelings, note, crisis, concern, safety_check
    )
    sealed = seal_payload(connection, TABLE, new_id, _payload(checkin))
    connection.execute(update(CheckInRow).where(CheckInRow.id == new_id).values(**sealed))
    return checkin


def _payload(checkin: CheckIn) -> str:
    data: dict[str, Any] = {
        "pleasantness": checkin.pleasantness,
        "energy": checkin.energy,
        "feelings": list(checkin.feelings),
        "note": checkin.note,
        "crisis": checkin.crisis,
        "concern": checkin.concern,
    }
    if checkin.safety_check is not None:
        data["safety_check"] = safety_check_to_payload(checkin.safety_check)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def replace_checkin(connection: Connection, checkin: CheckIn) -> CheckIn:
    """Overwrite an existing check-in's content; NotFoundError when the id does not exist."""
    if not id_in_range(checkin.id):
        raise NotFoundError(f"no check-in with id {checkin.id}")
    result = connection.execute(
        update(CheckInRow)
        .where(CheckInRow.id == checkin.id)
        .values(
            checked_at=checkin.checked_at,
            **seal_payload(connection, TABLE, checkin.id, _payload(checkin)),
        )
    )
    if result.rowcount == 0:
        raise NotFoundError(f"no check-in with id {checkin.id}")
    return checkin


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


def count_checkins(connection: Connection) -> int:
    """How many check-ins there are (no payload is opened)."""
    return int(connection.execute(select(func.count()).select_from(CheckInRow)).scalar_one())


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
