"""Couples in server mode: pair with a code, see who one is paired with, unpair alone.
Everything a couple shares is sealed under a couple key that only the two partners' live
sessions can open; this module makes that key at pairing and opens it for the modules that
use it (``couple_checkins``: the weekly check-in and its pause; ``couple_sharing``: entries
and self-check scores a partner chooses to share).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.crypto import sealed_box
from reconnect.errors import ForbiddenError, InputError, NotFoundError, ReconnectError
from reconnect.services.keypairs import own_key_pair
from reconnect.storage import accounts as account_rows
from reconnect.storage import couples as rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession
    from reconnect.storage.couples import Couple

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_CHARS = 8  # 40 bits (PAIR-1)
CODE_HOURS = 48
JOIN_TRIES = 5
JOIN_WINDOW = timedelta(minutes=15)
PAUSED = "Shared check-ins are paused."
ENDED = "The pairing has ended."


class InviteGoneError(ReconnectError):
    """A pairing code that has expired (410)."""

    http_status = 410


class TooManyTriesError(ReconnectError):
    """Too many wrong pairing codes (429)."""

    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, hint="Check the code with your partner, then try again later.")
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class CoupleStatus:
    """What one partner sees of the pairing."""

    paired: bool
    partner: str | None
    paused: bool
    notice: str | None


def _normal_code(code: str) -> str:
    typed = code.strip().upper().replace("-", "").replace(" ", "")
    return typed.translate(str.maketrans("ILO", "110"))


def _code_hash(code: str) -> bytes:
    return hashlib.sha256(_normal_code(code).encode()).digest()


def current_couple(server: ServerServices, session: ActiveSession) -> Couple:
    """The session's couple; NotFoundError when the account is not paired."""
    with server.transaction() as connection:
        couple = rows.couple_of(connection, session.account.id)
    if couple is None:
        raise NotFoundError("You are not paired.", hint="Pair with an invite code first.")
    return couple


def couple_key(server: ServerServices, session: ActiveSession, couple: Couple) -> bytes:
    """The couple key, opened with this session's private key."""
    private, _ = own_key_pair(server, session)
    aad = _key_aad(couple.id, session.account.id)
    return sealed_box.open_sealed(private, couple.key_for(session.account.id), aad)


def _key_aad(couple_id: str, account_id: str) -> bytes:
    return f"couple:{couple_id}:{account_id}".encode()


def invite(server: ServerServices, session: ActiveSession) -> str:
    """A single-use pairing code, valid 48 hours (a new one replaces the last)."""
    _refuse_admin(session)
    with server.transaction() as connection:
        if rows.couple_of(connection, session.account.id) is not None:
            raise InputError("you are already paired", hint="Unpair first to pair again.")
    own_key_pair(server, session)  # the partner's join seals the couple key to it
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARS))
    now = server.clock()
    with server.transaction() as connection:
        rows.add_invite(
            connection, _code_hash(code), session.account.id, now, now + timedelta(hours=CODE_HOURS)
        )
    return code


def join(server: ServerServices, session: ActiveSession, code: str) -> CoupleStatus:
    """Pair with the account whose code this is (PAIR-1: wrong → 404, expired → 410,
    a sixth wrong code in 15 minutes → 429)."""
    _refuse_admin(session)
    me = session.account.id
    now = server.clock()
    with server.transaction() as connection:
        tries = rows.join_failures_since(connection, me, now - JOIN_WINDOW)
        if tries >= JOIN_TRIES:
            raise TooManyTriesError(
                "Too many wrong codes.", retry_after=int(JOIN_WINDOW.total_seconds())
            )
        if rows.couple_of(connection, me) is not None:
            raise InputError("you are already paired", hint="Unpair first to pair again.")
        found = rows.find_invite(connection, _code_hash(code))
        if found is None or found[2] is not None or found[0] == me:
            rows.add_join_failure(connection, me, now)
    if found is None or found[2] is not None or found[0] == me:
        raise NotFoundError("That code is not valid.", hint="Check it with your partner.")
    inviter, expires, _ = found
    if expires <= now:
        raise InviteGoneError("That code has expired.", hint="Ask your partner for a new one.")
    _, my_public = own_key_pair(server, session)
    with server.transaction() as connection:
        their = rows.account_key(connection, inviter)
        if their is None or rows.couple_of(connection, inviter) is not None:
            raise NotFoundError("That code is not valid.", hint="Check it with your partner.")
        if not rows.use_invite(connection, _code_hash(code), now):
            raise NotFoundError("That code is not valid.", hint="Check it with your partner.")
        couple_key = secrets.token_bytes(32)
        couple_id = uuid.uuid4().hex
        couple = rows.Couple(
            id=couple_id,
            a_account=inviter,
            b_account=me,
            key_for_a=sealed_box.seal_to(
                their[0], couple_key, f"couple:{couple_id}:{inviter}".encode()
            ),
            key_for_b=sealed_box.seal_to(
                my_public, couple_key, f"couple:{couple_id}:{me}".encode()
            ),
            created_at=now,
            paused_at=None,
            paused_by=None,
        )
        rows.add_couple(connection, couple)
        partner = account_rows.find_by_id(connection, inviter)
    return CoupleStatus(True, partner.username if partner else None, False, None)


def status(server: ServerServices, session: ActiveSession) -> CoupleStatus:
    """Whether this account is paired, with whom, whether check-ins are paused, and a
    one-time notice (the pairing ended) for the partner who did not end it."""
    with server.transaction() as connection:
        couple = rows.couple_of(connection, session.account.id)
        if couple is None:
            notice = rows.take_notice(connection, session.account.id)
            return CoupleStatus(False, None, False, ENDED if notice == "ended" else None)
        partner = account_rows.find_by_id(connection, couple.partner_of(session.account.id))
    return CoupleStatus(
        True, partner.username if partner else None, couple.paused_at is not None, None
    )


def partner_name(server: ServerServices, session: ActiveSession) -> str | None:
    """The partner's username when paired, else None (no notice is read or cleared)."""
    with server.transaction() as connection:
        couple = rows.couple_of(connection, session.account.id)
        if couple is None:
            return None
        partner = account_rows.find_by_id(connection, couple.partner_of(session.account.id))
    return partner.username if partner is not None else None


def unpair(server: ServerServices, session: ActiveSession) -> None:
    """End the pairing alone, at once: answers and shared entries are deleted for both
    (PAIR-3); the other partner is told only that it ended."""
    couple = current_couple(server, session)
    with server.transaction() as connection:
        rows.delete_couple(connection, couple.id)
        rows.set_notice(connection, couple.partner_of(session.account.id), "ended", server.clock())
        account_rows.add_audit(
            connection, "couple.ended", server.clock(), account_id=session.account.id
        )


def _refuse_admin(session: ActiveSession) -> None:
    if session.account.role == "admin":
        raise ForbiddenError("Admin accounts have no journal to share.")
