"""Self-check use cases on real databases: saving, history, drafts, and refusing bad answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import InputError, NotFoundError
from reconnect.services import Services, selfcheck

if TYPE_CHECKING:
    from collections.abc import Iterator


class StepClock:
    """A clock that moves one day forward each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(days=1)
        return self.now


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url), clock=StepClock())
    yield built
    built.close()


def all_answers(value: int) -> dict[str, object]:
    return {item.id: value for item in selfcheck.get_instrument().items}


def test_a_taken_selfcheck_is_saved_and_read_back(services: Services) -> None:
    saved = selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=all_answers(3))
    again = selfcheck.get_selfcheck(services, saved.id)
    assert again.answers == saved.answers
    assert again.score == saved.score
    assert again.taken_at == saved.taken_at
    assert again.score.perspective is Perspective.SELF


def test_history_is_oldest_first(services: Services) -> None:
    first = selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=all_answers(4))
    second = selfcheck.take_selfcheck(
        services, perspective=Perspective.PARTNER, answers=all_answers(0)
    )
    history = selfcheck.selfcheck_history(services)
    assert [r.id for r in history] == [first.id, second.id]
    assert history[1].score.perspective is Perspective.PARTNER


def test_invalid_answers_save_nothing(services: Services) -> None:
    selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=all_answers(2))
    bad = all_answers(2) | {"no_such_item": 1}
    with pytest.raises(InputError, match="no_such_item"):
        selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=bad)
    out_of_range = all_answers(2)
    out_of_range[next(iter(out_of_range))] = 99
    with pytest.raises(InputError, match="outside the scale"):
        selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=out_of_range)
    assert len(selfcheck.selfcheck_history(services)) == 1


def test_an_unknown_result_id_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no saved self-check with id 424242"):
        selfcheck.get_selfcheck(services, 424242)


def test_a_draft_is_kept_until_the_selfcheck_is_finished(services: Services) -> None:
    items = selfcheck.get_instrument().items
    partial = {items[0].id: 1, items[1].id: 4}
    selfcheck.save_draft(services, perspective=Perspective.PARTNER, answers=partial)
    draft = selfcheck.load_draft(services)
    assert draft is not None
    assert dict(draft.answers) == partial
    assert draft.perspective is Perspective.PARTNER

    selfcheck.save_draft(
        services, perspective=Perspective.PARTNER, answers=partial | {items[2].id: 0}
    )
    draft = selfcheck.load_draft(services)
    assert draft is not None and len(draft.answers) == 3

    selfcheck.take_selfcheck(services, perspective=Perspective.PARTNER, answers=all_answers(1))
    assert selfcheck.load_draft(services) is None


def test_a_discarded_draft_is_gone(services: Services) -> None:
    first = selfcheck.get_instrument().items[0].id
    selfcheck.save_draft(services, perspective=Perspective.SELF, answers={first: 2})
    selfcheck.discard_draft(services)
    assert selfcheck.load_draft(services) is None


def test_an_unknown_instrument_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no instrument 'nope'"):
        selfcheck.take_selfcheck(
            services, perspective=Perspective.SELF, answers={}, instrument_id="nope"
        )
