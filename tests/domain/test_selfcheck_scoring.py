"""Self-check scoring: reverse keys, missing answers, band edges, seek-help rules, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.content import load_instrument
from reconnect.domain.selfcheck import (
    Band,
    Condition,
    ContrastRow,
    Dimension,
    Instrument,
    Item,
    Perspective,
    Scale,
    SeekHelpRule,
    band_for,
    elevated_contrast,
    score_answers,
    trend,
)
from reconnect.errors import InputError

BANDS = (
    Band("few", "Few", 0, "a"),
    Band("some", "Some", 25, "b"),
    Band("many", "Many", 50, "c"),
    Band("strong", "Strong", 75, "d"),
)


def make_instrument(rules: tuple[SeekHelpRule, ...] = (), fraction: float = 0.5) -> Instrument:
    items = (
        Item("a1", "alpha", False, "I a1 ...", "They a1 ...", "000"),
        Item("a2", "alpha", False, "I a2 ...", "They a2 ...", "000"),
        Item("a3", "alpha", True, "I a3 ...", "They a3 ...", "000"),
        Item("a4", "alpha", False, "I a4 ...", "They a4 ...", "000"),
        Item("b1", "beta", False, "I b1 ...", "They b1 ...", "001"),
        Item("b2", "beta", True, "I b2 ...", "They b2 ...", "001"),
    )
    return Instrument(
        id="test",
        version=1,
        title="Test",
        description="",
        scale=Scale((0, 1, 2, 3, 4), ("n", "r", "s", "o", "a")),
        dimensions=(Dimension("alpha", "Alpha", "", "000"), Dimension("beta", "Beta", "", "001")),
        items=items,
        bands=BANDS,
        seek_help=rules,
        contrast=(ContrastRow("cold", "warm", ("alpha",)), ContrastRow("x", "y", ("beta",))),
        min_answered_fraction=fraction,
        missing_rule_text="half",
    )


def test_reverse_keyed_items_are_inverted() -> None:
    instrument = make_instrument()
    score = score_answers(instrument, {"b1": 4, "b2": 0}, Perspective.SELF)
    assert score.for_dimension("beta").score == 100.0
    score = score_answers(instrument, {"b1": 4, "b2": 4}, Perspective.SELF)
    assert score.for_dimension("beta").score == 50.0


def test_the_detached_end_scores_100_and_the_other_end_0() -> None:
    instrument = load_instrument()
    detached = {i.id: (0 if i.reverse else 4) for i in instrument.items}
    healthy = {i.id: (4 if i.reverse else 0) for i in instrument.items}
    high = score_answers(instrument, detached, Perspective.SELF)
    low = score_answers(instrument, healthy, Perspective.PARTNER)
    assert {d.score for d in high.dimensions} == {100.0}
    assert {d.band for d in high.dimensions} == {"strong"}
    assert {d.score for d in low.dimensions} == {0.0}
    assert {d.band for d in low.dimensions} == {"few"}
    assert low.perspective is Perspective.PARTNER


def test_too_few_answers_leave_a_dimension_unscored_and_listed_as_missing() -> None:
    instrument = make_instrument()
    score = score_answers(instrument, {"a1": 4}, Perspective.SELF)
    alpha = score.for_dimension("alpha")
    assert (alpha.score, alpha.band, alpha.answered, alpha.total) == (None, None, 1, 4)
    assert score.missing == ("a2", "a3", "a4", "b1", "b2")


def test_exactly_the_minimum_fraction_is_scored_from_the_answered_items() -> None:
    instrument = make_instrument()
    score = score_answers(instrument, {"a1": 4, "a2": 2}, Perspective.SELF)
    assert score.for_dimension("alpha").score == 75.0
    assert score.for_dimension("alpha").answered == 2


@pytest.mark.parametrize(
    ("value", "band"),
    [
        pytest.param(0.0, "few", id="bottom"),
        pytest.param(24.9, "few", id="just-below-some"),
        pytest.param(25.0, "some", id="some-edge"),
        pytest.param(49.9, "some", id="just-below-many"),
        pytest.param(50.0, "many", id="many-edge"),
        pytest.param(74.9, "many", id="just-below-strong"),
        pytest.param(75.0, "strong", id="strong-edge"),
        pytest.param(100.0, "strong", id="top"),
    ],
)
def test_band_edges_belong_to_the_higher_band(value: float, band: str) -> None:
    assert band_for(BANDS, value).id == band


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        pytest.param({"zz": 1}, "unknown item id 'zz'", id="unknown-id"),
        pytest.param({"a1": 5}, "answer to 'a1' is 5, outside the scale", id="too-high"),
        pytest.param({"a1": -1}, "outside the scale", id="negative"),
        pytest.param({"a1": 2.0}, "must be a whole number", id="float"),
        pytest.param({"a1": "2"}, "must be a whole number", id="string"),
        pytest.param({"a1": True}, "must be a whole number", id="boolean"),
        pytest.param({"a1": None}, "must be a whole number", id="null"),
    ],
)
def test_invalid_answers_are_refused_with_the_item_named(
    answers: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        score_answers(make_instrument(), answers, Perspective.SELF)


def test_seek_help_rules_match_any_or_all() -> None:
    any_rule = SeekHelpRule(
        "any",
        "c",
        "s",
        (Condition(dimension="alpha", min_score=75), Condition(item="b1", min_value=3)),
        "any",
        "001",
    )
    all_rule = SeekHelpRule(
        "all",
        "c",
        "s",
        (Condition(dimension="alpha", min_score=75), Condition(item="b1", min_value=3)),
        "all",
        "001",
    )
    instrument = make_instrument((any_rule, all_rule))
    only_item = score_answers(instrument, {"b1": 3, "b2": 2}, Perspective.SELF)
    assert only_item.seek_help == ("any",)
    both = score_answers(
        instrument, {"a1": 4, "a2": 4, "a3": 0, "a4": 4, "b1": 4}, Perspective.SELF
    )
    assert both.seek_help == ("any", "all")
    neither = score_answers(instrument, {"a1": 0, "a2": 0, "b1": 1}, Perspective.SELF)
    assert neither.seek_help == ()


def test_an_unscored_dimension_never_fires_a_rule() -> None:
    rule = SeekHelpRule("r", "c", "s", (Condition(dimension="alpha", min_score=0),), "any", "001")
    score = score_answers(make_instrument((rule,)), {"b1": 4}, Perspective.SELF)
    assert score.seek_help == ()


def test_contrast_rows_are_marked_where_a_dimension_is_in_the_upper_half() -> None:
    instrument = make_instrument()
    score = score_answers(instrument, {"a1": 4, "a2": 4, "b1": 0, "b2": 4}, Perspective.SELF)
    assert [found for _, found in elevated_contrast(instrument, score)] == [True, False]


def test_trend_draws_one_block_per_result_and_a_gap_for_none() -> None:
    assert trend([0, 50, 100, None]) == "▁▅█ "
    assert trend([]) == ""


answers_strategy = st.fixed_dictionaries(
    {},
    optional={item.id: st.integers(0, 4) for item in load_instrument().items},
)


@settings(max_examples=250, deadline=None)
@given(answers_strategy)
def test_scores_stay_within_0_and_100_and_always_have_a_band(answers: dict[str, int]) -> None:
    score = score_answers(load_instrument(), answers, Perspective.SELF)
    for dimension in score.dimensions:
        if dimension.score is None:
            assert dimension.band is None
        else:
            assert 0 <= dimension.score <= 100
            assert dimension.band in {"few", "some", "many", "strong"}
    assert len(score.missing) == len(load_instrument().items) - len(answers)


complete_answers = st.fixed_dictionaries(
    {item.id: st.integers(0, 4) for item in load_instrument().items}
)


@settings(max_examples=250, deadline=None)
@given(complete_answers)
def test_flipping_every_answer_mirrors_every_score(answers: dict[str, int]) -> None:
    instrument = load_instrument()
    flipped = {key: 4 - value for key, value in answers.items()}
    original = score_answers(instrument, answers, Perspective.SELF)
    mirrored = score_answers(instrument, flipped, Perspective.SELF)
    for a, b in zip(original.dimensions, mirrored.dimensions, strict=True):
        assert a.score is not None and b.score is not None
        assert a.score + b.score == pytest.approx(100.0, abs=0.11)
