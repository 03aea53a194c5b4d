"""The shared analysis texts still give what their names promise with this analyzer."""

from __future__ import annotations

from reconnect.analysis import analyze
from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT, ORDINARY_TEXT


def test_the_concern_text_asks_the_calm_check_and_nothing_more() -> None:
    result = analyze(CONCERN_TEXT)
    assert result.concern and not result.crisis


def test_the_crisis_text_is_confident() -> None:
    result = analyze(CRISIS_TEXT)
    assert result.crisis and not result.concern


def test_the_ordinary_text_is_neither() -> None:
    result = analyze(ORDINARY_TEXT)
    assert not result.crisis and not result.concern
