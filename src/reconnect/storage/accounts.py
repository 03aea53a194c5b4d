"""Rows of the server's tables as typed records: accounts, sessions, invites, failures, audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update

from reconnect.storage.server_tables import (
    AccountRow,
    AuditRow,
    InviteRow,
    LoginFailureRow,
    ServerSecretRow,
    SessionRow,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Row


@dataclass(frozen=True, slots=True)
class Account:
    """A person who can log in, without anything secret."""

    id: str
    username: str
    role: str
    journal: str
    disabled: bool
    has_totp: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A session row: the account, the sealed key and its times."""

    id_hash: bytes
    account_id: str
    sealed_key: bytes
    scope: str
    created_at: datetime
    last_seen: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit log."""

    at: datetime
    event: str
    account_id: str | None
    actor_id: str | None
    address: str | None


_ACCOUNT_COLUMNS = (
    AccountRow.id,
    AccountRow.username,
    AccountRow.role,
    AccountRow.journal,
    AccountRow.disabled,
    AccountRow.totp_sealed,
    AccountRow.created_at,
)


def _account_from(row: Row[str, str, str, str, bool, bytes | None, datetime]) -> Account:
    id_, username, role, journal, disabled, totp, created = row
    return Account(
        id=id_,
        username=username,
        role=role,
        journal=journal,
        disabled=bool(disabled),
        has_totp=totp is not None,
        created_at=created,
    )


def add_account(connection: Connection, account: Account) -> None:
    """Insert a new account row."""
    connection.execute(
        insert(AccountRow).values(
            id=account.id,
            username=account.username,
            role=account.role,
            journal=account.journal,
            disabled=account.disabled,
            created_at=account.created_at,
        )
    )


def find_by_name(connection: Connection, username: str) -> Account | None:
    """The account with this (normalised) username, or None."""
    row = connection.execute(
        select(*_ACCOUNT_COLUMNS).where(AccountRow.username == username)
    ).first()
    return None if row is None else _account_from(row)


def find_by_id(connection: Connection, account_id: str) -> Account | None:
    """The account with this id, or None."""
    row = connection.execute(select(*_ACCOUNT_COLUMNS).where(AccountRow.id == account_id)).first()
    return None if row is None else _account_from(row)


def list_accounts(connection: Connection) -> list[Account]:
    """Every account, oldest first."""
    rows = connection.execute(select(*_ACCOUNT_COLUMNS).order_by(AccountRow.created_at))
    return [_account_from(row) for row in rows]


def count_accounts(connection: Connection, role: str | None = None) -> int:
    """How many accounts there are (of one role when given)."""
    query = select(func.count()).select_from(AccountRow)
    if role is not None:
        query = query.where(AccountRow.role == role, AccountRow.disabled.is_(False))
    return int(connection.execute(query).scalar_one())


def replace_journal(connection: Connection, account_id: str, journal: str) -> None:
    """Point an account at a new journal (a reset without the recovery key); its one-time
    codes go too, since they were sealed under the old journal's key."""
    connection.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id)
        .values(journal=journal, totp_sealed=None, totp_last_step=None)
    )


def set_disabled(connection: Connection, account_id: str, disabled: bool) -> None:
    """Disable or enable an account."""
    connection.execute(
        update(AccountRow).where(AccountRow.id == account_id).values(disabled=disabled)
    )


def delete_account(connection: Connection, account_id: str) -> None:
    """Delete the account row (its sessions go with it)."""
    connection.execute(delete(SessionRow).where(SessionRow.account_id == account_id))
    connection.execute(delete(AccountRow).where(AccountRow.id == account_id))


def totp_of(connection: Connection, account_id: str) -> tuple[bytes | None, int | None]:
    """The account's sealed TOTP secret and the last time step it accepted."""
    row = connection.execute(
        select(AccountRow.totp_sealed, AccountRow.totp_last_step).where(AccountRow.id == account_id)
    ).first()
    return (None, None) if row is None else (row[0], row[1])


def set_totp(
    connection: Connection, account_id: str, sealed: bytes | None, last_step: int | None
) -> None:
    """Store (or, with None, remove) the sealed TOTP secret and its last step."""
    connection.execute(
        update(AccountRow)
        .where(AccountRow.id == account_id)
        .values(totp_sealed=sealed, totp_last_step=last_step)
    )


def claim_totp_step(connection: Connection, account_id: str, step: int) -> bool:
    """Record ``step`` as used; False when it (or a later one) was used already.

    One UPDATE with the condition in it, so two processes cannot both accept one code.
    """
    result = connection.execute(
        update(AccountRow)
        .where(
            AccountRow.id == account_id,
            (AccountRow.totp_last_step.is_(None)) | (AccountRow.totp_last_step < step),
        )
        .values(totp_last_step=step)
    )
    return result.rowcount == 1


def add_session(connection: Connection, session: StoredSession) -> None:
    """Insert a session row."""
    connection.execute(
        insert(SessionRow).values(
            id_hash=session.id_hash,
            account_id=session.account_id,
            sealed_key=session.sealed_key,
            scope=session.scope,
            created_at=session.created_at,
            last_seen=session.last_seen,
            expires_at=session.expires_at,
        )
    )


def get_session(connection: Connection, id_hash: bytes) -> StoredSession | None:
    """The session with this id hash, or None."""
    row = connection.execute(
        select(
            SessionRow.id_hash,
            SessionRow.account_id,
            SessionRow.sealed_key,
            SessionRow.scope,
            SessionRow.created_at,
            SessionRow.last_seen,
            SessionRow.expires_at,
        ).where(SessionRow.id_hash == id_hash)
    ).first()
    if row is None:
        return None
    hashed, account_id, sealed, scope, created, seen, expires = row
    return StoredSession(bytes(hashed), account_id, bytes(sealed), scope, created, seen, expires)


def touch_session(connection: Connection, id_hash: bytes, now: datetime) -> None:
    """Record activity on a session (for the idle timeout)."""
    connection.execute(
        update(SessionRow).where(SessionRow.id_hash == id_hash).values(last_seen=now)
    )


def set_session_scope(connection: Connection, id_hash: bytes, scope: str) -> None:
    """Change what a session may do (enrolment done: full)."""
    connection.execute(update(SessionRow).where(SessionRow.id_hash == id_hash).values(scope=scope))


def delete_session(connection: Connection, id_hash: bytes) -> None:
    """End one session."""
    connection.execute(delete(SessionRow).where(SessionRow.id_hash == id_hash))


def delete_sessions_of(connection: Connection, account_id: str) -> int:
    """End every session of an account; how many there were."""
    result = connection.execute(delete(SessionRow).where(SessionRow.account_id == account_id))
    return int(result.rowcount)


def delete_other_sessions(connection: Connection, account_id: str, keep: bytes) -> int:
    """End every session of an account except ``keep``; how many there were."""
    result = connection.execute(
        delete(SessionRow).where(SessionRow.account_id == account_id, SessionRow.id_hash != keep)
    )
    return int(result.rowcount)


def delete_stale_sessions(connection: Connection, now: datetime, idle_since: datetime) -> int:
    """Remove sessions past their end or unused since ``idle_since``; how many."""
    result = connection.execute(
        delete(SessionRow).where(
            (SessionRow.expires_at <= now) | (SessionRow.last_seen <= idle_since)
        )
    )
    return int(result.rowcount)


def delete_expired_sessions(connection: Connection, now: datetime) -> int:
    """Remove sessions past their end; how many."""
    result = connection.execute(delete(SessionRow).where(SessionRow.expires_at <= now))
    return int(result.rowcount)


def add_invite(
    connection: Connection,
    code_hash: bytes,
    role: str,
    created_by: str | None,
    now: datetime,
    expires_at: datetime,
) -> None:
    """Store a new invite (by its code's hash)."""
    connection.execute(
        insert(InviteRow).values(
            code_hash=code_hash,
            role=role,
            created_by=created_by,
            created_at=now,
            expires_at=expires_at,
            used_at=None,
        )
    )


def use_invite(connection: Connection, code_hash: bytes, now: datetime) -> str | None:
    """Mark an unused, unexpired invite used and return its role; None if there is none.

    One conditional UPDATE, so an invite admits one person even under concurrent sign-ups.
    """
    role = connection.execute(
        select(InviteRow.role).where(
            InviteRow.code_hash == code_hash,
            InviteRow.used_at.is_(None),
            InviteRow.expires_at > now,
        )
    ).scalar()
    if role is None:
        return None
    result = connection.execute(
        update(InviteRow)
        .where(InviteRow.code_hash == code_hash, InviteRow.used_at.is_(None))
        .values(used_at=now)
    )
    return str(role) if result.rowcount == 1 else None


def restore_invite(connection: Connection, code_hash: bytes) -> None:
    """Make a spent invite usable again (the sign-up it admitted did not complete)."""
    connection.execute(
        update(InviteRow).where(InviteRow.code_hash == code_hash).values(used_at=None)
    )


def add_failure(connection: Connection, username: str, address: str, now: datetime) -> None:
    """Record a failed login for throttling."""
    connection.execute(insert(LoginFailureRow).values(username=username, address=address, at=now))


def failures_for(
    connection: Connection, *, username: str | None, address: str | None, since: datetime
) -> list[datetime]:
    """Times of failed logins since ``since`` for one username or one address."""
    query = select(LoginFailureRow.at).where(LoginFailureRow.at >= since)
    if username is not None:
        query = query.where(LoginFailureRow.username == username)
    if address is not None:
        query = query.where(LoginFailureRow.address == address)
    return list(connection.execute(query.order_by(LoginFailureRow.at)).scalars())


def clear_failures(connection: Connection, username: str) -> None:
    """Forget an account name's failures after a successful login."""
    connection.execute(delete(LoginFailureRow).where(LoginFailureRow.username == username))


def prune_failures(connection: Connection, before: datetime) -> int:
    """Drop failures too old to matter; how many."""
    result = connection.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
    return int(result.rowcount)


def prune_invites(connection: Connection, before: datetime) -> int:
    """Drop invites that expired before ``before``; how many."""
    result = connection.execute(delete(InviteRow).where(InviteRow.expires_at < before))
    return int(result.rowcount)


def journal_in_use(connection: Connection, journal: str) -> bool:
    """Whether an account names this journal."""
    found = connection.execute(select(AccountRow.id).where(AccountRow.journal == journal)).first()
    return found is not None


def add_audit(
    connection: Connection,
    event: str,
    now: datetime,
    *,
    account_id: str | None = None,
    actor_id: str | None = None,
    address: str | None = None,
) -> None:
    """Append a security event to the audit log."""
    connection.execute(
        insert(AuditRow).values(
            at=now, event=event, account_id=account_id, actor_id=actor_id, address=address
        )
    )


def audit_events(connection: Connection, limit: int = 1000) -> list[AuditEvent]:
    """The newest audit events, newest first."""
    rows = connection.execute(
        select(
            AuditRow.at, AuditRow.event, AuditRow.account_id, AuditRow.actor_id, AuditRow.address
        )
        .order_by(AuditRow.id.desc())
        .limit(limit)
    )
    return [AuditEvent(*row) for row in rows]


def server_secret(connection: Connection, name: str, make: bytes) -> bytes:
    """The shared secret called ``name``, stored as ``make`` when there is none yet.

    Every process reads the same value; a race between two first starts keeps the first.
    """
    value = connection.execute(
        select(ServerSecretRow.value).where(ServerSecretRow.name == name)
    ).scalar()
    if value is not None:
        return bytes(value)
    connection.execute(insert(ServerSecretRow).values(name=name, value=make))
    return make
