"""Static sentence embeddings: a token-vector lookup distilled from all-MiniLM-L6-v2.

``training/static_model.py`` distils the transformer with model2vec into one 256-dimension
vector per WordPiece token (docs/decisions/0007-analyzer-3.md). A text's embedding is the
mean of its tokens' vectors, scaled to unit length: a table lookup, about a hundred times
faster than running the network, with no thread pool and no session to start.

The vectors ship as int8 rows with one scale per row (``data/static_embeddings.npy``,
``data/static_scales.npy``) beside the tokenizer they were distilled with
(``data/static_tokenizer.json.gz``) and the fast tokenizer's table made from it
(``data/static_wordpiece.json.gz``); all are checked against ``data/manifest.json``.
Nothing is downloaded, ever.

Sentences of a longer text are embedded from the same token pass: the text is tokenized
once, with offsets, and each sentence is the mean of the tokens inside it.

Tokenizing is done by ``FastWordPiece``, a pure-Python copy of the HuggingFace tokenizer
that gives the same token ids and character offsets (most of the HF call's cost is per-call
overhead): one regex pass splits the text into words, and each word's pieces are cached.
It hands back to the HF tokenizer any text it cannot prove it copies exactly. It starts
from its table, so the HF tokenizer (and its JSON, slower to read than a whole analysis) is
loaded only for such a text or a character outside ASCII it has not met.

>>> vector = load_static().embed("I feel numb")
>>> vector.shape, round(float((vector * vector).sum()), 3)
((256,), 1.0)
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reconnect.analysis.lexicon import read_checked, read_manifest
from reconnect.analysis.wordpiece import WARM_UP_TEXTS, FastWordPiece, Tokens
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np
    import numpy.typing as npt

    from reconnect.analysis.tokens import Span

__all__ = ["DIMENSIONS", "WARM_UP_TEXTS", "FastWordPiece", "StaticEncoder", "load_static"]

DIMENSIONS = 256
# A text's token ids, and for each span the range of them that start inside it.
_Bounded = tuple[list[int], list[tuple[int, int]]]
VECTORS_FILE = "static_embeddings.npy"
SCALES_FILE = "static_scales.npy"
TOKENIZER_FILE = "static_tokenizer.json.gz"
# What ``FastWordPiece.table`` keeps of the tokenizer, so a fresh process tokenizes a plain text
# without parsing the tokenizer's JSON or loading the HF tokenizer (``training.wordpiece_table``).
WORDPIECE_FILE = "static_wordpiece.json.gz"


@dataclass(frozen=True, slots=True)
class StaticEncoder:
    """A tokenizer and one int8 vector (with its scale) per token id."""

    hf: Callable[[], Any]  # gives the HF tokenizer (``tokenizer``), loaded when first asked
    vectors: npt.NDArray[np.int8]
    scales: npt.NDArray[np.float32]
    unknown: int | None
    fast: FastWordPiece | None = None  # the same tokens as ``tokenizer``, sooner

    @property
    def tokenizer(self) -> Any:
        """The HF tokenizer (``tokenizers.Tokenizer``), which ``fast`` copies."""
        return self.hf()

    def hf_tokens(self, text: str) -> Tokens:
        """The HF tokenizer's ids and offsets (``[UNK]`` included): what ``fast`` copies."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        return encoding.ids, encoding.offsets

    def _tokens(self, text: str) -> Tokens:
        found = self.fast.encode(text) if self.fast is not None else None
        ids, offsets = found if found is not None else self.hf_tokens(text)
        if self.unknown is not None and self.unknown in ids:
            kept = [i for i, t in enumerate(ids) if t != self.unknown]
            ids = [ids[i] for i in kept]
            offsets = [offsets[i] for i in kept]
        return ids, offsets

    def _ids(self, text: str) -> list[int]:
        found = self.fast.encode(text, offsets=False) if self.fast is not None else None
        ids = found[0] if found is not None else self.hf_tokens(text)[0]
        if self.unknown is not None and self.unknown in ids:
            ids = [t for t in ids if t != self.unknown]
        return ids

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """The unit-length mean of the text's token vectors (zeros for a text with none)."""
        return self.embed_spans(text, ())[0]

    def embed_spans(self, text: str, spans: Sequence[Span]) -> list[npt.NDArray[np.float32]]:
        """The whole text's embedding, then one per span, from a single token pass."""
        return self.embed_ids(*self.token_ranges(text, spans))

    def token_ranges(self, text: str, spans: Sequence[Span]) -> _Bounded:
        """The text's token ids (``[UNK]`` left out) and, for each span, the range of them
        that start inside it."""
        if not spans:
            return self._ids(text), []
        return self._by_spans(text, spans) or self._by_offsets(text, spans)

    def embed_ids(
        self, ids: list[int], bounds: Sequence[tuple[int, int]] | None
    ) -> list[npt.NDArray[np.float32]]:
        """``embed_spans`` from the text's token ids (``[UNK]`` left out) and, for each span,
        the range of them that start inside it (None or none: the whole text alone)."""
        return list(self.embed_ranges(ids, [(0, len(ids)), *(bounds or ())]))

    def embed_ranges(
        self, ids: Sequence[int], ranges: Sequence[tuple[int, int]]
    ) -> npt.NDArray[np.float32]:
        """The unit-length mean vector of ``ids[lo:hi]`` for each range (a row of zeros for an
        empty one): the embeddings of a chunk of texts and their sentences at once.

        Each mean is the BLAS product ``weights[lo:hi].dot(rows[lo:hi]) / n`` of a text read
        alone, bit for bit, whatever else is in the chunk; what the chunk saves is taking
        the rows, casting them and scaling to unit length (``_to_unit``) once. (Stacking the
        ranges of one length for one ``matmul`` gives the same floats but copies every row
        again: on bench/throughput.py's chunks it took 0.032 s where these slices take
        0.019 s. One product over a zero-padded stack, or a matrix product, would add in
        another order and change the last bits.)
        """
        import numpy as np

        found = np.zeros((len(ranges), DIMENSIONS), dtype=np.float32)
        if not ids:
            return found
        index = np.array(ids, dtype=np.intp)
        weights = self.scales.take(index)
        # float32 @ int8 casts the int8 rows to float32 and multiplies those: casting the
        # rows once gives each product the same operands (and so the same floats) sooner.
        rows = self.vectors.take(index, axis=0).astype(np.float32)
        for row, (lo, hi) in zip(found, ranges, strict=True):
            if hi > lo:
                weights[lo:hi].dot(rows[lo:hi], out=row)
        counts = np.array([max(hi - lo, 1) for lo, hi in ranges], dtype=np.float32)
        found /= counts[:, None]
        _to_unit(found)
        return found

    def _by_spans(self, text: str, spans: Sequence[Span]) -> _Bounded | None:
        """The text's ids and, for each span, the range of those that start inside it, from
        the pieces of the text cut at the spans' ends (``FastWordPiece.segments``); None
        when it cannot cut there. The same as ``_by_offsets``, without any offsets."""
        if self.fast is None:
            return None
        cuts = [0]
        for span in spans:
            cuts += (span.start, span.end)
        cuts.append(len(text))
        pieces = self.fast.segments(text, cuts)
        if pieces is None:
            return None
        unknown = self.unknown
        ids: list[int] = []
        before: list[int] = []  # how many ids come before each cut
        for piece in pieces:
            before.append(len(ids))
            if unknown is not None and unknown in piece:
                piece = [t for t in piece if t != unknown]
            ids += piece
        before.append(len(ids))
        # piece 2k + 1 is span k: its ids lie between the counts at its two cuts
        return ids, [(before[2 * k + 1], before[2 * k + 2]) for k in range(len(spans))]

    def _by_offsets(self, text: str, spans: Sequence[Span]) -> _Bounded:
        """The text's ids and, for each span, the range of those that start inside it, found
        by bisecting the tokens' start offsets."""
        ids, offsets = self._tokens(text)
        starts = [start for start, _ in offsets]
        return ids, [
            (bisect_left(starts, span.start), bisect_left(starts, span.end)) for span in spans
        ]


def _to_unit(found: npt.NDArray[np.float32]) -> None:
    """Scale each row of ``found`` to unit length, in place (a row of zeros stays as it is).

    A row's norm is its float32 ``dot`` with itself (one BLAS call per row, as a lone
    vector's ``dot`` makes) and the float64 square root of that. Dividing a float32 row by
    the norm divides by the norm rounded to float32, and a float64 square root rounded to
    float32 is the float32 square root (53 bits are more than twice 24 + 2, so rounding
    twice rounds once): the floats of ``row / np.sqrt(row.dot(row))``.
    """
    import numpy as np

    squares = np.matmul(found[:, None, :], found[:, :, None])[:, 0, 0]
    norms = np.sqrt(squares.astype(np.float64)).astype(np.float32)
    scaled = norms > 0  # False for a row of zeros (and for NaN)
    if scaled.all():
        found /= norms[:, None]
    elif scaled.any():
        found[scaled] /= norms[scaled][:, None]


def _unit(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``vector`` scaled to unit length as ``StaticEncoder.embed_ranges`` scales its rows."""
    found = vector[None, :].copy()
    _to_unit(found)
    unit: npt.NDArray[np.float32] = found[0]
    return unit


def _without_truncation(config: str) -> str:
    """The tokenizer's JSON with no length limit.

    The distilled model kept its teacher's limit of 512 tokens in the tokenizer's settings. A
    static embedding has no such limit, and with it every sentence past the first 2,000 or
    so characters of a long entry had no embedding (only its word features), and the whole
    entry's embedding read only its start. The setting is the last field of the file.
    """
    at = config.rfind('"truncation": {')
    if at < 0:
        return config
    end = config.index("}", at) + 1
    return config[:at] + '"truncation": null' + config[end:]


def tokenizer_config() -> str:
    """The packaged tokenizer's JSON, hash-checked, without its length limit."""
    return _without_truncation(gzip.decompress(read_checked(TOKENIZER_FILE)).decode())


@lru_cache(maxsize=1)
def load_static() -> StaticEncoder:
    """The packaged static model, hash-checked; numpy loads on first use, and the HF tokenizer
    only when a text needs it (the fast tokenizer starts from its table, ``WORDPIECE_FILE``).
    """

    try:
        table = json.loads(zlib.decompress(read_checked(WORDPIECE_FILE), wbits=31))
        # the checked bytes themselves, not the files read a second time
        vectors = _npy(read_checked(VECTORS_FILE))
        scales = _npy(read_checked(SCALES_FILE))
    except (OSError, ValueError) as exc:
        raise ContentError(f"the static embedding model cannot be read: {exc}") from None
    if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or scales.shape != vectors.shape[:1]:
        raise ContentError(f"{VECTORS_FILE} has shape {vectors.shape}, not (*, {DIMENSIONS})")
    if table["tokenizer_sha256"] != read_manifest().get(TOKENIZER_FILE):
        raise ContentError(
            f"{WORDPIECE_FILE} was not made from this {TOKENIZER_FILE}; "
            "rebuild it with python -m training.wordpiece_table"
        )
    fast = FastWordPiece.from_table(table["fast"], _hf_tokenizer)
    return StaticEncoder(_hf_tokenizer, vectors, scales, table["unknown"], fast)


def _npy(raw: bytes) -> npt.NDArray[Any]:
    """The array of an ``.npy`` file's bytes: a read-only view of them where it can be (no
    copy of the 7.5 MB of vectors), else what ``np.load`` makes of them."""
    import numpy as np
    from numpy.lib import format as npy

    found = io.BytesIO(raw)
    version = npy.read_magic(found)
    if version in ((1, 0), (2, 0)):
        read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
        shape, fortran_order, dtype = read(found)
        if not fortran_order and not dtype.hasobject:
            count = 1
            for size in shape:
                count *= size
            view: npt.NDArray[Any] = np.frombuffer(raw, dtype, count, found.tell())
            return view.reshape(shape)
    loaded: npt.NDArray[Any] = np.load(io.BytesIO(raw), allow_pickle=False)
    return loaded


@lru_cache(maxsize=1)
def _hf_tokenizer() -> Any:
    """The packaged HF tokenizer, loaded the first time a text needs it."""
    from tokenizers import Tokenizer

    try:
        return Tokenizer.from_str(tokenizer_config())
    except (OSError, ValueError) as exc:
        raise ContentError(f"the static embedding's tokenizer cannot be read: {exc}") from None
