"""Train analyzer 3's heads and choose its thresholds; write ``analysis/data/heads.npz``.

    python -m training.analyzer

Every head (14 markers, ``subject_other`` and ``journal``) is a logistic regression over the
text's hashed word features and its static embedding (``analysis/static.py``), fitted on the
project's journal-style snippets together with GoEmotions' 43,410 real comments as ordinary
text (``training.corpus``). Thresholds:

- markers: the F1-optimal threshold on a fixed fifth of the journal-style snippets that a
  first fit did not see, then raised where needed so that the head flags at most
  ``MARKER_REAL_RATE`` of GoEmotions' dev comments (real ordinary text, never trained on);
- hard negatives: the train comments a marker head mistook for its marker when it had not
  seen them (``training.hard_negatives``) weigh ``HARD_NEGATIVE_WEIGHT`` in that head's fit;
- journal: the project's snippets against the comments; its threshold is ``JOURNAL_GATE``,
  where a marker head's guess alone starts to count (decision 0018);
- crisis: two thresholds on the final model's scores of GoEmotions' dev comments, so that the
  learned layer alone asks the calm ``concern`` question on about ``CONCERN_RATE`` of them and
  is confident enough to count as a crisis signal on about ``CONFIDENT_RATE``
  (docs/decisions/0007-analyzer-3.md says how these combine with the rules).

Analyzer 3.9's heads are a full fit (no flag), so that the crisis head reads 3.8's journal
snippets too (docs/decisions/0017-crisis-follows-rule-10.md); 3.10's marker heads were fitted
again with ``--markers-only`` after four more hand-written batches (``batch34`` to ``batch37``),
so its crisis head is 3.9's; 3.12 added the ``journal`` head the same way. With
``--markers-only`` (how analyzer 3.8's heads were built) only the 13 marker heads, the
``journal`` head and their thresholds are fitted again; the crisis and ``subject_other``
heads, their thresholds and every feature bucket where they have a weight are carried over
from ``heads.npz``, so that crisis results, checked on sets that are no longer unseen, stay
exactly as they were (docs/decisions/0015-marker-heads-refit-alone.md).

Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import io
import json
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression

from reconnect.analysis.features import BUCKETS, word_features
from reconnect.analysis.heads import HEADS, HEADS_FILE, MARKER_HEADS, Heads
from reconnect.analysis.static import VECTORS_FILE, load_static
from training.corpus import TRAINING, Row, goemotions, relabelled, training_rows, write_holdout
from training.manifest import DATA, record

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SEED = 20261206
C = 1.0
# Journal-style snippets weigh more than a Reddit comment: they are what the product reads.
PROJECT_WEIGHT = 3.0
# The embedding's columns are scaled by this before the fit, so that the L2 penalty weighs its
# 256 dense values against the sparse word features. F1 on the tuning fifth (numbness,
# avoidance, reconnection, suppression, crisis): 0.85/0.83/0.95/0.80/0.85 at 1,
# 0.85/0.83/0.96/0.82/0.85 at 2, 0.87/0.81/0.97/0.82/0.84 at 4. At 4 the embedding
# dominates and a mean diluted by other words ("Felt numb all day, c'est la vie I
# suppose") drowns the words that say it; 2 keeps the words heard.
EMBEDDING_SCALE = 2.0
MARKER_REAL_RATE = 0.004
# The journal head's threshold: a marker's learned guess with no phrase behind it counts only
# where the text reads at least this much like the journal-style snippets rather than a
# forum comment (analyzer 3.12; chosen below, ``docs/analyzer-accuracy.md``).
JOURNAL_GATE = 0.2
HARD_NEGATIVE_WEIGHT = 10.0
CONCERN_RATE = 0.02
CONFIDENT_RATE = 0.004
# Sparse weights smaller than this are not shipped (47,000 of 159,000 buckets stay).
PRUNE = 0.03


@dataclass(frozen=True, slots=True)
class Features:
    """Sparse hashed features and dense embeddings of a list of texts, row for row."""

    sparse: csr_matrix
    dense: np.ndarray

    def matrix(self) -> csr_matrix:
        return hstack([self.sparse, csr_matrix(self.dense * EMBEDDING_SCALE)]).tocsr()


def featurise(texts: Sequence[str], extract: Callable[[str], set[int]]) -> Features:
    encoder = load_static()
    rows: list[int] = []
    cols: list[int] = []
    for i, text in enumerate(texts):
        found = extract(text)
        rows.extend([i] * len(found))
        cols.extend(found)
    sparse = csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(texts), BUCKETS))
    dense = np.array([encoder.embed(t) for t in texts], dtype=np.float32)
    return Features(sparse, dense)


def target(rows: Sequence[Row], head: str) -> np.ndarray:
    if head == "journal":
        return np.array([r.source != "goemotions" for r in rows])
    if head == "subject_other":
        return np.array([r.subject == "other" and bool(r.labels) for r in rows])
    return np.array([head in r.labels for r in rows])


def fit(x: csr_matrix, y: np.ndarray, weights: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(
        C=C, max_iter=5000, class_weight="balanced", solver="liblinear", random_state=SEED
    )
    model.fit(x, y, sample_weight=weights)
    return model


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    best, chosen = -1.0, 0.5
    for threshold in np.arange(0.05, 0.96, 0.01):
        flagged = p >= threshold
        tp = float(np.sum(flagged & y))
        f1 = 2 * tp / max(1.0, float(np.sum(flagged) + np.sum(y)))
        if f1 > best:
            best, chosen = f1, float(threshold)
    return chosen


def rate_threshold(p: np.ndarray, rate: float) -> float:
    """The lowest threshold at which at most ``rate`` of the scores are flagged."""
    return float(np.quantile(p, 1.0 - rate)) + 1e-6


def hard_negatives() -> dict[str, frozenset[str]]:
    """The comment ids mined as hard negatives for each marker (``training.hard_negatives``)."""
    found: dict[str, set[str]] = {}
    path = TRAINING / "goemotions_hard_negatives.jsonl"
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                found.setdefault(str(data["marker"]), set()).add(str(data["id"]))
    return {marker: frozenset(ids) for marker, ids in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hard-weight", type=float, default=HARD_NEGATIVE_WEIGHT)
    parser.add_argument(
        "--markers-only",
        action="store_true",
        help="fit the marker heads again; keep the crisis and subject heads of heads.npz",
    )
    args = parser.parse_args()
    extract = word_features
    rows, held = training_rows()
    write_holdout(held)
    print(f"{len(rows)} training rows, {len(held)} held out")
    features = featurise([r.text for r in rows], extract)
    x = features.matrix()
    weights = np.array([1.0 if r.source == "goemotions" else PROJECT_WEIGHT for r in rows])
    # A fixed fifth of the journal-style snippets chooses the marker thresholds.
    tuning = np.array(
        [r.source != "goemotions" and zlib.crc32(r.text.encode()) % 5 == 0 for r in rows]
    )
    dev = relabelled(goemotions("dev"), "dev")
    dev_features = featurise([r.text for r in dev], extract)
    x_dev = dev_features.matrix()

    sparse_weights = np.zeros((BUCKETS, len(HEADS)), np.float32)
    dense_weights = np.zeros((len(HEADS), features.dense.shape[1]), np.float32)
    biases = np.zeros(len(HEADS), np.float32)
    thresholds: dict[str, float] = {}
    carried = Carried.shipped() if args.markers_only else None
    if carried is not None:
        sparse_weights[carried.buckets] = carried.sparse
        dense_weights[:] = carried.dense
        biases[:] = carried.bias
    hard = hard_negatives()
    comment_ids = np.array([r.id if r.source == "goemotions" else "" for r in rows])
    for h, head in enumerate(HEADS):
        if carried is not None and head not in REFIT_ALONE:
            print(f"{head:18} carried over from {HEADS_FILE}")
            continue
        y = target(rows, head)
        mined = np.isin(comment_ids, sorted(hard.get(head, ()))) & ~y
        head_weights = np.where(mined, args.hard_weight, weights)
        first = fit(x[~tuning], y[~tuning], head_weights[~tuning])
        threshold = best_f1_threshold(y[tuning], first.predict_proba(x[tuning])[:, 1])
        model = fit(x, y, head_weights)
        coef = model.coef_[0]
        sparse_weights[:, h] = coef[:BUCKETS]
        dense_weights[h] = coef[BUCKETS:] * EMBEDDING_SCALE
        biases[h] = model.intercept_[0]
        p_dev = model.predict_proba(x_dev)[:, 1]
        if head in MARKER_HEADS and head != "crisis":
            threshold = max(threshold, rate_threshold(p_dev, MARKER_REAL_RATE))
        if head == "journal":
            threshold = JOURNAL_GATE
        thresholds[head] = threshold
        flagged = float(np.mean(p_dev >= threshold))
        print(f"{head:18} threshold {threshold:.3f}, GoEmotions dev flagged {flagged:.4f}")

    extra = carried.buckets if carried is not None else None
    if carried is not None:
        thresholds = {**carried.thresholds, **thresholds}
    else:
        heads = in_memory(sparse_weights, dense_weights, biases)
        dev_crisis = np.array([heads.score(r.text).crisis for r in dev])
        thresholds["crisis_concern"] = rate_threshold(dev_crisis, CONCERN_RATE)
        thresholds["crisis_confident"] = rate_threshold(dev_crisis, CONFIDENT_RATE)
        del thresholds["crisis"]
    print({k: round(v, 3) for k, v in thresholds.items()})
    write_heads(sparse_weights, dense_weights, biases, thresholds, extra)


# The heads ``--markers-only`` fits again: every marker but crisis, and the journal head that
# gates their learned guesses.
REFIT_ALONE = frozenset([*(h for h in MARKER_HEADS if h != "crisis"), "journal"])


@dataclass(frozen=True, slots=True)
class Carried:
    """The shipped heads file's weights and thresholds, for ``--markers-only``."""

    buckets: np.ndarray  # the feature buckets where a carried head has a weight
    sparse: np.ndarray  # their weights, float16 values as float32, buckets x heads
    dense: np.ndarray
    bias: np.ndarray
    thresholds: dict[str, float]  # crisis_concern, crisis_confident, subject_other

    @classmethod
    def shipped(cls) -> Carried:
        with np.load(DATA / HEADS_FILE, allow_pickle=False) as data:
            names = [str(h) for h in data["heads"]]
            if set(HEADS) - set(names) - REFIT_ALONE or set(names) - set(HEADS):
                raise SystemExit(f"{HEADS_FILE} was trained for other heads: fit them all")
            # A head the file lacks is one ``--markers-only`` fits (its columns start at 0).
            at = [names.index(h) if h in names else -1 for h in HEADS]
            saved = json.loads(str(data["thresholds"]))
            sparse, dense, bias = (
                _by_head(data[key].astype(np.float32), at, axis)
                for key, axis in (("sparse", 1), ("dense", 0), ("bias", 0))
            )
            # Only the rows that hold a carried head's weight: the marker columns are fitted
            # again whole, so rows kept for their old weights alone would only pile up.
            carried = [i for i, head in enumerate(HEADS) if head not in REFIT_ALONE]
            rows = np.flatnonzero(np.abs(sparse[:, carried]).max(axis=1) > 0)
            return cls(
                buckets=data["features"].astype(np.int64)[rows],
                sparse=sparse[rows],
                dense=dense,
                bias=bias,
                thresholds={k: float(v) for k, v in saved.items() if k not in REFIT_ALONE},
            )


def _by_head(saved: np.ndarray, at: list[int], axis: int) -> np.ndarray:
    """``saved``'s slices along ``axis`` in HEADS order; zeros where ``at`` is -1."""
    zeros = saved.shape[axis]  # the slice of zeros appended below
    padded = np.concatenate([saved, np.zeros_like(saved.take([0], axis=axis))], axis=axis)
    return padded.take([zeros if i < 0 else i for i in at], axis=axis)


def kept(sparse: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """The feature buckets whose weights are worth shipping (and ``extra``, carried over)."""
    keep = np.flatnonzero(np.abs(sparse).max(axis=1) >= PRUNE)
    return keep if extra is None else np.union1d(keep, extra)


def in_memory(sparse: np.ndarray, dense: np.ndarray, biases: np.ndarray) -> Heads:
    """The heads as the analyzer will load them (pruned, float16 sparse weights)."""
    keep = kept(sparse)
    weights = sparse[keep].astype(np.float16).astype(np.float32)
    return Heads.build(keep.tolist(), weights, dense, biases)


def write_heads(
    sparse: np.ndarray,
    dense: np.ndarray,
    biases: np.ndarray,
    thresholds: dict[str, float],
    extra: np.ndarray | None = None,
) -> None:
    keep = kept(sparse, extra)
    buffer = io.BytesIO()
    np.savez(
        buffer,
        heads=np.array(HEADS),
        features=keep.astype(np.int32),
        sparse=sparse[keep].astype(np.float16),
        dense=dense.astype(np.float32),
        bias=biases.astype(np.float32),
        thresholds=np.array(json.dumps(thresholds, sort_keys=True)),
        static_model=np.array(VECTORS_FILE),
    )
    (DATA / HEADS_FILE).write_bytes(buffer.getvalue())
    record(HEADS_FILE)
    print(f"wrote {HEADS_FILE}: {len(keep)} features, {len(buffer.getvalue()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
