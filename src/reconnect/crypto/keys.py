"""The key hierarchy: key slots wrap the journal's master key, which wraps the data keys.

    passphrase --Argon2id--> slot key --wraps--> master key --wraps--> data key(s)
    recovery key --HKDF----> slot key --wraps--> (the same master key)

Changing the passphrase re-wraps the master key in one slot and touches nothing
else (ENC-4). Every stored part carries a SHA-256 checksum of its fields, so a
damaged slot is told apart from a wrong passphrase (ENC-7).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reconnect.crypto.envelope import Place, open_envelope, seal
from reconnect.crypto.kdf import KdfParams, acceptable, derive_key
from reconnect.errors import (
    CryptoError,
    DamagedKeySlotError,
    TamperedDataError,
    WrongPassphraseError,
)

WRAP_KEY_ID = 0  # the key id written into wrapping envelopes (slot and master keys)
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
KDF_ARGON2ID = "argon2id"
KDF_HKDF = "hkdf-sha256"


@dataclass(frozen=True, slots=True)
class Slot:
    """One way into the journal: a wrapped master key and how to derive the unwrapping key."""

    kind: str
    kdf: str
    params: KdfParams | None
    salt: bytes
    wrapped: bytes
    checksum: str

    def computed_checksum(self) -> str:
        return slot_checksum(self.kind, self.kdf, self.params, self.salt, self.wrapped)


def slot_checksum(
    kind: str, kdf: str, params: KdfParams | None, salt: bytes, wrapped: bytes
) -> str:
    """SHA-256 over every field of a slot, length-prefixed."""
    numbers = (
        struct.pack(">III", params.memory_kib, params.iterations, params.lanes)
        if params is not None
        else b""
    )
    digest = hashlib.sha256()
    for part in (kind.encode(), kdf.encode(), numbers, salt, wrapped):
        digest.update(struct.pack(">I", len(part)) + part)
    return digest.hexdigest()


def _slot_place(journal_id: str, kind: str) -> Place:
    return Place(journal_id, "key_slots", kind, "wrapped")


def data_key_place(journal_id: str, key_id: int) -> Place:
    """Where a wrapped data key lives."""
    return Place(journal_id, "data_keys", str(key_id), "wrapped")


def recovery_slot_key(recovery_key: str, salt: bytes) -> bytes:
    """The slot key for a (normalised) recovery key: it has 130 random bits, so HKDF suffices."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"reconnect recovery slot"
    ).derive(recovery_key.encode("ascii"))


def make_slot(
    journal_id: str,
    kind: str,
    master_key: bytes,
    secret: str,
    salt: bytes,
    params: KdfParams | None,
) -> Slot:
    """Wrap the master key for a passphrase (Argon2id) or a recovery key (HKDF)."""
    if kind == PASSPHRASE:
        if params is None:
            raise CryptoError("a passphrase slot needs Argon2id parameters")
        kdf, slot_key = KDF_ARGON2ID, derive_key(secret, salt, params)
    else:
        kdf, slot_key, params = KDF_HKDF, recovery_slot_key(secret, salt), None
    wrapped = seal(slot_key, WRAP_KEY_ID, master_key, _slot_place(journal_id, kind))
    return Slot(kind, kdf, params, salt, wrapped, slot_checksum(kind, kdf, params, salt, wrapped))


def check_slot(slot: Slot) -> None:
    """DamagedKeySlotError when the slot's bytes no longer match its checksum."""
    if not hmac.compare_digest(slot.computed_checksum(), slot.checksum):
        raise DamagedKeySlotError(
            f"the {slot.kind} key slot is damaged",
            hint="Use your recovery key: reconnect recover",
        )


def open_slot(journal_id: str, slot: Slot, secret: str) -> bytes:
    """The master key from a slot; DamagedKeySlotError or WrongPassphraseError."""
    check_slot(slot)
    if slot.kdf == KDF_ARGON2ID and slot.params is not None:
        if not acceptable(slot.params):
            # Refused before Argon2id runs: a slot rewritten to m=4 GiB, t=1000 would otherwise
            # hang the unlock (audit issue 12). The checksum is not keyed, so it cannot catch this.
            raise DamagedKeySlotError(
                f"the {slot.kind} key slot is damaged: it asks for Argon2id parameters "
                f"({slot.params.describe()}) outside what reconnect ever writes, so it was not "
                "tried",
                hint="Use your recovery key: reconnect recover (or restore a backup).",
            )
        slot_key = derive_key(secret, slot.salt, slot.params)
    elif slot.kdf == KDF_HKDF:
        slot_key = recovery_slot_key(secret, slot.salt)
    else:
        raise DamagedKeySlotError(f"the {slot.kind} key slot names an unknown method {slot.kdf!r}")
    try:
        return open_envelope(
            {WRAP_KEY_ID: slot_key}, slot.wrapped, _slot_place(journal_id, slot.kind)
        )
    except TamperedDataError:
        what = "passphrase" if slot.kind == PASSPHRASE else "recovery key"
        raise WrongPassphraseError(f"wrong {what}") from None


def wrap_data_key(journal_id: str, master_key: bytes, key_id: int, data_key: bytes) -> bytes:
    """A data key sealed under the master key, bound to its id."""
    return seal(master_key, WRAP_KEY_ID, data_key, data_key_place(journal_id, key_id))


def unwrap_data_key(journal_id: str, master_key: bytes, key_id: int, wrapped: bytes) -> bytes:
    """A data key from its wrapped form; TamperedDataError when damaged."""
    return open_envelope({WRAP_KEY_ID: master_key}, wrapped, data_key_place(journal_id, key_id))
