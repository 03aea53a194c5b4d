"""Sealing to a public key (X25519 + HKDF-SHA256 + AES-256-GCM), for keys two people share.

A couple's key is sealed to each partner's public key when they pair, and a share's key to
the client's and the counsellor's: each opens their copy with a private key that is itself
sealed under their journal's master key, so only their own live session can open it.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from reconnect.errors import TamperedDataError

VERSION = b"\x01"
NONCE_BYTES = 12
PUBLIC_BYTES = 32


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte X25519 keys."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private.private_bytes_raw(), public


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"reconnect sealed box v1",
    ).derive(shared)


def seal_to(public: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``plaintext`` sealed so only the holder of ``public``'s private key opens it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(_key(shared, ephemeral_public, public)).encrypt(nonce, plaintext, aad)
    return VERSION + ephemeral_public + nonce + body


def open_sealed(private: bytes, sealed: bytes, aad: bytes) -> bytes:
    """The plaintext back; TamperedDataError on a wrong key, other ``aad`` or changed bytes."""
    if len(sealed) < 1 + PUBLIC_BYTES + NONCE_BYTES + 16 or sealed[:1] != VERSION:
        raise TamperedDataError("a sealed key is damaged")
    ephemeral_public = sealed[1 : 1 + PUBLIC_BYTES]
    nonce = sealed[1 + PUBLIC_BYTES : 1 + PUBLIC_BYTES + NONCE_BYTES]
    body = sealed[1 + PUBLIC_BYTES + NONCE_BYTES :]
    key = X25519PrivateKey.from_private_bytes(private)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        return AESGCM(_key(shared, ephemeral_public, public)).decrypt(nonce, body, aad)
    except InvalidTag:
        raise TamperedDataError("a sealed key does not open with this key") from None


def seal_with(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``plaintext`` under a shared symmetric key (AES-256-GCM, random nonce)."""
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_with(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    """The plaintext back from ``seal_with``; TamperedDataError if anything differs."""
    if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != VERSION:
        raise TamperedDataError("shared data is damaged")
    try:
        return AESGCM(key).decrypt(sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise TamperedDataError("shared data does not open with this key") from None
