"""The learned emotion layer: GoEmotions' 28 labels read from a text's embedding and words.

``training/emotions.py`` trains it on GoEmotions (Demszky et al., ACL 2020; CC BY 4.0) and
ships ``data/emotion_model.npz``, hash-checked against ``data/manifest.json``. A label's
log-odds are a small network over the text's static embedding (``static.py``: one hidden
layer of rectified units) plus one weight per hashed word feature of the text
(``features.word_features``, the set the marker heads read too). Each label has its own
threshold, chosen on GoEmotions' dev split to maximise that label's F1. Figures:
docs/emotions-accuracy.md.

The labels map onto the feelings vocabulary of ``data/emotions.toml`` (feeling, family):

=================  ==============  ==========  =========================================
GoEmotions label   feeling         family      note
=================  ==============  ==========  =========================================
admiration         —               —           dropped: praise of someone else
amusement          amusement       happy
anger              anger           angry
annoyance          irritation      angry
approval           —               —           dropped: agreement, not a feeling
caring             love            loving      nearest: tenderness towards someone
confusion          confusion       surprised
curiosity          —               —           dropped: no counterpart
desire             —               —           dropped: wanting, no counterpart
disappointment     disappointment  sad
disapproval        —               —           dropped: a judgement, not a feeling
disgust            disgust         disgusted
embarrassment      shame           ashamed     nearest: the lexicon's shame
excitement         joy             happy       the lexicon lists "excited" under joy
fear               fear            fearful
gratitude          gratitude       loving
grief              sadness         sad         the lexicon lists "grief" under sadness
joy                joy             happy
love               love            loving
nervousness        anxiety         fearful
optimism           hope            happy
pride              pride           happy
realization        —               —           dropped: a thought, not a feeling
relief             relief          calm
remorse            shame           ashamed     the lexicon lists "remorse" under shame
sadness            sadness         sad
surprise           surprise        surprised
neutral            —               —           names nothing
=================  ==============  ==========  =========================================

Where two labels map to one feeling, the more probable one that clears its threshold
gives the feeling's score.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from reconnect.analysis.features import BUCKETS
from reconnect.analysis.lexicon import read_checked, read_manifest
from reconnect.analysis.rowsums import add_row_sums
from reconnect.analysis.static import DIMENSIONS, VECTORS_FILE
from reconnect.domain.analysis import Emotion
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    import numpy as np
    import numpy.typing as npt

__all__ = ["FEELINGS", "LABELS", "MODEL_FILE", "EmotionModel", "load_emotion_model", "parse_model"]

MODEL_FILE = "emotion_model.npz"
LABELS = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
)  # fmt: skip
# GoEmotions label -> (feeling, family) of data/emotions.toml; None names nothing.
FEELINGS: dict[str, tuple[str, str] | None] = {
    "admiration": None,
    "amusement": ("amusement", "happy"),
    "anger": ("anger", "angry"),
    "annoyance": ("irritation", "angry"),
    "approval": None,
    "caring": ("love", "loving"),
    "confusion": ("confusion", "surprised"),
    "curiosity": None,
    "desire": None,
    "disappointment": ("disappointment", "sad"),
    "disapproval": None,
    "disgust": ("disgust", "disgusted"),
    "embarrassment": ("shame", "ashamed"),
    "excitement": ("joy", "happy"),
    "fear": ("fear", "fearful"),
    "gratitude": ("gratitude", "loving"),
    "grief": ("sadness", "sad"),
    "joy": ("joy", "happy"),
    "love": ("love", "loving"),
    "nervousness": ("anxiety", "fearful"),
    "optimism": ("hope", "happy"),
    "pride": ("pride", "happy"),
    "realization": None,
    "relief": ("relief", "calm"),
    "remorse": ("shame", "ashamed"),
    "sadness": ("sadness", "sad"),
    "surprise": ("surprise", "surprised"),
    "neutral": None,
}
# FEELINGS in LABELS order, and each feeling's family.
_TARGETS = tuple(FEELINGS[label] or ("", "") for label in LABELS)
_FAMILIES = {name: family for name, family in _TARGETS if name}
_BIAS_KEY = (BUCKETS,)


@dataclass(frozen=True, slots=True)
class EmotionModel:
    """Weights of the layer (float32 in memory) and one threshold per label, in LABELS order.

    ``sparse`` has one row per word-feature bucket, then the output bias, so that a text's
    word weights and the bias are one sum, and last a row of zeros for a bucket without a
    row. ``cutoffs`` are the thresholds as log-odds, infinite for labels that name nothing:
    the labels that count are found without computing a probability for every one.
    """

    rows: dict[int, int]  # word-feature bucket -> row of ``sparse``
    sparse: npt.NDArray[np.float32]  # (features + 2) x labels
    hidden_weights: npt.NDArray[np.float32]  # hidden x DIMENSIONS
    hidden_bias: npt.NDArray[np.float32]  # hidden
    output_weights: npt.NDArray[np.float32]  # labels x hidden
    thresholds: tuple[float, ...]  # labels
    cutoffs: npt.NDArray[np.float32]  # labels
    # ``rows`` as a table over every bucket, then BUCKETS (the bias row) and one past it:
    # the row, or the row of zeros for none, so a text's rows are found by one ``take``.
    row_of: npt.NDArray[Any]

    @classmethod
    def build(
        cls,
        features: list[int],
        sparse: npt.NDArray[np.float32],
        hidden: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
        output: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
        thresholds: tuple[float, ...],
    ) -> EmotionModel:
        """The layer from its arrays: ``features[i]`` is the bucket of ``sparse[i]``;
        ``hidden`` and ``output`` are (weights, bias)."""
        import numpy as np

        cutoffs = np.asarray(
            [
                math.log(t / (1.0 - t)) if FEELINGS[label] is not None else math.inf
                for label, t in zip(LABELS, thresholds, strict=True)
            ],
            dtype=np.float32,
        )
        none = len(features) + 1
        row_of = np.full(BUCKETS + 2, none, dtype=np.uint16 if none < 1 << 16 else np.uint32)
        if features:
            row_of[np.asarray(features, dtype=np.int64)] = np.arange(len(features))
        row_of[BUCKETS] = len(features)  # the output bias, added last
        return cls(
            rows={int(f): i for i, f in enumerate(features)},
            sparse=np.vstack(
                [sparse, output[1][None, :], np.zeros((1, sparse.shape[1]), sparse.dtype)]
            ).astype(np.float32),
            hidden_weights=np.ascontiguousarray(hidden[0], dtype=np.float32),
            hidden_bias=hidden[1].astype(np.float32),
            output_weights=np.ascontiguousarray(output[0], dtype=np.float32),
            thresholds=thresholds,
            cutoffs=cutoffs,
            row_of=row_of,
        )

    def totals(
        self, embedding: npt.NDArray[np.float32], features: Set[int]
    ) -> npt.NDArray[np.float32]:
        """Every label's log-odds for a text with this embedding and these word features."""
        if embedding.shape != (DIMENSIONS,):
            raise ValueError(f"an embedding has shape ({DIMENSIONS},), not {embedding.shape}")
        total: npt.NDArray[np.float32] = self.totals_many(embedding[None, :], [features])[0]
        return total

    def totals_many(
        self, embeddings: npt.NDArray[np.float32], features: Sequence[Set[int]]
    ) -> npt.NDArray[np.float32]:
        """``totals`` of each text (a row of ``embeddings``, a set of ``features``), at once.

        Each row has the floats of computing it alone: ``matmul`` over a stack of vectors
        runs the vector-matrix product ``weights.dot(vector)`` makes for each, and each
        text's word rows are added in its set's order by ``np.add.reduce`` (see
        ``rowsums.add_row_sums``).
        """
        import numpy as np

        hidden = np.matmul(embeddings[:, None, :], self.hidden_weights.T)[:, 0]
        hidden += self.hidden_bias
        np.maximum(hidden, 0.0, out=hidden)
        # The rows of ``[rows[f] for f in features if f in rows]`` and the output bias's, in
        # that order, from one look-up: BUCKETS is the bias row's key.
        counts = [len(found) + 1 for found in features]
        keys = np.fromiter(
            chain.from_iterable(chain(found, _BIAS_KEY) for found in features),
            dtype=np.intp,
            count=sum(counts),
        )
        # A feature without a row takes the row of zeros: added row after row, it changes no
        # sum but a zero's sign (see ``heads.Heads._totals``).
        rows = self.row_of.take(keys, mode="clip")
        total: npt.NDArray[np.float32] = np.matmul(hidden[:, None, :], self.output_weights.T)[:, 0]
        add_row_sums(total, self.sparse, rows, counts)
        return total

    def probabilities(
        self, embedding: npt.NDArray[np.float32], features: Set[int]
    ) -> npt.NDArray[np.float32]:
        """Every label's probability for a text with this embedding and these word features."""
        import numpy as np

        total = np.clip(self.totals(embedding, features), -30.0, 30.0)
        result: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-total))).astype(np.float32)
        return result

    def feelings(self, embedding: npt.NDArray[np.float32], features: Set[int]) -> list[Emotion]:
        """The feelings whose labels clear their thresholds, most probable first.

        Nothing for an embedding of zeros (a text with no known token); an embedding that is
        not finite clears no threshold.
        """
        if embedding.shape != (DIMENSIONS,):
            raise ValueError(f"an embedding has shape ({DIMENSIONS},), not {embedding.shape}")
        return self.feelings_many(embedding[None, :], [features])[0]

    def feelings_many(
        self, embeddings: npt.NDArray[np.float32], features: Sequence[Set[int]]
    ) -> list[list[Emotion]]:
        """``feelings`` of each text (a row of ``embeddings``, a set of ``features``), at once."""
        import numpy as np

        found: list[list[Emotion]] = [[] for _ in features]
        # Nothing for a row of zeros: those are left out of the arithmetic.
        some = np.count_nonzero(embeddings, axis=1).nonzero()[0].tolist()
        if not some:
            return found
        if len(some) < len(features):
            embeddings = embeddings.take(some, axis=0)
            features = [features[i] for i in some]
        total = self.totals_many(embeddings, features)
        rows, labels = (total >= self.cutoffs).nonzero()
        passing: dict[int, list[tuple[int, float]]] = {}
        values = total[rows, labels].tolist()
        for row, index, value in zip(rows.tolist(), labels.tolist(), values, strict=True):
            passing.setdefault(row, []).append((index, value))
        for row, labelled in passing.items():
            found[some[row]] = _named_feelings(labelled)
        return found


def _named_feelings(passing: list[tuple[int, float]]) -> list[Emotion]:
    """The feelings of the labels that pass (index, log-odds), most probable first."""
    best: dict[str, float] = {}
    for index, value in passing:
        name = _TARGETS[index][0]
        p = 1.0 / (1.0 + math.exp(-(value if value < 30.0 else 30.0)))  # -min(30.0, value)
        if p > best.get(name, 0.0):
            best[name] = p
    return [
        Emotion(name, _FAMILIES[name], round(min(p, 0.99), 2))
        for name, p in sorted(best.items(), key=lambda item: -item[1])
    ]


def parse_model(raw: bytes) -> EmotionModel:
    """The layer from the bytes of ``emotion_model.npz``; ContentError when they don't fit."""
    import numpy as np

    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            if tuple(str(label) for label in data["labels"]) != LABELS:
                raise ContentError(f"{MODEL_FILE} was trained for other labels")
            if str(data["static_sha256"]) != read_manifest().get(VECTORS_FILE):
                raise ContentError(
                    f"{MODEL_FILE} was trained on another static embedding; "
                    "retrain it with python -m training.emotions"
                )
            features = data["features"].tolist()
            sparse = data["sparse"].astype(np.float32)
            hidden_weights = data["hidden_weights"].astype(np.float32)
            hidden_bias = data["hidden_bias"].astype(np.float32)
            output_weights = data["output_weights"].astype(np.float32)
            output_bias = data["output_bias"].astype(np.float32)
            thresholds = tuple(float(t) for t in data["thresholds"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
        raise ContentError(f"{MODEL_FILE} cannot be read: {exc}") from None
    hidden = hidden_bias.shape[0] if hidden_bias.ndim == 1 else -1
    labels = len(LABELS)
    if (
        sparse.shape != (len(features), labels)
        or hidden_weights.shape != (hidden, DIMENSIONS)
        or output_weights.shape != (labels, hidden)
        or output_bias.shape != (labels,)
        or len(thresholds) != labels
        or not all(0.0 < t < 1.0 for t in thresholds)
    ):
        raise ContentError(f"{MODEL_FILE} has weights of the wrong shape")
    return EmotionModel.build(
        features, sparse, (hidden_weights, hidden_bias), (output_weights, output_bias), thresholds
    )


@lru_cache(maxsize=1)
def load_emotion_model() -> EmotionModel:
    """The packaged layer, after checking its SHA-256 against the manifest."""
    return parse_model(read_checked(MODEL_FILE))
