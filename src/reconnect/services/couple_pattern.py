"""The pursue–withdraw pattern for one partner: read from the weeks both partners answered,
told from the asking partner's side, with a private line from their own entries alone.

Only revealed weeks are opened (a week one partner skipped stays sealed), and nothing is
opened while check-ins are paused. The partner's journal is never read: the private line
comes from the asking partner's own journal, open for this request only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.crypto import sealed_box
from reconnect.domain.couple_checkin import iso_week
from reconnect.domain.pursue_withdraw import (
    HOW_COMPUTED,
    WeekPair,
    WeekReading,
    entries_line,
    entry_signals,
    read_pattern,
)
from reconnect.services.couples import PAUSED, couple_key, current_couple
from reconnect.services.journal import list_entries
from reconnect.storage import couples as rows

if TYPE_CHECKING:
    from reconnect.domain.couple_checkin import Answers
    from reconnect.domain.entries import DamagedEntry
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession
    from reconnect.storage.couples import Couple

PAUSED_STATUS = "paused"


@dataclass(frozen=True, slots=True)
class PatternView:
    """What the asking partner sees; ``status`` is ``paused`` or a pattern status."""

    status: str
    weeks: tuple[WeekReading, ...]
    sentence: str
    loop_note: str | None
    suggestions: tuple[str, ...]
    how_computed: tuple[str, ...]
    mine_from_entries: str | None  # from the asking partner's own entries only


def revealed_pairs(
    server: ServerServices, session: ActiveSession, couple: Couple
) -> list[WeekPair]:
    """The weeks both partners answered, opened, oldest first (my answers as ``mine``).

    A week only one partner answered is never opened.
    """
    me, partner = session.account.id, couple.partner_of(session.account.id)
    with server.transaction() as connection:
        found = rows.all_answers(connection, couple.id)
    by_week: dict[str, dict[str, bytes]] = {}
    for week, account_id, sealed in found:
        by_week.setdefault(week, {})[account_id] = sealed
    revealed = sorted(w for w, sealed in by_week.items() if me in sealed and partner in sealed)
    if not revealed:
        return []
    key = couple_key(server, session, couple)

    def opened(week: str, account_id: str) -> Answers:
        aad = f"answers:{couple.id}:{week}:{account_id}".encode()
        loaded: Answers = json.loads(sealed_box.open_with(key, by_week[week][account_id], aad))
        return loaded

    return [WeekPair(w, opened(w, me), opened(w, partner)) for w in revealed]


def pattern(server: ServerServices, session: ActiveSession) -> PatternView:
    """The pattern for the asking partner (NotFoundError when not paired; a ``paused``
    view with nothing read while check-ins are paused)."""
    couple = current_couple(server, session)
    if couple.paused_at is not None:
        return PatternView(PAUSED_STATUS, (), PAUSED, None, (), HOW_COMPUTED, None)
    reading = read_pattern(revealed_pairs(server, session, couple))
    weeks = {w.week for w in reading.weeks}
    damaged: list[DamagedEntry] = []  # a damaged entry is left out of the counts
    zone = server.settings.zone
    own = [
        entry.marker_names
        for entry in list_entries(session.journal, damaged=damaged)
        if iso_week(entry.written_at, zone) in weeks
    ]
    return PatternView(
        reading.status,
        reading.weeks,
        reading.sentence,
        reading.loop_note,
        reading.suggestions,
        reading.how_computed,
        entries_line(entry_signals(own), len(weeks)),
    )
