"""Server mode's own tables: accounts, sessions, invites, login failures, the audit log and
web push reminders.

They live apart from every journal (PostgreSQL schema ``server``; on SQLite the server's
own file), with their own metadata and migrations, so a journal's tables never hold them
(docs/decisions/0010-*). Nothing here is journal content: no text, no scores, no key a
journal could be opened with. A session's key is sealed under a secret only its cookie
carries. Push reminders (``push_*``) are in the clear on purpose: the worker that sends them
holds no key, so they say when to remind someone and never why (docs/decisions/0011-*).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reconnect.storage.tables import NAMING_CONVENTION, UtcDateTime


class ServerBase(DeclarativeBase):
    """Declarative base of the server's tables (its metadata is not the journal's)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AccountRow(ServerBase):
    """A person who can log in. ``journal`` names their journal's schema (or file)."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    journal: Mapped[str] = mapped_column(String(40), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The TOTP secret sealed under a key only the journal's master key gives (so a dump
    # cannot make codes); the last accepted time step refuses a replayed code.
    totp_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SessionRow(ServerBase):
    """A logged-in session. The cookie holds its id and secret; this row holds neither:
    the id's SHA-256 and the journal's master key sealed under the secret."""

    __tablename__ = "sessions"

    id_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)
    scope: Mapped[str] = mapped_column(String(16))  # "full", or "enrol" (TOTP set-up only)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class InviteRow(ServerBase):
    """A single-use sign-up invitation; only the code's SHA-256 is kept."""

    __tablename__ = "invites"

    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class LoginFailureRow(ServerBase):
    """A failed login, kept for throttling by account name and by address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class AuditRow(ServerBase):
    """A security event (login, logout, failure, account change). Never journal text."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    event: Mapped[str] = mapped_column(String(40))
    account_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    actor_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ServerSecretRow(ServerBase):
    """Secrets every web process shares and no journal depends on (the CSRF signing key)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class PushSubscriptionRow(ServerBase):
    """A browser's push subscription (its endpoint and the keys to encrypt for it)."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(2000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PushScheduleRow(ServerBase):
    """When one account wants a reminder: days ("1111100", Monday first), a local minute of
    the day in an IANA zone, and the UTC minute (since the epoch) of the last one sent."""

    __tablename__ = "push_schedules"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    days: Mapped[str] = mapped_column(String(7))
    at_minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    last_slot: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
