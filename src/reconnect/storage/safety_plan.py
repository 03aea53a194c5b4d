"""Safety-plan repository: the one place where the plan's row becomes a domain object."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select

from reconnect.domain.safety_plan import SECTION_KEYS, SafetyPlan
from reconnect.errors import StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc
from reconnect.storage.tables import SafetyPlanRow

if TYPE_CHECKING:
    from datetime import datetime

TABLE = SafetyPlanRow.__tablename__
_ROW_ID = 1


def get_plan(connection: Connection) -> SafetyPlan | None:
    """The saved plan, or None when none was saved."""
    row = connection.execute(
        select(*SafetyPlanRow.__table__.columns).where(SafetyPlanRow.id == _ROW_ID)
    ).first()
    if row is None:
        return None
    text = open_payload(connection, TABLE, row.id, row.payload, row.uid)
    try:
        data = json.loads(text)
        items = {
            key: tuple(str(line) for line in data[key]) for key in SECTION_KEYS if data.get(key)
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"the safety plan cannot be read: {exc}") from None
    return SafetyPlan(items=items, updated_at=aware_utc(row.updated_at))


def save_plan(connection: Connection, plan: SafetyPlan, updated_at: datetime) -> SafetyPlan:
    """Store (or replace) the plan; returns it with its time."""
    payload = json.dumps(
        {key: list(plan.section(key)) for key in SECTION_KEYS}, ensure_ascii=False, sort_keys=True
    )
    connection.execute(delete(SafetyPlanRow).where(SafetyPlanRow.id == _ROW_ID))
    connection.execute(
        insert(SafetyPlanRow),
        {
            "id": _ROW_ID,
            "updated_at": updated_at,
            **seal_payload(connection, TABLE, _ROW_ID, payload),
        },
    )
    return SafetyPlan(items=dict(plan.items), updated_at=updated_at)


def delete_plan(connection: Connection) -> None:
    """Remove the plan, if any."""
    connection.execute(delete(SafetyPlanRow))
