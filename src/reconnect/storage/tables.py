"""SQLAlchemy table definitions (``*Row`` classes); the one schema for SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Constraint names are identical on SQLite and PostgreSQL (docs/decisions/0001-storage.md).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SelfCheckResultRow(Base):
    """A completed self-check. ``payload`` holds perspective, answers and scores as JSON."""

    __tablename__ = "selfcheck_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    instrument_id: Mapped[str] = mapped_column(String(64), index=True)
    instrument_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class SelfCheckDraftRow(Base):
    """Answers so far to an interrupted self-check, one per instrument."""

    __tablename__ = "selfcheck_drafts"

    instrument_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class EntryRow(Base):
    """A journal entry. ``payload`` holds text, tags, people, activities and analysis as JSON."""

    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    analyzer_version: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class CheckInRow(Base):
    """A mood check-in. ``payload`` holds pleasantness, energy, feelings, note and analysis."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class PracticeLogRow(Base):
    """A practice someone did. ``payload`` holds the practice id, reflection and crisis flag."""

    __tablename__ = "practice_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class ReminderRow(Base):
    """A reminder. ``payload`` holds the practice id, the days and the time."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(32), server_default="")  # see docs/decisions/0008-*


class SafetyPlanRow(Base):
    """The person's safety plan: one row (id 1). ``payload`` holds each section's lines."""

    __tablename__ = "safety_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
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
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DataKeyRow(Base):
    """A data key, wrapped by the master key, and how many messages it has sealed (ENC-9)."""

    __tablename__ = "data_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    encryptions: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean)
