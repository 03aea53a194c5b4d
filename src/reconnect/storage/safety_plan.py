"""Safety-plan repository: the one place where the plan's row becomes a domain object."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select

from reconnect.domain.safety_plan import SECTION_KEYS, SafetyPlan
from reconnect.errors import StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc
from reconnect.storage.tables import SafetyPlanOpenRow, SafetyPlanRow

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
    return SafetyPlan(items=_items(text), updated_at=aware_utc(row.updated_at))


def _items(text: str) -> dict[str, tuple[str, ...]]:
    try:
        data = json.loads(text)
        return {
            key: tuple(str(line) for line in data[key]) for key in SECTION_KEYS if data.get(key)
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"the safety plan cannot be read: {exc}") from None


def _payload(plan: SafetyPlan) -> str:
    return json.dumps(
        {key: list(plan.section(key)) for key in SECTION_KEYS}, ensure_ascii=False, sort_keys=True
    )


def save_plan(connection: Connection, plan: SafetyPlan, updated_at: datetime) -> SafetyPlan:
    """Store (or replace) the plan, and its readable copy when the person keeps one."""
    payload = _payload(plan)
    connection.execute(delete(SafetyPlanRow).where(SafetyPlanRow.id == _ROW_ID))
    connection.execute(
        insert(SafetyPlanRow),
        {
            "id": _ROW_ID,
            "updated_at": updated_at,
            **seal_payload(connection, TABLE, _ROW_ID, payload),
        },
    )
    saved = SafetyPlan(items=dict(plan.items), updated_at=updated_at)
    if has_open_copy(connection):
        _write_open_copy(connection, saved)
    return saved


def delete_plan(connection: Connection) -> None:
    """Remove the plan and its readable copy, if any."""
    connection.execute(delete(SafetyPlanRow))
    connection.execute(delete(SafetyPlanOpenRow))


def has_open_copy(connection: Connection) -> bool:
    """Whether the person keeps a copy of the plan readable while the journal is locked."""
    found = connection.execute(
        select(SafetyPlanOpenRow.id).where(SafetyPlanOpenRow.id == _ROW_ID)
    ).first()
    return found is not None


def get_open_copy(connection: Connection) -> SafetyPlan | None:
    """The readable copy (no key needed), or None when the person keeps none."""
    row = connection.execute(
        select(SafetyPlanOpenRow.readable_plan, SafetyPlanOpenRow.updated_at).where(
            SafetyPlanOpenRow.id == _ROW_ID
        )
    ).first()
    if row is None:
        return None
    return SafetyPlan(items=_items(row.readable_plan), updated_at=aware_utc(row.updated_at))


def keep_open_copy(connection: Connection, plan: SafetyPlan, updated_at: datetime) -> None:
    """Start keeping a readable copy of ``plan`` (replaces any copy)."""
    _write_open_copy(connection, SafetyPlan(items=dict(plan.items), updated_at=updated_at))


def drop_open_copy(connection: Connection) -> None:
    """Stop keeping the readable copy: the row is deleted."""
    connection.execute(delete(SafetyPlanOpenRow))


def _write_open_copy(connection: Connection, plan: SafetyPlan) -> None:
    connection.execute(delete(SafetyPlanOpenRow))
    connection.execute(
        insert(SafetyPlanOpenRow),
        {"id": _ROW_ID, "updated_at": plan.updated_at, "readable_plan": _payload(plan)},
    )
