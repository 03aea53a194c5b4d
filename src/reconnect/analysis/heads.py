"""The learned layer: one logistic-regression head per marker, over words and the embedding.

A head's log-odds are its bias, plus one weight per hashed word feature of the text
(``features.word_features``), plus the dot product of its dense weights with the text's static
embedding (``static.py``). ``training/analyzer.py`` fits the heads and chooses the
thresholds; both ship in ``data/heads.npz``, hash-checked against ``data/manifest.json``
(docs/decisions/0007-analyzer-3.md).

Crisis reads every sentence of a longer text as well as the whole: a sentence that says it
is not averaged away by an ordinary day around it. Its score is the highest of them, and the
sentence that gave it is the evidence shown.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from reconnect.analysis.features import BUCKETS, word_features
from reconnect.analysis.lexicon import read_checked
from reconnect.analysis.rowsums import add_row_sums
from reconnect.analysis.static import DIMENSIONS, VECTORS_FILE, load_static
from reconnect.analysis.tokens import Span, sentences
from reconnect.domain.markers import MARKER_NAMES
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np
    import numpy.typing as npt

    from reconnect.analysis.static import StaticEncoder
    from reconnect.analysis.wordpass import Read

__all__ = [
    "HEADS",
    "HEADS_FILE",
    "MARKER_HEADS",
    "Heads",
    "Scores",
    "Thresholds",
    "Words",
    "load_heads",
    "sigmoid",
]

HEADS_FILE = "heads.npz"
MARKER_HEADS = MARKER_NAMES
# ``journal`` reads whether a text is written the way the journal-style snippets are rather
# than as a reply on a forum: a marker's learned guess alone needs it (``analyzer.py``).
HEADS = (*MARKER_HEADS, "subject_other", "journal")
CRISIS = HEADS.index("crisis")
_POSITION = {head: i for i, head in enumerate(HEADS)}
# A sentence shorter than this is too little for the learned layer to read on its own.
SENTENCE_MIN_WORDS = 4


def sigmoid(total: float) -> float:
    """The logistic function, clipped so that extreme totals cannot overflow."""
    # 1 / (1 + exp(-max(-30.0, min(30.0, total)))), without the two calls (NaN included:
    # min keeps its 30.0, as the last branch does)
    return 1.0 / (1.0 + math.exp(30.0 if total < -30.0 else (-total if total < 30.0 else -30.0)))


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where each head's probability starts to count.

    ``markers`` maps every marker but crisis to its threshold. Crisis has two: ``concern``
    (the learned layer alone asks a calm question) and ``confident`` (the learned layer is
    sure enough to count as one crisis signal). ``journal`` is where a text reads enough
    like a journal entry for a marker's learned guess to count with no phrase behind it.
    """

    markers: dict[str, float]
    subject_other: float
    concern: float
    confident: float
    journal: float

    @classmethod
    def from_json(cls, raw: str) -> Thresholds:
        data = json.loads(raw)
        markers = {name: float(data[name]) for name in MARKER_HEADS if name != "crisis"}
        return cls(
            markers=markers,
            subject_other=float(data["subject_other"]),
            concern=float(data["crisis_concern"]),
            confident=float(data["crisis_confident"]),
            journal=float(data["journal"]),
        )


# Not frozen: one is made for every text read, and a frozen dataclass's __init__ (an
# object.__setattr__ a field) takes about four times as long. Nothing changes one once made.
@dataclass(slots=True)
class Scores:
    """Every head's probability for a text, and crisis read sentence by sentence."""

    probabilities: tuple[float, ...]  # in HEADS order, for the whole text
    sentences: tuple[tuple[Span, float], ...]  # crisis per sentence, for a longer text
    embedding: Any  # the whole text's static embedding (numpy, DIMENSIONS)
    features: frozenset[int]  # the whole text's word features (the emotion layer reads them)

    def of(self, head: str) -> float:
        """The probability of one head for the whole text."""
        return self.probabilities[_POSITION[head]]

    @property
    def crisis(self) -> float:
        """The highest crisis probability of the whole text and its sentences."""
        return max([self.probabilities[CRISIS], *(p for _, p in self.sentences)])


# Not frozen, as ``Scores``: one is made for every text read.
@dataclass(slots=True)
class Words:
    """A text's words as the heads read them (``Heads.read``): what ``Heads.score_many``
    needs of each text, so that the arithmetic of a chunk of texts is done at once."""

    parts: list[Span]  # the text's sentences
    features: list[set[int]]  # each sentence's word features
    whole: set[int]  # the text's: the union of its sentences'
    longer: list[int]  # the sentences read alone (none unless two or more are long enough)
    ids: list[int]  # the text's token ids, ``[UNK]`` left out
    bounds: list[tuple[int, int]]  # the ids of each of ``longer``: those that start inside it


@dataclass(frozen=True, slots=True)
class Heads:
    """Weights of every head: sparse rows by feature bucket, dense rows, biases.

    ``row_of`` is ``rows`` as a table over every bucket (``len(sparse)`` where a bucket has
    no row, and past the last bucket), so a text's rows are found by one ``take``; the
    crisis column beside it (as float64, with a 0.0 for "no row") gives each sentence's
    word weights the same way. ``rows`` and ``crisis_weights`` give the same as dictionaries
    (made when asked: building them cost a fresh process about 50 ms it never used).
    ``padded`` is ``sparse`` with a row of zeros after it, so "no row" takes zeros.
    """

    sparse: npt.NDArray[np.float32]  # features x heads
    dense: npt.NDArray[np.float32]  # heads x DIMENSIONS
    bias: npt.NDArray[np.float32]  # heads
    row_of: npt.NDArray[Any]  # BUCKETS + 1: bucket -> row of sparse, or len(sparse)
    crisis_column: npt.NDArray[np.float64]  # sparse[:, CRISIS], then 0.0
    padded: npt.NDArray[np.float32]  # sparse, then zeros (``sparse`` is a view of it)

    @classmethod
    def build(
        cls,
        features: Sequence[int] | npt.NDArray[Any],
        sparse: npt.NDArray[np.float32],
        dense: npt.NDArray[np.float32],
        bias: npt.NDArray[np.float32],
    ) -> Heads:
        """Heads from their arrays: ``features[i]`` is the bucket of ``sparse[i]``."""
        import numpy as np

        none = len(features)
        # the smallest type that holds the row numbers: the table is read at random, per word
        row_of = np.full(BUCKETS + 1, none, dtype=np.uint16 if none < 1 << 16 else np.uint32)
        if none:
            row_of[np.asarray(features, dtype=np.int64)] = np.arange(none)
        # float32 to float64 is exact: the floats of the column read out one by one
        crisis_column = np.append(sparse[:, CRISIS].astype(np.float64), 0.0)
        padded = np.vstack([sparse, np.zeros((1, sparse.shape[1]), dtype=sparse.dtype)])
        return cls(padded[:-1], dense, bias, row_of, crisis_column, padded)

    @property
    def rows(self) -> dict[int, int]:
        """The row of ``sparse`` for each feature bucket that has one."""
        import numpy as np

        found = np.flatnonzero(self.row_of[:-1] != len(self.sparse))
        return dict(zip(found.tolist(), self.row_of[found].tolist(), strict=True))

    @property
    def crisis_weights(self) -> dict[int, float]:
        """The crisis column by feature bucket, for the buckets whose weight is not 0."""
        column = self.crisis_column.tolist()
        return {f: float(column[row]) for f, row in self.rows.items() if column[row]}

    def totals(self, features: set[int], embedding: npt.NDArray[np.float32]) -> Any:
        """The log-odds of every head (numpy, HEADS order)."""
        import numpy as np

        keys = np.fromiter(features, dtype=np.intp, count=len(features))
        return self._totals(self.row_of.take(keys, mode="clip"), embedding)

    def _totals(self, rows: Any, embedding: npt.NDArray[np.float32]) -> Any:
        # ``rows``: the row of each feature in the set's order, len(sparse) for none. The
        # rows are added in that order, as ``[self.rows[f] for f in features if f in rows]``:
        # a reduction along the first axis adds row after row, and a row of zeros (a
        # feature without a row, taken from ``padded``) changes no sum but a zero's sign,
        # which no probability or comparison tells apart.
        import numpy as np

        total = self.bias + self.dense.dot(embedding)
        if rows.size:
            total += np.add.reduce(self.padded.take(rows, axis=0), axis=0)
        return total

    def read(self, text: str, parts: list[Span] | None = None) -> Words:
        """A text's words as the heads read them (``parts``: its sentences, when the caller
        has them already).

        Each sentence's word features are read once: a text's features are the union of its
        sentences' (clauses end where sentences do), so the whole costs no second pass.
        Features and word pieces come from one pass over the words when it takes the text
        (only once the fast tokenizer is built: a one-text process never imports it).
        """
        if parts is None:
            parts = sentences(text)
        encoder = load_static()
        fast = encoder.fast
        read = None if fast is None or not fast.built else _word_pass()(text, parts, encoder)
        features = [word_features(part.text) for part in parts] if read is None else read[0]
        longer = [
            k
            for k, part in enumerate(parts)
            # len(part.text.split()) >= SENTENCE_MIN_WORDS, splitting no further than that
            if len(part.text.split(None, SENTENCE_MIN_WORDS - 1)) >= SENTENCE_MIN_WORDS
        ]
        if len(longer) < 2:  # one longer sentence is read as the whole text
            longer = []
        if read is None:
            ids, bounds = encoder.token_ranges(text, [parts[k] for k in longer])
        else:
            before = read[2]
            ids, bounds = read[1], [(before[2 * k], before[2 * k + 1]) for k in longer]
        return Words(parts, features, set().union(*features), longer, ids, bounds)

    def score(self, text: str, parts: list[Span] | None = None) -> Scores:
        """Score a text: every head on the whole, crisis on each longer sentence too."""
        return self.score_many([self.read(text, parts)])[0]

    def score_many(self, texts: Sequence[Words]) -> list[Scores]:
        """``score`` of each text, the arithmetic done for all of them at once.

        Every product is one that scoring a text alone makes, with the same operands, so
        each text's probabilities are the same floats whatever else is in the chunk: the
        embeddings come from ``StaticEncoder.embed_ranges``; ``matmul`` over a stack of
        vectors runs the vector-matrix (or dot) product ``dense.dot(embedding)`` makes for
        each; each text's word rows are taken with the others' and added by
        ``np.add.reduce`` (``rowsums.add_row_sums``).
        """
        import numpy as np

        if not texts:
            return []
        ids: list[int] = []
        ranges: list[tuple[int, int]] = []
        firsts: list[int] = []  # each text's row of the embeddings; its sentences' follow
        for words in texts:
            base = len(ids)
            firsts.append(len(ranges))
            ranges.append((base, base + len(words.ids)))
            ranges += [(base + lo, base + hi) for lo, hi in words.bounds]
            ids += words.ids
        embedded = load_static().embed_ranges(ids, ranges)
        wholes = embedded.take(firsts, axis=0)
        totals = self.bias + np.matmul(wholes[:, None, :], self.dense.T)[:, 0]
        # The rows of every text's features, then of every longer sentence's, in one take.
        counts = [len(words.whole) for words in texts]
        alone = [words.features[k] for words in texts for k in words.longer]
        found = sum(counts)
        keys = np.fromiter(
            chain(*(words.whole for words in texts), *alone),
            dtype=np.intp,
            count=found + sum(map(len, alone)),
        )
        rows = self.row_of.take(keys, mode="clip")
        if found:
            # A feature without a row takes ``padded``'s row of zeros: added row after row,
            # it changes no sum but a zero's sign, which no probability tells apart.
            add_row_sums(totals, self.padded, rows[:found], counts)
        # sigmoid() of each total, inlined; tolist gives the same Python floats as float()
        exp = math.exp
        probabilities = [
            tuple(
                [1.0 / (1.0 + exp(30.0 if t < -30.0 else (-t if t < 30.0 else -30.0))) for t in row]
            )
            for row in totals.tolist()
        ]
        dots: list[float] = []
        weights: list[float] = []
        if alone:
            # Each longer sentence's crisis weights in its set's order: a feature without a
            # row adds 0.0, which changes no sum of floats (``crisis_weights`` leaves them out).
            at = [
                first + 1 + j
                for first, words in zip(firsts, texts, strict=True)
                for j in range(len(words.longer))
            ]
            vectors = embedded.take(at, axis=0)
            dots = np.matmul(vectors[:, None, :], self.dense[CRISIS][:, None])[:, 0, 0].tolist()
            weights = self.crisis_column.take(rows[found:]).tolist()
        bias = float(self.bias[CRISIS])
        scored: list[Scores] = []
        read = start = 0
        for i, words in enumerate(texts):
            sentences_read: list[tuple[Span, float]] = []
            for k in words.longer:
                count = len(words.features[k])
                total = bias + dots[read] + sum(weights[start : start + count])
                start += count
                read += 1
                sentences_read.append((words.parts[k], sigmoid(total)))
            scored.append(
                Scores(probabilities[i], tuple(sentences_read), wholes[i], frozenset(words.whole))
            )
        return scored


@lru_cache(maxsize=1)
def _word_pass() -> Callable[[str, list[Span], StaticEncoder], Read | None]:
    from reconnect.analysis.wordpass import read_words

    return read_words


def parse_heads(raw: bytes) -> tuple[Heads, Thresholds]:
    """Heads and thresholds from the bytes of ``heads.npz``; ContentError when they don't fit."""
    import numpy as np

    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            if tuple(str(h) for h in data["heads"]) != HEADS:
                raise ContentError(f"{HEADS_FILE} was trained for other heads")
            if str(data["static_model"]) != VECTORS_FILE:
                raise ContentError(f"{HEADS_FILE} was trained on another embedding")
            features = data["features"]
            sparse = _float32(data["sparse"])
            dense = data["dense"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            thresholds = Thresholds.from_json(str(data["thresholds"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{HEADS_FILE} cannot be read: {exc}") from None
    if sparse.shape != (len(features), len(HEADS)) or dense.shape != (len(HEADS), DIMENSIONS):
        raise ContentError(f"{HEADS_FILE} has weights of the wrong shape")
    return Heads.build(features, sparse, dense, bias), thresholds


def _float32(weights: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    """``weights.astype(np.float32)``; float16 weights through a table of every float16's
    float32 (the same cast of each value, which is exact): numpy casts float16 one value at
    a time, and the heads' 700,000 weights took a fresh process about 5 ms."""
    import numpy as np

    if weights.dtype != np.float16:
        return weights.astype(np.float32)
    table = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)
    found: npt.NDArray[np.float32] = table.take(weights.view(np.uint16))
    return found


@lru_cache(maxsize=1)
def load_heads() -> tuple[Heads, Thresholds]:
    """The packaged heads and thresholds, after checking their SHA-256 against the manifest."""
    return parse_heads(read_checked(HEADS_FILE))
