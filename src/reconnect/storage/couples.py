"""Rows of the couple tables as typed records (reconnect.storage.together_tables)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, or_, select, update

from reconnect.storage.together_tables import (
    AccountKeyRow,
    CoupleAnswerRow,
    CoupleInviteRow,
    CoupleJoinFailureRow,
    CoupleNoticeRow,
    CoupleRow,
    CoupleSelfcheckRow,
    CoupleSharedEntryRow,
    ShareRow,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Couple:
    """Two paired accounts, each one's sealed copy of the couple key, and the pause."""

    id: str
    a_account: str
    b_account: str
    key_for_a: bytes
    key_for_b: bytes
    created_at: datetime
    paused_at: datetime | None
    paused_by: str | None

    def partner_of(self, account_id: str) -> str:
        return self.b_account if account_id == self.a_account else self.a_account

    def key_for(self, account_id: str) -> bytes:
        return self.key_for_a if account_id == self.a_account else self.key_for_b


def account_key(connection: Connection, account_id: str) -> tuple[bytes, bytes] | None:
    """(public key, sealed private key) of an account, or None before its first need."""
    row = connection.execute(
        select(AccountKeyRow.public_key, AccountKeyRow.private_sealed).where(
            AccountKeyRow.account_id == account_id
        )
    ).first()
    return None if row is None else (bytes(row[0]), bytes(row[1]))


def add_account_key(
    connection: Connection, account_id: str, public: bytes, sealed: bytes, now: datetime
) -> None:
    connection.execute(
        insert(AccountKeyRow).values(
            account_id=account_id, public_key=public, private_sealed=sealed, created_at=now
        )
    )


def add_invite(
    connection: Connection, code_hash: bytes, account_id: str, now: datetime, expires: datetime
) -> None:
    connection.execute(delete(CoupleInviteRow).where(CoupleInviteRow.from_account == account_id))
    connection.execute(
        insert(CoupleInviteRow).values(
            code_hash=code_hash, from_account=account_id, created_at=now, expires_at=expires
        )
    )


def find_invite(
    connection: Connection, code_hash: bytes
) -> tuple[str, datetime, datetime | None] | None:
    """(inviting account, expiry, used at) of a code, or None."""
    row = connection.execute(
        select(
            CoupleInviteRow.from_account, CoupleInviteRow.expires_at, CoupleInviteRow.used_at
        ).where(CoupleInviteRow.code_hash == code_hash)
    ).first()
    return None if row is None else (str(row[0]), row[1], row[2])


def use_invite(connection: Connection, code_hash: bytes, now: datetime) -> bool:
    """Spend an unused code; False when someone else spent it first."""
    result = connection.execute(
        update(CoupleInviteRow)
        .where(CoupleInviteRow.code_hash == code_hash, CoupleInviteRow.used_at.is_(None))
        .values(used_at=now)
    )
    return result.rowcount == 1


def add_join_failure(connection: Connection, account_id: str, now: datetime) -> None:
    connection.execute(insert(CoupleJoinFailureRow).values(account_id=account_id, at=now))


def join_failures_since(connection: Connection, account_id: str, since: datetime) -> int:
    return int(
        connection.execute(
            select(func.count())
            .select_from(CoupleJoinFailureRow)
            .where(CoupleJoinFailureRow.account_id == account_id, CoupleJoinFailureRow.at >= since)
        ).scalar_one()
    )


_COUPLE = (
    CoupleRow.id,
    CoupleRow.a_account,
    CoupleRow.b_account,
    CoupleRow.key_for_a,
    CoupleRow.key_for_b,
    CoupleRow.created_at,
    CoupleRow.paused_at,
    CoupleRow.paused_by,
)


def couple_of(connection: Connection, account_id: str) -> Couple | None:
    """The couple an account belongs to, or None."""
    row = connection.execute(
        select(*_COUPLE).where(
            or_(CoupleRow.a_account == account_id, CoupleRow.b_account == account_id)
        )
    ).first()
    if row is None:
        return None
    id_, a, b, key_a, key_b, created, paused_at, paused_by = row
    return Couple(id_, a, b, bytes(key_a), bytes(key_b), created, paused_at, paused_by)


def add_couple(connection: Connection, couple: Couple) -> None:
    connection.execute(
        insert(CoupleRow).values(
            id=couple.id,
            a_account=couple.a_account,
            b_account=couple.b_account,
            key_for_a=couple.key_for_a,
            key_for_b=couple.key_for_b,
            created_at=couple.created_at,
        )
    )


def delete_couple(connection: Connection, couple_id: str) -> None:
    """Remove a couple with every answer and shared entry (nothing is kept)."""
    connection.execute(delete(CoupleAnswerRow).where(CoupleAnswerRow.couple_id == couple_id))
    connection.execute(delete(CoupleSelfcheckRow).where(CoupleSelfcheckRow.couple_id == couple_id))
    connection.execute(
        delete(CoupleSharedEntryRow).where(CoupleSharedEntryRow.couple_id == couple_id)
    )
    connection.execute(delete(CoupleRow).where(CoupleRow.id == couple_id))


def set_pause(connection: Connection, couple_id: str, at: datetime | None, by: str | None) -> None:
    connection.execute(
        update(CoupleRow).where(CoupleRow.id == couple_id).values(paused_at=at, paused_by=by)
    )


def put_answer(
    connection: Connection,
    couple_id: str,
    week: str,
    account_id: str,
    sealed: bytes,
    now: datetime,
) -> None:
    key = (
        CoupleAnswerRow.couple_id == couple_id,
        CoupleAnswerRow.week == week,
        CoupleAnswerRow.account_id == account_id,
    )
    connection.execute(delete(CoupleAnswerRow).where(*key))
    connection.execute(
        insert(CoupleAnswerRow).values(
            couple_id=couple_id, week=week, account_id=account_id, sealed=sealed, answered_at=now
        )
    )


def answers_for(connection: Connection, couple_id: str, week: str) -> dict[str, bytes]:
    """The sealed answers of a week, by account id."""
    rows = connection.execute(
        select(CoupleAnswerRow.account_id, CoupleAnswerRow.sealed).where(
            CoupleAnswerRow.couple_id == couple_id, CoupleAnswerRow.week == week
        )
    )
    return {str(account): bytes(sealed) for account, sealed in rows}


def all_answers(connection: Connection, couple_id: str) -> list[tuple[str, str, bytes]]:
    """(week, account id, sealed answers) of every check-in, oldest week first."""
    rows = connection.execute(
        select(CoupleAnswerRow.week, CoupleAnswerRow.account_id, CoupleAnswerRow.sealed)
        .where(CoupleAnswerRow.couple_id == couple_id)
        .order_by(CoupleAnswerRow.week)
    )
    return [(str(w), str(a), bytes(s)) for w, a, s in rows]


def put_shared_entry(
    connection: Connection,
    couple_id: str,
    account_id: str,
    entry_id: int,
    sealed: bytes,
    now: datetime,
) -> None:
    remove_shared_entry(connection, couple_id, account_id, entry_id)
    connection.execute(
        insert(CoupleSharedEntryRow).values(
            couple_id=couple_id,
            account_id=account_id,
            entry_id=entry_id,
            sealed=sealed,
            shared_at=now,
        )
    )


def remove_shared_entry(
    connection: Connection, couple_id: str, account_id: str, entry_id: int
) -> bool:
    result = connection.execute(
        delete(CoupleSharedEntryRow).where(
            CoupleSharedEntryRow.couple_id == couple_id,
            CoupleSharedEntryRow.account_id == account_id,
            CoupleSharedEntryRow.entry_id == entry_id,
        )
    )
    return result.rowcount == 1


def shared_entries(
    connection: Connection, couple_id: str, account_id: str
) -> list[tuple[int, bytes, datetime]]:
    """(entry id, sealed entry, shared at) that ``account_id`` shared, newest first."""
    rows = connection.execute(
        select(
            CoupleSharedEntryRow.entry_id,
            CoupleSharedEntryRow.sealed,
            CoupleSharedEntryRow.shared_at,
        )
        .where(
            CoupleSharedEntryRow.couple_id == couple_id,
            CoupleSharedEntryRow.account_id == account_id,
        )
        .order_by(CoupleSharedEntryRow.shared_at.desc())
    )
    return [(int(i), bytes(s), at) for i, s, at in rows]


def set_notice(connection: Connection, account_id: str, kind: str, now: datetime) -> None:
    connection.execute(delete(CoupleNoticeRow).where(CoupleNoticeRow.account_id == account_id))
    connection.execute(insert(CoupleNoticeRow).values(account_id=account_id, kind=kind, at=now))


def take_notice(connection: Connection, account_id: str) -> str | None:
    """The account's pending notice, removed as it is read; None when there is none."""
    kind = connection.execute(
        select(CoupleNoticeRow.kind).where(CoupleNoticeRow.account_id == account_id)
    ).scalar()
    if kind is not None:
        connection.execute(delete(CoupleNoticeRow).where(CoupleNoticeRow.account_id == account_id))
    return None if kind is None else str(kind)


def forget_sharing(connection: Connection, account_id: str) -> str | None:
    """Remove an account's key pair, its couple (with everything shared) and its shares,
    as one whose journal key changed must (a reset gives a new journal: nothing sealed to
    the old key pair can be opened again). The former partner's id, to tell them."""
    couple = couple_of(connection, account_id)
    if couple is not None:
        delete_couple(connection, couple.id)
    connection.execute(
        delete(ShareRow).where(
            or_(ShareRow.client_id == account_id, ShareRow.counsellor_id == account_id)
        )
    )
    connection.execute(delete(AccountKeyRow).where(AccountKeyRow.account_id == account_id))
    return None if couple is None else couple.partner_of(account_id)


def put_selfchecks(
    connection: Connection, couple_id: str, account_id: str, sealed: bytes, now: datetime
) -> None:
    """Share (or replace) one partner's sealed self-check scores."""
    remove_selfchecks(connection, couple_id, account_id)
    connection.execute(
        insert(CoupleSelfcheckRow).values(
            couple_id=couple_id, account_id=account_id, sealed=sealed, shared_at=now
        )
    )


def remove_selfchecks(connection: Connection, couple_id: str, account_id: str) -> bool:
    """Stop sharing one partner's self-check scores; False when none were shared."""
    result = connection.execute(
        delete(CoupleSelfcheckRow).where(
            CoupleSelfcheckRow.couple_id == couple_id, CoupleSelfcheckRow.account_id == account_id
        )
    )
    return result.rowcount == 1


def selfchecks(connection: Connection, couple_id: str) -> dict[str, bytes]:
    """The sealed shared self-check scores of a couple, by account id."""
    rows = connection.execute(
        select(CoupleSelfcheckRow.account_id, CoupleSelfcheckRow.sealed).where(
            CoupleSelfcheckRow.couple_id == couple_id
        )
    )
    return {str(account): bytes(sealed) for account, sealed in rows}
