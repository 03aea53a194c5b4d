"""The shipped analyzer files are checked against their recorded SHA-256 before use."""

from __future__ import annotations

import gzip
import io

import numpy as np
import pytest

from reconnect.analysis.harm_model import HARM_MODEL_FILE, load_harm_model, parse_harm_model
from reconnect.analysis.harm_reader import READER_FILE, parse_reader
from reconnect.analysis.harm_reader import TOKENIZER_FILE as READER_TOKENIZER_FILE
from reconnect.analysis.heads import HEADS, HEADS_FILE, load_heads, parse_heads
from reconnect.analysis.lexicon import check_artefact, feelings, read_data, read_manifest
from reconnect.analysis.static import (
    DIMENSIONS,
    SCALES_FILE,
    TOKENIZER_FILE,
    VECTORS_FILE,
    WORDPIECE_FILE,
    load_static,
)
from reconnect.errors import ContentError

ARTEFACTS = [
    HEADS_FILE,
    HARM_MODEL_FILE,
    VECTORS_FILE,
    SCALES_FILE,
    TOKENIZER_FILE,
    WORDPIECE_FILE,
    READER_FILE,
    READER_TOKENIZER_FILE,
]


@pytest.mark.parametrize("name", ARTEFACTS)
def test_every_artefact_matches_the_manifest(name: str) -> None:
    assert check_artefact(name, read_data(name), read_manifest()) == read_data(name)


@pytest.mark.parametrize("name", ARTEFACTS)
def test_a_changed_byte_is_refused(name: str) -> None:
    flipped = bytearray(read_data(name))
    flipped[len(flipped) // 2] ^= 0x01
    with pytest.raises(ContentError, match="does not match its recorded hash"):
        check_artefact(name, bytes(flipped), read_manifest())


def test_a_file_missing_from_the_manifest_is_refused() -> None:
    with pytest.raises(ContentError):
        check_artefact(HEADS_FILE, read_data(HEADS_FILE), {})


def _rewritten(name: str = HEADS_FILE, **changes: object) -> bytes:
    with np.load(io.BytesIO(read_data(name)), allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    arrays.update(changes)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_heads_for_other_markers_or_another_embedding_are_refused() -> None:
    with pytest.raises(ContentError, match="other heads"):
        parse_heads(_rewritten(heads=np.array(HEADS[:-1])))
    with pytest.raises(ContentError, match="another embedding"):
        parse_heads(_rewritten(static_model=np.array("other.npy")))
    with pytest.raises(ContentError, match="cannot be read"):
        parse_heads(b"not a numpy archive")


def test_the_harm_layer_is_small_and_refuses_another_embedding_or_bad_weights() -> None:
    assert len(read_data(HARM_MODEL_FILE)) < 200_000
    model = load_harm_model()
    for head in (model.real, model.twin):
        assert head.dense.shape == (DIMENSIONS,)
        assert 0 <= head.threshold < 1
    with pytest.raises(ContentError, match="another embedding"):
        parse_harm_model(_rewritten(HARM_MODEL_FILE, static_model=np.array("other.npy")))
    with pytest.raises(ContentError, match="wrong shape"):
        parse_harm_model(_rewritten(HARM_MODEL_FILE, twin_dense=np.zeros(3, np.float32)))
    with pytest.raises(ContentError, match="cannot be read"):
        parse_harm_model(b"not a numpy archive")


def test_the_loaded_heads_have_a_threshold_for_every_marker_and_both_crisis_tiers() -> None:
    heads, thresholds = load_heads()
    assert heads.dense.shape == (len(HEADS), DIMENSIONS)
    assert set(thresholds.markers) == set(HEADS) - {"crisis", "subject_other", "journal"}
    assert all(0 < t < 1 for t in thresholds.markers.values())
    assert 0 < thresholds.concern < thresholds.confident < 1
    assert 0 < thresholds.journal < 1


def test_the_static_model_gives_unit_vectors_and_tells_words_apart() -> None:
    encoder = load_static()
    numb, empty, pizza = (encoder.embed(t) for t in ("I feel numb", "I feel empty", "pizza"))
    assert abs(float(numb @ numb) - 1.0) < 1e-4
    assert float(numb @ empty) > float(numb @ pizza)
    assert not encoder.embed("").any()


def test_sentences_are_embedded_from_the_same_pass() -> None:
    from reconnect.analysis.tokens import sentences

    text = "Gym this morning. I feel numb."
    parts = sentences(text)
    whole, *each = load_static().embed_spans(text, parts)
    alone = load_static().embed("I feel numb.")
    assert float(each[1] @ alone) > 0.99
    assert float(whole @ alone) < 0.99


def test_the_feelings_lexicon_is_large_and_families_are_known() -> None:
    words = feelings()
    assert len(words) >= 150
    assert {f.family for f in words} >= {"sad", "angry", "fearful", "happy", "calm", "numb"}


def test_a_sentence_reader_of_the_wrong_shape_or_garbage_is_refused() -> None:
    tokenizer = read_data(READER_TOKENIZER_FILE)
    wrong = _rewritten(READER_FILE, **{"head.weight": np.zeros((1, 3), np.float32)})
    with pytest.raises(ContentError, match="wrong shape"):
        parse_reader(wrong, tokenizer)
    with pytest.raises(ContentError, match="cannot be read"):
        parse_reader(b"not a numpy archive", tokenizer)
    with pytest.raises(ContentError, match="cannot be read"):
        parse_reader(read_data(READER_FILE), gzip.compress(b"{not json"))
