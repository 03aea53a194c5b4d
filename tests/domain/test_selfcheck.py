"""Self-check scoring rules: reverse keys, the missing-answer rule, bands, seek-help, trends."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.content import load_instrument
from reconnect.domain.selfcheck import (
    Band,
    Condition,
    ContrastRow,
    Dimension,
    DimensionScore,
    Instrument,
    Item,
    Perspective,
    Scale,
    SeekHelpRule,
    band_for,
    elevated_contrast,
    rule_fires,
    score_answers,
    trend,
    validate_answers,
)
from reconnect.errors import InputError

BANDS = (
    Band("few", "Few signs", 0, "few"),
    Band("some", "Some signs", 25, "some"),
    Band("many", "Many signs", 50, "many"),
    Band("strong", "Strong signs", 75, "strong"),
)
FIVE_POINT = Scale((0, 1, 2, 3, 4), ("Never", "Rarely", "Sometimes", "Often", "Almost always"))


def item(item_id: str, dimension: str, reverse: bool = False) -> Item:
    return Item(item_id, dimension, reverse, f"I {item_id}.", f"My partner {item_id}.", "000")


def rule(rule_id: str, match: str, *conditions: Condition, seed: str = "001") -> SeekHelpRule:
    return SeekHelpRule(rule_id, f"{rule_id} holds", "Talk to someone.", conditions, match, seed)


def make_instrument(
    items: tuple[Item, ...] | None = None,
    *,
    scale: Scale = FIVE_POINT,
    fraction: float = 0.5,
    rules: tuple[SeekHelpRule, ...] = (),
    contrast: tuple[ContrastRow, ...] = (),
) -> Instrument:
    """A small instrument: ``alpha`` has four items (a3 reverse-keyed), ``beta`` two (b2)."""
    items = items or (
        item("a1", "alpha"),
        item("a2", "alpha"),
        item("a3", "alpha", reverse=True),
        item("a4", "alpha"),
        item("b1", "beta"),
        item("b2", "beta", reverse=True),
    )
    dimension_ids = list(dict.fromkeys(i.dimension for i in items))
    return Instrument(
        id="test",
        version=1,
        title="Test",
        description="For tests.",
        scale=scale,
        dimensions=tuple(Dimension(d, d.title(), "", "000") for d in dimension_ids),
        items=items,
        bands=BANDS,
        seek_help=rules,
        contrast=contrast,
        min_answered_fraction=fraction,
        missing_rule_text="At least half.",
    )


def score_of(instrument: Instrument, answers: dict[str, int], dimension: str) -> float | None:
    return score_answers(instrument, answers, Perspective.SELF).for_dimension(dimension).score


# ---------------------------------------------------------------- reverse keys and range


def test_reverse_keyed_items_are_inverted() -> None:
    instrument = make_instrument()
    assert score_of(instrument, {"b1": 4, "b2": 0}, "beta") == 100.0
    assert score_of(instrument, {"b1": 0, "b2": 4}, "beta") == 0.0
    assert score_of(instrument, {"b1": 4, "b2": 4}, "beta") == 50.0
    assert score_of(instrument, {"b1": 3, "b2": 1}, "beta") == 75.0


def test_a_reverse_keyed_item_alone_scores_its_inverted_value() -> None:
    instrument = make_instrument((item("r1", "solo", reverse=True), item("r2", "solo")))
    assert score_of(instrument, {"r1": 1}, "solo") == 75.0


def test_answering_the_detached_end_everywhere_gives_100_and_the_band_strong() -> None:
    instrument = make_instrument()
    detached = {i.id: 0 if i.reverse else 4 for i in instrument.items}
    score = score_answers(instrument, detached, Perspective.SELF)
    assert [(d.score, d.band) for d in score.dimensions] == [(100.0, "strong")] * 2
    assert score.missing == ()


def test_answering_the_healthy_end_everywhere_gives_0_and_the_band_few() -> None:
    instrument = make_instrument()
    healthy = {i.id: 4 if i.reverse else 0 for i in instrument.items}
    score = score_answers(instrument, healthy, Perspective.PARTNER)
    assert [(d.score, d.band) for d in score.dimensions] == [(0.0, "few")] * 2
    assert score.perspective is Perspective.PARTNER


def test_the_shipped_instrument_scores_100_and_0_at_its_two_ends() -> None:
    instrument = load_instrument()
    detached = {i.id: 0 if i.reverse else 4 for i in instrument.items}
    healthy = {i.id: 4 if i.reverse else 0 for i in instrument.items}
    high = score_answers(instrument, detached, Perspective.SELF)
    low = score_answers(instrument, healthy, Perspective.SELF)
    assert {(d.score, d.band) for d in high.dimensions} == {(100.0, "strong")}
    assert {(d.score, d.band) for d in low.dimensions} == {(0.0, "few")}
    assert high.instrument_id == "detachment-signs"
    assert high.instrument_version == instrument.version


def test_a_scale_that_does_not_start_at_0_is_normalised_to_0_100() -> None:
    scale = Scale((1, 2, 3, 4, 5, 6, 7), tuple("abcdefg"))
    instrument = make_instrument((item("x1", "x"), item("x2", "x", reverse=True)), scale=scale)
    assert score_of(instrument, {"x1": 7, "x2": 1}, "x") == 100.0
    assert score_of(instrument, {"x1": 1, "x2": 7}, "x") == 0.0
    assert score_of(instrument, {"x1": 4, "x2": 4}, "x") == 50.0
    assert score_of(instrument, {"x1": 2}, "x") == pytest.approx(16.7)


# ---------------------------------------------------------------- the missing-answer rule


def test_too_few_answers_leave_a_dimension_unscored_and_list_what_is_missing() -> None:
    score = score_answers(make_instrument(), {"a1": 4, "b1": 2}, Perspective.SELF)
    alpha = score.for_dimension("alpha")
    assert (alpha.score, alpha.band, alpha.answered, alpha.total) == (None, None, 1, 4)
    beta = score.for_dimension("beta")
    assert (beta.score, beta.band, beta.answered, beta.total) == (50.0, "many", 1, 2)
    assert score.missing == ("a2", "a3", "a4", "b2")


def test_exactly_the_minimum_fraction_is_scored_from_the_answered_items_only() -> None:
    score = score_answers(make_instrument(), {"a1": 4, "a2": 2}, Perspective.SELF)
    alpha = score.for_dimension("alpha")
    assert (alpha.score, alpha.band, alpha.answered, alpha.total) == (75.0, "strong", 2, 4)


@pytest.mark.parametrize(
    ("answered", "scored"),
    [
        pytest.param(2, False, id="2-of-4-below-75pc"),
        pytest.param(3, True, id="3-of-4-at-75pc"),
        pytest.param(4, True, id="all"),
    ],
)
def test_the_fraction_comes_from_the_instrument(answered: int, scored: bool) -> None:
    instrument = make_instrument(fraction=0.75)
    answers = dict.fromkeys(("a1", "a2", "a3", "a4")[:answered], 2)
    assert (score_of(instrument, answers, "alpha") is not None) is scored


def test_a_fraction_of_one_needs_every_item() -> None:
    instrument = make_instrument(fraction=1.0)
    assert score_of(instrument, {"b1": 1}, "beta") is None
    assert score_of(instrument, {"b1": 1, "b2": 3}, "beta") == 25.0


def test_no_answers_at_all_score_nothing_and_list_every_item() -> None:
    instrument = make_instrument()
    score = score_answers(instrument, {}, Perspective.SELF)
    assert all(d.score is None and d.band is None for d in score.dimensions)
    assert score.missing == tuple(i.id for i in instrument.items)
    assert score.seek_help == ()


def test_exactly_the_fraction_is_scored_even_when_the_product_is_inexact() -> None:
    # 0.28 * 25 is 7.000000000000001 in floating point; 7 of 25 is exactly 28%.
    items = tuple(item(f"z{n}", "z") for n in range(25))
    instrument = make_instrument(items, fraction=0.28)
    answers = {f"z{n}": 2 for n in range(7)}
    assert score_of(instrument, answers, "z") == 50.0


# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("value", "band"),
    [
        pytest.param(0.0, "few", id="0"),
        pytest.param(24.9, "few", id="24.9"),
        pytest.param(25.0, "some", id="25.0"),
        pytest.param(49.9, "some", id="49.9"),
        pytest.param(50.0, "many", id="50.0"),
        pytest.param(74.9, "many", id="74.9"),
        pytest.param(75.0, "strong", id="75.0"),
        pytest.param(100.0, "strong", id="100"),
    ],
)
def test_a_score_on_a_band_edge_belongs_to_the_higher_band(value: float, band: str) -> None:
    assert band_for(BANDS, value).id == band


def test_a_scored_25_lands_in_the_band_some() -> None:
    instrument = make_instrument((item("q1", "q"),))
    score = score_answers(instrument, {"q1": 1}, Perspective.SELF).for_dimension("q")
    assert (score.score, score.band) == (25.0, "some")


def test_scores_are_rounded_to_one_decimal() -> None:
    instrument = make_instrument((item("t1", "t"), item("t2", "t"), item("t3", "t")))
    assert score_of(instrument, {"t1": 1, "t2": 0, "t3": 0}, "t") == 8.3
    assert score_of(instrument, {"t1": 4, "t2": 4, "t3": 3}, "t") == 91.7


# ---------------------------------------------------------------- invalid answers


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        pytest.param({"zz": 1}, "unknown item id 'zz'", id="unknown-id"),
        pytest.param({"a1": 1, "nb1": 2}, "unknown item id 'nb1'", id="id-of-another-instrument"),
        pytest.param({"a1": 5}, "answer to 'a1' is 5, outside the scale [0, 1, 2, 3, 4]", id="5"),
        pytest.param({"a2": -1}, "answer to 'a2' is -1, outside the scale", id="negative"),
        pytest.param({"a3": 2.0}, "answer to 'a3' must be a whole number", id="float"),
        pytest.param({"a3": 2.5}, "answer to 'a3' must be a whole number", id="fraction"),
        pytest.param({"a4": "2"}, "answer to 'a4' must be a whole number", id="string"),
        pytest.param({"b1": True}, "answer to 'b1' must be a whole number", id="true"),
        pytest.param({"b1": False}, "answer to 'b1' must be a whole number", id="false"),
        pytest.param({"b2": None}, "answer to 'b2' must be a whole number", id="none"),
        pytest.param({"b2": [2]}, "answer to 'b2' must be a whole number", id="list"),
    ],
)
def test_invalid_answers_raise_input_error_naming_the_item(
    answers: dict[str, object], message: str
) -> None:
    instrument = make_instrument()
    with pytest.raises(InputError, match=re.escape(message)):
        validate_answers(instrument, answers)
    with pytest.raises(InputError, match=re.escape(message)):
        score_answers(instrument, answers, Perspective.SELF)


def test_an_unknown_id_comes_with_a_hint_to_list_the_items() -> None:
    with pytest.raises(InputError) as caught:
        validate_answers(make_instrument(), {"zz": 1})
    assert caught.value.hint is not None
    assert "--list-items" in caught.value.hint


def test_valid_answers_come_back_unchanged_as_integers() -> None:
    assert validate_answers(make_instrument(), {"a1": 0, "b2": 4}) == {"a1": 0, "b2": 4}
    assert validate_answers(make_instrument(), {}) == {}


def test_looking_up_an_unknown_dimension_or_item_raises_input_error() -> None:
    instrument = make_instrument()
    with pytest.raises(InputError, match="unknown item id 'zz'"):
        instrument.item("zz")
    with pytest.raises(InputError, match="unknown dimension 'gamma'"):
        instrument.dimension("gamma")
    with pytest.raises(InputError, match="unknown band 'huge'"):
        instrument.band("huge")
    score = score_answers(instrument, {}, Perspective.SELF)
    with pytest.raises(InputError, match="no score for dimension 'gamma'"):
        score.for_dimension("gamma")


# ---------------------------------------------------------------- seek-help rules


def scores(**values: float | None) -> dict[str, DimensionScore]:
    return {
        name: DimensionScore(name, value, None if value is None else "x", 1, 1)
        for name, value in values.items()
    }


HIGH_ALPHA = Condition(dimension="alpha", min_score=75)
OFTEN_B1 = Condition(item="b1", min_value=3)


@pytest.mark.parametrize(
    ("alpha", "b1", "fires_any", "fires_all"),
    [
        pytest.param(80.0, 4, True, True, id="both-hold"),
        pytest.param(75.0, 3, True, True, id="both-exactly-at-minimum"),
        pytest.param(80.0, 2, True, False, id="only-dimension"),
        pytest.param(74.9, 3, True, False, id="only-item"),
        pytest.param(10.0, 0, False, False, id="neither"),
        pytest.param(None, 4, True, False, id="unscored-dimension-never-holds"),
        pytest.param(90.0, None, True, False, id="unanswered-item-never-holds"),
    ],
)
def test_rules_match_any_or_all_of_their_dimension_and_item_conditions(
    alpha: float | None, b1: int | None, fires_any: bool, fires_all: bool
) -> None:
    answers = {} if b1 is None else {"b1": b1}
    by_dimension = scores(alpha=alpha)
    assert rule_fires(rule("r", "any", HIGH_ALPHA, OFTEN_B1), by_dimension, answers) is fires_any
    assert rule_fires(rule("r", "all", HIGH_ALPHA, OFTEN_B1), by_dimension, answers) is fires_all


def test_an_item_condition_reads_the_raw_answer_not_the_reversed_points() -> None:
    reversed_item = Condition(item="b2", min_value=3)
    assert rule_fires(rule("r", "any", reversed_item), scores(), {"b2": 4})
    assert not rule_fires(rule("r", "any", reversed_item), scores(), {"b2": 0})


def test_score_answers_lists_the_rules_that_fire_in_instrument_order() -> None:
    rules = (
        rule("all_of_them", "all", HIGH_ALPHA, OFTEN_B1),
        rule("either", "any", HIGH_ALPHA, OFTEN_B1),
        rule("beta_high", "any", Condition(dimension="beta", min_score=50)),
    )
    instrument = make_instrument(rules=rules)
    item_only = score_answers(instrument, {"b1": 3}, Perspective.SELF)
    assert item_only.seek_help == ("either", "beta_high")
    everything = {"a1": 4, "a2": 4, "a3": 0, "a4": 4, "b1": 4, "b2": 0}
    assert score_answers(instrument, everything, Perspective.SELF).seek_help == (
        "all_of_them",
        "either",
        "beta_high",
    )
    calm = {"a1": 0, "a2": 0, "b1": 1, "b2": 4}
    assert score_answers(instrument, calm, Perspective.SELF).seek_help == ()


def test_the_shipped_rules_fire_on_their_own_conditions() -> None:
    instrument = load_instrument()
    fired = score_answers(instrument, {"wd5": 3, "hp1": 4}, Perspective.SELF).seek_help
    assert fired == ("daily_life", "persistent_numbness")
    calm = score_answers(instrument, {"wd5": 2, "hp1": 2}, Perspective.SELF).seek_help
    assert calm == ()


# ---------------------------------------------------------------- contrast and trend


def test_contrast_rows_are_marked_where_one_of_their_dimensions_reaches_50() -> None:
    contrast = (
        ContrastRow("cold", "warm", ("alpha",)),
        ContrastRow("shut", "open", ("beta",)),
        ContrastRow("either", "both", ("alpha", "beta")),
    )
    instrument = make_instrument(contrast=contrast)
    score = score_answers(instrument, {"a1": 2, "a2": 2, "b1": 1, "b2": 4}, Perspective.SELF)
    assert [(row.detached, found) for row, found in elevated_contrast(instrument, score)] == [
        ("cold", True),
        ("shut", False),
        ("either", True),
    ]


def test_an_unscored_dimension_never_marks_a_contrast_row() -> None:
    instrument = make_instrument(contrast=(ContrastRow("cold", "warm", ("alpha",)),))
    score = score_answers(instrument, {"a1": 4}, Perspective.SELF)
    assert elevated_contrast(instrument, score) == [(instrument.contrast[0], False)]


def test_trend_draws_one_block_per_score_and_a_space_for_a_gap() -> None:
    assert trend([0, 50, 100, None]) == "▁▅█ "
    assert trend([]) == ""
    assert trend([None, None]) == "  "
    assert trend([0.0, 14.3, 28.6, 42.9, 57.1, 71.4, 85.7, 100.0]) == "▁▂▃▄▅▆▇█"


def test_trend_rounds_to_the_nearest_block() -> None:
    assert trend([7.0]) == "▁"
    assert trend([8.0]) == "▂"
    assert trend([99.0]) == "█"


# ---------------------------------------------------------------- properties

SHIPPED = load_instrument()


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    """Random small instruments: any scale start and length, 1-6 items per dimension."""
    low = draw(st.integers(-2, 3))
    size = draw(st.integers(2, 8))
    values = tuple(range(low, low + size))
    scale = Scale(values, tuple(f"v{v}" for v in values))
    items: list[Item] = []
    for d in range(draw(st.integers(1, 3))):
        for n in range(draw(st.integers(1, 6))):
            items.append(item(f"d{d}i{n}", f"dim{d}", reverse=draw(st.booleans())))
    fraction = draw(st.sampled_from([0.25, 0.5, 0.75, 1.0]))
    return make_instrument(tuple(items), scale=scale, fraction=fraction)


@st.composite
def instrument_and_answers(draw: st.DrawFn, complete: bool) -> tuple[Instrument, dict[str, int]]:
    instrument = draw(instruments())
    values = st.sampled_from(instrument.scale.values)
    answers: dict[str, int] = {}
    for one in instrument.items:
        if complete or draw(st.booleans()):
            answers[one.id] = draw(values)
    return instrument, answers


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers(complete=False))
def test_every_score_stays_within_0_and_100_and_has_a_band(
    case: tuple[Instrument, dict[str, int]],
) -> None:
    instrument, answers = case
    result = score_answers(instrument, answers, Perspective.SELF)
    band_ids = {b.id for b in instrument.bands}
    for dimension in result.dimensions:
        if dimension.score is None:
            assert dimension.band is None
            assert dimension.answered < instrument.min_answered_fraction * dimension.total
        else:
            assert 0.0 <= dimension.score <= 100.0
            assert dimension.band in band_ids
            assert dimension.band == band_for(instrument.bands, dimension.score).id
    assert set(result.missing) == {i.id for i in instrument.items} - set(answers)


@settings(max_examples=300, deadline=None)
@given(instrument_and_answers(complete=True))
def test_flipping_every_answer_mirrors_every_score(
    case: tuple[Instrument, dict[str, int]],
) -> None:
    instrument, answers = case
    low, high = instrument.scale.low, instrument.scale.high
    flipped = {key: low + high - value for key, value in answers.items()}
    original = score_answers(instrument, answers, Perspective.SELF)
    mirrored = score_answers(instrument, flipped, Perspective.SELF)
    for a, b in zip(original.dimensions, mirrored.dimensions, strict=True):
        assert a.score is not None and b.score is not None
        assert b.score == pytest.approx(100.0 - a.score, abs=1e-9)


shipped_answers = st.fixed_dictionaries(
    {}, optional={one.id: st.integers(0, 4) for one in SHIPPED.items}
)


@settings(max_examples=250, deadline=None)
@given(shipped_answers)
def test_the_shipped_instrument_keeps_every_score_in_range_with_a_band(
    answers: dict[str, int],
) -> None:
    result = score_answers(SHIPPED, answers, Perspective.SELF)
    for dimension in result.dimensions:
        assert (dimension.score is None) == (dimension.band is None)
        if dimension.score is not None:
            assert 0.0 <= dimension.score <= 100.0
    assert len(result.missing) == len(SHIPPED.items) - len(answers)
    assert set(result.seek_help) <= {r.id for r in SHIPPED.seek_help}


@settings(max_examples=250, deadline=None)
@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_every_score_from_0_to_100_has_exactly_one_band(value: float) -> None:
    band = band_for(BANDS, value)
    assert band.lower <= value
    above = [b for b in BANDS if b.lower > band.lower]
    assert all(value < b.lower for b in above)
