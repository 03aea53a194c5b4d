"""Vault repository: the journal row, key slots and data keys, read and written as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, update

from reconnect.crypto.kdf import KdfParams
from reconnect.crypto.keys import Slot
from reconnect.errors import StorageError, TamperedDataError
from reconnect.storage.database import aware_utc
from reconnect.storage.tables import DataKeyRow, KeySlotRow, VaultRow

if TYPE_CHECKING:
    from datetime import datetime

# 1: payloads bound to their row key; 2: to the row key and a random row uid
# (docs/decisions/0008-row-uid-in-aad.md). A format 1 journal is brought to 2 when unlocked.
FORMAT_VERSION = 2
ROW_UID_FORMAT = 2


@dataclass(frozen=True, slots=True)
class JournalInfo:
    """The journal's id and whether its content is encrypted."""

    journal_id: str
    encrypted: bool
    created_at: datetime
    format_version: int = FORMAT_VERSION


@dataclass(frozen=True, slots=True)
class WrappedDataKey:
    """A data key as stored: wrapped, with its encryption count."""

    id: int
    wrapped: bytes
    encryptions: int
    active: bool


def get_journal(connection: Connection) -> JournalInfo | None:
    """The journal, or None when none has been created in this database."""
    row = connection.execute(select(*VaultRow.__table__.columns).where(VaultRow.id == 1)).first()
    if row is None:
        return None
    if row.format_version > FORMAT_VERSION:
        raise StorageError(
            f"this journal was written by a newer reconnect (vault format {row.format_version})",
            hint="Upgrade reconnect to open it.",
        )
    encrypted = bool(row.encrypted)
    if not encrypted and _has_key_material(connection):
        # Whether a journal is encrypted rests on its keys, not on a flag anyone can flip
        # with sqlite3: a journal with key slots or data keys is never written in plaintext.
        raise TamperedDataError(
            "this journal has encryption keys but is marked unencrypted: the database was "
            "changed outside reconnect, so nothing will be read or written in plaintext",
            hint="Nothing was changed. Restore a backup made with `reconnect backup`.",
        )
    return JournalInfo(
        row.journal_id, encrypted, aware_utc(row.created_at), int(row.format_version)
    )


def _has_key_material(connection: Connection) -> bool:
    slot = connection.execute(select(KeySlotRow.kind).limit(1)).first()
    key = connection.execute(select(DataKeyRow.id).limit(1)).first()
    return slot is not None or key is not None


def create_journal(connection: Connection, journal_id: str, encrypted: bool, now: datetime) -> None:
    """Record the journal (one per database)."""
    connection.execute(
        insert(VaultRow),
        {
            "id": 1,
            "journal_id": journal_id,
            "encrypted": encrypted,
            "format_version": FORMAT_VERSION,
            "created_at": now,
        },
    )


def set_encrypted(connection: Connection, encrypted: bool) -> None:
    """Mark the journal encrypted (after encrypting it in place)."""
    connection.execute(update(VaultRow).where(VaultRow.id == 1).values(encrypted=encrypted))


def set_format_version(connection: Connection, version: int) -> None:
    """Record the vault format the journal's rows are now in."""
    connection.execute(update(VaultRow).where(VaultRow.id == 1).values(format_version=version))


def get_slot(connection: Connection, kind: str) -> Slot | None:
    """One key slot, or None."""
    row = connection.execute(
        select(*KeySlotRow.__table__.columns).where(KeySlotRow.kind == kind)
    ).first()
    if row is None:
        return None
    params = (
        KdfParams(row.memory_kib, row.iterations, row.lanes)
        if row.memory_kib is not None and row.iterations is not None and row.lanes is not None
        else None
    )
    return Slot(row.kind, row.kdf, params, bytes(row.salt), bytes(row.wrapped), row.checksum)


def put_slot(connection: Connection, slot: Slot, now: datetime) -> None:
    """Insert or replace a key slot (one row per kind)."""
    values = {
        "kdf": slot.kdf,
        "memory_kib": slot.params.memory_kib if slot.params else None,
        "iterations": slot.params.iterations if slot.params else None,
        "lanes": slot.params.lanes if slot.params else None,
        "salt": slot.salt,
        "wrapped": slot.wrapped,
        "checksum": slot.checksum,
        "updated_at": now,
    }
    changed = connection.execute(
        update(KeySlotRow).where(KeySlotRow.kind == slot.kind).values(**values)
    ).rowcount
    if not changed:
        connection.execute(insert(KeySlotRow), {"kind": slot.kind, **values})


def reserve_data_key_id(connection: Connection, now: datetime) -> int:
    """Insert an empty, inactive data-key row and return its id (the id is bound into the wrap)."""
    new_id = connection.execute(
        insert(DataKeyRow).returning(DataKeyRow.id),
        {"created_at": now, "wrapped": b"", "encryptions": 0, "active": False},
    ).scalar_one()
    return int(new_id)


def activate_data_key(connection: Connection, key_id: int, wrapped: bytes) -> None:
    """Store the wrapped key and make it the only active one."""
    connection.execute(update(DataKeyRow).values(active=False))
    connection.execute(
        update(DataKeyRow).where(DataKeyRow.id == key_id).values(wrapped=wrapped, active=True)
    )


def list_data_keys(connection: Connection) -> list[WrappedDataKey]:
    """Every data key, oldest first."""
    rows = connection.execute(select(*DataKeyRow.__table__.columns).order_by(DataKeyRow.id))
    return [WrappedDataKey(r.id, bytes(r.wrapped), r.encryptions, bool(r.active)) for r in rows]


def count_encryption(connection: Connection, key_id: int) -> int:
    """Add one to a data key's encryption count and return the new count."""
    count = connection.execute(
        update(DataKeyRow)
        .where(DataKeyRow.id == key_id)
        .values(encryptions=DataKeyRow.encryptions + 1)
        .returning(DataKeyRow.encryptions)
    ).scalar_one()
    return int(count)
