"""Seek-help signs from weekly patterns, and the choice of crisis resources."""

from __future__ import annotations

from reconnect.domain.safety import seek_help_from_weeks


def week(**rates: float) -> dict[str, float]:
    return dict(rates)


def test_three_weeks_of_mostly_numb_entries_suggest_help() -> None:
    signs = seek_help_from_weeks([week(numbness=0.6), week(numbness=0.5), week(numbness=0.7)])
    assert [s.id for s in signs] == ["persistent_numbness"]
    assert "could say" in signs[0].suggestion


def test_two_numb_weeks_are_not_yet_persistent() -> None:
    assert seek_help_from_weeks([week(numbness=0.1), week(numbness=0.9), week(numbness=0.9)]) == []


def test_recent_hopelessness_and_rising_withdrawal_are_named() -> None:
    weeks = [week(withdrawal=0.1), week(withdrawal=0.3), week(withdrawal=0.6, hopelessness=0.5)]
    assert {s.id for s in seek_help_from_weeks(weeks)} == {"hopelessness", "increasing_isolation"}


def test_no_weeks_no_signs() -> None:
    assert seek_help_from_weeks([]) == []
