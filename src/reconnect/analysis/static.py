"""Static sentence embeddings: a token-vector lookup distilled from all-MiniLM-L6-v2.

``training/static_model.py`` distils the transformer with model2vec into one 256-dimension
vector per WordPiece token (docs/decisions/0007-analyzer-3.md). A text's embedding is the
mean of its tokens' vectors, scaled to unit length: a table lookup, about a hundred times
faster than running the network, with no thread pool and no session to start.

The vectors ship as int8 rows with one scale per row (``data/static_embeddings.npy``,
``data/static_scales.npy``) beside the tokenizer they were distilled with
(``data/static_tokenizer.json.gz``); all three are checked against ``data/manifest.json``.
Nothing is downloaded, ever.

Sentences of a longer text are embedded from the same token pass: the text is tokenized
once, with offsets, and each sentence is the mean of the tokens inside it.

>>> vector = load_static().embed("I feel numb")
>>> vector.shape, round(float((vector * vector).sum()), 3)
((256,), 1.0)
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from reconnect.analysis.lexicon import read_checked
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import numpy.typing as npt

    from reconnect.analysis.tokens import Span

__all__ = ["DIMENSIONS", "StaticEncoder", "load_static"]

DIMENSIONS = 256
VECTORS_FILE = "static_embeddings.npy"
SCALES_FILE = "static_scales.npy"
TOKENIZER_FILE = "static_tokenizer.json.gz"


@dataclass(frozen=True, slots=True)
class StaticEncoder:
    """A tokenizer and one int8 vector (with its scale) per token id."""

    tokenizer: Any  # tokenizers.Tokenizer
    vectors: npt.NDArray[np.int8]
    scales: npt.NDArray[np.float32]
    unknown: int | None

    def _tokens(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids: list[int] = encoding.ids
        offsets: list[tuple[int, int]] = encoding.offsets
        if self.unknown is not None and self.unknown in ids:
            kept = [i for i, t in enumerate(ids) if t != self.unknown]
            ids = [ids[i] for i in kept]
            offsets = [offsets[i] for i in kept]
        return ids, offsets

    def _rows(self, ids: list[int]) -> npt.NDArray[np.float32]:
        import numpy as np

        rows: npt.NDArray[np.float32] = self.vectors[ids].astype(np.float32)
        rows *= self.scales[ids][:, None]
        return rows

    def _mean(self, ids: list[int]) -> npt.NDArray[np.float32]:
        # One matrix product instead of scaling every row: sum_i scale_i * row_i / n.
        mean: npt.NDArray[np.float32] = (self.scales[ids] @ self.vectors[ids]) / len(ids)
        return mean

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """The unit-length mean of the text's token vectors (zeros for a text with none)."""
        return self.embed_spans(text, ())[0]

    def embed_spans(self, text: str, spans: Sequence[Span]) -> list[npt.NDArray[np.float32]]:
        """The whole text's embedding, then one per span, from a single token pass."""
        import numpy as np

        ids, offsets = self._tokens(text)
        if not ids:
            zero = np.zeros(DIMENSIONS, dtype=np.float32)
            return [zero] * (1 + len(spans))
        if not spans:
            return [_unit(self._mean(ids))]
        rows = self._rows(ids)
        found = [_unit(rows.mean(axis=0))]
        if spans:
            sums = np.vstack([np.zeros((1, DIMENSIONS), np.float32), np.cumsum(rows, axis=0)])
            starts = np.asarray([start for start, _ in offsets])
            for span in spans:
                lo = int(np.searchsorted(starts, span.start, side="left"))
                hi = int(np.searchsorted(starts, span.end, side="left"))
                found.append(
                    _unit((sums[hi] - sums[lo]) / (hi - lo))
                    if hi > lo
                    else np.zeros(DIMENSIONS, np.float32)
                )
        return found


def _unit(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    import numpy as np

    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@lru_cache(maxsize=1)
def load_static() -> StaticEncoder:
    """The packaged static model, hash-checked; numpy and tokenizers load on first use."""
    import numpy as np
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_str(gzip.decompress(read_checked(TOKENIZER_FILE)).decode())
        read_checked(SCALES_FILE)
        read_checked(VECTORS_FILE)
        folder = resources.files("reconnect.analysis").joinpath("data")
        vectors = np.load(str(folder.joinpath(VECTORS_FILE)), allow_pickle=False)
        scales = np.load(str(folder.joinpath(SCALES_FILE)), allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise ContentError(f"the static embedding model cannot be read: {exc}") from None
    if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or scales.shape != vectors.shape[:1]:
        raise ContentError(f"{VECTORS_FILE} has shape {vectors.shape}, not (*, {DIMENSIONS})")
    unknown = tokenizer.token_to_id("[UNK]")
    return StaticEncoder(tokenizer, vectors, scales, unknown)
