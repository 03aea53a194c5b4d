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
    services: Services, *, instrument_id: str | None = None
) -> list[SelfCheckResult]:
    """Saved self-checks, oldest first."""
    with services.transaction() as connection:
        return selfchecks.list_results(connection, instrument_id)


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
