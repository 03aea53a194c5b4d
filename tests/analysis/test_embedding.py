"""The sentence embedding: offline, hash-checked, deterministic, and cut into windows."""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING

import numpy as np
import pytest

from reconnect.analysis import analyze, embedding
from reconnect.analysis.crisis import find_crisis
from reconnect.analysis.embedding import DIMENSIONS, WINDOW_TOKENS, load_encoder
from reconnect.analysis.kernel import KERNEL_FILE, load_kernel, parse_kernel
from reconnect.analysis.lexicon import read_data
from reconnect.analysis.model import HEADS, MODEL_FILE, load_model, parse_model
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from pathlib import Path

ORDINARY = (
    "Walked the dog along the canal before work and the light on the water was lovely. "
    "Meetings until four, then a long call with the supplier about the late order. "
)


def _cosine(a: str, b: str) -> float:
    encoder = load_encoder()
    return float(encoder.embed_window(a) @ encoder.embed_window(b))


def test_an_embedding_is_a_unit_vector_of_the_model_width() -> None:
    (vector,) = load_encoder().embed("I feel numb and far away from everyone.").chunks
    assert vector.shape == (DIMENSIONS,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_the_same_text_gives_the_same_vector_alone_or_after_others() -> None:
    encoder = load_encoder()
    text = "I go through the motions at dinner and can't taste anything."
    first = encoder.embed_window(text)
    for other in ("short", ORDINARY * 3, "😶‍🌫️ اشعر بالخدر"):
        encoder.embed_window(other)
    assert np.array_equal(first, encoder.embed_window(text))


def test_paraphrase_lies_closer_than_an_unrelated_sentence() -> None:
    anchor = "I feel numb, like nothing reaches me anymore."
    assert _cosine(anchor, "Everything feels muted and far away, I can't feel much.") > _cosine(
        anchor, "The bus to the station was twenty minutes late again."
    )


def test_blank_text_has_no_windows_to_embed() -> None:
    embedded = load_encoder().embed("   \n\t")
    assert not embedded
    assert embedded.every == ()
    assert load_kernel().decision(embedded) == float("-inf")


def test_a_long_entry_is_cut_into_windows_of_whole_sentences() -> None:
    encoder = load_encoder()
    text = ORDINARY * 40
    windows = encoder.windows(text)
    assert len(windows) > 5
    # Every window is a run of whole sentences of the text, in order, within the size limit.
    position = 0
    for window in windows:
        position = text.index(window, position)
        assert len(encoder._tokenizer.encode(window, add_special_tokens=False).ids) <= WINDOW_TOKENS
    assert "".join(windows).replace(" ", "") == text.replace(" ", "")


def test_a_sign_at_the_end_of_a_long_entry_is_not_averaged_away() -> None:
    kernel, encoder = load_kernel(), load_encoder()
    sign = "I keep hoping I just won't wake up one of these mornings."
    everyday = encoder.embed(ORDINARY * 30)
    buried = encoder.embed(ORDINARY * 30 + sign)
    assert kernel.decision(encoder.embed(sign)) > 0 > kernel.decision(everyday)
    # Averaged with everything around it, the sentence is lost; read alone, it is not.
    assert max(kernel._values(buried.chunks)) < 0
    assert kernel.decision(buried, sentence_margin=0.0) > 0
    assert analyze(ORDINARY * 30 + sign).crisis
    assert not analyze(ORDINARY * 30).crisis


def test_only_a_longer_text_is_read_sentence_by_sentence() -> None:
    embedded = load_encoder().embed("Nothing reaches me these days. Not even music.")
    assert len(embedded.chunks) == 1
    assert embedded.sentences == ()
    longer = load_encoder().embed(ORDINARY * 2 + "Nothing reaches me these days. Not even music.")
    assert len(longer.chunks) == 1
    assert len(longer.sentences) == 6


def test_the_model_file_carries_dense_weights_for_every_head() -> None:
    model = load_model()
    assert model.dense is not None
    assert model.dense.shape == (len(HEADS), DIMENSIONS)


def _model_json() -> dict[str, object]:
    data: dict[str, object] = json.loads(gzip.decompress(read_data(MODEL_FILE)))
    return data


def test_dense_weights_for_another_embedding_model_are_refused() -> None:
    data = _model_json()
    data["embedding_model"] = "0" * 64
    with pytest.raises(ContentError, match="another embedding model"):
        parse_model(gzip.compress(json.dumps(data).encode()))


def test_dense_weights_of_the_wrong_shape_are_refused() -> None:
    data = _model_json()
    dense = data["dense"]
    assert isinstance(dense, list)
    data["dense"] = [row[:-1] for row in dense]
    with pytest.raises(ContentError, match="shape"):
        parse_model(gzip.compress(json.dumps(data).encode()))


def test_an_altered_network_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = embedding._model_path().read_bytes()
    altered = bytearray(real)
    altered[len(altered) // 2] ^= 0x01
    fake = tmp_path / "model.onnx"
    fake.write_bytes(bytes(altered))
    monkeypatch.setattr(embedding, "_model_path", lambda: fake)
    load_encoder.cache_clear()
    try:
        with pytest.raises(ContentError, match="does not match its recorded hash"):
            load_encoder()
    finally:
        monkeypatch.undo()
        load_encoder.cache_clear()
    assert load_encoder().embed_window("back to normal").shape == (DIMENSIONS,)


def test_a_kernel_for_another_embedding_model_or_of_the_wrong_size_is_refused() -> None:
    data = json.loads(gzip.decompress(read_data(KERNEL_FILE)))
    other = dict(data, embedding_model="0" * 64)
    with pytest.raises(ContentError, match="another embedding model"):
        parse_kernel(gzip.compress(json.dumps(other).encode()))
    short = dict(data, count=data["count"] + 1)
    with pytest.raises(ContentError, match="cannot be read"):
        parse_kernel(gzip.compress(json.dumps(short).encode()))
    with pytest.raises(ContentError, match="cannot be read"):
        parse_kernel(b"not gzip")


def test_the_kernel_shows_the_sentence_it_found_worrying_as_evidence() -> None:
    sign = "Told my best mate where the spare key is and asked him to check the flat next weekend."
    text = ORDINARY * 2 + sign + " " + ORDINARY
    assert find_crisis(text) == ()  # no rule sees it: only the learned layers can
    result = analyze(text)
    assert result.crisis
    (crisis,) = [m for m in result.markers if m.name == "crisis"]
    assert [span.text for span in crisis.evidence] == [sign]
    assert all(text[span.start : span.end] == span.text for span in crisis.evidence)
