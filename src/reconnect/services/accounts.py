"""Server mode's accounts: add, list, disable and delete them, and sign up by invite.

Each account's journal is a single-user journal of its own (docs/decisions/0010-*): its
password is the journal's passphrase, so the server keeps no key that opens it. An admin
manages accounts and never has a key to anyone's journal.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.content.passwords import is_common_password
from reconnect.domain.passwords import password_problem
from reconnect.errors import ForbiddenError, InputError, NotFoundError, StorageError
from reconnect.services import vault_setup
from reconnect.storage import accounts as rows
from reconnect.storage import couples as couple_rows
from reconnect.storage.server_db import new_journal_name

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from reconnect.services.server import ServerServices
    from reconnect.storage.accounts import Account

ROLES = ("member", "counsellor", "admin")
TOTP_REQUIRED_ROLES = frozenset({"counsellor", "admin"})
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]$")
INVITE_DAYS = 7
INVITE_CHARS = 32
DROP_JOURNAL_TASK = "reconnect.drop_journal"


@dataclass(frozen=True, slots=True)
class NewAccount:
    """A created account and its journal's recovery key (shown once, never stored)."""

    account: Account
    recovery_key: str


def normalise_username(name: str) -> str:
    """The canonical form of a username (NFKC, case-folded, trimmed), or InputError.

    3 to 32 characters: letters a-z, digits, dot, dash and underscore, starting and ending
    with a letter or digit.

    >>> normalise_username("  Alex.Smith ")
    'alex.smith'
    """
    folded = unicodedata.normalize("NFKC", name).strip().casefold()
    if not USERNAME.fullmatch(folded):
        raise InputError(
            "a username has 3 to 32 characters: letters a-z, digits, '.', '-' or '_', "
            "starting and ending with a letter or digit",
        )
    return folded


def normalise_password(password: str) -> str:
    """The form a password is used in (NFKC), so one typed differently still matches."""
    return unicodedata.normalize("NFKC", password)


def check_password(password: str, username: str) -> str:
    """The normalised password, or InputError saying what is wrong with it."""
    problem = password_problem(password, username=username, is_common=is_common_password)
    if problem is not None:
        raise InputError(problem.rstrip("."), hint="A few unrelated words make a strong password.")
    return normalise_password(password)


def check_role(role: str) -> str:
    """``role`` if it is one of member, counsellor or admin; InputError otherwise."""
    if role not in ROLES:
        raise InputError(f"unknown role {role[:40]!r}: choose member, counsellor or admin")
    return role


def add_account(
    server: ServerServices,
    username: str,
    password: str,
    role: str = "member",
    *,
    actor_id: str | None = None,
    event: str = "account.created",
) -> NewAccount:
    """Create an account and its encrypted journal; the recovery key comes back once.

    InputError when the name is taken or the password or role is not acceptable.
    """
    name = normalise_username(username)
    check_role(role)
    secret = check_password(password, name)
    with server.transaction() as connection:
        if rows.find_by_name(connection, name) is not None:
            raise InputError(f"the username {name!r} is taken")
    journal_name = new_journal_name()
    server.db.create_journal_storage(journal_name)
    try:
        journal = server.journal(journal_name)
        created = vault_setup.create_journal(
            journal, secret, params=vault_setup.default_params(server.settings)
        )
        journal.keys.lock()
        assert created.recovery_key is not None
        account = rows.Account(
            id=uuid.uuid4().hex,
            username=name,
            role=role,
            journal=journal_name,
            disabled=False,
            has_totp=False,
            created_at=server.clock(),
        )
        with server.transaction() as connection:
            if rows.find_by_name(connection, name) is not None:
                raise InputError(f"the username {name!r} is taken")
            rows.add_account(connection, account)
            rows.add_audit(
                connection, event, server.clock(), account_id=account.id, actor_id=actor_id
            )
    except BaseException:
        server.db.drop_journal_storage(journal_name)
        raise
    return NewAccount(account, created.recovery_key)


def list_accounts(server: ServerServices) -> list[Account]:
    """Every account, oldest first (names, roles and states: nothing from any journal)."""
    with server.transaction() as connection:
        return rows.list_accounts(connection)


def find_account(server: ServerServices, username: str) -> Account:
    """The account called ``username``; NotFoundError when there is none."""
    try:
        name = normalise_username(username)
    except InputError:
        name = ""
    with server.transaction() as connection:
        account = rows.find_by_name(connection, name) if name else None
    if account is None:
        raise NotFoundError(f"there is no account called {username[:64]!r}")
    return account


def set_disabled(
    server: ServerServices, username: str, disabled: bool, *, actor_id: str | None = None
) -> Account:
    """Disable (ending its sessions at once) or enable an account."""
    account = find_account(server, username)
    with server.transaction() as connection:
        _keep_an_admin(connection, account, disabled)
        rows.set_disabled(connection, account.id, disabled)
        if disabled:
            rows.delete_sessions_of(connection, account.id)
        event = "account.disabled" if disabled else "account.enabled"
        rows.add_audit(connection, event, server.clock(), account_id=account.id, actor_id=actor_id)
    return find_account(server, username)


def reset_totp(server: ServerServices, username: str, *, actor_id: str | None = None) -> Account:
    """Remove an account's one-time codes (a lost phone) and end its sessions.

    Its journal is untouched; a counsellor or admin must set codes up again at login.
    """
    account = find_account(server, username)
    with server.transaction() as connection:
        rows.set_totp(connection, account.id, None, None)
        rows.delete_sessions_of(connection, account.id)
        rows.add_audit(
            connection, "totp.reset", server.clock(), account_id=account.id, actor_id=actor_id
        )
    return find_account(server, username)


def delete_account(server: ServerServices, username: str, *, actor_id: str | None = None) -> bool:
    """Delete an account and its whole journal. Nothing of it can be recovered.

    The account ends at once (no login, no session). On PostgreSQL a worker job deletes the
    journal (False: queued); on SQLite it is deleted here (True).
    """
    account = find_account(server, username)
    with server.transaction() as connection:
        _keep_an_admin(connection, account, True)
        rows.delete_account(connection, account.id)
        rows.add_audit(
            connection, "account.deleted", server.clock(), account_id=account.id, actor_id=actor_id
        )
    if server.jobs is not None:
        # The account is gone now (no login, no session); a worker deletes the journal,
        # and retries until it is done.
        server.jobs.defer(DROP_JOURNAL_TASK, journal=account.journal)
        return False
    try:
        server.db.drop_journal_storage(account.journal)
    except StorageError as exc:
        raise StorageError(
            f"the account is deleted but its journal could not be removed: {exc.message}",
            hint="Run the command again; the journal is unreachable meanwhile.",
        ) from None
    return True


def _keep_an_admin(connection: Connection, account: Account, removing: bool) -> None:
    last = removing and account.role == "admin" and not account.disabled
    if last and rows.count_accounts(connection, "admin") <= 1:
        raise InputError(
            "this is the only admin left; add another admin first",
            hint="reconnect users add NAME --role admin",
        )


def _invite_hash(code: str) -> bytes:
    return hashlib.sha256(code.strip().encode("utf-8", "replace")).digest()


def create_invite(server: ServerServices, role: str = "member", *, actor: Account | None) -> str:
    """A single-use sign-up code for ``role``, valid for a week.

    Admins invite any role; counsellors invite members (their clients); members none.
    """
    check_role(role)
    if actor is not None and not (
        actor.role == "admin" or (actor.role == "counsellor" and role == "member")
    ):
        raise ForbiddenError("this account cannot invite people with that role")
    code = secrets.token_urlsafe(24)
    now = server.clock()
    with server.transaction() as connection:
        rows.add_invite(
            connection,
            _invite_hash(code),
            role,
            actor.id if actor is not None else None,
            now,
            now + timedelta(days=INVITE_DAYS),
        )
        rows.add_audit(
            connection, "invite.created", now, actor_id=actor.id if actor is not None else None
        )
    return code


def sign_up(server: ServerServices, username: str, password: str, invite: str | None) -> NewAccount:
    """Create a member account from an invite (or, with open sign-up, without one).

    The invite is spent only when the account is made; a bad invite says so, and says
    nothing about which usernames exist.
    """
    name = normalise_username(username)
    check_password(password, name)
    if invite is None or not invite.strip():
        if not server.settings.open_signup:
            raise InputError("sign-up here is by invitation only", hint="Ask for an invite link.")
        return add_account(server, name, password, "member", event="account.signed_up")
    code_hash = _invite_hash(invite)
    with server.transaction() as connection:
        role = rows.use_invite(connection, code_hash, server.clock())
    if role is None:
        raise InputError(
            "this invite is not valid: it may have been used already or expired",
            hint="Ask the person who invited you for a new link.",
        )
    try:
        return add_account(server, name, password, role, event="account.signed_up")
    except BaseException:
        with server.transaction() as connection:  # the invite still admits someone
            rows.restore_invite(connection, code_hash)
        raise


def reset_password(
    server: ServerServices, username: str, password: str, *, actor_id: str | None = None
) -> NewAccount:
    """An admin's reset without the recovery key: the account keeps its name and role but
    gets a new, empty journal under the new password. The old journal cannot be opened by
    anyone any more and is deleted. Say so and get agreement before calling this.
    """
    account = find_account(server, username)
    secret = check_password(password, account.username)
    journal_name = new_journal_name()
    server.db.create_journal_storage(journal_name)
    try:
        journal = server.journal(journal_name)
        created = vault_setup.create_journal(
            journal, secret, params=vault_setup.default_params(server.settings)
        )
        journal.keys.lock()
        assert created.recovery_key is not None
        with server.transaction() as connection:
            rows.replace_journal(connection, account.id, journal_name)
            rows.delete_sessions_of(connection, account.id)
            former = couple_rows.forget_sharing(connection, account.id)
            if former is not None:
                couple_rows.set_notice(connection, former, "ended", server.clock())
            rows.add_audit(
                connection,
                "password.reset_new_journal",
                server.clock(),
                account_id=account.id,
                actor_id=actor_id,
            )
    except BaseException:
        server.db.drop_journal_storage(journal_name)
        raise
    if server.jobs is not None:
        server.jobs.defer(DROP_JOURNAL_TASK, journal=account.journal)
    else:
        server.db.drop_journal_storage(account.journal)
    return NewAccount(find_account(server, username), created.recovery_key)
