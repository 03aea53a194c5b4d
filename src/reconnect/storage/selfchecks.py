"""Self-check repository: the one place where self-check rows become domain objects and back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from reconnect.domain.selfcheck import (
    Perspective,
    SelfCheckDraft,
    SelfCheckResult,
    SelfCheckScore,
    score_from_dict,
    score_to_dict,
)
from reconnect.errors import NotFoundError, StorageError
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.database import aware_utc, id_in_range
from reconnect.storage.tables import SelfCheckDraftRow, SelfCheckResultRow

RESULTS = SelfCheckResultRow.__tablename__
DRAFTS = SelfCheckDraftRow.__tablename__

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime


def _result_from_row(connection: Connection, row: Row[Any]) -> SelfCheckResult:
    text = open_payload(connection, RESULTS, row.id, row.payload, row.uid)
    try:
        data = json.loads(text)
        perspective = Perspective(data["perspective"])
        score = score_from_dict(
            data["score"], row.instrument_id, row.instrument_version, perspective
        )
        answers = {str(k): int(v) for k, v in data["answers"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"saved self-check {row.id} cannot be read: {exc}") from None
    return SelfCheckResult(
        id=row.id, taken_at=aware_utc(row.taken_at), answers=answers, score=score
    )


def add_result(
    connection: Connection, taken_at: datetime, answers: Mapping[str, int], score: SelfCheckScore
) -> SelfCheckResult:
    """Save a scored self-check and return it with its new id."""
    payload = json.dumps(
        {
            "perspective": score.perspective.value,
            "answers": dict(answers),
            "score": score_to_dict(score),
        },
        sort_keys=True,
    )
    result = connection.execute(
        insert(SelfCheckResultRow).returning(SelfCheckResultRow.id),
        {
            "taken_at": taken_at,
            "instrument_id": score.instrument_id,
            "instrument_version": score.instrument_version,
            "payload": "",
        },
    )
    new_id = int(result.scalar_one())
    sealed = seal_payload(connection, RESULTS, new_id, payload)
    connection.execute(
        update(SelfCheckResultRow).where(SelfCheckResultRow.id == new_id).values(**sealed)
    )
    return SelfCheckResult(id=new_id, taken_at=taken_at, answers=dict(answers), score=score)


def list_results(connection: Connection, instrument_id: str | None = None) -> list[SelfCheckResult]:
    """Saved self-checks, oldest first, optionally for one instrument."""
    query = select(*SelfCheckResultRow.__table__.columns).order_by(
        SelfCheckResultRow.taken_at, SelfCheckResultRow.id
    )
    if instrument_id is not None:
        query = query.where(SelfCheckResultRow.instrument_id == instrument_id)
    rows = connection.execute(query).all()
    return [_result_from_row(connection, row) for row in rows]


def get_result(connection: Connection, result_id: int) -> SelfCheckResult:
    """One saved self-check; raises NotFoundError when the id does not exist."""
    if not id_in_range(result_id):
        raise NotFoundError(f"no saved self-check with id {result_id}")
    row = connection.execute(
        select(*SelfCheckResultRow.__table__.columns).where(SelfCheckResultRow.id == result_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no saved self-check with id {result_id}")
    return _result_from_row(connection, row)


def save_draft(connection: Connection, draft: SelfCheckDraft) -> None:
    """Store (or replace) the draft for its instrument."""
    payload = json.dumps(
        {"perspective": draft.perspective.value, "answers": dict(draft.answers)}, sort_keys=True
    )
    connection.execute(
        delete(SelfCheckDraftRow).where(SelfCheckDraftRow.instrument_id == draft.instrument_id)
    )
    connection.execute(
        insert(SelfCheckDraftRow),
        {
            "instrument_id": draft.instrument_id,
            "updated_at": draft.updated_at,
            **seal_payload(connection, DRAFTS, draft.instrument_id, payload),
        },
    )


def get_draft(connection: Connection, instrument_id: str) -> SelfCheckDraft | None:
    """The draft for an instrument, or None."""
    row = connection.execute(
        select(*SelfCheckDraftRow.__table__.columns).where(
            SelfCheckDraftRow.instrument_id == instrument_id
        )
    ).first()
    if row is None:
        return None
    try:
        data = json.loads(open_payload(connection, DRAFTS, row.instrument_id, row.payload, row.uid))
        return SelfCheckDraft(
            instrument_id=row.instrument_id,
            perspective=Perspective(data["perspective"]),
            answers={str(k): int(v) for k, v in data["answers"].items()},
            updated_at=aware_utc(row.updated_at),
        )
    except (ValueError, KeyError, TypeError):
        # A damaged draft is not worth an error: the person starts afresh.
        return None


def delete_draft(connection: Connection, instrument_id: str) -> None:
    """Remove the draft for an instrument, if any."""
    connection.execute(
        delete(SelfCheckDraftRow).where(SelfCheckDraftRow.instrument_id == instrument_id)
    )
