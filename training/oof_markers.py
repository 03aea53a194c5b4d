"""Marker flags on real comments the heads never saw: GoEmotions' train split, out of fold.

    python -m training.oof_markers            # fit the fold heads (cached), print the flags
    python -m training.oof_markers --refit    # fit them again (after the training data changed)

The shipped heads were fitted on all 43,410 train comments, so on those comments they look
better than they are, and GoEmotions' dev split (5,426 comments) gives only a handful of
marker flags to judge by. Here each half of the train comments (``hard_negatives.half_of``)
is read by the whole analyzer (rules, vocabulary, floors) with heads fitted on the project's
snippets and the *other* half only, at the shipped thresholds: about eight times as much
unseen real text as the dev split, for choosing what the analyzer does with the heads' guesses.

Every flag is looked up in ``training/oof_marker_judgements.jsonl`` (``id``, ``marker``,
``right``: read by hand, right when the comment shows that sign in its writer or in someone
the writer describes); the script prints each marker's share right and every flag not yet
judged, which a person reads and adds. The fold heads are cached under
``training/.oof-cache/`` (not committed), keyed by the shipped heads' file hash.
Needs the ``train`` extra (scikit-learn). Never reads GoEmotions' dev or test split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

import numpy as np

from reconnect.analysis.analyzer import Analyzer
from reconnect.analysis.features import BUCKETS, word_features
from reconnect.analysis.heads import HEADS, HEADS_FILE, load_heads
from training.analyzer import (
    EMBEDDING_SCALE,
    HARD_NEGATIVE_WEIGHT,
    PROJECT_WEIGHT,
    featurise,
    fit,
    hard_negatives,
    in_memory,
    target,
)
from training.corpus import TRAINING, goemotions, training_rows
from training.hard_negatives import HALVES, half_of
from training.manifest import DATA

JUDGEMENTS = TRAINING / "oof_marker_judgements.jsonl"
CACHE = TRAINING / ".oof-cache"


@dataclass(frozen=True, slots=True)
class Flag:
    """A marker the analyzer reported on a comment its heads did not see."""

    id: str
    marker: str
    score: float
    text: str


def fold_weights(refit: bool) -> list[dict[str, np.ndarray]]:
    """Each half's heads (sparse, dense, bias), fitted without that half; cached."""
    key = hashlib.sha256((DATA / HEADS_FILE).read_bytes()).hexdigest()[:16]
    paths = [CACHE / f"{key}-{k}.npz" for k in range(HALVES)]
    if not refit and all(p.exists() for p in paths):
        return [dict(np.load(p)) for p in paths]
    rows, _ = training_rows()
    features = featurise([r.text for r in rows], word_features)
    x = features.matrix()
    weights = np.array([1.0 if r.source == "goemotions" else PROJECT_WEIGHT for r in rows])
    comment = np.array([r.source == "goemotions" for r in rows])
    half = np.array([half_of(r.id) if r.source == "goemotions" else -1 for r in rows])
    hard = hard_negatives()
    ids = np.array([r.id if r.source == "goemotions" else "" for r in rows])
    CACHE.mkdir(exist_ok=True)
    found = []
    for k, path in enumerate(paths):
        scored = comment & (half == k)
        sparse = np.zeros((BUCKETS, len(HEADS)), np.float32)
        dense = np.zeros((len(HEADS), features.dense.shape[1]), np.float32)
        bias = np.zeros(len(HEADS), np.float32)
        for h, head in enumerate(HEADS):
            y = target(rows, head)
            mined = np.isin(ids, sorted(hard.get(head, ()))) & ~y
            head_weights = np.where(mined, HARD_NEGATIVE_WEIGHT, weights)
            model = fit(x[~scored], y[~scored], head_weights[~scored])
            sparse[:, h] = model.coef_[0][:BUCKETS]
            dense[h] = model.coef_[0][BUCKETS:] * EMBEDDING_SCALE
            bias[h] = model.intercept_[0]
            print(f"half {k}: fitted {head}", flush=True)
        np.savez(path, sparse=sparse, dense=dense, bias=bias)
        found.append({"sparse": sparse, "dense": dense, "bias": bias})
    return found


def oof_flags(refit: bool = False) -> list[Flag]:
    """Every marker (crisis aside) the analyzer reports on a train comment, out of fold."""
    _, thresholds = load_heads()
    rows = goemotions("train")  # the comments left out of training too: unseen all the same
    flags: list[Flag] = []
    for k, weights in enumerate(fold_weights(refit)):
        analyzer = Analyzer(
            in_memory(weights["sparse"], weights["dense"], weights["bias"]), thresholds
        )
        for row in rows:
            if half_of(row.id) != k:
                continue
            for marker in analyzer.analyze(row.text).markers:
                if marker.name != "crisis":
                    flags.append(Flag(row.id, marker.name, marker.score, row.text))
    return flags


def read_judgements() -> dict[tuple[str, str], bool]:
    judged: dict[tuple[str, str], bool] = {}
    for line in JUDGEMENTS.read_text("utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            judged[(str(data["id"]), str(data["marker"]))] = bool(data["right"])
    return judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refit", action="store_true", help="fit the fold heads again")
    args = parser.parse_args()
    flags = oof_flags(args.refit)
    judged = read_judgements()
    total, right = Counter[str](), Counter[str]()
    unjudged = []
    for flag in flags:
        verdict = judged.get((flag.id, flag.marker))
        if verdict is None:
            unjudged.append(flag)
            continue
        total[flag.marker] += 1
        right[flag.marker] += verdict
    print(f"{len(flags)} marker flags on {HALVES} halves of the train comments, out of fold")
    for marker in sorted(total):
        print(f"  {marker:17} {right[marker]:3} right of {total[marker]:3}")
    print(f"  {'all judged':17} {sum(right.values()):3} right of {sum(total.values()):3}")
    for flag in unjudged:
        print(f"not judged yet: {flag.id} {flag.marker} {flag.score:.2f} {flag.text[:120]!r}")


if __name__ == "__main__":
    main()
