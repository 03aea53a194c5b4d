"""Feelings named by the lexicon and added by the learned layer (emotions.py, emotion_model.py)."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from reconnect.analysis.emotion_model import (
    FEELINGS,
    LABELS,
    MODEL_FILE,
    load_emotion_model,
    parse_model,
)
from reconnect.analysis.emotions import MAX_LEARNED, find_emotions, named_and_learned
from reconnect.analysis.features import word_features
from reconnect.analysis.lexicon import check_artefact, feelings, read_data, read_manifest
from reconnect.analysis.static import DIMENSIONS, load_static
from reconnect.domain.analysis import Emotion
from reconnect.errors import ContentError


def emotions(text: str) -> list[Emotion]:
    return find_emotions(text, load_static().embed(text))


def families(text: str) -> set[str]:
    return {e.family for e in emotions(text)}


def test_a_knot_of_dread_names_a_fearful_feeling() -> None:
    assert "fearful" in families("I felt a knot of dread before the call")


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("I miss my dad so much", "sad"),
        ("Thank you so much, this made my week", "loving"),
        ("He lied to me again. I want to scream.", "angry"),
        ("That's so gross", "disgusted"),
    ],
)
def test_the_learned_layer_adds_feelings_the_lexicon_does_not_name(text: str, family: str) -> None:
    assert family not in {e.family for e in find_emotions(text)}
    named, learned = named_and_learned(text, load_static().embed(text))
    assert named == find_emotions(text)
    assert family in {e.family for e in learned}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Felt anxious, then weirdly calm.", ["anxiety", "calm"]),
        ("So fed up and lonely tonight", ["frustration", "loneliness"]),
        ("I'm grateful, and relieved it's over", ["gratitude", "relief"]),
    ],
)
def test_named_feelings_come_first_in_order_of_mention(text: str, names: list[str]) -> None:
    assert [e.name for e in find_emotions(text)] == names
    assert [e.name for e in emotions(text)][: len(names)] == names


def test_without_an_embedding_only_the_lexicon_speaks() -> None:
    text = "Thank you so much, this made my week"
    assert find_emotions(text) == find_emotions(text, None) == []


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("I'm not sad at all, great day", {"sad"}),
        ("I don't feel numb anymore", {"numb", "sad"}),
        ("I am not happy.", {"happy", "calm", "loving"}),
        ("Never been less scared of a phone call", {"fearful"}),
    ],
)
def test_negated_feelings_are_not_named_by_either_layer(text: str, absent: set[str]) -> None:
    assert not families(text) & absent


def test_learned_feelings_are_few_known_and_scored() -> None:
    vocabulary = {(f.emotion, f.family) for f in feelings()}
    text = "I miss him, I'm furious at myself, thanks for nothing, what a mess, lol, wow"
    named, learned = named_and_learned(text, load_static().embed(text))
    assert len(learned) <= MAX_LEARNED
    assert not {e.name for e in named} & {e.name for e in learned}
    for emotion in learned:
        assert (emotion.name, emotion.family) in vocabulary
        assert 0 < emotion.score < 1


def test_given_word_features_give_the_same_answer() -> None:
    text = "I miss my dad so much"
    embedding = load_static().embed(text)
    assert find_emotions(text, embedding, word_features(text)) == find_emotions(text, embedding)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "\x00",
        "sad\x00angry\x00",
        "🙂🙃😭" * 40,
        "a" * 100_000,
        "I feel so sad. " * 6_600,
        "\u202e\u200bnot\u200b sad",
    ],
)
def test_hostile_input_never_raises(text: str) -> None:
    found = emotions(text)
    assert all(isinstance(e, Emotion) for e in found)
    assert find_emotions(text, np.zeros(DIMENSIONS, dtype=np.float32)) == find_emotions(text)


def test_an_embedding_of_the_wrong_shape_is_a_bug_not_a_guess() -> None:
    with pytest.raises(ValueError, match="shape"):
        find_emotions("I miss my dad", np.zeros(3, dtype=np.float32))


def test_every_label_maps_into_the_feelings_vocabulary() -> None:
    vocabulary = {(f.emotion, f.family) for f in feelings()}
    assert tuple(FEELINGS) == LABELS
    assert FEELINGS["neutral"] is None
    assert {target for target in FEELINGS.values() if target is not None} <= vocabulary


def test_the_weights_match_the_manifest_and_are_small() -> None:
    data = read_data(MODEL_FILE)
    assert check_artefact(MODEL_FILE, data, read_manifest()) == data
    assert len(data) < 300 * 1024
    model = load_emotion_model()
    assert len(model.thresholds) == len(LABELS)
    assert all(0 < t < 1 for t in model.thresholds)


def test_a_changed_byte_in_the_weights_is_refused() -> None:
    flipped = bytearray(read_data(MODEL_FILE))
    flipped[len(flipped) // 2] ^= 0x01
    with pytest.raises(ContentError, match="does not match its recorded hash"):
        check_artefact(MODEL_FILE, bytes(flipped), read_manifest())


def _rewritten(changes: dict[str, np.ndarray]) -> bytes:
    with np.load(io.BytesIO(read_data(MODEL_FILE)), allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays.update(changes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            archive.writestr(f"{name}.npy", member.getvalue())
    return buffer.getvalue()


def test_weights_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ContentError, match="cannot be read"):
        parse_model(b"not an npz")
    with pytest.raises(ContentError, match="other labels"):
        parse_model(_rewritten({"labels": np.asarray(LABELS[:-1])}))
    with pytest.raises(ContentError, match="another static embedding"):
        parse_model(_rewritten({"static_sha256": np.asarray("0" * 64)}))
    with pytest.raises(ContentError, match="wrong shape"):
        parse_model(_rewritten({"output_bias": np.zeros(3, dtype=np.float16)}))
