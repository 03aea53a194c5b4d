"""A second opinion on crisis language: a kernel classifier over the sentence embedding.

The linear heads of ``model.py`` weigh each n-gram on its own; indirect crisis language
("booked the dog in with a friend indefinitely") is often a new arrangement of ordinary
words. A support-vector classifier with an RBF kernel over the embedding compares a text
with the crisis statements and look-alikes it was trained on as a whole, and flags what
lies on the crisis side of its boundary. ``analyze()`` reports crisis when either this or
the linear head says so: recall first (docs/decisions/0006-sentence-embeddings.md).

The file ``data/crisis_kernel.json.gz`` holds the support vectors (float16), their dual
coefficients, the intercept and gamma; it is written by ``scripts/train_analyzer.py`` and
checked against ``data/manifest.json`` before use. For unit vectors ``u`` and ``v`` the
kernel is ``exp(-gamma * |u - v|^2) = exp(-2 * gamma * (1 - u.v))``.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reconnect.analysis.embedding import DIMENSIONS, MODEL_SHA256, TextEmbedding
from reconnect.analysis.lexicon import read_checked
from reconnect.errors import ContentError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

KERNEL_FILE = "crisis_kernel.json.gz"


@dataclass(frozen=True, slots=True)
class CrisisKernel:
    """Support vectors (n x ``DIMENSIONS``), dual coefficients (n), intercept and gamma."""

    support: Any
    coef: Any
    intercept: float
    gamma: float

    def decision(self, embedded: TextEmbedding, sentence_margin: float = 0.0) -> float:
        """The signed distance to the boundary (positive: crisis side), the largest over the
        text's chunks and, less ``sentence_margin``, over its sentences taken alone: one
        crisis sentence in a long entry is enough, but a short sentence out of its context
        must be clearer about it."""
        if not embedded:
            return float("-inf")
        best = float(self._values(embedded.chunks).max())
        if embedded.sentences:
            best = max(best, float(self._values(embedded.sentences).max()) - sentence_margin)
        return best

    def sentence_values(self, embedded: TextEmbedding) -> list[float]:
        """The signed distance of each sentence read alone (none for a short text)."""
        if not embedded.sentences:
            return []
        return [float(v) for v in self._values(embedded.sentences)]

    def _values(self, vectors: tuple[npt.NDArray[np.float32], ...]) -> npt.NDArray[np.float32]:
        import numpy as np

        similarity = np.stack(vectors) @ self.support.T  # pieces x support vectors
        values: npt.NDArray[np.float32] = (
            np.exp(-2.0 * self.gamma * (1.0 - similarity)) @ self.coef + self.intercept
        )
        return values


def _array(encoded: str, shape: tuple[int, ...]) -> Any:
    import numpy as np

    return np.frombuffer(base64.b64decode(encoded), dtype="<f2").astype(np.float32).reshape(shape)


def parse_kernel(raw: bytes) -> CrisisKernel:
    """Build a CrisisKernel from the gzipped JSON written by the training script."""
    try:
        data = json.loads(gzip.decompress(raw))
        if data["embedding_model"] != MODEL_SHA256:
            raise ContentError(f"{KERNEL_FILE} was trained on another embedding model")
        count = int(data["count"])
        return CrisisKernel(
            support=_array(data["support"], (count, DIMENSIONS)),
            coef=_array(data["coef"], (count,)),
            intercept=float(data["intercept"]),
            gamma=float(data["gamma"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{KERNEL_FILE} cannot be read: {exc}") from None


@lru_cache(maxsize=1)
def load_kernel() -> CrisisKernel:
    """The packaged crisis kernel, after checking its SHA-256 against the manifest."""
    return parse_kernel(read_checked(KERNEL_FILE))
