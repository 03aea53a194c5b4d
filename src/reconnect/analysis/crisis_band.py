"""The crisis band head: a second learned opinion on what the fast layers leave unsettled.

The crisis head (``heads.py``) is trained on every kind of text, real comments most of all,
so it tells crisis writing from ordinary writing; between a journal's crisis statement and
its look-alikes (a goodbye at the airport, an attempt told as history, a joke about the sea)
it is unsure, and the analyzer gives both the calm check, or both the banner. This head is a
logistic reader over the same static embedding and word features, trained on journal-style
statements and look-alikes above all (``training/crisis_band.py``), and asked only about the
entries in that band: a calm check it is sure of becomes the banner, a banner that rests on
the learned layer alone, which it finds unlikely, becomes the calm check, and where nothing
else worried it may ask the calm question itself (``crisis_reading.py``). It costs a dot
product and a table look-up per text, done for a whole chunk at once: the embedding and the
features are already read for the other heads.

The weights ship as ``data/crisis_band.npz`` (hash-checked against ``data/manifest.json``):
the embedding's weights, the weights of the word-feature buckets it learned (sorted), a bias,
and the scale the embedding was multiplied by in training; loaded, the bucket weights become
one table over every bucket (4 MB), so that a text's features are one look-up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reconnect.analysis.features import BUCKETS
from reconnect.analysis.lexicon import read_checked
from reconnect.analysis.static import DIMENSIONS, VECTORS_FILE
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    import numpy as np
    import numpy.typing as npt

__all__ = ["BAND_FILE", "BandHead", "load_band", "parse_band"]

BAND_FILE = "crisis_band.npz"


@dataclass(frozen=True, slots=True)
class BandHead:
    """A logistic head over the static embedding (times ``scale``) and word features."""

    dense: npt.NDArray[np.float32]  # DIMENSIONS
    table: npt.NDArray[np.float32]  # a weight for every word-feature bucket (0: not learned)
    bias: float
    scale: float

    def probabilities(
        self,
        embeddings: Sequence[npt.NDArray[np.float32]],
        features: Sequence[Collection[int]],
    ) -> list[float]:
        """How likely the head finds crisis writing in each text, from its embedding and its
        word features: a few numpy calls for a whole chunk of texts. Each text's sum is its
        own (``reduceat`` adds each text's weights alone, the dot products are one per text),
        so a text gets the same probability in any chunk."""
        import math
        from itertools import chain

        import numpy as np

        if not embeddings:
            return []
        stacked = np.stack(embeddings)
        dots = np.matmul(stacked[:, None, :], self.dense[:, None])[:, 0, 0].tolist()
        counts = [len(f) for f in features]
        keys = np.fromiter(chain(*features), np.int64, sum(counts))
        sums = [0.0] * len(counts)
        if len(keys):
            starts = np.cumsum([0, *counts[:-1]])
            has = [c > 0 for c in counts]
            added = np.add.reduceat(self.table.take(keys), starts[has]).tolist()
            at = iter(added)
            sums = [float(next(at)) if h else 0.0 for h in has]
        found = []
        for dot, total in zip(dots, sums, strict=True):
            t = self.bias + self.scale * dot + total
            found.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, t)))))
        return found

    def probability(self, embedding: npt.NDArray[np.float32], features: Collection[int]) -> float:
        """``probabilities`` of one text."""
        return self.probabilities([embedding], [features])[0]


def parse_band(raw: bytes) -> BandHead:
    """The head from the bytes of ``crisis_band.npz``; ContentError when they don't fit."""
    import numpy as np

    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            if str(data["static_model"]) != VECTORS_FILE:
                raise ContentError(f"{BAND_FILE} was trained on another embedding")
            dense = data["dense"].astype(np.float32)
            buckets = data["buckets"].astype(np.int64)
            weights = data["weights"].astype(np.float64)
            bias = float(data["bias"])
            scale = float(data["scale"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{BAND_FILE} cannot be read: {exc}") from None
    if (
        dense.shape != (DIMENSIONS,)
        or buckets.shape != weights.shape
        or buckets.ndim != 1
        or not len(buckets)
        or bool((np.diff(buckets) <= 0).any())
        or not 0 <= int(buckets[0]) <= int(buckets[-1]) < BUCKETS
    ):
        raise ContentError(f"{BAND_FILE} has weights of the wrong shape")
    # One weight for every bucket (4 MB): a text's features are then one look-up.
    table = np.zeros(BUCKETS, np.float32)
    table[buckets] = weights
    return BandHead(dense, table, bias, scale)


@lru_cache(maxsize=1)
def load_band() -> BandHead:
    """The packaged band head, after checking its SHA-256 against the manifest."""
    return parse_band(read_checked(BAND_FILE))
