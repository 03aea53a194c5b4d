"""The crisis band head (``analysis/crisis_band.py``): a second learned opinion, asked only
where no firm rule decides, that confirms a calm check as the banner or clears a banner.

The real comments are GoEmotions' (Demszky et al., ACL 2020, CC BY 4.0), train split.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

from reconnect.analysis import analyze, default_analyzer
from reconnect.analysis.analyzer import Analyzer
from reconnect.analysis.crisis_band import BAND_FILE, load_band, parse_band
from reconnect.analysis.lexicon import read_checked
from reconnect.errors import ContentError


def _without_band() -> Analyzer:
    shipped = default_analyzer()
    return Analyzer(shipped.heads, shipped.thresholds)


def test_a_real_comment_the_fast_layers_only_asked_about_now_brings_the_banner() -> None:
    text = (
        "I don't feel alive anymore. I don't feel anything. I'm just numb all over. All I know "
        "is I want it to stop"
    )
    before = _without_band().analyze(text)
    assert before.concern and not before.crisis
    assert analyze(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "The few people that survive jumping from bridges say, almost invariably, that they "
        "regretted jumping the second they entered free fall.",
        "Are they sure one didn't kill the other and themselves?",
        "Lol! Taxes are where the soul goes to die. Good luck, man! Get that degree and run far "
        "away!",
    ],
)
def test_real_comments_the_fast_layers_bannered_get_the_calm_check_at_most(text: str) -> None:
    assert _without_band().analyze(text).crisis
    assert not analyze(text).crisis


def test_a_firm_rule_hit_is_never_cleared() -> None:
    # the head is not asked: an explicit statement keeps the banner whatever it reads
    for text in ("I want to kill myself.", "i'm going to kms tonight", "I took all my pills."):
        assert analyze(text).crisis, text


def test_the_head_reads_the_same_embedding_as_the_other_heads() -> None:
    band = load_band()
    assert band.dense.shape == (default_analyzer().heads.dense.shape[1],)
    assert 0.0 < band.probability(band.dense * 0, frozenset()) < 1.0


def test_a_band_head_of_the_wrong_shape_another_embedding_or_garbage_is_refused() -> None:
    raw = read_checked(BAND_FILE)
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}

    def packed(**changes: object) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, **{**arrays, **changes})
        return buffer.getvalue()

    with pytest.raises(ContentError, match="another embedding"):
        parse_band(packed(static_model=np.array("other.npy")))
    with pytest.raises(ContentError, match="wrong shape"):
        parse_band(packed(dense=np.zeros(3, np.float32)))
    with pytest.raises(ContentError, match="cannot be read"):
        parse_band(b"not an npz file")
    assert parse_band(packed()).bias == pytest.approx(load_band().bias)


@pytest.mark.parametrize(
    "text",
    [
        # probe6 statements (development data) that nothing else worried about
        "Tomorrow I stop being everyone's problem.",
        "tonight. done. sorry.",
        "Time to log off. permanently. gg everyone",
        "Saturday night then. After everyone is asleep.",
    ],
)
def test_the_band_head_alone_asks_the_calm_question(text: str) -> None:
    before = _without_band().analyze(text)
    assert not (before.crisis or before.concern)
    after = analyze(text)
    assert after.concern or after.crisis


def test_ordinary_short_entries_are_not_asked_about() -> None:
    for text in ("Gym then tea.", "tonight: pasta. done.", "Log off at five, gg team", "ok"):
        reading = analyze(text)
        assert not (reading.crisis or reading.concern), text
