"""Plain wording: counts agree with their nouns, and a change is the difference of what is shown."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from reconnect.domain import wording
from reconnect.domain.wording import counted, shown_change, signed


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(wording, raise_on_error=True).attempted >= 4


def test_one_of_anything_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "week") == "1 week"
    assert counted(0, "week") == "0 weeks"
    assert counted(2, "day") == "2 days"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(12, "entry", "entries") == "12 entries"


def test_62_to_67_is_shown_as_plus_5() -> None:
    assert signed(shown_change(62.4, 66.6)) == "+5"
    assert signed(shown_change(8.3, 20.8)) == "+13"  # the exact difference, 12.5, rounds to 12
    assert signed(shown_change(50.2, 49.8)) == "0"


@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_the_change_shown_is_always_the_difference_of_the_numbers_shown(
    first: float, latest: float
) -> None:
    assert shown_change(first, latest) == int(f"{latest:.0f}") - int(f"{first:.0f}")
