"""Shipped instruments load, trace every item to a seed, copy no wording and diagnose nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.content.seeds import copied_runs, seed_ids, words

from reconnect.content import load_instrument, load_instruments
from reconnect.content.instrument_files import parse_instrument
from reconnect.domain.selfcheck import Perspective, score_answers
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from reconnect.domain.selfcheck import Instrument

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT_DIR = ROOT / "src" / "reconnect" / "content" / "instruments"
INSTRUMENT_FILES = sorted(INSTRUMENT_DIR.glob("*.toml"))
SHIPPED = load_instruments()
REQUIRED_DIMENSIONS = {
    "numbness",
    "intimacy_avoidance",
    "withdrawal",
    "low_empathy",
    "suppression",
    "autopilot",
}
RUN = 6
# Results speak of signs and patterns, never of a diagnosis (DESIGN.md, "Safety rules").
DIAGNOSTIC = re.compile(
    r"diagnos|disorder|depress|symptom|mental illness|illness|patient|ptsd|pathologi|"
    r"\byou have\b|\byou suffer|suffering from|\bsick\b",
    re.IGNORECASE,
)


def user_facing(instrument: Instrument) -> list[str]:
    """Every string of an instrument that a person reads."""
    found = [instrument.title, instrument.description, instrument.missing_rule_text]
    found += list(instrument.scale.labels)
    for dimension in instrument.dimensions:
        found += [dimension.name, dimension.description]
    for item in instrument.items:
        found += [item.text_self, item.text_partner]
    for band in instrument.bands:
        found += [band.label, band.text]
    for rule in instrument.seek_help:
        found += [rule.condition_text, rule.suggestion]
    for row in instrument.contrast:
        found += [row.detached, row.healthy]
    return found


by_id = pytest.mark.parametrize("instrument", SHIPPED, ids=lambda i: i.id)


def test_at_least_one_instrument_file_is_shipped() -> None:
    assert INSTRUMENT_FILES, f"no instrument files in {INSTRUMENT_DIR}"
    assert len(SHIPPED) == len(INSTRUMENT_FILES)


@pytest.mark.parametrize("path", INSTRUMENT_FILES, ids=lambda p: p.name)
def test_every_instrument_file_validates_and_is_named_after_its_id(path: Path) -> None:
    instrument = parse_instrument(path.read_text(encoding="utf-8"), path.name)
    assert path.stem == instrument.id
    assert load_instrument(instrument.id) == instrument


def test_instrument_ids_are_unique() -> None:
    ids = [instrument.id for instrument in SHIPPED]
    assert len(ids) == len(set(ids))


def test_detachment_signs_has_enough_items_and_the_six_dimensions() -> None:
    instrument = load_instrument("detachment-signs")
    assert len(instrument.items) >= 24
    assert len(instrument.dimensions) >= 6
    assert {d.id for d in instrument.dimensions} >= REQUIRED_DIMENSIONS
    for dimension in instrument.dimensions:
        count = sum(1 for item in instrument.items if item.dimension == dimension.id)
        assert count >= 4, f"{dimension.id} has only {count} items"


def test_detachment_signs_uses_a_five_point_frequency_scale() -> None:
    instrument = load_instrument("detachment-signs")
    assert instrument.scale.values == (0, 1, 2, 3, 4)
    assert instrument.scale.labels[0] == "Never"
    assert instrument.scale.labels[-1] == "Almost always"
    assert "two weeks" in instrument.description


def test_detachment_signs_has_four_bands_and_four_contrast_rows() -> None:
    instrument = load_instrument("detachment-signs")
    assert [(b.id, b.lower) for b in instrument.bands] == [
        ("few", 0),
        ("some", 25),
        ("many", 50),
        ("strong", 75),
    ]
    assert len(instrument.contrast) == 4
    covered = {dim for row in instrument.contrast for dim in row.dimensions}
    assert covered == {d.id for d in instrument.dimensions}


def test_the_most_detached_answers_fire_every_seek_help_rule() -> None:
    instrument = load_instrument("detachment-signs")
    detached = {item.id: 0 if item.reverse else 4 for item in instrument.items}
    healthy = {item.id: 4 if item.reverse else 0 for item in instrument.items}
    fired = score_answers(instrument, detached, Perspective.SELF).seek_help
    assert fired == tuple(rule.id for rule in instrument.seek_help)
    assert score_answers(instrument, healthy, Perspective.SELF).seek_help == ()


@by_id
def test_every_dimension_item_and_rule_names_an_existing_seed_file(
    instrument: Instrument,
) -> None:
    named = [d.seed for d in instrument.dimensions]
    named += [i.seed for i in instrument.items]
    named += [r.seed for r in instrument.seek_help]
    assert set(named) <= seed_ids()


@by_id
def test_no_run_of_six_words_is_copied_from_a_seed(instrument: Instrument) -> None:
    copied = {text: copied_runs(text) for text in user_facing(instrument) if copied_runs(text)}
    assert copied == {}


def test_the_copy_check_ignores_case_and_punctuation() -> None:
    assert words("Don’t  take it PERSONALLY, at all!") == words("dont take it personally at all")
    assert copied_runs("Reduced ABILITY to express emotion; difficulty ...") != []
    assert copied_runs("a sentence the project wrote itself, about nothing in particular") == []
    assert seed_ids() == {"000", "001", "002", "003", "004"}


@by_id
def test_no_user_facing_string_uses_diagnostic_language(instrument: Instrument) -> None:
    flagged = [text for text in user_facing(instrument) if DIAGNOSTIC.search(text)]
    assert flagged == []


@pytest.mark.parametrize("path", INSTRUMENT_FILES, ids=lambda p: p.name)
def test_no_diagnostic_language_even_in_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert DIAGNOSTIC.findall(text) == []


@by_id
def test_every_dimension_has_a_reverse_keyed_item(instrument: Instrument) -> None:
    for dimension in instrument.dimensions:
        reverse = [i.id for i in instrument.items if i.dimension == dimension.id and i.reverse]
        assert reverse, f"{dimension.id} has no reverse-keyed item"


@by_id
def test_each_item_is_worded_differently_for_each_perspective(instrument: Instrument) -> None:
    for item in instrument.items:
        assert item.text_self != item.text_partner, item.id
        assert "partner" in item.text_partner.casefold(), item.id
    for perspective in Perspective:
        texts = [item.text_for(perspective) for item in instrument.items]
        assert len(texts) == len(set(texts)), f"two {perspective} items share a wording"


@by_id
def test_self_wording_speaks_as_i_and_partner_wording_names_the_partner(
    instrument: Instrument,
) -> None:
    for item in instrument.items:
        assert re.search(r"\b(i|me|my|myself)\b", item.text_self, re.IGNORECASE), item.id
        assert not re.search(r"\bmy partner\b", item.text_self, re.IGNORECASE), item.id


@by_id
def test_every_rule_and_contrast_row_has_text_and_a_known_target(instrument: Instrument) -> None:
    dimensions = {d.id for d in instrument.dimensions}
    items = {i.id for i in instrument.items}
    rule_ids = [rule.id for rule in instrument.seek_help]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in instrument.seek_help:
        assert rule.condition_text and rule.suggestion
        assert rule.match in {"any", "all"}
        for condition in rule.conditions:
            assert condition.dimension in dimensions or condition.item in items
            if condition.min_value is not None:
                assert condition.min_value in instrument.scale.values
    for row in instrument.contrast:
        assert row.detached and row.healthy and set(row.dimensions) <= dimensions


def test_no_item_asks_about_crisis_topics() -> None:
    crisis = re.compile(r"suicid|self-harm|harm yourself|kill|end (my|their) life|die\b", re.I)
    for instrument in SHIPPED:
        assert [t for t in user_facing(instrument) if crisis.search(t)] == []


SECOND = """\
id = "reconnection-moments"
version = 2
title = "Moments of reconnection"
description = "Think about the past week."
min_answered_fraction = 1.0
missing_rule = "Every statement must be answered."

[scale]
values = [1, 2, 3]
labels = ["Not at all", "A little", "A lot"]

[[dimensions]]
id = "opening_up"
name = "Opening up"
description = "Sharing what is felt."
seed = "003"

[[items]]
id = "op1"
dimension = "opening_up"
self = "I told someone how I really felt."
partner = "My partner told me how they really felt."
seed = "003"

[[items]]
id = "op2"
dimension = "opening_up"
reverse = true
self = "I kept a feeling to myself that I wanted to share."
partner = "My partner kept a feeling to themselves that they wanted to share."
seed = "001"

[[bands]]
id = "low"
label = "Low"
lower = 0
text = "Few moments."

[[bands]]
id = "high"
label = "High"
lower = 50
text = "Many moments."

[[seek_help]]
id = "sharing"
condition = "Sharing stays hard."
suggestion = "Talk to a counsellor."
when = [{ item = "op2", min_value = 3 }]
seed = "001"

[[contrast]]
detached = "Keeping it in"
healthy = "Letting it out"
dimensions = ["opening_up"]
"""


def test_a_second_instrument_parses_from_a_file_without_code_changes(tmp_path: Path) -> None:
    path = tmp_path / "reconnection-moments.toml"
    path.write_text(SECOND, encoding="utf-8")
    instrument = parse_instrument(path.read_text(encoding="utf-8"), path.name)
    assert (instrument.id, instrument.version) == ("reconnection-moments", 2)
    assert [i.id for i in instrument.items] == ["op1", "op2"]
    assert instrument.seek_help[0].match == "any"
    score = score_answers(instrument, {"op1": 3, "op2": 3}, Perspective.PARTNER)
    assert score.for_dimension("opening_up").score == 50.0
    assert score.for_dimension("opening_up").band == "high"
    assert score.seek_help == ("sharing",)
    partial = score_answers(instrument, {"op1": 3}, Perspective.SELF)
    assert partial.for_dimension("opening_up").score is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            'dimension = "opening_up"\nreverse',
            'dimension = "closing_down"\nreverse',
            "item op2 names unknown dimension closing_down",
            id="unknown-dimension",
        ),
        pytest.param('id = "op2"', 'id = "op1"', "item ids must be unique", id="duplicate-item"),
        pytest.param(
            'seed = "003"\n\n[[items]]',
            'seed = "003"\n\n[[dimensions]]\nid = "opening_up"\nname = "Again"\n'
            'description = "x"\nseed = "003"\n\n[[items]]',
            "dimension ids must be unique",
            id="duplicate-dimension",
        ),
        pytest.param("lower = 0\n", "lower = 10\n", "bands must start at 0", id="bands-from-10"),
        pytest.param("lower = 50\n", "lower = 0\n", "ascend strictly", id="bands-not-ascending"),
        pytest.param("version = 2", "version = 2\ncolour = 'red'", "Extra inputs", id="extra-top"),
        pytest.param('id = "op1"', 'id = "op1"\nweight = 2', "Extra inputs", id="extra-in-item"),
        pytest.param(
            '{ item = "op2"', '{ item = "op9"', "names unknown item op9", id="rule-unknown-item"
        ),
        pytest.param(
            'dimensions = ["opening_up"]',
            'dimensions = ["nowhere"]',
            "contrast row names unknown dimension",
            id="contrast-unknown-dimension",
        ),
        pytest.param('seed = "003"', 'seed = "005"', "seed", id="unknown-seed"),
        pytest.param('"A lot"]', '"A lot", "Always"]', "one label per value", id="labels-mismatch"),
        pytest.param("values = [1, 2, 3]", "values = [3, 2, 1]", "ascending", id="scale-order"),
        pytest.param(
            "min_value = 3 }",
            "min_value = 3, dimension = 'opening_up', min_score = 5 }",
            "either dimension+min_score or item+min_value",
            id="condition-both-kinds",
        ),
        pytest.param("[scale]", "[scale", "Expected", id="broken-toml"),
        pytest.param("version = 2", "version = 0", "greater than or equal to 1", id="version-0"),
    ],
)
def test_malformed_instruments_raise_content_error_naming_the_file(
    old: str, new: str, message: str
) -> None:
    broken = SECOND.replace(old, new, 1)
    assert broken != SECOND, f"the test's replacement of {old!r} did not apply"
    with pytest.raises(ContentError, match=re.escape(message)) as caught:
        parse_instrument(broken, "broken.toml")
    assert "broken.toml" in str(caught.value)


def test_the_second_instrument_text_is_valid_before_it_is_broken() -> None:
    assert parse_instrument(SECOND, "second.toml").id == "reconnection-moments"
