"""Train the analyzer's learned layer and write it into the package, with its hash.

Reproducible: fixed seeds, the same inputs give the same file. Inputs are the
shared training set and the project's own corpus under training/corpus/; the
dev set (shared/data/markers_dev.jsonl) is never read here.

A fixed slice (one in ten, chosen by a hash of the text) of the shared set and
of the hand-written corpus is held out of training altogether and written to
training/holdout.jsonl; the printed metrics and the quality-floor test in
tests/analysis/ use it. Decision thresholds come from 5-fold out-of-fold
predictions on the rest, never from the held-out slice or the dev set.

    .venv/bin/pip install -e ".[train]"
    .venv/bin/python scripts/train_analyzer.py
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import zlib
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.svm import SVC

from reconnect.analysis.embedding import DIMENSIONS, MODEL_SHA256, load_encoder
from reconnect.analysis.features import BUCKETS, hashed_features
from reconnect.analysis.kernel import KERNEL_FILE
from reconnect.analysis.lexicon import MANIFEST
from reconnect.analysis.model import HEADS, MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]
SHARED_TRAIN = ROOT.parent / "shared" / "data" / "markers_train.jsonl"
CORPUS = ROOT / "training" / "corpus"
HOLDOUT = ROOT / "training" / "holdout.jsonl"
DATA = ROOT / "src" / "reconnect" / "analysis" / "data"
SEED = 20261124
C = 1.5
# The sentence embedding's columns are scaled by this before the fit, so that the L2 penalty
# weighs 384 dense values fairly against thousands of sparse ones (out-of-fold macro-F1
# 0.630 without embeddings, 0.661 at 2, 0.673 at 4, 0.670 at 8;
# docs/decisions/0006-sentence-embeddings.md).
EMBEDDING_SCALE = 4.0
# The crisis kernel (analysis/kernel.py): an RBF support-vector classifier over the
# embedding, balanced classes; gamma 1 is what scikit-learn's "scale" gives for unit vectors.
KERNEL_C = 10.0
# Heads that read the hashed n-grams only. The crisis head's view of the embedding is the
# kernel's: fitted jointly, its dense part learnt that talk of tablets is crisis talk
# ("the sertraline is helping" scored 0.91), and its errors overlapped the kernel's.
SPARSE_ONLY_HEADS = frozenset({"crisis"})
KERNEL_GAMMA = 1.0
EMBEDDING_CACHE = ROOT / "training" / ".embedding-cache.npz"
# Sources that look like real entries; thresholds are tuned on their out-of-fold scores.
TUNING_SOURCES = frozenset({"shared", "handwritten", "crisis_handwritten"})
HOLD_OUT_SOURCES = frozenset({"shared", "handwritten"})
# Per-source weight of a snippet in the fit (sources not listed weigh 1).
SOURCE_WEIGHTS: dict[str, float] = {}


def load_rows(path: Path, source: str) -> list[dict[str, object]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row["source"] = source
            rows.append(row)
    return rows


def is_held_out(row: dict[str, object]) -> bool:
    """One in ten snippets of the shared and hand-written sets, fixed by the text's CRC-32."""
    text = str(row["text"]).encode("utf-8")
    return row["source"] in HOLD_OUT_SOURCES and zlib.crc32(text) % 10 == 0


_EMBEDDINGS: dict[str, np.ndarray] = {}


def embeddings(texts: list[str]) -> np.ndarray:
    """Each text's sentence embedding (its first window, as in training), cached on disk.

    The cache (``training/.embedding-cache.npz``, not committed) is keyed by the text and
    kept only while the embedding model's hash is the same.
    """
    if not _EMBEDDINGS and EMBEDDING_CACHE.exists():
        saved = np.load(EMBEDDING_CACHE, allow_pickle=False)
        if str(saved["model"]) == MODEL_SHA256:
            _EMBEDDINGS.update(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in _EMBEDDINGS})
    if missing:
        encoder = load_encoder()
        for done, text in enumerate(missing, 1):
            _EMBEDDINGS[text] = encoder.embed_window(text)
            if done % 500 == 0 or done == len(missing):
                print(f"  embedded {done}/{len(missing)} snippets", flush=True)
        np.savez(
            EMBEDDING_CACHE,
            model=MODEL_SHA256,
            texts=np.array(list(_EMBEDDINGS), dtype=str),
            vectors=np.stack(list(_EMBEDDINGS.values())),
        )
    return np.stack([_EMBEDDINGS[t] for t in texts]) if texts else np.zeros((0, DIMENSIONS))


def matrix(texts: list[str]) -> csr_matrix:
    """Hashed n-gram indicators, then the scaled sentence embedding (``DIMENSIONS`` columns)."""
    indptr, indices = [0], []
    for text in texts:
        indices.extend(sorted(hashed_features(text)))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    sparse = csr_matrix((data, np.array(indices), np.array(indptr)), shape=(len(texts), BUCKETS))
    dense = csr_matrix(EMBEDDING_SCALE * embeddings(texts))
    return hstack([sparse, dense]).tocsr()


def targets(rows: list[dict[str, object]], head: str) -> np.ndarray:
    if head == "subject_other":
        return np.array([1 if r["subject"] == "other" else 0 for r in rows])
    return np.array([1 if head in r["labels"] else 0 for r in rows])  # type: ignore[operator]


def f1_at(y: np.ndarray, p: np.ndarray, threshold: float) -> float:
    pred = p >= threshold
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold whose neighbourhood (±0.05) has the best mean F1, and its own F1.

    Smoothing keeps one lucky cut-off on a few hundred snippets from deciding;
    ties go to the threshold nearest 0.5.
    """
    candidates = [float(round(t, 3)) for t in np.arange(0.05, 0.901, 0.025)]
    f1s = {t: f1_at(y, p, t) for t in candidates}
    smoothed = [
        (float(np.mean([f1s[u] for u in candidates if abs(u - t) <= 0.051])), -abs(t - 0.5), t)
        for t in candidates
    ]
    _, _, threshold = max(smoothed)
    return threshold, f1s[threshold]


def new_model(c: float = C) -> LogisticRegression:
    # The dual liblinear solver reaches the same optimum as the primal one, ten times faster
    # on these wide, short rows.
    return LogisticRegression(
        C=c,
        solver="liblinear",
        dual=True,
        class_weight="balanced",
        max_iter=5000,
        random_state=SEED,
    )


def read_training_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The rows to train on and the held-out slice, both tagged with their ``source``."""
    rows = load_rows(SHARED_TRAIN, "shared")
    for path in sorted(CORPUS.glob("*.jsonl")):
        rows.extend(load_rows(path, path.stem))
    held = [r for r in rows if is_held_out(r)]
    return [r for r in rows if not is_held_out(r)], held


def fit_heads(
    rows: list[dict[str, object]],
    *,
    verbose: bool = False,
    c: float = C,
    source_weights: dict[str, float] | None = None,
    tuning_sources: frozenset[str] = TUNING_SOURCES,
) -> tuple[np.ndarray, list[float], list[float], list[float]]:
    """Weights (heads x buckets), biases, thresholds and out-of-fold F1 of every head.

    Thresholds come from 5-fold out-of-fold predictions on the rows whose source is in
    ``TUNING_SOURCES``; the final weights are fitted on all ``rows``.
    """
    full = matrix([str(r["text"]) for r in rows])
    sparse_only = full[:, :BUCKETS]
    tuning = np.array([r["source"] in tuning_sources for r in rows])
    folds = list(KFold(n_splits=5, shuffle=True, random_state=SEED).split(full))
    weight_of = SOURCE_WEIGHTS if source_weights is None else source_weights
    sample = np.array([weight_of.get(str(r["source"]), 1.0) for r in rows])
    biases: list[float] = []
    thresholds: list[float] = []
    coefs: list[np.ndarray] = []
    f1s: list[float] = []
    for head in HEADS:
        y = targets(rows, head)
        x = sparse_only if head in SPARSE_ONLY_HEADS else full
        oof = np.zeros(len(rows))
        for train_index, test_index in folds:
            fitted = new_model(c).fit(x[train_index], y[train_index], sample[train_index])
            oof[test_index] = fitted.predict_proba(x[test_index])[:, 1]
        threshold, f1 = best_threshold(y[tuning], oof[tuning])
        final = new_model(c).fit(x, y, sample)
        coefs.append(np.pad(final.coef_[0], (0, full.shape[1] - x.shape[1])))
        biases.append(round(float(final.intercept_[0]), 4))
        thresholds.append(threshold)
        f1s.append(f1)
        if verbose:
            print(f"{head:18} out-of-fold F1 {f1:.3f} at threshold {threshold:.3f}")
    return np.vstack(coefs), biases, thresholds, f1s


def payload(weights: np.ndarray, biases: list[float], thresholds: list[float], prune: float) -> str:
    """The model file's JSON text: features whose largest weight is under ``prune`` dropped.

    The dense weights are stored already multiplied by ``EMBEDDING_SCALE``, so inference takes
    the plain dot product with a unit-length embedding.
    """
    sparse, dense = weights[:, :BUCKETS], weights[:, BUCKETS:] * EMBEDDING_SCALE
    kept = np.flatnonzero(np.abs(sparse).max(axis=0) >= prune)
    features = {str(int(i)): [round(float(w), 3) for w in sparse[:, i]] for i in kept}
    return json.dumps(
        {
            "buckets": BUCKETS,
            "heads": list(HEADS),
            "bias": biases,
            "threshold": thresholds,
            "features": features,
            "embedding_model": MODEL_SHA256,
            "dense": [[round(float(w), 4) for w in row] for row in dense],
        },
        sort_keys=True,
        separators=(",", ":"),
    )


def kernel_payload(rows: list[dict[str, object]]) -> str:
    """The crisis kernel's JSON text: an SVC fitted on the embeddings of ``rows``."""
    x = embeddings([str(r["text"]) for r in rows])
    y = targets(rows, "crisis")
    fitted = SVC(C=KERNEL_C, kernel="rbf", gamma=KERNEL_GAMMA, class_weight="balanced")
    fitted.fit(x, y)
    support = fitted.support_vectors_.astype("<f2")
    coef = fitted.dual_coef_[0].astype("<f2")
    return json.dumps(
        {
            "embedding_model": MODEL_SHA256,
            "count": int(support.shape[0]),
            "gamma": KERNEL_GAMMA,
            "intercept": round(float(fitted.intercept_[0]), 6),
            "support": base64.b64encode(support.tobytes()).decode("ascii"),
            "coef": base64.b64encode(coef.tobytes()).decode("ascii"),
        },
        sort_keys=True,
    )


def write_artefact(name: str, text: str) -> str:
    """Gzip ``text`` (no timestamp, so the bytes are reproducible) into the package data and
    record its SHA-256 in the manifest; return the hash."""
    out = DATA / name
    with gzip.GzipFile(out, "wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    manifest_path = DATA / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest[name] = hashlib.sha256(out.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    size = out.stat().st_size
    print(f"wrote {out.relative_to(ROOT)} ({size:,} bytes, sha256 {manifest[name][:16]}…)")
    return manifest[name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prune", type=float, default=0.02, help="drop features below this")
    args = parser.parse_args()

    rows, held = read_training_rows()
    HOLDOUT.write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if k != "source"}, ensure_ascii=False) + "\n"
            for r in held
        ),
        encoding="utf-8",
    )
    tuning = sum(r["source"] in TUNING_SOURCES for r in rows)
    print(
        f"{len(rows)} snippets for training ({tuning} used for thresholds), "
        f"{len(held)} held out in {HOLDOUT.relative_to(ROOT)}"
    )
    weights, biases, thresholds, f1s = fit_heads(rows, verbose=True)
    markers = f1s[: len(HEADS) - 1]
    print(f"macro-F1 out of fold (shared + hand-written): {sum(markers) / len(markers):.3f}")

    text = payload(weights, biases, thresholds, args.prune)
    print(f"{len(json.loads(text)['features']):,} hashed features kept")
    write_artefact(MODEL_FILE, text)
    write_artefact(KERNEL_FILE, kernel_payload(rows))


if __name__ == "__main__":
    main()
