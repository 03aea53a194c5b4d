"""Shipped content loads, traces to a seed, copies no sentence and diagnoses nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.content.seeds import copied_runs, seed_ids

from reconnect.content import load_feelings, load_instruments, load_texts
from reconnect.content.instrument_files import parse_instrument
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from reconnect.domain.selfcheck import Instrument

INSTRUMENT_DIR = (
    Path(__file__).resolve().parents[2] / "src" / "reconnect" / "content" / "instruments"
)
# SAFE-7: results speak of signs and patterns, never of a diagnosis.
DIAGNOSTIC = re.compile(
    r"\b(diagnos\w*|disorder|depression|depressed|ptsd|mental illness|patient|symptom of|"
    r"you have|you suffer|suffering from|pathologi\w*)\b",
    re.IGNORECASE,
)


def strings_of(instrument: Instrument) -> list[str]:
    found = [instrument.title, instrument.description, instrument.missing_rule_text]
    found += [s.name + " " + s.description for s in instrument.dimensions]
    found += [i.text_self for i in instrument.items] + [i.text_partner for i in instrument.items]
    found += [b.label + " " + b.text for b in instrument.bands]
    found += [r.condition_text + " " + r.suggestion for r in instrument.seek_help]
    found += [c.detached + " " + c.healthy for c in instrument.contrast]
    return found


def test_the_default_instrument_is_big_enough() -> None:
    (instrument,) = [i for i in load_instruments() if i.id == "detachment-signs"]
    assert len(instrument.items) >= 24
    assert len(instrument.dimensions) >= 6
    assert {d.id for d in instrument.dimensions} >= {
        "numbness",
        "intimacy_avoidance",
        "withdrawal",
        "low_empathy",
        "suppression",
        "autopilot",
    }


@pytest.mark.parametrize("instrument", load_instruments(), ids=lambda i: i.id)
def test_every_item_and_rule_traces_to_an_existing_seed(instrument: Instrument) -> None:
    seeds = seed_ids()
    named = [i.seed for i in instrument.items] + [r.seed for r in instrument.seek_help]
    named += [d.seed for d in instrument.dimensions]
    assert set(named) <= seeds


@pytest.mark.parametrize("instrument", load_instruments(), ids=lambda i: i.id)
def test_no_sentence_is_copied_from_a_seed(instrument: Instrument) -> None:
    copied = [s for s in strings_of(instrument) if copied_runs(s)]
    assert copied == []


@pytest.mark.parametrize("instrument", load_instruments(), ids=lambda i: i.id)
def test_no_diagnostic_language(instrument: Instrument) -> None:
    texts = [*strings_of(instrument), load_texts().disclaimer, load_texts().seek_help_intro]
    flagged = [t for t in texts if DIAGNOSTIC.search(t.replace("not a diagnosis", ""))]
    assert flagged == []


@pytest.mark.parametrize("instrument", load_instruments(), ids=lambda i: i.id)
def test_every_dimension_has_a_reverse_keyed_item_and_two_wordings(
    instrument: Instrument,
) -> None:
    for dimension in instrument.dimensions:
        assert any(i.reverse for i in instrument.items if i.dimension == dimension.id)
    assert all(i.text_self != i.text_partner for i in instrument.items)


def test_the_disclaimer_says_it_is_not_a_diagnosis() -> None:
    assert "not a diagnosis" in load_texts().disclaimer


def test_the_feelings_vocabulary_has_at_least_100_feelings_in_four_quadrants() -> None:
    quadrants = load_feelings()
    assert [q.id for q in quadrants] == ["red", "yellow", "blue", "green"]
    assert sum(len(q.feelings) for q in quadrants) >= 100


def test_another_instrument_is_just_another_file(tmp_path: Path) -> None:
    text = (INSTRUMENT_DIR / "detachment-signs.toml").read_text(encoding="utf-8")
    second = parse_instrument(text.replace('id = "detachment-signs"', 'id = "short-form"'), "x")
    assert second.id == "short-form"
    assert len(second.items) == len(load_instruments()[0].items)


VALID = (INSTRUMENT_DIR / "detachment-signs.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ('dimension = "numbness"', 'dimension = "nonsense"'),
            "unknown dimension",
            id="unknown-dimension",
        ),
        pytest.param(('id = "nb2"', 'id = "nb1"'), "item ids must be unique", id="duplicate-id"),
        pytest.param(
            ("lower = 0\n", "lower = 5\n"), "bands must start at 0", id="bands-not-from-0"
        ),
        pytest.param(
            ("version = 1", "version = 1\ncolour = 'red'"), "Extra inputs", id="extra-key"
        ),
        pytest.param(("[scale]", "[scale"), "Expected .]. at the end", id="broken-toml"),
        pytest.param(('seed = "000"', 'seed = "999"'), "seed", id="unknown-seed"),
    ],
)
def test_malformed_instruments_are_refused(change: tuple[str, str], message: str) -> None:
    broken = VALID.replace(change[0], change[1], 1)
    assert broken != VALID
    with pytest.raises(ContentError, match=message):
        parse_instrument(broken, "broken.toml")
