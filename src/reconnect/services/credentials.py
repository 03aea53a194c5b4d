"""Server mode's account credentials: set up one-time codes for an account, change its
password, or set a new one with the journal's recovery key. A recovery is throttled and
refused like a login (``sessions``), with one message for every cause.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.crypto import sessions as tokens
from reconnect.crypto import totp
from reconnect.crypto.kdf import derive_key, new_salt
from reconnect.domain.throttle import DEFAULT_POLICY, ThrottlePolicy
from reconnect.errors import CryptoError, InputError
from reconnect.services import vault, vault_setup
from reconnect.services.accounts import normalise_password
from reconnect.services.sessions import (
    FULL,
    ActiveSession,
    attempted_name,
    check_throttle,
    end_other_sessions,
    fail_login,
    kdf_params,
)
from reconnect.storage import accounts as rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices


@dataclass(frozen=True, slots=True)
class Enrolment:
    """The secret to put in an authenticator app, and its ``otpauth://`` URI."""

    secret: str
    uri: str


def _enrolment_secret(session: ActiveSession) -> str:
    master_key = vault.master_key_of(session.journal)
    seed = tokens.enrolment_seed(master_key, session.token.id_hash)
    return base64.b32encode(seed).decode()


def begin_totp(session: ActiveSession) -> Enrolment:
    """The one-time-code secret offered to this session (the same on every call)."""
    if session.account.has_totp:
        raise InputError("one-time codes are already set up for this account")
    secret = _enrolment_secret(session)
    return Enrolment(secret, totp.provisioning_uri(secret, account=session.account.username))


def confirm_totp(server: ServerServices, session: ActiveSession, code: str) -> None:
    """Store the offered secret once a code from it is right; the session becomes full."""
    if session.account.has_totp:
        raise InputError("one-time codes are already set up for this account")
    secret = _enrolment_secret(session)
    step = totp.accept(secret, code, now=server.clock(), last_step=None)
    if step is None:
        raise InputError("that code is not right", hint="Type the six digits your app shows now.")
    master_key = vault.master_key_of(session.journal)
    now = server.clock()
    with server.transaction() as connection:
        rows.set_totp(
            connection,
            session.account.id,
            tokens.seal_totp_secret(master_key, session.account.id, secret),
            step,
        )
        rows.set_session_scope(connection, session.token.id_hash, FULL)
        rows.add_audit(connection, "totp.enrolled", now, account_id=session.account.id)


def change_password(server: ServerServices, session: ActiveSession, current: str, new: str) -> int:
    """Change the account's password (its journal's passphrase slot) after checking the
    current one; every other session ends. How many ended.

    The journal's key stays the same, so the recovery key still works and nothing is
    re-encrypted (ENC-4).
    """
    from reconnect.services.accounts import check_password

    secret = check_password(new, session.account.username)
    try:
        vault.confirm_secret(session.journal, normalise_password(current))
    except CryptoError:
        raise InputError("the current password is not right; nothing was changed") from None
    vault_setup.set_passphrase(session.journal, secret, params=kdf_params(server))
    with server.transaction() as connection:
        rows.add_audit(
            connection, "password.changed", server.clock(), account_id=session.account.id
        )
    return end_other_sessions(server, session)


def recover_password(
    server: ServerServices,
    username: str,
    recovery_key: str,
    new_password: str,
    *,
    address: str,
    policy: ThrottlePolicy = DEFAULT_POLICY,
) -> None:
    """Set a new password with the journal's recovery key (a forgotten password).

    Throttled like a login and refused with the same message for every cause. The journal
    is unchanged: the recovery key opens its master key, which the new password wraps;
    every session of the account ends.
    """
    name = attempted_name(username)
    address = address[:64]
    from reconnect.services.accounts import check_password

    secret = check_password(new_password, name)  # says what is wrong before any work
    check_throttle(server, name, address, policy)
    with server.transaction() as connection:
        account = rows.find_by_name(connection, name)
    if account is None or account.disabled:
        derive_key(recovery_key[:200], new_salt(), kdf_params(server))
        fail_login(server, name, address, account)
    journal = server.journal(account.journal)
    try:
        vault.unlock_with_recovery_key(journal, recovery_key)
        vault_setup.set_passphrase(journal, secret, params=kdf_params(server))
    except (CryptoError, InputError):
        fail_login(server, name, address, account)
    finally:
        journal.keys.lock()
    now = server.clock()
    with server.transaction() as connection:
        rows.delete_sessions_of(connection, account.id)
        rows.clear_failures(connection, account.username)
        rows.add_audit(
            connection, "password.recovered", now, account_id=account.id, address=address
        )
