"""How payload columns are stored: sealed in the cipher envelope, or as JSON when unencrypted.

Repositories call ``seal_payload``/``open_payload``; the codec in force is bound to
the connection by the transaction that services open (``bind_codec``), so no
repository can write content without it.

Every payload is bound to its row by the row's key *and* a random ``uid`` drawn afresh
each time the payload is written (docs/decisions/0008-row-uid-in-aad.md): row ids are
reused (SQLite after deleting the newest row, PostgreSQL after a restore), a uid never is.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reconnect.crypto.envelope import Place, new_key, open_with, seal
from reconnect.crypto.keys import unwrap_data_key, wrap_data_key
from reconnect.errors import DamagedKeySlotError, LockedError, TamperedDataError
from reconnect.storage import vault as vault_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection

_INFO_KEY = "reconnect.codec"
# NIST SP 800-38D: at most 2^32 messages per key with random nonces; rotate well before.
ROTATE_AFTER = 2**31


class PayloadCodec(Protocol):
    """Turns a payload into what is stored, and back."""

    def seal(self, connection: Connection, table: str, row: str, column: str, text: str) -> str:
        """The stored form of ``text`` for this row and column."""
        ...

    def open(self, table: str, row: str, column: str, stored: str) -> str:
        """The text back from its stored form; TamperedDataError when it was altered."""
        ...


class PlainCodec:
    """A journal created with ``--no-encryption``: payloads are stored as they are."""

    def seal(self, connection: Connection, table: str, row: str, column: str, text: str) -> str:  # noqa: ARG002
        return text

    def open(self, table: str, row: str, column: str, stored: str) -> str:  # noqa: ARG002
        if not stored.startswith("{"):
            raise TamperedDataError(f"{table} {row} is encrypted, but this journal is not")
        return stored


@dataclass
class VaultCodec:
    """An unlocked encrypted journal: AES-256-GCM envelopes under the active data key."""

    journal_id: str
    master_key: bytes
    keys: dict[int, bytes]
    active_id: int
    rotate_after: int = ROTATE_AFTER
    _ciphers: dict[int, AESGCM] = field(default_factory=dict, repr=False)

    def _cipher(self, key_id: int) -> AESGCM | None:
        cipher = self._ciphers.get(key_id)
        if cipher is None and key_id in self.keys:
            cipher = self._ciphers[key_id] = AESGCM(self.keys[key_id])
        return cipher

    def seal(self, connection: Connection, table: str, row: str, column: str, text: str) -> str:
        count = vault_rows.count_encryption(connection, self.active_id)
        if count > self.rotate_after:
            self.active_id = new_data_key(connection, self.journal_id, self.master_key, self)
            vault_rows.count_encryption(connection, self.active_id)
        place = Place(self.journal_id, table, row, column)
        envelope = seal(self.keys[self.active_id], self.active_id, text.encode("utf-8"), place)
        return base64.b64encode(envelope).decode("ascii")

    def open(self, table: str, row: str, column: str, stored: str) -> str:
        try:
            envelope = base64.b64decode(stored.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise TamperedDataError(f"{table} {row} is not valid encrypted data") from None
        plain = open_with(self._cipher, envelope, Place(self.journal_id, table, row, column))
        try:
            return plain.decode("utf-8")
        except UnicodeDecodeError:
            raise TamperedDataError(f"{table} {row} decrypted to invalid text") from None

    def wipe(self) -> None:
        """Forget the keys (best effort: Python may keep copies of bytes objects)."""
        self.keys.clear()
        self._ciphers.clear()
        self.master_key = b""


def new_data_key(
    connection: Connection, journal_id: str, master_key: bytes, codec: VaultCodec | None = None
) -> int:
    """Create a fresh data key, make it the active one, and return its id."""
    from datetime import UTC, datetime

    key = new_key()
    key_id = vault_rows.reserve_data_key_id(connection, datetime.now(UTC))
    vault_rows.activate_data_key(
        connection, key_id, wrap_data_key(journal_id, master_key, key_id, key)
    )
    if codec is not None:
        codec.keys[key_id] = key
    return key_id


def load_vault_codec(connection: Connection, journal_id: str, master_key: bytes) -> VaultCodec:
    """A codec holding every data key of the journal, unwrapped with the master key."""
    keys: dict[int, bytes] = {}
    active = None
    for stored in vault_rows.list_data_keys(connection):
        if not stored.wrapped:
            continue
        try:
            keys[stored.id] = unwrap_data_key(journal_id, master_key, stored.id, stored.wrapped)
        except TamperedDataError:
            # The master key is right (its slot opened), so this key's stored bytes are damaged.
            raise DamagedKeySlotError(
                f"data key {stored.id} of this journal is damaged, so nothing sealed with it can "
                "be opened; your passphrase is right and nothing was changed",
                hint=(
                    "Restore the journal from a backup made with reconnect backup. The recovery "
                    "key opens the same master key, so it cannot mend a damaged data key."
                ),
            ) from None
        if stored.active:
            active = stored.id
    codec = VaultCodec(journal_id, master_key, keys, active or 0)
    if active is None:
        codec.active_id = new_data_key(connection, journal_id, master_key, codec)
    return codec


def bind_codec(connection: Connection, codec: PayloadCodec | None) -> None:
    """Make ``codec`` the one the repositories use on this connection (None unbinds it)."""
    if codec is None:
        connection.info.pop(_INFO_KEY, None)
    else:
        connection.info[_INFO_KEY] = codec


UID_BYTES = 16


def new_uid() -> str:
    """A fresh random row uid (128 bits, hex): never the same twice, unlike a row id."""
    return secrets.token_hex(UID_BYTES)


def row_ref(row: object, uid: str) -> str:
    """How a row is named in the associated data: its key and its current uid."""
    return f"{row}/{uid}"


def seal_payload(connection: Connection, table: str, row: object, text: str) -> dict[str, str]:
    """The stored form of a row's payload, with the fresh uid it is bound to.

    Returns the column values to write together: ``{"payload": ..., "uid": ...}``.
    """
    uid = new_uid()
    sealed = _codec(connection).seal(connection, table, row_ref(row, uid), "payload", text)
    return {"payload": sealed, "uid": uid}


def open_payload(connection: Connection, table: str, row: object, stored: str, uid: str) -> str:
    """A row's payload column as text; TamperedDataError unless it was sealed for this row
    as it is now (its key and its uid)."""
    return _codec(connection).open(table, row_ref(row, uid), "payload", stored)


def _codec(connection: Connection) -> PayloadCodec:
    codec = connection.info.get(_INFO_KEY)
    if codec is None:
        raise LockedError(
            "the journal is locked", hint="Unlock it first (reconnect unlock or the web app)."
        )
    return codec  # type: ignore[no-any-return]


def payload_tables() -> list[tuple[Any, Any]]:
    """Every table with a payload column, with the column that names a row in the AAD."""
    from reconnect.storage import tables

    return [
        (tables.SelfCheckResultRow, tables.SelfCheckResultRow.id),
        (tables.SelfCheckDraftRow, tables.SelfCheckDraftRow.instrument_id),
        (tables.EntryRow, tables.EntryRow.id),
        (tables.CheckInRow, tables.CheckInRow.id),
        (tables.PracticeLogRow, tables.PracticeLogRow.id),
        (tables.ReminderRow, tables.ReminderRow.id),
        (tables.SafetyPlanRow, tables.SafetyPlanRow.id),
    ]


def count_payload_rows(connection: Connection) -> int:
    """How many rows hold a payload, across every table."""
    from sqlalchemy import func, select

    return sum(
        int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table, _key in payload_tables()
    )


def reseal_all(
    connection: Connection,
    old: PayloadCodec,
    new: PayloadCodec,
    progress: Callable[[int], None] | None = None,
    *,
    legacy: bool = False,
) -> int:
    """Re-store every payload: opened with ``old``, sealed with ``new`` under a fresh uid.

    With ``legacy``, the stored payloads are read as journal format 1 wrote them: bound
    to the row key alone. Returns the number of rows done.
    """
    from sqlalchemy import select, update

    done = 0
    for table, key in payload_tables():
        name = table.__tablename__
        rows = connection.execute(select(key, table.uid, table.payload)).all()
        for row_key, uid, stored in rows:
            place = str(row_key) if legacy else row_ref(row_key, uid)
            try:
                text = old.open(name, place, "payload", stored)
            except TamperedDataError:
                if not legacy:
                    raise
                continue  # already damaged: left as it is, and named as damaged when read
            fresh = new_uid()
            sealed = new.seal(connection, name, row_ref(row_key, fresh), "payload", text)
            connection.execute(
                update(table).where(key == row_key).values(payload=sealed, uid=fresh)
            )
            done += 1
            if progress is not None:
                progress(done)
    return done
