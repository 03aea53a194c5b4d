"""The shipped analyzer files are checked against their recorded SHA-256 before use."""

from __future__ import annotations

import gzip
import json

import pytest

from reconnect.analysis.embedding import TOKENIZER_FILE
from reconnect.analysis.kernel import KERNEL_FILE
from reconnect.analysis.lexicon import (
    CLUSTERS_FILE,
    check_artefact,
    feelings,
    read_data,
    read_manifest,
    word_clusters,
)
from reconnect.analysis.model import HEADS, MODEL_FILE, load_model, parse_model
from reconnect.errors import ContentError

ARTEFACTS = [MODEL_FILE, CLUSTERS_FILE, KERNEL_FILE, TOKENIZER_FILE]


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
        check_artefact(MODEL_FILE, read_data(MODEL_FILE), {})


def test_a_model_for_other_heads_is_refused() -> None:
    data = json.loads(gzip.decompress(read_data(MODEL_FILE)))
    data["heads"] = data["heads"][:-1]
    with pytest.raises(ContentError, match="other heads"):
        parse_model(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(ContentError, match="cannot be read"):
        parse_model(b"not gzip")


def test_the_loaded_model_has_a_head_per_marker_and_subject() -> None:
    model = load_model()
    assert len(model.biases) == len(model.thresholds) == len(HEADS)
    assert all(0 < t < 1 for t in model.thresholds)


def test_the_feelings_lexicon_is_large_and_families_are_known() -> None:
    words = feelings()
    assert len(words) >= 150
    assert {f.family for f in words} >= {"sad", "angry", "fearful", "happy", "calm", "numb"}


def test_word_clusters_group_near_synonyms() -> None:
    clusters = word_clusters()
    assert len(clusters) > 10_000
    assert clusters["chore"][0] == clusters["tedious"][0]
