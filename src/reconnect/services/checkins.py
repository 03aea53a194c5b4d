"""Check-in use cases: record a mood check-in, list and delete them, the feelings vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.content import load_feelings
from reconnect.domain.checkins import CheckIn, check_feelings, check_note, check_scale
from reconnect.services.journal import analyse_text
from reconnect.storage import checkins as checkin_rows

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from reconnect.domain.checkins import Quadrant
    from reconnect.services import Services


def feelings_vocabulary() -> tuple[Quadrant, ...]:
    """The four quadrants of the mood meter with their named feelings."""
    return load_feelings()


def record_checkin(
    services: Services,
    *,
    pleasantness: int,
    energy: int,
    feelings: Iterable[str] = (),
    note: str = "",
    checked_at: datetime | None = None,
) -> CheckIn:
    """Validate and save a check-in. Feelings are optional; "cannot-name-it" is a valid choice.

    The note is read for crisis language; ``checkin.crisis`` then asks the caller to
    show crisis resources first, and ``checkin.concern`` to ask the calm safety check.
    """
    chosen = check_feelings(feelings, load_feelings())
    note = check_note(note)
    analysis = analyse_text(note) if note.strip() else None
    crisis = analysis is not None and analysis.crisis
    concern = analysis is not None and analysis.concern and not crisis
    with services.transaction() as connection:
        return checkin_rows.add_checkin(
            connection,
            checked_at=checked_at or services.clock(),
            pleasantness=check_scale("pleasantness", pleasantness),
            energy=check_scale("energy", energy),
            feelings=chosen,
            note=note,
            crisis=crisis,
            concern=concern,
        )


def list_checkins(
    services: Services, *, since: datetime | None = None, until: datetime | None = None
) -> list[CheckIn]:
    """Check-ins in ``[since, until)``, oldest first."""
    with services.transaction() as connection:
        return checkin_rows.list_checkins(connection, since, until)


def delete_checkin(services: Services, checkin_id: int) -> None:
    """Delete one check-in; NotFoundError when there is none with that id."""
    with services.transaction() as connection:
        checkin_rows.delete_checkin(connection, checkin_id)
