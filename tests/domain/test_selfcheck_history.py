"""Self-check history rules: one line per perspective, changes against the same person only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reconnect.domain.selfcheck import DimensionScore, Perspective, SelfCheckResult, SelfCheckScore
from reconnect.domain.selfcheck_history import DimensionTrend, history_entries, split_history

START = datetime(2026, 1, 1, tzinfo=UTC)


def result(number: int, perspective: Perspective, numbness: float | None) -> SelfCheckResult:
    score = SelfCheckScore(
        instrument_id="test",
        instrument_version=1,
        perspective=perspective,
        dimensions=(DimensionScore("numbness", numbness, None, 1, 1),),
        seek_help=(),
        missing=(),
    )
    return SelfCheckResult(number, START + timedelta(days=number), {}, score)


def test_a_result_about_a_partner_is_not_a_change_from_ones_own() -> None:
    entries = history_entries(
        [result(1, Perspective.SELF, 62.0), result(2, Perspective.PARTNER, 44.0)]
    )
    assert entries[1].previous is None
    assert entries[1].change == {}


def test_a_dimension_not_scored_either_time_has_no_change() -> None:
    entries = history_entries(
        [result(1, Perspective.SELF, None), result(2, Perspective.SELF, 50.0)]
    )
    assert entries[1].previous is not None
    assert entries[1].change == {}
    assert DimensionTrend("numbness", (None, 50.0)).change is None


def test_every_perspective_is_present_even_without_results() -> None:
    split = split_history([result(1, Perspective.PARTNER, 10.0)], ["numbness"])
    assert split[Perspective.SELF].entries == ()
    assert split[Perspective.SELF].latest is None
    assert split[Perspective.SELF].trends[0].scores == ()
    assert split[Perspective.PARTNER].latest == result(1, Perspective.PARTNER, 10.0)


@given(st.lists(st.tuples(st.booleans(), st.floats(0, 100) | st.none()), max_size=12))
def test_each_history_holds_exactly_the_results_about_its_person(
    rows: list[tuple[bool, float | None]],
) -> None:
    results = [
        result(n, Perspective.SELF if mine else Perspective.PARTNER, score)
        for n, (mine, score) in enumerate(rows)
    ]
    split = split_history(results, ["numbness"])
    for perspective, history in split.items():
        own = [r for r in results if r.score.perspective is perspective]
        assert [e.result for e in history.entries] == own
        assert history.trends[0].scores == tuple(r.score.dimensions[0].score for r in own)
        for entry in history.entries:
            assert entry.previous is None or entry.previous.score.perspective is perspective


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    from reconnect.domain import selfcheck_history

    assert doctest.testmod(selfcheck_history, raise_on_error=True).attempted >= 2
