"""Any input is analysed without a crash, spans stay inside the text, and the limit is clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis import MARKERS, MAX_TEXT_CHARS, analyze, analyze_many
from reconnect.errors import InputError

EMOJI = st.sampled_from(["😶", "🙂", "💔", "👩‍👩‍👧", "🏳️‍🌈", "\u200d", "\ufe0f"])
RTL = st.sampled_from(["אני מרגיש ריק", "لا أشعر بشيء", "\u202e", "\u202c", "\u200f"])
WORDS = st.sampled_from(
    ["I", "feel", "numb", "not", "anymore", "my", "partner", "if", "?", ".", "kill", "it", " "]
)
MIXED = st.lists(st.one_of(st.text(max_size=20), EMOJI, RTL, WORDS), max_size=40).map("".join)


def check(text: str) -> None:
    result = analyze(text)
    assert result.subject in {"self", "other"}
    assert -1.0 <= result.valence <= 1.0
    assert result.granularity <= len({e.name for e in result.emotions})
    assert result.crisis == any(m.name == "crisis" for m in result.markers)
    for marker in result.markers:
        assert marker.name in MARKERS
        assert 0.0 < marker.score <= 1.0
        assert marker.subject in {"self", "other"}
        assert marker.evidence
        for span in marker.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text


@settings(max_examples=250, deadline=None)
@given(st.text(max_size=600))
def test_any_unicode_text_is_analysed(text: str) -> None:
    check(text)


@settings(max_examples=250, deadline=None)
@given(MIXED)
def test_emoji_right_to_left_and_marker_words_mixed_are_analysed(text: str) -> None:
    check(text)
    assert analyze(text) == analyze(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "אני מרגיש ריק 😶",
        "\u202eI feel numb\u202c",
        "🙂" * 1000,
        "\x00\x01\x02",
        "Straße ǅ İstanbul ﬁne — I feel numb",
        "I FEEL NOTHING. NOTHING.",
    ],
)
def test_awkward_text_is_fine(text: str) -> None:
    check(text)


def test_the_limit_is_exact_and_explained() -> None:
    check("a" * MAX_TEXT_CHARS)
    with pytest.raises(InputError, match="limit is 100,000 characters"):
        analyze("a" * (MAX_TEXT_CHARS + 1))


def test_a_megabyte_is_refused_not_crashed() -> None:
    with pytest.raises(InputError):
        analyze("numb " * 200_000)


def test_analyze_many_is_lazy_and_ordered() -> None:
    results = analyze_many(iter(["I feel numb.", "x" * (MAX_TEXT_CHARS + 1)]))
    first = next(results)
    assert first.marker("numbness") is not None
    with pytest.raises(InputError):
        next(results)


def test_a_lone_surrogate_is_refused_with_a_clear_message() -> None:
    # FUZZ-4: a byte that is not UTF-8 on the command line reaches Python as a lone surrogate.
    from reconnect.analysis import analyze
    from reconnect.errors import InputError

    for text in ("a\udcff", "fine so far \ud800 then not"):
        with pytest.raises(InputError, match="not valid UTF-8"):
            analyze(text)
    assert analyze("naïve café, 日本語 and 🙂").language in {"en", "fr", "ja", "und"}
