"""Couples in server mode, what one partner chooses to share with the other: journal
entries one by one, and self-check scores for the side-by-side view. Each is sealed under
the couple key (``couples``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.crypto import sealed_box
from reconnect.domain.couple_selfchecks import (
    NOTE,
    SharedScores,
    ViewRow,
    shared_scores,
    side_by_side,
)
from reconnect.errors import ForbiddenError, InputError, NotFoundError
from reconnect.services.couples import PAUSED, couple_key, current_couple
from reconnect.storage import couples as rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession


@dataclass(frozen=True, slots=True)
class SharedEntry:
    """An entry a partner chose to share."""

    entry_id: int
    text: str
    written_at: str
    shared_at: str


def is_shared(server: ServerServices, session: ActiveSession, entry_id: int) -> bool:
    """Whether this entry of mine is shared with my partner now."""
    with server.transaction() as connection:
        couple = rows.couple_of(connection, session.account.id)
        if couple is None:
            return False
        found = rows.shared_entries(connection, couple.id, session.account.id)
    return any(shared_id == entry_id for shared_id, _, _ in found)


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
