"""The versioned cipher envelope: AES-256-GCM with a fresh random 96-bit nonce per message.

Layout of version 1 (all integers big-endian)::

    offset  size  field
    0       3     magic b"RCE"
    3       1     version (1)
    4       4     key id (the data key that sealed it)
    8       12    nonce (random, never reused with the same key)
    20      n+16  ciphertext followed by the 16-byte GCM tag

The associated data binds a ciphertext to its place (journal, table, row, column)
and to the key id, so a ciphertext copied to another row or column fails to open.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reconnect.errors import TamperedDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

MAGIC = b"RCE"
VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER = struct.Struct(">3sBI12s")  # magic, version, key id, nonce
AAD_PREFIX = b"reconnect-envelope-v1"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a ciphertext lives; part of the associated data of every envelope."""

    journal_id: str
    table: str
    row: str
    column: str

    def aad(self, key_id: int) -> bytes:
        """The associated data: prefix, place and key id, each length-prefixed (big-endian)."""
        out = bytearray()
        for part in (AAD_PREFIX, *(p.encode("utf-8") for p in self.as_tuple())):
            out += len(part).to_bytes(4, "big")
            out += part
        out += key_id.to_bytes(4, "big")
        return bytes(out)

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.journal_id, self.table, self.row, self.column)


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def seal(
    key: bytes,
    key_id: int,
    plaintext: bytes,
    place: Place,
    nonce_source: Callable[[int], bytes] = os.urandom,
) -> bytes:
    """Encrypt ``plaintext`` for ``place`` into a version-1 envelope."""
    nonce = nonce_source(NONCE_BYTES)
    body = AESGCM(key).encrypt(nonce, plaintext, place.aad(key_id))
    return HEADER.pack(MAGIC, VERSION, key_id, nonce) + body


def key_id_of(envelope: bytes) -> int:
    """The key id in an envelope's header; TamperedDataError when the header is not valid."""
    return _parse(envelope)[1]


def nonce_of(envelope: bytes) -> bytes:
    """The nonce in an envelope's header."""
    return _parse(envelope)[2]


def _parse(envelope: bytes) -> tuple[int, int, bytes, bytes]:
    if len(envelope) < HEADER.size + TAG_BYTES:
        raise TamperedDataError("the encrypted data is too short to be valid")
    magic, version, key_id, nonce = HEADER.unpack_from(envelope)
    if magic != MAGIC:
        raise TamperedDataError("the encrypted data has no reconnect envelope header")
    if version != VERSION:
        raise TamperedDataError(f"the encrypted data uses unknown envelope version {version}")
    return version, key_id, nonce, envelope[HEADER.size :]


def open_envelope(keys: Mapping[int, bytes], envelope: bytes, place: Place) -> bytes:
    """Decrypt an envelope sealed for ``place``; TamperedDataError on any mismatch."""
    return open_with(
        lambda key_id: AESGCM(keys[key_id]) if key_id in keys else None, envelope, place
    )


def open_with(cipher_for: Callable[[int], AESGCM | None], envelope: bytes, place: Place) -> bytes:
    """Like ``open_envelope``, with ciphers made once per key by the caller (faster in bulk)."""
    _version, key_id, nonce, body = _parse(envelope)
    cipher = cipher_for(key_id)
    if cipher is None:
        raise TamperedDataError(f"the encrypted data names key {key_id}, which this journal lacks")
    try:
        return cipher.decrypt(nonce, body, place.aad(key_id))
    except InvalidTag:
        raise TamperedDataError("the encrypted data failed its integrity check") from None
