"""Insight statistics: associations with the minimum-data rule, trends, streaks, summary."""

from __future__ import annotations

import math
from datetime import UTC, date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.domain.insights import (
    MIN_WITH,
    NOTABLE_ROWS,
    Association,
    EntryFacts,
    associations,
    describe_association,
    notable_associations,
    streaks,
    weekly_summary,
    weekly_trends,
)

MARKERS = ("numbness", "reconnection")
MONDAY = date(2026, 1, 5)


def fact(
    day: int, markers: set[str], tags: tuple[str, ...] = (), valence: float = 0.0
) -> EntryFacts:
    return EntryFacts(MONDAY + timedelta(days=day), frozenset(markers), valence, 1, tags=tags)


def test_rate_baseline_and_lift_are_computed_from_counts() -> None:
    facts = [
        fact(0, {"numbness"}, ("work",)),
        fact(1, {"numbness"}, ("work",)),
        fact(2, set(), ("work",)),
        fact(3, {"numbness"}),
        fact(4, set()),
        fact(5, set()),
        fact(6, set()),
    ]
    (work,) = [
        a for a in associations(facts, MARKERS) if a.factor == "work" and a.marker == "numbness"
    ]
    assert (work.count, work.with_factor) == (2, 3)
    assert work.rate == round(2 / 3, 4)
    assert work.baseline_rate == 0.25
    assert work.lift == round((2 / 3) / 0.25, 3)


def test_factors_without_enough_data_are_not_claimed() -> None:
    facts = [fact(i, {"numbness"}, ("rare",) if i < MIN_WITH - 1 else ()) for i in range(10)]
    assert not [a for a in associations(facts, MARKERS) if a.factor == "rare"]
    facts_everywhere = [fact(i, set(), ("always",)) for i in range(10)]
    assert not [a for a in associations(facts_everywhere, MARKERS) if a.factor == "always"]


def test_a_zero_baseline_gives_no_lift_rather_than_infinity() -> None:
    facts = [fact(i, {"numbness"}, ("work",)) for i in range(3)] + [
        fact(i, set()) for i in range(3, 6)
    ]
    (work,) = [
        a for a in associations(facts, MARKERS) if a.factor == "work" and a.marker == "numbness"
    ]
    assert work.lift is None and work.baseline_rate == 0.0


def test_weekdays_are_factors_too() -> None:
    facts = [fact(7 * w, {"numbness"}) for w in range(3)] + [
        fact(7 * w + 2, set()) for w in range(3)
    ]
    (monday,) = [
        a for a in associations(facts, MARKERS) if a.factor == "monday" and a.marker == "numbness"
    ]
    assert monday.rate == 1.0 and monday.baseline_rate == 0.0


def test_weekly_trends_group_by_monday() -> None:
    facts = [
        fact(0, {"numbness"}, valence=-0.5),
        fact(6, set(), valence=0.5),
        fact(7, {"numbness"}),
    ]
    trends = weekly_trends(facts, MARKERS)
    assert [t.week_start for t in trends] == [MONDAY, MONDAY + timedelta(days=7)]
    assert trends[0].entries == 2 and trends[0].marker_rates["numbness"] == 0.5
    assert trends[0].mean_valence == 0.0


def test_streaks_count_back_from_the_last_entry() -> None:
    facts = [
        fact(0, {"numbness"}),
        fact(2, {"numbness"}),
        fact(3, {"numbness", "reconnection"}),
        fact(4, {"numbness"}),
    ]
    assert streaks(facts).writing_days == 3
    assert streaks(facts).numbness_days == 3
    assert streaks(facts).reconnection_days == 0
    assert streaks([]).writing_days == 0


def summary_of(facts: list[EntryFacts]) -> str:
    """The weekly summary as the insights service builds it."""
    notable = notable_associations(associations(facts, MARKERS))
    return weekly_summary(weekly_trends(facts, MARKERS), notable[0] if notable else None)


def test_the_summary_speaks_plainly_and_explains_a_strong_association() -> None:
    facts = [fact(i, {"numbness"}, ("work",)) for i in range(4)] + [
        fact(i + 4, set()) for i in range(4)
    ]
    facts.append(fact(8, {"numbness"}))
    text = summary_of(facts)
    assert "entries" in text
    assert "Numbness showed up 5.0 times as often in entries with tag 'work' (4 of 4)." in text
    assert weekly_summary([], None) == "No entries in this period yet."


def test_the_summary_names_the_strongest_pattern_not_a_weaker_one() -> None:
    # Issue 11, item 15: #work on all 38 numb entries and on none of the rest; Saturdays
    # are numb 9 times in 11. The summary named Saturday (1.9 times as often).
    days = [MONDAY + timedelta(days=i) for i in range(80)]
    saturdays = [d for d in days if d.weekday() == 5][:9]
    others = [d for i, d in enumerate(days) if d.weekday() != 5 and i % 2 == 0][:29]
    numb = {*saturdays, *others}
    facts = [
        EntryFacts(
            d,
            frozenset({"numbness"} if d in numb else ()),
            0.0,
            1,
            tags=("work",) if d in numb else (),
        )
        for d in days
    ]
    first, second = notable_associations(associations(facts, MARKERS))[:2]
    assert (first.kind, first.factor, first.count, first.with_factor) == ("tag", "work", 38, 38)
    assert (second.factor, second.lift) == ("saturday", 1.947)
    text = summary_of(facts)
    assert "Numbness showed up in 38 of 38 entries with tag 'work' and in none of the others." in (
        text
    )
    assert "saturday" not in text


def association(factor: str, marker: str, count: int, lift: float | None) -> Association:
    return Association("tag", factor, marker, count, 10, count / 10, 0.2, lift)


def test_notable_means_numbness_or_reconnection_seen_enough_and_1_5_times_either_way() -> None:
    found = [
        association("more", "numbness", 6, 3.0),
        association("rarer", "reconnection", 3, 0.6),  # 1.67 times as common without it
        association("slightly", "numbness", 6, 1.4),
        association("slightly-rarer", "numbness", 6, 0.7),
        association("few", "numbness", MIN_WITH - 1, 4.0),
        association("other-sign", "autopilot", 6, 4.0),
    ]
    assert [a.factor for a in notable_associations(found)] == ["more", "rarer"]


def test_notable_is_ordered_by_strength_then_by_entries_and_capped() -> None:
    found = [
        association("weak", "numbness", 9, 1.6),
        association("rarer", "numbness", 3, 0.2),  # five times as common without it
        association("never-without", "reconnection", 3, None),
        association("never-without-more", "numbness", 7, None),
        association("strong", "numbness", 5, 4.0),
        association("strong-more", "numbness", 8, 4.0),
    ]
    assert [a.factor for a in notable_associations(found)] == [
        "never-without-more",
        "never-without",
        "rarer",
        "strong-more",
        "strong",
        "weak",
    ]
    many = [association(f"t{i}", "numbness", 5, 2.0) for i in range(NOTABLE_ROWS + 3)]
    assert len(notable_associations(many)) == NOTABLE_ROWS


def test_each_kind_of_association_is_said_with_its_counts() -> None:
    assert describe_association(association("walk", "reconnection", 4, 2.04)) == (
        "Reconnection showed up 2.0 times as often in entries with tag 'walk' (4 of 10)."
    )
    assert describe_association(association("walk", "numbness", 3, 0.25)) == (
        "Numbness showed up less often in entries with tag 'walk': 3 of 10 (30%), "
        "against 20% of the others."
    )


fact_strategy = st.builds(
    EntryFacts,
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    markers=st.frozensets(st.sampled_from(MARKERS)),
    valence=st.floats(-1, 1),
    granularity=st.integers(0, 10),
    tags=st.lists(st.sampled_from(["a", "b", "c"]), max_size=3).map(tuple),
)


@settings(max_examples=250, deadline=None)
@given(st.lists(fact_strategy, max_size=40))
def test_every_figure_is_finite_and_within_range(facts: list[EntryFacts]) -> None:
    for a in associations(facts, MARKERS):
        assert 0 <= a.rate <= 1 and 0 <= a.baseline_rate <= 1
        assert a.with_factor >= MIN_WITH
        assert a.lift is None or (math.isfinite(a.lift) and a.lift >= 0)
    for t in weekly_trends(facts, MARKERS):
        assert all(0 <= r <= 1 for r in t.marker_rates.values())
        assert math.isfinite(t.mean_valence)
    notable = notable_associations(associations(facts, MARKERS))
    text = summary_of(facts)
    if notable:  # the summary names the table's first row, and only that one
        assert text.endswith(describe_association(notable[0]))
    else:
        assert "showed up" not in text


def test_checkin_weeks_track_feelings_named_and_cannot_name_it() -> None:
    from datetime import datetime

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.insights import checkin_weeks

    monday = datetime(2026, 1, 5, 9, tzinfo=UTC)
    weeks = checkin_weeks(
        [
            CheckIn(1, monday, 3, 4, ("numb", "tired")),
            CheckIn(2, monday + timedelta(days=2), 5, 6, ("cannot-name-it",)),
            CheckIn(3, monday + timedelta(days=7), 8, 8, ("calm",)),
        ]
    )
    assert [w.checkins for w in weeks] == [2, 1]
    assert weeks[0].mean_granularity == 1.0 and weeks[0].cannot_name == 1
    assert weeks[0].mean_pleasantness == 4.0


def test_the_doctests_hold() -> None:
    import doctest

    from reconnect.domain import insights

    assert doctest.testmod(insights, raise_on_error=True).attempted >= 7
