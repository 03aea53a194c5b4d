"""Self-check use cases: list instruments, take a self-check, resume a draft, see history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.content import DEFAULT_INSTRUMENT, load_instrument, load_instruments
from reconnect.domain.selfcheck import (
    Instrument,
    Perspective,
    SelfCheckDraft,
    SelfCheckResult,
    score_answers,
    validate_answers,
)
from reconnect.domain.selfcheck_history import (
    HistoryEntry,
    PerspectiveHistory,
    history_entries,
    split_history,
)
from reconnect.errors import InputError
from reconnect.storage import selfchecks

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reconnect.services import Services


def list_instruments() -> tuple[Instrument, ...]:
    """Every instrument reconnect ships, sorted by id."""
    return load_instruments()


def get_instrument(instrument_id: str = DEFAULT_INSTRUMENT) -> Instrument:
    """One instrument; raises NotFoundError for an unknown id."""
    return load_instrument(instrument_id)


def answers_hold_crisis_language(answers: Mapping[str, object]) -> bool:
    """Whether any text typed where an answer belongs reads as crisis language (SAFE-3).

    Answers are numbers, so text is refused anyway; but a person who writes "I want to
    die" there must see crisis resources first, before the refusal.
    """
    from reconnect.services.journal import analyse_text

    texts = [v for v in answers.values() if isinstance(v, str) and v.strip()]
    texts += [k for k in answers if " " in k.strip()]
    return any(analyse_text(text).crisis for text in texts)


def take_selfcheck(
    services: Services,
    *,
    perspective: Perspective,
    answers: Mapping[str, object],
    instrument_id: str = DEFAULT_INSTRUMENT,
) -> SelfCheckResult:
    """Score and save a self-check, discarding any draft of it; returns the saved result.

    Invalid answers raise InputError before anything is written, and so does a self-check
    with no answer at all: it has no result to show, and it must not become the latest one.
    """
    instrument = load_instrument(instrument_id)
    checked = validate_answers(instrument, answers)
    if not checked:
        raise InputError(
            "no question was answered, so there is no result to save",
            hint="Answer at least one question; skipped ones are left out of the score.",
        )
    score = score_answers(instrument, checked, perspective)
    with services.transaction() as connection:
        result = selfchecks.add_result(connection, services.clock(), checked, score)
        selfchecks.delete_draft(connection, instrument.id)
    return result


def selfcheck_history(
    services: Services,
    *,
    instrument_id: str | None = None,
    perspective: Perspective | None = None,
) -> list[SelfCheckResult]:
    """Saved self-checks, oldest first; only those about ``perspective`` when it is given."""
    with services.transaction() as connection:
        results = selfchecks.list_results(connection, instrument_id)
    if perspective is None:
        return results
    return [r for r in results if r.score.perspective is perspective]


def history_with_changes(
    services: Services,
    *,
    instrument_id: str = DEFAULT_INSTRUMENT,
    perspective: Perspective | None = None,
) -> list[HistoryEntry]:
    """Saved self-checks, oldest first, each with the change since the previous one about the
    same person (a result about a partner is never compared with one about oneself)."""
    entries = history_entries(selfcheck_history(services, instrument_id=instrument_id))
    if perspective is None:
        return entries
    return [e for e in entries if e.result.score.perspective is perspective]


def histories_by_perspective(
    services: Services, *, instrument_id: str = DEFAULT_INSTRUMENT
) -> dict[Perspective, PerspectiveHistory]:
    """One history per perspective (oneself first), each with its own trend per dimension.

    Both perspectives are present; one with nothing answered about it has no entries.
    """
    instrument = load_instrument(instrument_id)
    results = selfcheck_history(services, instrument_id=instrument.id)
    return split_history(results, [d.id for d in instrument.dimensions])


def latest_selfcheck(
    services: Services, perspective: Perspective, *, instrument_id: str | None = None
) -> SelfCheckResult | None:
    """The most recent self-check about ``perspective``, or None when there is none."""
    history = selfcheck_history(services, instrument_id=instrument_id, perspective=perspective)
    return history[-1] if history else None


def get_selfcheck(services: Services, result_id: int) -> SelfCheckResult:
    """One saved self-check; raises NotFoundError when there is none with that id."""
    with services.transaction() as connection:
        return selfchecks.get_result(connection, result_id)


def save_draft(
    services: Services,
    *,
    perspective: Perspective,
    answers: Mapping[str, object],
    instrument_id: str = DEFAULT_INSTRUMENT,
) -> SelfCheckDraft:
    """Keep the answers given so far so the self-check can be resumed later."""
    instrument = load_instrument(instrument_id)
    draft = SelfCheckDraft(
        instrument_id=instrument.id,
        perspective=perspective,
        answers=validate_answers(instrument, answers),
        updated_at=services.clock(),
    )
    with services.transaction() as connection:
        selfchecks.save_draft(connection, draft)
    return draft


def add_to_draft(
    services: Services,
    *,
    perspective: Perspective,
    answers: Mapping[str, object],
    instrument_id: str = DEFAULT_INSTRUMENT,
) -> SelfCheckDraft:
    """Add answers to the unfinished self-check, keeping every answer saved before.

    For a form that sends what it holds: an answer left out (a blank, or a page opened
    before the draft was saved) never erases a saved one. A draft about the other
    perspective is replaced, since answers about someone else do not carry over.
    """
    instrument = load_instrument(instrument_id)
    given = validate_answers(instrument, answers)
    with services.transaction() as connection:
        saved = selfchecks.get_draft(connection, instrument.id)
        kept = dict(saved.answers) if saved and saved.perspective is perspective else {}
        draft = SelfCheckDraft(
            instrument_id=instrument.id,
            perspective=perspective,
            answers=kept | given,
            updated_at=services.clock(),
        )
        selfchecks.save_draft(connection, draft)
    return draft


def load_draft(
    services: Services, *, instrument_id: str = DEFAULT_INSTRUMENT
) -> SelfCheckDraft | None:
    """The unfinished self-check for an instrument, if one was saved."""
    with services.transaction() as connection:
        return selfchecks.get_draft(connection, instrument_id)


def discard_draft(services: Services, *, instrument_id: str = DEFAULT_INSTRUMENT) -> None:
    """Forget the unfinished self-check for an instrument."""
    with services.transaction() as connection:
        selfchecks.delete_draft(connection, instrument_id)
