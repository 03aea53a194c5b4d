"""An alternation grouped by first character finds exactly the matches of the plain one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis.alternation import by_first_char
from reconnect.analysis.crisis_words import CRISIS_VOCABULARY, _vocabulary

WORDS = st.sampled_from(
    [
        "die", "dying", "died", "dead", "end it", "ending things", "life", "live", "lives",
        "over", "over soon", "overdose", "self-harm", "self harm", "selfharm", "the river",
        "cold water", "whole bottle", "thank you for everything", "thanks for everything",
        "give away", "gave my", "hang", "hanging", "here", "there", "note", "notes", "letters",
        "I", "it", "a", "s", "d", "'", ".", ",", "\n", " ", "é", "ß", "İ", "_", "9",
    ]
)  # fmt: skip
TEXTS = st.lists(WORDS, max_size=30).map(" ".join) | st.lists(WORDS, max_size=30).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(TEXTS | st.text(max_size=60))
def test_crisis_vocabulary_grouped_finds_the_same_matches(text: str) -> None:
    folded = text.casefold()
    assert _spans(_vocabulary(), folded) == _spans(CRISIS_VOCABULARY, folded)


@pytest.mark.parametrize(
    "source",
    [r"\b(?:a|ab|abc|b)\b", r"\b(?:ab|a|b\w*|bb)\b", r"\b(?:over(?: soon)?|over)\b", r"\b(?:x)\b"],
)
def test_order_within_a_group_is_kept(source: str) -> None:
    plain = re.compile(source)
    grouped = by_first_char(plain)
    for text in ("a ab abc b bb bbb", "over soon over", "x xx", "abab ab-b"):
        assert _spans(grouped, text) == _spans(plain, text)


@pytest.mark.parametrize(
    "source", [r"(?:a|b)", r"\b(?:a?b|c)\b", r"\b(?:\.x|c)\b", r"\b(?:[ab]c|d)\b", r"\b(?:|a)\b"]
)
def test_what_it_cannot_group_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match=r"alternation|plain character"):
        by_first_char(re.compile(source))
