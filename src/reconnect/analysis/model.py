"""The learned layer: logistic-regression heads over hashed features and a sentence embedding.

Trained by ``scripts/train_analyzer.py`` (docs/decisions/0002-analyzer-learned-layer.md and
0006-sentence-embeddings.md). A head's log-odds are its bias, plus one weight per hashed
n-gram feature of the text (plain dictionary lookups), plus the dot product of its dense
weights with the text's sentence embedding (``embedding.py``). A long text is embedded in
chunks of sentences and the dense part is the largest over its chunks.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reconnect.analysis.embedding import DIMENSIONS, MODEL_SHA256, TextEmbedding, load_encoder
from reconnect.analysis.features import hashed_features
from reconnect.analysis.lexicon import read_checked
from reconnect.domain.markers import MARKER_NAMES
from reconnect.errors import ContentError

MODEL_FILE = "model.json.gz"
MARKER_HEADS = MARKER_NAMES
HEADS = (*MARKER_HEADS, "subject_other")


def sigmoid(total: float) -> float:
    """The logistic function, clipped so that extreme totals cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@dataclass(frozen=True, slots=True)
class Model:
    """Per-feature weights for every head (in ``HEADS`` order), dense embedding weights
    (heads x ``DIMENSIONS``, or none for a model trained without embeddings), a bias and a
    threshold per head."""

    weights: dict[int, tuple[float, ...]]
    biases: tuple[float, ...]
    thresholds: tuple[float, ...]
    dense: Any = None  # numpy array (heads x DIMENSIONS) or None

    def sparse_totals(self, text: str) -> list[float]:
        """The log-odds of every head from the hashed features alone (cheap: no embedding)."""
        rows = [row for f in hashed_features(text) if (row := self.weights.get(f)) is not None]
        if not rows:
            return list(self.biases)
        return [
            bias + sum(column)
            for bias, column in zip(self.biases, zip(*rows, strict=True), strict=True)
        ]

    def dense_totals(self, embedded: TextEmbedding) -> list[float]:
        """The embedding's part of every head's log-odds: the largest over the text's chunks."""
        if self.dense is None or not embedded:
            return [0.0] * len(self.biases)
        import numpy as np

        scores = np.stack(embedded.chunks) @ self.dense.T  # chunks x heads
        return [float(v) for v in scores.max(axis=0)]

    def totals(self, text: str, embedded: TextEmbedding | None = None) -> list[float]:
        """The raw score (log-odds) of every head for a text (``embedded``: its embedding,
        when the caller has it already)."""
        sparse = self.sparse_totals(text)
        if self.dense is None:
            return sparse
        dense = self.dense_totals(load_encoder().embed(text) if embedded is None else embedded)
        return [s + d for s, d in zip(sparse, dense, strict=True)]

    def probabilities(self, text: str) -> list[float]:
        """The probability of every head (in ``HEADS`` order) for a text."""
        return [sigmoid(t) for t in self.totals(text)]


def parse_model(raw: bytes) -> Model:
    """Build a Model from the gzipped JSON written by the training script."""
    try:
        data = json.loads(gzip.decompress(raw))
        if tuple(data["heads"]) != HEADS:
            raise ContentError(f"{MODEL_FILE} was trained for other heads: {data['heads']}")
        width = len(HEADS)
        weights = {int(k): tuple(float(w) for w in v) for k, v in data["features"].items()}
        if any(len(v) != width for v in weights.values()):
            raise ContentError(f"{MODEL_FILE} has a feature without one weight per head")
        dense = None
        if data.get("dense") is not None:
            import numpy as np

            if data.get("embedding_model") != MODEL_SHA256:
                raise ContentError(f"{MODEL_FILE} was trained on another embedding model")
            dense = np.array(data["dense"], dtype=np.float32)
            if dense.shape != (width, DIMENSIONS):
                raise ContentError(
                    f"{MODEL_FILE} has dense weights of shape {dense.shape}, "
                    f"not {(width, DIMENSIONS)}"
                )
        return Model(
            weights=weights,
            biases=tuple(float(b) for b in data["bias"]),
            thresholds=tuple(float(t) for t in data["threshold"]),
            dense=dense,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{MODEL_FILE} cannot be read: {exc}") from None


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The packaged model, after checking its SHA-256 against the manifest."""
    return parse_model(read_checked(MODEL_FILE))
