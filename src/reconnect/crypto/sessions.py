"""Server-mode session tokens, and the journal key sealed under a secret only the cookie holds.

A token is 64 random bytes, base64url: a 32-byte session id and a 32-byte secret. The
server stores the id's SHA-256 (so a dump cannot be replayed as a cookie) and the
journal's master key sealed under the secret (so a dump cannot open a journal). Any
process handed the cookie can open the key for that request; nothing durable can
(docs/decisions/0010-*).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reconnect.crypto.envelope import KEY_BYTES, Place, open_envelope, seal

ID_BYTES = 32
SECRET_BYTES = 32
TOKEN_CHARS = 86  # 64 bytes in unpadded base64url


@dataclass(frozen=True, slots=True)
class SessionToken:
    """A new session's cookie value and what the server keeps of it."""

    cookie: str
    id_hash: bytes
    secret: bytes


def new_token() -> SessionToken:
    """A fresh session token."""
    session_id = os.urandom(ID_BYTES)
    secret = os.urandom(SECRET_BYTES)
    cookie = base64.urlsafe_b64encode(session_id + secret).rstrip(b"=").decode()
    return SessionToken(cookie, hashlib.sha256(session_id).digest(), secret)


def parse_token(cookie: str | None) -> SessionToken | None:
    """The id hash and secret in a cookie value; None for anything malformed.

    >>> parse_token("not a token") is None
    True
    """
    if cookie is None or len(cookie) != TOKEN_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(cookie + "==")
    except (binascii.Error, ValueError):
        return None
    if len(raw) != ID_BYTES + SECRET_BYTES:
        return None
    return SessionToken(cookie, hashlib.sha256(raw[:ID_BYTES]).digest(), raw[ID_BYTES:])


def _session_place(id_hash: bytes) -> Place:
    return Place("server", "sessions", id_hash.hex(), "sealed_key")


def seal_master_key(token: SessionToken, master_key: bytes) -> bytes:
    """The master key sealed under the session's secret, bound to this session's id."""
    return seal(token.secret, 0, master_key, _session_place(token.id_hash))


def open_master_key(token: SessionToken, sealed: bytes) -> bytes:
    """The master key back from a session row; TamperedDataError if anything differs."""
    return open_envelope({0: token.secret}, sealed, _session_place(token.id_hash))


def _derived(master_key: bytes, purpose: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"reconnect " + purpose
    ).derive(master_key)


def _totp_place(account_id: str) -> Place:
    return Place("server", "accounts", account_id, "totp_sealed")


def seal_totp_secret(master_key: bytes, account_id: str, secret: str) -> bytes:
    """An account's TOTP secret, sealed so that only its journal's master key opens it."""
    return seal(_derived(master_key, b"totp"), 0, secret.encode(), _totp_place(account_id))


def open_totp_secret(master_key: bytes, account_id: str, sealed: bytes) -> str:
    """The TOTP secret back; TamperedDataError on a wrong key or changed bytes."""
    key = _derived(master_key, b"totp")
    return open_envelope({0: key}, sealed, _totp_place(account_id)).decode()


def enrolment_seed(master_key: bytes, id_hash: bytes) -> bytes:
    """20 bytes that make the TOTP secret offered during enrolment in this session.

    Derived, not stored: every process serving the session offers the same secret, and
    it is never written down until a code confirms it.
    """
    key = _derived(master_key, b"totp enrolment")
    return hmac.new(key, id_hash, hashlib.sha256).digest()[:20]


def _private_place(account_id: str) -> Place:
    return Place("server", "account_keys", account_id, "private_sealed")


def seal_private_key(master_key: bytes, account_id: str, private: bytes) -> bytes:
    """An account's X25519 private key, sealed so only its journal's master key opens it."""
    key = _derived(master_key, b"account private key")
    return seal(key, 0, private, _private_place(account_id))


def open_private_key(master_key: bytes, account_id: str, sealed: bytes) -> bytes:
    """The account's private key back; TamperedDataError on a wrong key or changed bytes."""
    key = _derived(master_key, b"account private key")
    return open_envelope({0: key}, sealed, _private_place(account_id))
