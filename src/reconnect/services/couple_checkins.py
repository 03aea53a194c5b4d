"""Couples in server mode, the weekly check-in: answer it apart, read it together.
Answers are sealed under the couple key (``couples``).

It stands down when harm appears: abuse or coercion language in a partner's check-in or
private writing pauses the shared check-ins for both. The writer alone is shown
domestic-abuse help; the other partner is told only that check-ins are paused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
from reconnect.errors import ForbiddenError, InputError, NotFoundError
from reconnect.services.couples import PAUSED, couple_key, current_couple
from reconnect.storage import couples as rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession


@dataclass(frozen=True, slots=True)
class WeekView:
    """One week's check-in as one partner may see it."""

    week: str
    status: str  # "waiting", "revealed" or "paused"
    mine: Answers | None
    partner: Answers | None
    starters: tuple[str, ...]


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
