"""SQLAlchemy table definitions (``*Row`` classes); the one schema for SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Constraint names are identical on SQLite and PostgreSQL (docs/decisions/0001-storage.md).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A moment stored in UTC and read back as aware UTC, on SQLite as on PostgreSQL.

    SQLite keeps a datetime as text without its offset: "23:30+02:00" written as it is came
    back as 23:30 UTC, two hours late, and compared wrongly in ``WHERE written_at >= ...``.
    Every moment is turned to UTC before it is stored or compared (a naive one is taken to
    be UTC already, as everything reconnect makes is).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SelfCheckResultRow(Base):
    """A completed self-check. ``payload`` holds perspective, answers and scores as JSON."""

    __tablename__ = "selfcheck_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    instrument_id: Mapped[str] = mapped_column(String(64), index=True)
    instrument_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class SelfCheckDraftRow(Base):
    """Answers so far to an interrupted self-check, one per instrument."""

    __tablename__ = "selfcheck_drafts"

    instrument_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class EntryRow(Base):
    """A journal entry. ``payload`` holds text, tags, people, activities and analysis as JSON."""

    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    analyzer_version: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class CheckInRow(Base):
    """A mood check-in. ``payload`` holds pleasantness, energy, feelings, note and analysis."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class PracticeLogRow(Base):
    """A practice someone did. ``payload`` holds the practice id, reflection and crisis flag."""

    __tablename__ = "practice_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class ReminderRow(Base):
    """A reminder. ``payload`` holds the practice id, the days and the time."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class SafetyPlanRow(Base):
    """The person's safety plan: one row (id 1). ``payload`` holds each section's lines."""

    __tablename__ = "safety_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class SafetyPlanOpenRow(Base):
    """The copy of the safety plan the person chose to keep readable while the journal is locked.

    One row (id 1), present only while that choice is on. ``readable_plan`` is plain JSON,
    never sealed: it opens without the passphrase, which is the point and the trade-off
    (docs/decisions/0009-safety-plan-readable-while-locked.md).
    """

    __tablename__ = "safety_plan_open"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    readable_plan: Mapped[str] = mapped_column(Text)


class VaultRow(Base):
    """The journal itself: its random id (bound into every ciphertext) and whether it is encrypted.

    One row. Absent until ``reconnect init`` (or the web set-up page) creates the journal.
    """

    __tablename__ = "vault"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journal_id: Mapped[str] = mapped_column(String(32))
    encrypted: Mapped[bool] = mapped_column(Boolean)
    format_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class KeySlotRow(Base):
    """A way into the journal: the master key wrapped by a passphrase or the recovery key."""

    __tablename__ = "key_slots"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    kdf: Mapped[str] = mapped_column(String(16))
    memory_kib: Mapped[int | None] = mapped_column(Integer, nullable=True)
    iterations: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lanes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    checksum: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DataKeyRow(Base):
    """A data key, wrapped by the master key, and how many messages it has sealed (ENC-9)."""

    __tablename__ = "data_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    encryptions: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean)
