"""Safety-check use cases: keep the answer to the calm "are you safe right now?" check.

Kept apart from ``services/safety.py``, which must load without the database so that
``reconnect help-now`` works whatever state the journal is in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reconnect.domain.safety import SafetyAnswer, SafetyCheck, parse_safety_answer
from reconnect.errors import InputError
from reconnect.storage import checkins as checkin_rows
from reconnect.storage import entries as entry_rows
from reconnect.storage import practices as practice_rows

if TYPE_CHECKING:
    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog
    from reconnect.services import Services


def _not_asked(what: str) -> InputError:
    return InputError(
        f"{what} did not ask whether you are safe, so there is nothing to answer",
        hint="Help is always there: reconnect help-now, or Get help now on every page.",
    )


def answer_entry_check(services: Services, entry_id: int, answer: str | SafetyAnswer) -> Entry:
    """Keep the answer to an entry's safety check ("safe" or "help"), with the time now.

    Only an entry whose analysis has ``concern`` asks the check (InputError otherwise;
    NotFoundError for a missing entry). A later answer replaces an earlier one: a second
    click on "Show me help" must still lead to help. The answer never hides anything: an
    entry with crisis language shows crisis resources first whatever was answered before.
    """
    chosen = parse_safety_answer(answer)
    with services.transaction() as connection:
        entry = entry_rows.get_entry(connection, entry_id)
        if not entry.concern:
            raise _not_asked(f"entry {entry_id}")
        check = SafetyCheck(chosen, services.clock())
        return entry_rows.replace_entry(connection, replace(entry, safety_check=check))


def answer_checkin_check(
    services: Services, checkin_id: int, answer: str | SafetyAnswer
) -> CheckIn:
    """Keep the answer to a check-in note's safety check; the rules of ``answer_entry_check``."""
    chosen = parse_safety_answer(answer)
    with services.transaction() as connection:
        checkin = checkin_rows.get_checkin(connection, checkin_id)
        if not checkin.concern or checkin.crisis:
            raise _not_asked(f"check-in {checkin_id}")
        check = SafetyCheck(chosen, services.clock())
        return checkin_rows.replace_checkin(connection, replace(checkin, safety_check=check))


def answer_practice_check(
    services: Services, log_id: int, answer: str | SafetyAnswer
) -> PracticeLog:
    """Keep the answer to a practice reflection's safety check; the rules of
    ``answer_entry_check``."""
    chosen = parse_safety_answer(answer)
    with services.transaction() as connection:
        log = practice_rows.get_log(connection, log_id)
        if not log.concern or log.crisis:
            raise _not_asked(f"practice log {log_id}")
        check = SafetyCheck(chosen, services.clock())
        return practice_rows.replace_log(connection, replace(log, safety_check=check))
