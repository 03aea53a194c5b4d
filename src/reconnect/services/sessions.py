"""Server mode's sessions: log in (with throttling and one-time codes), find the session a
request belongs to, log out. Enrolling a one-time code and changing or recovering the
password are in ``credentials``.

A session's cookie carries the only secret that opens the journal key stored for it
(``reconnect.crypto.sessions``); the refusal for a wrong name, a wrong password, a disabled
account or a wrong code is one message, and an unknown name costs the same key derivation
as a known one, so neither the words nor the time tell whether an account exists.
"""

from __future__ import annotations

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


def attempted_name(username: str) -> str:
    """The name a login or a recovery attempt is throttled and looked up under: trimmed,
    cut to ``MAX_USERNAME_CHARS``, normalised, or only case-folded when it is no valid
    username (the attempt then fails like any other, with the same message)."""
    name = username.strip()[:MAX_USERNAME_CHARS]
    try:
        return normalise_username(name)
    except InputError:
        return name.casefold()


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


def check_throttle(
    server: ServerServices, username: str, address: str, policy: ThrottlePolicy
) -> None:
    """ThrottledError when this name or address has failed too often lately."""
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


def fail_login(
    server: ServerServices, username: str, address: str, account: Account | None
) -> NoReturn:
    """Record the failure (for throttling and the audit trail), then raise
    LoginFailedError with the one message every cause shares."""
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
    name = attempted_name(username)
    address = address[:64]
    check_throttle(server, name, address, policy)
    with server.transaction() as connection:
        account = rows.find_by_name(connection, name)
    if account is None or account.disabled or len(password) > vault_setup.MAX_PASSPHRASE_CHARS:
        # The same Argon2id work as a real attempt, so the time does not tell.
        derive_key(password[: vault_setup.MAX_PASSPHRASE_CHARS], new_salt(), kdf_params(server))
        fail_login(server, name, address, account)
    server.db.upgrade_journal(account.journal)  # a journal made by an older reconnect
    journal = server.journal(account.journal)
    try:
        vault.unlock(journal, normalise_password(password))
        master_key = vault.master_key_of(journal)
    except CryptoError:
        fail_login(server, name, address, account)
    finally:
        journal.keys.lock()
    scope = _second_factor(server, account, master_key, code, name, address)
    from reconnect.services.keypairs import key_pair_for

    key_pair_for(server, account.id, master_key)  # partners and clients seal keys to it
    return _start(server, account, master_key, scope, address)


def kdf_params(server: ServerServices) -> KdfParams:
    """The Argon2id parameters for this server's key slots."""
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
        fail_login(server, name, address, account)
    with server.transaction() as connection:
        claimed = step is not None and rows.claim_totp_step(connection, account.id, step)
    if not claimed:
        fail_login(server, name, address, account)
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


def end_other_sessions(server: ServerServices, session: ActiveSession) -> int:
    """End every session of this account but this one; how many ended."""
    with server.transaction() as connection:
        ended = rows.delete_other_sessions(connection, session.account.id, session.token.id_hash)
        rows.add_audit(
            connection, "sessions.ended_others", server.clock(), account_id=session.account.id
        )
    return ended


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
