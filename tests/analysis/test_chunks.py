"""A chunk of texts read at once gives each text exactly what it gives read alone.

``analyze_many`` reads its texts in chunks and the learned layer scores each chunk at once
(``reading.py``, ``Heads.score_many``, ``EmotionModel.feelings_many``,
``StaticEncoder.embed_ranges``). Every float must be the one a text gets alone, bit for bit,
whatever else is in the chunk: a last bit can move a score across its rounding or a
threshold. These tests mix texts of every kind (foreign, empty, no sentence, one long
sentence, many) and compare.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reconnect.analysis as analysis
from reconnect.analysis import MAX_TEXT_CHARS, analyze, analyze_many, default_analyzer
from reconnect.analysis.emotion_model import load_emotion_model
from reconnect.analysis.rowsums import add_row_sums
from reconnect.analysis.static import load_static
from reconnect.analysis.tokens import sentences
from reconnect.errors import InputError

MIXED = [
    "",
    "   ",
    "...",
    "I feel numb lately.",
    "Work was long. I went for a run. I will not be around much longer, I think.",
    "Je me sens vide et je ne sais pas pourquoi, tout est gris.",
    "My partner seems numb lately. She doesn't laugh. I worry about her living like this.",
    "Called Mum and opened up to her. We talked for hours and I felt close to her again.",
    "ok",
    "Nothing matters\u2019 anymore? I can\u2019t sleep. `end it` she wrote.",
    "Ich fühle mich so leer, nichts macht mehr Freude.",
    "Gym in the morning, then a slow day. Fine, I think. Dinner with friends was lovely.",
    "zzz qqq xxyy",
    "I'm not numb anymore. I said no to working the weekend and felt fine about it.",
]

PIECES = st.sampled_from(
    [
        "I", "feel", "numb", "not", "anymore", "my", "partner", "sad", "happy", "die",
        "tired", "everyone", "better off", "without me", "day", "run", ".", "!", "?", "\n",
        ",", "'", "é", "日本", "and", "then", "so", "really",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=30).map(" ".join) | st.sampled_from(MIXED)


def _check_chunk(texts: list[str]) -> None:
    alone = [analyze(text) for text in texts]
    assert list(analyze_many(texts)) == alone
    assert default_analyzer().analyze_chunk(texts) == alone


def test_mixed_chunk_as_alone() -> None:
    _check_chunk(MIXED * 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, max_size=12))
def test_any_chunk_as_alone(texts: list[str]) -> None:
    _check_chunk(texts)


def test_scores_of_a_chunk_bit_for_bit() -> None:
    heads = default_analyzer().heads
    texts = [t for t in MIXED if sentences(t)] * 2
    together = heads.score_many([heads.read(t) for t in texts])
    for text, scores in zip(texts, together, strict=True):
        alone = heads.score(text)
        assert scores.probabilities == alone.probabilities
        assert scores.sentences == alone.sentences
        assert scores.features == alone.features
        assert scores.embedding.tobytes() == alone.embedding.tobytes()
    assert heads.score_many([]) == []


def test_feelings_of_a_chunk_bit_for_bit() -> None:
    model = load_emotion_model()
    encoder = load_static()
    texts = [*MIXED, "I miss my dad so much it hurts.", "Best day ever, so grateful!"]
    embeddings = np.stack([encoder.embed(t) for t in texts])
    features = [default_analyzer().heads.read(t).whole for t in texts]
    totals = model.totals_many(embeddings, features)
    for row, embedding, found in zip(totals, embeddings, features, strict=True):
        assert row.tobytes() == model.totals(embedding, found).tobytes()
    together = model.feelings_many(embeddings, features)
    assert together == [model.feelings(e, f) for e, f in zip(embeddings, features, strict=True)]
    assert any(together)


@pytest.mark.parametrize("counts", [[1, 0, 3, 7, 2], [1, 60, 1, 0, 1]])
def test_row_sums_as_each_text_alone(counts: list[int]) -> None:
    """Each text's sum has the bits of its own reduction, zeros' signs included, whether the
    chunk's rows are padded out to lines with zeros or (one text far longer) reduced one at
    a time."""
    rng = np.random.default_rng(7)
    table = rng.standard_normal((50, 6)).astype(np.float32)
    table[3] = -0.0
    table[4, :3] = -0.0
    table[-1] = 0.0  # the row of zeros the padding reads
    rows = rng.integers(0, 50, sum(counts))
    rows[:2] = (3, 4)
    totals = rng.standard_normal((len(counts), 6)).astype(np.float32)
    totals[:, 0] = -0.0
    expected = totals.copy()
    start = 0
    for total, count in zip(expected, counts, strict=True):
        if count:
            total += np.add.reduce(table.take(rows[start : start + count], axis=0), axis=0)
        start += count
    add_row_sums(totals, table, rows, counts)
    assert totals.tobytes() == expected.tobytes()


def test_embed_ranges_as_each_text_alone() -> None:
    encoder = load_static()
    texts = [t for t in MIXED if t.strip()]
    ids: list[int] = []
    ranges: list[tuple[int, int]] = []
    expected: list[np.ndarray] = []
    for text in texts:
        parts = sentences(text)
        own, bounds = encoder.token_ranges(text, parts)
        base = len(ids)
        ranges += [(base, base + len(own)), *((base + lo, base + hi) for lo, hi in bounds)]
        ids += own
        expected += encoder.embed_spans(text, parts)
    found = encoder.embed_ranges(ids, ranges)
    assert [row.tobytes() for row in found] == [e.tobytes() for e in expected]
    assert not encoder.embed_ranges([], [(0, 0), (0, 0)]).any()


def test_chunks_are_cut_by_count_and_size(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    analyzer = default_analyzer()
    real = type(analyzer).analyze_chunk

    def spy(self: object, texts: list[str]) -> object:
        seen.append(len(texts))
        return real(analyzer, texts)

    monkeypatch.setattr(type(analyzer), "analyze_chunk", spy)
    monkeypatch.setattr(analysis, "CHUNK_TEXTS", 4)
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 100)
    texts = ["I feel numb."] * 9 + ["x" * 150, "ok"]
    assert len(list(analyze_many(texts))) == len(texts)
    assert seen == [4, 4, 2, 1]


def test_a_refused_text_comes_after_the_results_before_it() -> None:
    results = analyze_many(iter(["I feel numb.", "Fine.", "x" * (MAX_TEXT_CHARS + 1), "ok"]))
    assert next(results).marker("numbness") is not None
    assert next(results).markers == ()
    with pytest.raises(InputError):
        next(results)
