"""Practice ranking: driven by the profile and recent markers, with reasons; no blind repeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.content import load_practices
from reconnect.domain.practices import PracticeLog, practice_streak, rank_practices

NOW = datetime(2026, 3, 1, 20, tzinfo=UTC)
PRACTICES = load_practices()
DIMENSIONS = (
    "numbness",
    "intimacy_avoidance",
    "withdrawal",
    "low_empathy",
    "suppression",
    "autopilot",
)


def top(
    profile: dict[str, float | None],
    counts: dict[str, int] | None = None,
    seen: int = 0,
    log: list[PracticeLog] | None = None,
) -> list[str]:
    ranked = rank_practices(PRACTICES, profile, counts or {}, seen, log or [], NOW)
    return [s.practice.id for s in ranked[:5]]


def test_the_library_has_what_the_issue_asks_for() -> None:
    ids = {p.id for p in PRACTICES}
    assert len(PRACTICES) >= 25
    for needed in (
        "body-scan",
        "box-breathing",
        "roleplay-hard-talk",
        "boundary-planner",
        "active-listening",
        "relationship-checkin",
        "shared-walk",
        "stop-chasing",
    ):
        assert needed in ids
    assert sum(p.id.startswith("ladder-") for p in PRACTICES) >= 4
    assert {p.audience for p in PRACTICES} == {"self", "partner", "couple"}


def test_a_numb_profile_gets_practices_for_numbness_with_the_reason() -> None:
    ranked = rank_practices(PRACTICES, {"numbness": 90.0}, {}, 0, [], NOW)
    assert "numbness" in ranked[0].practice.addresses
    assert "numbness scored 90 in your last self-check" in ranked[0].reasons


def test_the_suggestions_change_when_the_profile_changes() -> None:
    numb = top({"numbness": 90.0})
    distant = top({"intimacy_avoidance": 90.0, "withdrawal": 85.0})
    assert numb != distant


def test_recent_markers_count_with_how_often_they_appeared() -> None:
    ranked = rank_practices(PRACTICES, {}, {"autopilot": 4}, 10, [], NOW)
    assert "autopilot showed up in 4 of your last 10 entries" in ranked[0].reasons


def test_one_recent_entry_is_named_as_your_last_entry() -> None:
    ranked = rank_practices(PRACTICES, {}, {"autopilot": 1}, 1, [], NOW)
    assert "autopilot showed up in your last entry" in ranked[0].reasons


def test_something_done_in_the_last_day_is_not_suggested_first_again() -> None:
    first = top({"numbness": 90.0})[0]
    log = [PracticeLog(1, first, NOW - timedelta(hours=3))]
    again = rank_practices(PRACTICES, {"numbness": 90.0}, {}, 0, log, NOW)
    assert again[0].practice.id != first
    moved = next(s for s in again if s.practice.id == first)
    assert any("in the last day" in r for r in moved.reasons)


def test_streaks_count_consecutive_days() -> None:
    logs = [
        PracticeLog(i, "body-scan", NOW - timedelta(days=d)) for i, d in enumerate((0, 1, 2, 4))
    ]
    assert practice_streak(logs) == 3
    assert practice_streak([]) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from(DIMENSIONS), st.one_of(st.none(), st.floats(0, 100))),
    st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(0, 20)),
    st.integers(0, 20),
)
def test_every_profile_gets_a_full_ranked_list_with_reasons(
    profile: dict[str, float | None], counts: dict[str, int], seen: int
) -> None:
    ranked = rank_practices(PRACTICES, profile, counts, seen, [], NOW)
    assert sorted(s.practice.id for s in ranked) == sorted(p.id for p in PRACTICES)
    assert all(s.reasons for s in ranked)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
