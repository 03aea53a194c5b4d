"""Self-check use cases keep each perspective apart, and a web draft only ever grows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import InputError
from reconnect.services import Services, selfcheck
from reconnect.services.practices import suggest_practices

if TYPE_CHECKING:
    from collections.abc import Iterator

ITEMS = selfcheck.get_instrument().items
SELF, PARTNER = Perspective.SELF, Perspective.PARTNER


class StepClock:
    """A clock that moves one hour forward each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(hours=1)
        return self.now


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url), clock=StepClock())
    yield built
    built.close()


def level(value: int) -> dict[str, object]:
    """Answers that score every dimension ``value`` out of 4 (reverse-keyed items inverted)."""
    return {i.id: 4 - value if i.reverse else value for i in ITEMS}


def test_each_perspective_has_its_own_history_and_trend(services: Services) -> None:
    mine = selfcheck.take_selfcheck(services, perspective=SELF, answers=level(3))
    theirs = selfcheck.take_selfcheck(services, perspective=PARTNER, answers=level(1))
    again = selfcheck.take_selfcheck(services, perspective=SELF, answers=level(2))
    split = selfcheck.histories_by_perspective(services)
    assert list(split) == [SELF, PARTNER]
    assert [e.result.id for e in split[SELF].entries] == [mine.id, again.id]
    assert [e.result.id for e in split[PARTNER].entries] == [theirs.id]
    numbness = {t.dimension: t for t in split[SELF].trends}["numbness"]
    assert (numbness.first, numbness.latest, numbness.change) == (75.0, 50.0, -25.0)
    assert {t.dimension: t for t in split[PARTNER].trends}["numbness"].change is None
    assert selfcheck.latest_selfcheck(services, SELF) == again
    assert selfcheck.latest_selfcheck(services, PARTNER) == theirs


def test_changes_compare_only_results_about_the_same_person(services: Services) -> None:
    mine = selfcheck.take_selfcheck(services, perspective=SELF, answers=level(3))
    selfcheck.take_selfcheck(services, perspective=PARTNER, answers=level(1))
    selfcheck.take_selfcheck(services, perspective=SELF, answers=level(2))
    entries = selfcheck.history_with_changes(services)
    assert [e.previous.id if e.previous else None for e in entries] == [None, None, mine.id]
    assert entries[1].change == {}
    assert entries[2].change["numbness"] == -25.0
    only = selfcheck.history_with_changes(services, perspective=PARTNER)
    assert [e.result.score.perspective for e in only] == [PARTNER]


def test_adding_to_a_draft_keeps_the_answers_saved_before(services: Services) -> None:
    selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[0].id: 3})
    selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[1].id: 1})
    draft = selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[0].id: 2})
    assert dict(draft.answers) == {ITEMS[0].id: 2, ITEMS[1].id: 1}
    loaded = selfcheck.load_draft(services)
    assert loaded is not None
    assert dict(loaded.answers) == {ITEMS[0].id: 2, ITEMS[1].id: 1}


def test_a_draft_about_the_other_person_starts_afresh(services: Services) -> None:
    selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[0].id: 3})
    draft = selfcheck.add_to_draft(services, perspective=PARTNER, answers={ITEMS[1].id: 1})
    assert draft.perspective is PARTNER
    assert dict(draft.answers) == {ITEMS[1].id: 1}


def test_a_bad_answer_added_to_a_draft_changes_nothing(services: Services) -> None:
    selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[0].id: 3})
    with pytest.raises(InputError, match="outside the scale"):
        selfcheck.add_to_draft(services, perspective=SELF, answers={ITEMS[1].id: 9})
    loaded = selfcheck.load_draft(services)
    assert loaded is not None
    assert dict(loaded.answers) == {ITEMS[0].id: 3}


def test_practice_suggestions_ignore_answers_about_a_partner(services: Services) -> None:
    selfcheck.take_selfcheck(services, perspective=PARTNER, answers=level(4))
    reasons = [r for s in suggest_practices(services) for r in s.reasons]
    assert not [r for r in reasons if "self-check" in r]
    selfcheck.take_selfcheck(services, perspective=SELF, answers=level(3))
    selfcheck.take_selfcheck(services, perspective=PARTNER, answers=level(0))
    reasons = [r for s in suggest_practices(services) for r in s.reasons]
    assert "numbness scored 75 in your last self-check" in reasons
