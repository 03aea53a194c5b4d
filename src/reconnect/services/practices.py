"""Practice use cases: browse the library, log a practice, and get suggestions with reasons."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.content import load_practices
from reconnect.domain.practices import (
    Practice,
    PracticeLog,
    Suggestion,
    practice_streak,
    rank_practices,
)
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import InputError, NotFoundError
from reconnect.services.journal import EntryQuery, analyse_text, list_entries
from reconnect.services.selfcheck import latest_selfcheck
from reconnect.storage import practices as practice_rows

if TYPE_CHECKING:
    from reconnect.services import Services

MAX_REFLECTION_CHARS = 5_000
RECENT_DAYS = 21


def list_practices(audience: str | None = None) -> tuple[Practice, ...]:
    """The library, optionally only those for ``self``, ``partner`` or ``couple``."""
    practices = load_practices()
    if audience is None:
        return practices
    return tuple(p for p in practices if p.audience == audience)


def get_practice(practice_id: str) -> Practice:
    """One practice; NotFoundError naming how to list them."""
    for practice in load_practices():
        if practice.id == practice_id:
            return practice
    raise NotFoundError(
        f"no practice {practice_id!r}", hint="List them with: reconnect practice list"
    )


def log_practice(services: Services, practice_id: str, reflection: str = "") -> PracticeLog:
    """Record that a practice was done, with an optional reflection read for crisis language.

    ``log.crisis`` asks the caller to show crisis resources first; ``log.concern`` to ask
    the calm safety check.
    """
    get_practice(practice_id)
    if len(reflection) > MAX_REFLECTION_CHARS:
        raise InputError(f"the reflection is longer than {MAX_REFLECTION_CHARS:,} characters")
    if "\x00" in reflection:
        raise InputError("the reflection contains a NUL character")
    analysis = analyse_text(reflection) if reflection.strip() else None
    crisis = analysis is not None and analysis.crisis
    concern = analysis is not None and analysis.concern and not crisis
    with services.transaction() as connection:
        return practice_rows.add_log(
            connection, practice_id, services.clock(), reflection, crisis, concern
        )


def practice_history(services: Services) -> list[PracticeLog]:
    """Every practice done, oldest first."""
    with services.transaction() as connection:
        return practice_rows.list_logs(connection)


def current_streak(services: Services) -> int:
    """Consecutive days, up to the latest, with a practice done."""
    return practice_streak(practice_history(services), services.settings.zone)


def suggest_practices(services: Services, limit: int = 5) -> list[Suggestion]:
    """Practices ranked from one's own latest self-check and the last three weeks of entries.

    Only a self-check about oneself counts: answers about a partner describe someone else,
    and the reasons say "in your last self-check" (issue 11, item 2).
    """
    now = services.clock()
    latest = latest_selfcheck(services, Perspective.SELF)
    profile: dict[str, float | None] = {}
    if latest is not None:
        profile = {d.dimension: d.score for d in latest.score.dimensions}
    entries = list_entries(services, EntryQuery(since=now - timedelta(days=RECENT_DAYS)))
    counts = Counter(m for e in entries for m in e.marker_names)
    with services.transaction() as connection:
        recent = practice_rows.list_logs(connection, since=now - timedelta(days=2))
    ranked = rank_practices(load_practices(), profile, counts, len(entries), recent, now)
    return ranked[:limit]
