"""Couples in server mode: pair with a code, answer the weekly check-in apart, read it
together, share entries one by one, unpair alone. Everything shared is sealed under a
couple key that only the two partners' live sessions can open.

It stands down when harm appears: abuse or coercion language in a partner's check-in or
private writing pauses the shared check-ins for both. The writer alone is shown
domestic-abuse help; the other partner is told only that check-ins are paused.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.crypto import sealed_box
from reconnect.domain.couple_checkin import (
    QUESTIONS,
    AnswerError,
    Answers,
    Question,
    check_answers,
    check_week,
    iso_week,
    starters,
)
from reconnect.domain.couple_selfchecks import (
    NOTE,
    SharedScores,
    ViewRow,
    shared_scores,
    side_by_side,
)
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


@dataclass(frozen=True, slots=True)
class WeekView:
    """One week's check-in as one partner may see it."""

    week: str
    status: str  # "waiting", "revealed" or "paused"
    mine: Answers | None
    partner: Answers | None
    starters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SharedEntry:
    """An entry a partner chose to share."""

    entry_id: int
    text: str
    written_at: str
    shared_at: str


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


def is_shared(server: ServerServices, session: ActiveSession, entry_id: int) -> bool:
    """Whether this entry of mine is shared with my partner now."""
    with server.transaction() as connection:
        couple = rows.couple_of(connection, session.account.id)
        if couple is None:
            return False
        found = rows.shared_entries(connection, couple.id, session.account.id)
    return any(shared_id == entry_id for shared_id, _, _ in found)


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


def questions() -> tuple[Question, ...]:
    """The weekly check-in's questions."""
    return QUESTIONS


def answer(
    server: ServerServices, session: ActiveSession, raw: dict[str, object]
) -> tuple[str, bool]:
    """Store this week's answers (sealed); (ISO week, whether harm was found in them).

    Harm in a text answer pauses the check-ins for both and stores nothing of it.
    """
    try:
        answers = check_answers(raw)
    except AnswerError as exc:
        raise InputError(str(exc)) from None
    couple = current_couple(server, session)
    week = iso_week(server.clock(), server.settings.zone)
    texts = " ".join(str(v) for v in answers.values() if isinstance(v, str))
    if texts and note_private_writing(server, session.account.id, texts):
        return week, True
    if couple.paused_at is not None:
        raise ForbiddenError(PAUSED)
    key = couple_key(server, session, couple)
    aad = f"answers:{couple.id}:{week}:{session.account.id}".encode()
    sealed = sealed_box.seal_with(key, json.dumps(answers).encode(), aad)
    with server.transaction() as connection:
        rows.put_answer(connection, couple.id, week, session.account.id, sealed, server.clock())
    return week, False


def week_view(server: ServerServices, session: ActiveSession, week: str) -> WeekView:
    """One week's check-in: ``waiting`` (only my own answers, nothing of my partner's),
    ``revealed`` (both, side by side, with starters) or ``paused``."""
    try:
        check_week(week)
    except AnswerError as exc:
        raise InputError(str(exc)) from None
    couple = current_couple(server, session)
    if couple.paused_at is not None:
        return WeekView(week, "paused", None, None, ())
    me = session.account.id
    with server.transaction() as connection:
        sealed = rows.answers_for(connection, couple.id, week)
    key = couple_key(server, session, couple)

    def opened(account_id: str) -> Answers | None:
        blob = sealed.get(account_id)
        if blob is None:
            return None
        aad = f"answers:{couple.id}:{week}:{account_id}".encode()
        loaded: Answers = json.loads(sealed_box.open_with(key, blob, aad))
        return loaded

    mine = opened(me)
    partner_id = couple.partner_of(me)
    if mine is None or partner_id not in sealed:
        return WeekView(week, "waiting", mine, None, ())
    partner = opened(partner_id)
    assert partner is not None
    return WeekView(week, "revealed", mine, partner, tuple(starters(mine, partner)))


def note_private_writing(server: ServerServices, account_id: str, text: str) -> bool:
    """Pause the account's couple check-ins when ``text`` describes abuse or coercion;
    True when it does. Nothing of the text is stored, and the partner is told nothing
    but that check-ins are paused."""
    from reconnect.analysis.harm import find_harm

    if not find_harm(text):
        return False
    with server.transaction() as connection:
        couple = rows.couple_of(connection, account_id)
        if couple is not None and couple.paused_at is None:
            rows.set_pause(connection, couple.id, server.clock(), account_id)
    return True


def resume(server: ServerServices, session: ActiveSession) -> None:
    """Resume paused check-ins; only the partner whose writing paused them can, and the
    other partner cannot tell this exists (404 for them)."""
    couple = current_couple(server, session)
    if couple.paused_by != session.account.id:
        raise NotFoundError("Not found.")
    with server.transaction() as connection:
        rows.set_pause(connection, couple.id, None, None)


def share_entry(server: ServerServices, session: ActiveSession, entry_id: int) -> None:
    """Share one journal entry with the partner (its text and date, nothing else)."""
    from reconnect.services.journal import get_entry

    couple = current_couple(server, session)
    entry = get_entry(session.journal, entry_id)
    key = couple_key(server, session, couple)
    payload = {"text": entry.text, "written_at": entry.written_at.isoformat()}
    aad = f"entry:{couple.id}:{session.account.id}:{entry_id}".encode()
    sealed = sealed_box.seal_with(key, json.dumps(payload).encode(), aad)
    with server.transaction() as connection:
        rows.put_shared_entry(
            connection, couple.id, session.account.id, entry_id, sealed, server.clock()
        )


def unshare_entry(server: ServerServices, session: ActiveSession, entry_id: int) -> None:
    """Stop sharing one entry; NotFoundError when it was not shared."""
    couple = current_couple(server, session)
    with server.transaction() as connection:
        if not rows.remove_shared_entry(connection, couple.id, session.account.id, entry_id):
            raise NotFoundError("That entry is not shared.")


def partner_entries(server: ServerServices, session: ActiveSession) -> list[SharedEntry]:
    """The entries the partner shared, newest first."""
    couple = current_couple(server, session)
    partner = couple.partner_of(session.account.id)
    key = couple_key(server, session, couple)
    with server.transaction() as connection:
        found = rows.shared_entries(connection, couple.id, partner)
    out = []
    for entry_id, sealed, shared_at in found:
        aad = f"entry:{couple.id}:{partner}:{entry_id}".encode()
        data = json.loads(sealed_box.open_with(key, sealed, aad))
        out.append(SharedEntry(entry_id, data["text"], data["written_at"], shared_at.isoformat()))
    return out


def _refuse_admin(session: ActiveSession) -> None:
    if session.account.role == "admin":
        raise ForbiddenError("Admin accounts have no journal to share.")


@dataclass(frozen=True, slots=True)
class SideBySide:
    """The side-by-side view: ``waiting`` until both partners shared, then both sets."""

    status: str  # "waiting", "shown" or "paused"
    mine_shared: bool
    about_me: tuple[ViewRow, ...]
    about_partner: tuple[ViewRow, ...]
    note: str


def _selfcheck_aad(couple_id: str, account_id: str) -> bytes:
    return f"selfchecks:{couple_id}:{account_id}".encode()


def share_selfchecks(server: ServerServices, session: ActiveSession) -> None:
    """Share my latest self-check scores (about me and about my partner) for the side-by-
    side view; InputError when I have taken neither yet, ForbiddenError while check-ins are
    paused."""
    from reconnect.domain.selfcheck_choices import Perspective
    from reconnect.services.selfcheck import latest_selfcheck

    couple = current_couple(server, session)
    if couple.paused_at is not None:
        raise ForbiddenError(PAUSED)
    about_self = latest_selfcheck(session.journal, Perspective.SELF)
    about_partner = latest_selfcheck(session.journal, Perspective.PARTNER)
    if about_self is None and about_partner is None:
        raise InputError(
            "there is no self-check to share yet",
            hint="Take the self-check about yourself, and one about your partner, first.",
        )
    scores = shared_scores(about_self, about_partner)
    key = couple_key(server, session, couple)
    aad = _selfcheck_aad(couple.id, session.account.id)
    sealed = sealed_box.seal_with(key, json.dumps(scores.to_json()).encode(), aad)
    with server.transaction() as connection:
        rows.put_selfchecks(connection, couple.id, session.account.id, sealed, server.clock())


def unshare_selfchecks(server: ServerServices, session: ActiveSession) -> None:
    """Stop sharing my self-check scores; NotFoundError when they were not shared."""
    couple = current_couple(server, session)
    with server.transaction() as connection:
        if not rows.remove_selfchecks(connection, couple.id, session.account.id):
            raise NotFoundError("Your self-check scores are not shared.")


def selfchecks_side_by_side(server: ServerServices, session: ActiveSession) -> SideBySide:
    """Both partners' views side by side, only once both have shared; until then nothing
    of the partner's scores, not even whether they shared. While check-ins are paused the
    status is ``paused`` and nothing is shown (stopping one's own sharing still works)."""
    from reconnect.services.selfcheck import get_instrument

    couple = current_couple(server, session)
    me, partner = session.account.id, couple.partner_of(session.account.id)
    with server.transaction() as connection:
        sealed = rows.selfchecks(connection, couple.id)
    if couple.paused_at is not None:
        # Like the check-ins: while harm has paused sharing, nothing of either is shown.
        return SideBySide("paused", me in sealed, (), (), PAUSED)
    if me not in sealed or partner not in sealed:
        return SideBySide("waiting", me in sealed, (), (), NOTE)
    key = couple_key(server, session, couple)

    def opened(account_id: str) -> SharedScores:
        blob = sealed_box.open_with(key, sealed[account_id], _selfcheck_aad(couple.id, account_id))
        return SharedScores.from_json(json.loads(blob))

    names = {d.id: d.name for d in get_instrument().dimensions}
    about_me, about_partner = side_by_side(opened(me), opened(partner), names)
    return SideBySide("shown", True, about_me, about_partner, NOTE)
