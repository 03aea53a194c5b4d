"""The learned layer: logistic-regression heads over hashed features, loaded once, hash-checked.

Trained by ``scripts/train_analyzer.py`` (docs/decisions/0002-analyzer-learned-layer.md).
Inference is plain Python: one dictionary lookup per feature, and one sum per head.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache

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
    """Per-feature weights for every head (in ``HEADS`` order), a bias and a threshold per head."""

    weights: dict[int, tuple[float, ...]]
    biases: tuple[float, ...]
    thresholds: tuple[float, ...]

    def totals(self, text: str) -> list[float]:
        """The raw score (log-odds) of every head for a text."""
        rows = [row for f in hashed_features(text) if (row := self.weights.get(f)) is not None]
        if not rows:
            return list(self.biases)
        return [
            bias + sum(column)
            for bias, column in zip(self.biases, zip(*rows, strict=True), strict=True)
        ]

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
        return Model(
            weights=weights,
            biases=tuple(float(b) for b in data["bias"]),
            thresholds=tuple(float(t) for t in data["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{MODEL_FILE} cannot be read: {exc}") from None


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The packaged model, after checking its SHA-256 against the manifest."""
    return parse_model(read_checked(MODEL_FILE))
