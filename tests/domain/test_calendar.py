"""The calendar of check-ins and entries: every day in words, the month laid out and summed up."""

from __future__ import annotations

import doctest
from datetime import date, time

import pytest
from tests.domain.records import checkin, entry

from reconnect.domain import calendar
from reconnect.domain.calendar import CalendarDay, calendar_month, parse_day, parse_month
from reconnect.errors import InputError

DECEMBER = date(2026, 12, 1)
TODAY = date(2026, 12, 10)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(calendar, raise_on_error=True).attempted >= 4


@pytest.mark.parametrize(
    ("day", "label"),
    [
        pytest.param(
            CalendarDay(date(2026, 12, 3), ("green",), 1, 1, ("numbness",)),
            "Thursday 3 December: 1 check-in, pleasant and calm; 1 entry, signs: numbness",
            id="the-issue's-example",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 4)),
            "Friday 4 December: nothing recorded",
            id="nothing",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 5), ("blue", "red", "blue")),
            "Saturday 5 December: 3 check-ins: 2 unpleasant and low in energy, "
            "1 unpleasant and stirred up",
            id="mixed-check-ins",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 6), ("yellow", "yellow"), 2, 2, (), today=True),
            "Sunday 6 December, today: 2 check-ins, pleasant and lively; 2 entries, no signs",
            id="today",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 7), entries=1, entries_read=0),
            "Monday 7 December: 1 entry",
            id="unread-entry",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 8), signs=("low_empathy", "reconnection"), entries=1),
            "Tuesday 8 December: 1 entry, signs: low empathy, reconnection",
            id="sign-names-in-words",
        ),
        pytest.param(
            CalendarDay(date(2026, 12, 24), future=True), "Thursday 24 December", id="future"
        ),
    ],
)
def test_every_day_is_told_in_words(day: CalendarDay, label: str) -> None:
    assert day.label == label


def test_a_day_takes_the_quadrant_of_most_check_ins_and_the_later_one_when_tied() -> None:
    assert CalendarDay(DECEMBER, ("red", "blue", "blue")).mood == "blue"
    assert CalendarDay(DECEMBER, ("red", "blue")).mood == "blue"
    assert CalendarDay(DECEMBER, ("blue", "red")).mood == "red"
    assert CalendarDay(DECEMBER).mood is None


def test_a_day_is_marked_for_distance_or_for_the_chosen_sign() -> None:
    closer = CalendarDay(DECEMBER, entries=1, signs=("healthy_boundary", "reconnection"))
    distant = CalendarDay(DECEMBER, entries=1, signs=("numbness",))
    assert not closer.marked(None) and distant.marked(None)
    assert closer.marked("reconnection") and not distant.marked("reconnection")


def test_the_month_is_laid_out_in_weeks_from_monday() -> None:
    month = calendar_month(DECEMBER, TODAY, [], [])
    assert month.title == "December 2026"
    assert len(month.weeks) == 5 and all(len(week) == 7 for week in month.weeks)
    assert month.weeks[0][0] is None  # 1 December 2026 is a Tuesday
    first = month.weeks[0][1]
    assert first is not None and first.day == DECEMBER
    assert [d.day.day for d in month.days] == list(range(1, 32))
    assert [d.day.day for d in month.days if d.future] == list(range(11, 32))
    assert [d.day.day for d in month.days if d.today] == [10]
    assert (month.previous, month.next) == (date(2026, 11, 1), None)
    assert month.empty and month.summary == ("Nothing recorded in December 2026.",)


def test_the_next_month_is_offered_only_once_it_has_begun() -> None:
    november = calendar_month(date(2026, 11, 1), TODAY, [], [])
    assert november.next == DECEMBER
    assert calendar_month(date(2026, 12, 1), date(2027, 1, 1), [], []).next == date(2027, 1, 1)


def test_records_fill_their_days_in_time_order_and_others_are_left_out() -> None:
    checkins = [
        checkin(date(2026, 12, 3), 8, 3, time(20)),
        checkin(date(2026, 12, 3), 2, 8, time(8)),
        checkin(date(2026, 11, 30), 8, 8),
    ]
    entries = [entry(date(2026, 12, 3), "numbness"), entry(date(2026, 12, 3), "autopilot")]
    month = calendar_month(DECEMBER, TODAY, checkins, entries)
    third = month.days[2]
    assert third.quadrants == ("red", "green")
    assert (third.entries, third.signs) == (2, ("numbness", "autopilot"))
    assert sum(len(d.quadrants) for d in month.days) == 2


def test_the_month_summary_says_what_the_colours_and_marks_show() -> None:
    checkins = [checkin(date(2026, 12, d), 8, 3) for d in (1, 2, 3)]
    checkins += [checkin(date(2026, 12, 3), 2, 2)]
    entries = [
        entry(date(2026, 12, 1), "numbness"),
        entry(date(2026, 12, 2), "numbness", "crisis"),
        entry(date(2026, 12, 4), "crisis"),
        entry(date(2026, 12, 5), "reconnection"),
        entry(date(2026, 12, 5)),
    ]
    month = calendar_month(DECEMBER, TODAY, checkins, entries)
    assert month.summary == (
        "4 check-ins on 3 days: 3 pleasant and calm, 1 unpleasant and low in energy.",
        "5 entries on 4 days; signs of detachment showed on 3 days, numbness most often "
        "(on 2 days).",
        "Moments of reconnection on 1 day.",
    )


def test_crisis_language_alone_is_never_the_sign_named_most_often() -> None:
    month = calendar_month(DECEMBER, TODAY, [], [entry(date(2026, 12, 2), "crisis")])
    assert month.summary == ("1 entry on 1 day; signs of detachment showed on 1 day.",)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-1", "26-12", "december", "0999-01", "2026-12-01"]
)
def test_a_month_that_is_not_one_is_refused_with_its_form(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_month(text)
    assert refused.value.hint == "Write a month as YYYY-MM, e.g. 2026-12."


@pytest.mark.parametrize("text", ["2026-02-30", "2026-12", "20261203", "2026-W49-1", "9999-12-31"])
def test_a_day_that_is_not_one_is_refused_with_its_form(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_day(text)
    assert refused.value.hint == "Write a day as YYYY-MM-DD, e.g. 2026-12-03."
