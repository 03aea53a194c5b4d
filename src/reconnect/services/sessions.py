"""Server mode's sessions: log in (with throttling and one-time codes), find the session a
request belongs to, enrol a one-time code, log out.

A session's cookie carries the only secret that opens the journal key stored for it
(``reconnect.crypto.sessions``); the refusal for a wrong name, a wrong password, a disabled
account or a wrong code is one message, and an unknown name costs the same key derivation
as a known one, so neither the words nor the time tell whether an account exists.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, NoReturn

from reconnect.crypto import sessions as tokens
from reconnect.crypto import totp
from reconnect.crypto.kdf import KdfParams, derive_key, new_salt
from reconnect.domain.throttle import DEFAULT_POLICY, ThrottlePolicy, check
from reconnect.errors import (
    CryptoError,
    EnrolmentRequiredError,
    InputError,
    LoginFailedError,
    NotLoggedInError,
    ThrottledError,
)
from reconnect.services import vault, vault_setup
from reconnect.services.accounts import (
    TOTP_REQUIRED_ROLES,
    normalise_password,
    normalise_username,
)
from reconnect.services.vault import JournalKeys
from reconnect.storage import accounts as rows

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.services import Services
    from reconnect.services.server import ServerServices
    from reconnect.storage.accounts import Account

LOGIN_FAILED = "The username, password or one-time code is wrong."
FULL = "full"
ENROL = "enrol"
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most this often
MAX_USERNAME_CHARS = 64


@dataclass(frozen=True, slots=True)
class Login:
    """A new session: the cookie value, and whether it may only enrol a one-time code."""

    cookie: str
    account: Account
    scope: str
    expires_at: datetime


@dataclass(slots=True)
class ActiveSession:
    """The session a request belongs to, with its journal open for this request only."""

    account: Account
    scope: str
    token: tokens.SessionToken
    journal: Services

    def close(self) -> None:
        """Forget the journal's keys (at the end of the request)."""
        self.journal.keys.lock()


def _throttle(server: ServerServices, username: str, address: str, policy: ThrottlePolicy) -> None:
    now = server.clock()
    since = now - timedelta(days=1)
    with server.transaction() as connection:
        by_name = rows.failures_for(connection, username=username, address=None, since=since)
        by_address = rows.failures_for(connection, username=None, address=address, since=since)
    verdict = check(policy, now=now, account_failures=by_name, address_failures=by_address)
    if not verdict.allowed:
        seconds = int(verdict.retry_after.total_seconds())
        raise ThrottledError(
            "Too many failed logins. Wait a little before trying again.",
            retry_after=seconds,
            hint=f"Try again in {seconds} seconds.",
        )


def _fail(server: ServerServices, username: str, address: str, account: Account | None) -> NoReturn:
    now = server.clock()
    with server.transaction() as connection:
        rows.add_failure(connection, username, address, now)
        rows.prune_failures(connection, now - timedelta(days=2))
        rows.add_audit(
            connection,
            "login.failed",
            now,
            account_id=account.id if account is not None else None,
            address=address,
        )
    raise LoginFailedError(LOGIN_FAILED)


def login(
    server: ServerServices,
    username: str,
    password: str,
    *,
    address: str,
    code: str | None = None,
    policy: ThrottlePolicy = DEFAULT_POLICY,
) -> Login:
    """Log in; LoginFailedError (one message for every cause) or ThrottledError.

    An account whose role requires one-time codes and has none yet gets a session that can
    only enrol one. An account with a code set up must send it.
    """
    name = username.strip()[:MAX_USERNAME_CHARS]
    try:
        name = normalise_username(name)
    except InputError:
        name = name.casefold()
    address = address[:64]
    _throttle(server, name, address, policy)
    with server.transaction() as connection:
        account = rows.find_by_name(connection, name)
    if account is None or account.disabled or len(password) > vault_setup.MAX_PASSPHRASE_CHARS:
        # The same Argon2id work as a real attempt, so the time does not tell.
        derive_key(password[: vault_setup.MAX_PASSPHRASE_CHARS], new_salt(), _params(server))
        _fail(server, name, address, account)
    server.db.upgrade_journal(account.journal)  # a journal made by an older reconnect
    journal = server.journal(account.journal)
    try:
        vault.unlock(journal, normalise_password(password))
        master_key = vault.master_key_of(journal)
    except CryptoError:
        _fail(server, name, address, account)
    finally:
        journal.keys.lock()
    scope = _second_factor(server, account, master_key, code, name, address)
    from reconnect.services.keypairs import key_pair_for

    key_pair_for(server, account.id, master_key)  # partners and clients seal keys to it
    return _start(server, account, master_key, scope, address)


def _params(server: ServerServices) -> KdfParams:
    return vault_setup.default_params(server.settings)


def _second_factor(
    server: ServerServices,
    account: Account,
    master_key: bytes,
    code: str | None,
    name: str,
    address: str,
) -> str:
    """The session's scope once the one-time code (if one is set up) is checked."""
    if not account.has_totp:
        return ENROL if account.role in TOTP_REQUIRED_ROLES else FULL
    with server.transaction() as connection:
        sealed, last_step = rows.totp_of(connection, account.id)
    assert sealed is not None
    secret = tokens.open_totp_secret(master_key, account.id, sealed)
    step = (
        totp.accept(secret, code, now=server.clock(), last_step=last_step)
        if code is not None
        else None
    )
    if step is None:
        _fail(server, name, address, account)
    with server.transaction() as connection:
        claimed = step is not None and rows.claim_totp_step(connection, account.id, step)
    if not claimed:
        _fail(server, name, address, account)
    return FULL


def _start(
    server: ServerServices, account: Account, master_key: bytes, scope: str, address: str
) -> Login:
    now = server.clock()
    token = tokens.new_token()
    expires = now + timedelta(hours=server.settings.session_hours)
    with server.transaction() as connection:
        rows.add_session(
            connection,
            rows.StoredSession(
                id_hash=token.id_hash,
                account_id=account.id,
                sealed_key=tokens.seal_master_key(token, master_key),
                scope=scope,
                created_at=now,
                last_seen=now,
                expires_at=expires,
            ),
        )
        rows.clear_failures(connection, account.username)
        rows.delete_expired_sessions(connection, now)
        rows.add_audit(connection, "login", now, account_id=account.id, address=address)
    return Login(token.cookie, account, scope, expires)


def resolve(
    server: ServerServices, cookie: str | None, *, allow_enrol: bool = False
) -> ActiveSession:
    """The live session of this cookie, its journal open; NotLoggedInError otherwise.

    A session past its lifetime or idle too long is deleted here. A session that may only
    enrol a one-time code is refused (ForbiddenError) unless ``allow_enrol``.
    """
    token = tokens.parse_token(cookie)
    if token is None:
        raise NotLoggedInError("You are not logged in.", hint="Log in first.")
    now = server.clock()
    idle = timedelta(minutes=server.settings.session_idle_minutes)
    ended = False
    with server.transaction() as connection:
        stored = rows.get_session(connection, token.id_hash)
        account = rows.find_by_id(connection, stored.account_id) if stored else None
        if stored is not None and account is not None:
            ended = stored.expires_at <= now or stored.last_seen + idle <= now or account.disabled
            if ended:  # deleted in this transaction, which commits before the refusal
                rows.delete_session(connection, token.id_hash)
            elif now - stored.last_seen >= TOUCH_EVERY:
                rows.touch_session(connection, token.id_hash, now)
    if stored is None or account is None:
        raise NotLoggedInError("You are not logged in.", hint="Log in first.")
    if ended:
        raise NotLoggedInError("Your session has ended.", hint="Log in again.")
    if stored.scope != FULL and not allow_enrol:
        raise EnrolmentRequiredError(
            "Set up one-time codes first: this account needs them.",
            hint="Use POST /api/totp/enrol, then POST /api/totp/confirm with a code.",
        )
    try:
        master_key = tokens.open_master_key(token, stored.sealed_key)
    except CryptoError:
        raise NotLoggedInError("Your session has ended.", hint="Log in again.") from None
    journal = server.journal(account.journal, JournalKeys())
    vault.open_with_master_key(journal, master_key)
    return ActiveSession(account, stored.scope, token, journal)


def logout(server: ServerServices, cookie: str | None, *, address: str | None = None) -> bool:
    """End the cookie's session everywhere at once; False when there was none."""
    token = tokens.parse_token(cookie)
    if token is None:
        return False
    with server.transaction() as connection:
        stored = rows.get_session(connection, token.id_hash)
        if stored is None:
            return False
        rows.delete_session(connection, token.id_hash)
        rows.add_audit(
            connection, "logout", server.clock(), account_id=stored.account_id, address=address
        )
    return True


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


def end_other_sessions(server: ServerServices, session: ActiveSession) -> int:
    """End every session of this account but this one; how many ended."""
    with server.transaction() as connection:
        ended = rows.delete_other_sessions(connection, session.account.id, session.token.id_hash)
        rows.add_audit(
            connection, "sessions.ended_others", server.clock(), account_id=session.account.id
        )
    return ended


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
    vault_setup.set_passphrase(session.journal, secret, params=_params(server))
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
    name = username.strip()[:MAX_USERNAME_CHARS]
    try:
        name = normalise_username(name)
    except InputError:
        name = name.casefold()
    address = address[:64]
    from reconnect.services.accounts import check_password

    secret = check_password(new_password, name)  # says what is wrong before any work
    _throttle(server, name, address, policy)
    with server.transaction() as connection:
        account = rows.find_by_name(connection, name)
    if account is None or account.disabled:
        derive_key(recovery_key[:200], new_salt(), _params(server))
        _fail(server, name, address, account)
    journal = server.journal(account.journal)
    try:
        vault.unlock_with_recovery_key(journal, recovery_key)
        vault_setup.set_passphrase(journal, secret, params=_params(server))
    except (CryptoError, InputError):
        _fail(server, name, address, account)
    finally:
        journal.keys.lock()
    now = server.clock()
    with server.transaction() as connection:
        rows.delete_sessions_of(connection, account.id)
        rows.clear_failures(connection, account.username)
        rows.add_audit(
            connection, "password.recovered", now, account_id=account.id, address=address
        )


def catch_up_analysis(server: ServerServices, cookie: str) -> int:
    """Read again, with this version's analyzer, the entries an older one read; how many.

    Run right after a login, in the web process that has the session's cookie: a worker
    never holds a journal key, so this is the only place it can happen (decision 0010).
    Each entry is saved on its own; if the session ends meanwhile, the rest wait for the
    next login. Nothing to do (the common case) costs one query.
    """
    from reconnect.services.journal import count_read_by_older_analyzers, reanalyse_entries

    try:
        session = resolve(server, cookie)
    except (NotLoggedInError, EnrolmentRequiredError):
        return 0
    try:
        if session.account.role == "admin" or not count_read_by_older_analyzers(session.journal):
            return 0
        done = reanalyse_entries(session.journal)
    finally:
        session.close()
    if done.read:
        with server.transaction() as connection:
            rows.add_audit(
                connection, "analysis.caught_up", server.clock(), account_id=session.account.id
            )
    return done.read
