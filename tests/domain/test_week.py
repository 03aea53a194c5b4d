"""What changed this week, in the words the home page shows (issue 11: a dashboard for today)."""

from __future__ import annotations

import doctest
from datetime import date, time, timedelta

import pytest
from tests.domain.records import checkin, entry, practice

from reconnect.domain import week
from reconnect.domain.week import NOTHING_YET, compare_weeks, today_so_far

TODAY = date(2026, 12, 7)  # a Monday: "this week" is still the last seven days
THIS = [TODAY - timedelta(days=n) for n in range(7)]
BEFORE = [TODAY - timedelta(days=n) for n in range(7, 14)]


def test_the_doctests_hold() -> None:
    assert doctest.testmod(week, raise_on_error=True).attempted >= 1


def test_a_week_is_the_last_seven_days_against_the_seven_before() -> None:
    entries = [entry(THIS[0]), entry(THIS[6]), entry(BEFORE[0]), entry(BEFORE[6] - timedelta(1))]
    change = compare_weeks(TODAY, entries, [], [])
    assert (change.this_week.entries, change.week_before.entries) == (2, 1)
    assert change.lines[0] == "You wrote 2 entries, 1 more than the week before."


@pytest.mark.parametrize(
    ("now", "before", "line"),
    [
        pytest.param(1, 1, "You checked in once, as often as the week before.", id="same"),
        pytest.param(2, 0, "You checked in twice, none the week before.", id="first-week"),
        pytest.param(5, 2, "You checked in 5 times, 3 more than the week before.", id="more"),
        pytest.param(1, 3, "You checked in once, 2 fewer than the week before.", id="fewer"),
        pytest.param(0, 3, "No check-ins yet this week; 3 check-ins the week before.", id="none"),
    ],
)
def test_check_ins_are_counted_against_the_week_before(now: int, before: int, line: str) -> None:
    checkins = [checkin(THIS[1], 5, 5)] * now + [checkin(BEFORE[1], 5, 5)] * before
    assert line in compare_weeks(TODAY, [], checkins, []).lines


def test_the_most_frequent_sign_is_named_with_its_count_and_last_weeks() -> None:
    entries = [
        entry(THIS[0], "numbness"),
        entry(THIS[1], "numbness", "autopilot"),
        entry(THIS[2]),
        entry(BEFORE[0], "autopilot"),
    ]
    lines = compare_weeks(TODAY, entries, [], []).lines
    assert (
        "The sign seen most often was numbness, in 2 of 3 entries; the week before, autopilot."
        in lines
    )


def test_tied_signs_are_both_named_and_the_same_sign_says_so() -> None:
    entries = [entry(THIS[0], "numbness", "withdrawal"), entry(THIS[1]), entry(BEFORE[0])]
    entries += [entry(BEFORE[1], "numbness", "withdrawal")]
    lines = compare_weeks(TODAY, entries, [], []).lines
    assert (
        "The signs seen most often were numbness and withdrawal, each in 1 of 2 entries, "
        "as the week before." in lines
    )


def test_one_entry_is_never_one_of_one() -> None:
    lines = compare_weeks(TODAY, [entry(THIS[0], "autopilot")], [], []).lines
    assert "The sign seen most often was autopilot, in your one entry this week." in lines
    assert not any("1 of 1" in line for line in lines)


def test_crisis_language_is_never_the_sign_seen_most_often() -> None:
    entries = [entry(THIS[0], "crisis"), entry(THIS[1], "crisis", "numbness")]
    lines = compare_weeks(TODAY, entries, [], []).lines
    assert not any("crisis" in line for line in lines)
    assert "The sign seen most often was numbness, in 1 of 2 entries." in lines


def test_entries_without_signs_and_unread_entries() -> None:
    entries = [entry(THIS[0]), entry(THIS[1], read=False)]
    change = compare_weeks(TODAY, entries, [], [])
    assert change.this_week.entries == 2 and change.this_week.read_entries == 1
    assert "No signs of detachment showed in this week's entries." in change.lines


def test_reconnection_has_a_line_of_its_own_only_when_it_came_up() -> None:
    entries = [entry(THIS[0], "reconnection"), entry(THIS[1], "reconnection")]
    lines = compare_weeks(TODAY, [*entries, entry(BEFORE[0], "reconnection")], [], []).lines
    assert "Moments of reconnection came up in 2 entries, 1 more than the week before." in lines
    quiet = compare_weeks(TODAY, [entry(THIS[0]), entry(BEFORE[0], "reconnection")], [], [])
    assert not any("reconnection" in line for line in quiet.lines)


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        pytest.param(
            [(8, 5), (7, 5)],
            [(4, 5), (5, 5)],
            [
                "Check-ins felt more pleasant than the week before: 7.5 on average, from 4.5 "
                "(1 to 10)."
            ],
            id="more-pleasant",
        ),
        pytest.param(
            [(3, 2)],
            [(5, 6)],
            [
                "Check-ins felt less pleasant than the week before: 3.0 on average, from 5.0 "
                "(1 to 10).",
                "Energy was lower than the week before: 2.0 on average, from 6.0.",
            ],
            id="less-pleasant-lower-energy",
        ),
        pytest.param(
            [(6, 5), (5, 5)],
            [(5, 5)],
            ["Check-ins felt about as pleasant as the week before: 5.5 on average (1 to 10)."],
            id="about-the-same",
        ),
        pytest.param(
            [(6, 4)],
            [],
            [
                "Your check-ins this week averaged 6.0 for pleasantness and 4.0 for energy "
                "(1 to 10)."
            ],
            id="no-week-before",
        ),
    ],
)
def test_the_mood_trend_compares_mean_pleasantness_and_energy(
    now: list[tuple[int, int]], before: list[tuple[int, int]], expected: list[str]
) -> None:
    checkins = [checkin(THIS[0], p, e) for p, e in now] + [
        checkin(BEFORE[0], p, e) for p, e in before
    ]
    lines = compare_weeks(TODAY, [], checkins, []).lines
    assert [line for line in lines if "pleasant" in line or "Energy" in line] == expected


def test_practices_are_counted_when_there_are_some() -> None:
    lines = compare_weeks(TODAY, [], [], [practice(THIS[0]), practice(BEFORE[0])]).lines
    assert lines == ("You did 1 practice, as many as the week before.",)
    assert compare_weeks(TODAY, [], [], [practice(BEFORE[0])]).lines == ()


def test_two_quiet_weeks_say_so_without_blame() -> None:
    old = [entry(TODAY - timedelta(days=30), "numbness")]
    assert compare_weeks(TODAY, old, [], []).lines == (NOTHING_YET,)


@pytest.mark.parametrize(
    ("entries", "moods", "line"),
    [
        pytest.param(0, [], "Nothing recorded yet today.", id="nothing"),
        pytest.param(1, [], "Today you wrote 1 entry.", id="an-entry"),
        pytest.param(
            0, [(8, 3)], "Today you checked in once (pleasant and calm).", id="a-check-in"
        ),
        pytest.param(
            2,
            [(2, 8), (8, 8)],
            "Today you checked in twice (latest: pleasant and lively) and wrote 2 entries.",
            id="both",
        ),
    ],
)
def test_today_so_far(entries: int, moods: list[tuple[int, int]], line: str) -> None:
    checkins = [checkin(TODAY, p, e, time(8 + n)) for n, (p, e) in enumerate(moods)]
    assert today_so_far(entries, checkins) == line
