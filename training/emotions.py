"""Train the learned emotion layer on GoEmotions and ship it (``analysis/emotion_model.py``).

    python -m training.emotions             # train on train, thresholds on dev, ship the weights
    python -m training.emotions --examples  # what the layer names on ten GoEmotions dev comments
    python -m training.emotions --test      # once, at the very end: macro-F1 on the test split

Data: GoEmotions (Demszky et al., ACL 2020; CC BY 4.0) in ``shared/data/goemotions``: Reddit
comments with 28 labels (27 emotions and neutral), split 43,410 / 5,426 / 5,427. Input: a
text's static embedding (``analysis/static.py``, 256 dimensions) and its hashed word features
(``analysis/features.word_features``; the ``FEATURES`` buckets most frequent in train keep a
weight). Model: per label, log-odds = a one-hidden-layer network (``HIDDEN`` rectified units)
over the standardised embedding + one weight per word feature; binary cross-entropy, AdamW,
dropout, fixed seeds, one CPU thread (the run is deterministic). The standardisation is folded
into the first layer, and the weights ship as float16 in ``analysis/data/emotion_model.npz``
with one threshold per label, chosen on dev to maximise that label's F1 (as in the paper);
the file is recorded in ``analysis/data/manifest.json``. Figures: docs/emotions-accuracy.md.
"""

from __future__ import annotations

import argparse
import io
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from reconnect.analysis.emotion_model import (
    FEELINGS,
    LABELS,
    MODEL_FILE,
    EmotionModel,
    load_emotion_model,
)
from reconnect.analysis.features import word_features
from reconnect.analysis.lexicon import read_manifest
from reconnect.analysis.static import VECTORS_FILE, load_static
from training.manifest import DATA, SHARED, record

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    import torch

GOEMOTIONS = SHARED / "goemotions"
SEED = 0
FEATURES = 4000
HIDDEN = 128
EPOCHS = 15
BATCH = 256
RATE = 2e-3
SPARSE_RATE = 1e-2
DECAY = 1e-2
SPARSE_DECAY = 5e-2
INPUT_DROPOUT = 0.1
DROPOUT = 0.5
GRID = np.round(np.arange(0.01, 1.0, 0.01), 2)
BERT = 0.46  # the paper's BERT macro-F1 over the 28 labels (Table 4)
BERT_EKMAN = 0.64  # the paper's BERT macro-F1 on the Ekman grouping (Table 5)
EKMAN = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "joy": (
        "joy", "amusement", "approval", "excitement", "gratitude", "love", "optimism",
        "relief", "pride", "admiration", "desire", "caring",
    ),
    "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
    "surprise": ("surprise", "realization", "confusion", "curiosity"),
    "neutral": ("neutral",),
}  # fmt: skip

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Split:
    """One GoEmotions split: texts, a 0/1 label matrix, embeddings and word features."""

    texts: list[str]
    gold: npt.NDArray[np.bool_]  # texts x labels
    embeddings: Matrix  # texts x 256
    features: list[set[int]]


def read_split(name: str) -> Split:
    """Read ``<name>.tsv`` (text, label ids, Reddit id; no header, no quoting)."""
    names = (GOEMOTIONS / "emotions.txt").read_text("utf-8").split()
    if tuple(names) != LABELS:
        raise SystemExit(f"{GOEMOTIONS}/emotions.txt does not list the labels in LABELS order")
    texts: list[str] = []
    ids: list[list[int]] = []
    for line in (GOEMOTIONS / f"{name}.tsv").read_text("utf-8").splitlines():
        text, labels, _ = line.split("\t")
        texts.append(text)
        ids.append([int(i) for i in labels.split(",")])
    gold = np.zeros((len(texts), len(LABELS)), dtype=np.bool_)
    for row, labels_of in enumerate(ids):
        gold[row, labels_of] = True
    encoder = load_static()
    embeddings = np.stack([encoder.embed(text) for text in texts]).astype(np.float32)
    return Split(texts, gold, embeddings, [word_features(text) for text in texts])


def vocabulary(features: Sequence[set[int]], size: int) -> list[int]:
    """The ``size`` buckets found in most train texts (ties: the smaller bucket first)."""
    counts = Counter(bucket for found in features for bucket in found)
    return sorted(sorted(counts), key=lambda b: -counts[b])[:size]


def _bags(features: Sequence[set[int]], rows: dict[int, int]) -> tuple[torch.Tensor, torch.Tensor]:
    import torch

    flat: list[int] = []
    offsets: list[int] = []
    for found in features:
        offsets.append(len(flat))
        flat.extend(sorted(rows[f] for f in found if f in rows))
    return torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)


def fit(train: Split, buckets: list[int]) -> dict[str, npt.NDArray[np.generic]]:
    """Train the layer; its arrays as shipped (float16, standardisation folded in)."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    rows = {bucket: i for i, bucket in enumerate(buckets)}
    mean = train.embeddings.mean(axis=0)
    scale = train.embeddings.std(axis=0) + 1e-6
    inputs = torch.from_numpy((train.embeddings - mean) / scale)
    targets = torch.from_numpy(train.gold.astype(np.float32))
    hidden = torch.nn.Linear(inputs.shape[1], HIDDEN)
    output = torch.nn.Linear(HIDDEN, len(LABELS))
    dense = torch.nn.Sequential(
        torch.nn.Dropout(INPUT_DROPOUT), hidden, torch.nn.ReLU(), torch.nn.Dropout(DROPOUT), output
    )
    sparse = torch.nn.EmbeddingBag(len(buckets), len(LABELS), mode="sum")
    torch.nn.init.zeros_(sparse.weight)
    optimiser = torch.optim.AdamW(
        [
            {"params": dense.parameters(), "weight_decay": DECAY, "lr": RATE},
            {"params": sparse.parameters(), "weight_decay": SPARSE_DECAY, "lr": SPARSE_RATE},
        ]
    )
    batches = (len(inputs) + BATCH - 1) // BATCH
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=[RATE, SPARSE_RATE], total_steps=EPOCHS * batches
    )
    order = torch.Generator().manual_seed(SEED)
    dense.train()
    for epoch in range(EPOCHS):
        permutation = torch.randperm(len(inputs), generator=order)
        total = 0.0
        for start in range(0, len(inputs), BATCH):
            batch = permutation[start : start + BATCH]
            flat, offsets = _bags([train.features[i] for i in batch.tolist()], rows)
            logits = dense(inputs[batch]) + sparse(flat, offsets)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[batch])
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimiser.step()
            schedule.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1:2d}: loss {total / len(inputs):.4f}", flush=True)
    with torch.no_grad():
        weights = hidden.weight.numpy().astype(np.float64) / scale.astype(np.float64)
        bias = hidden.bias.numpy().astype(np.float64) - weights @ mean.astype(np.float64)
        return {
            "features": np.asarray(buckets, dtype=np.int32),
            "sparse": sparse.weight.numpy().astype(np.float16),
            "hidden_weights": weights.astype(np.float16),
            "hidden_bias": bias.astype(np.float16),
            "output_weights": output.weight.numpy().astype(np.float16),
            "output_bias": output.bias.numpy().astype(np.float16),
        }


def as_model(
    arrays: dict[str, npt.NDArray[np.generic]], thresholds: Sequence[float]
) -> EmotionModel:
    """The runtime layer for these arrays (what ``parse_model`` gives for the shipped file)."""

    def floats(name: str) -> Matrix:
        return arrays[name].astype(np.float32)

    return EmotionModel.build(
        [int(b) for b in arrays["features"].tolist()],
        floats("sparse"),
        (floats("hidden_weights"), floats("hidden_bias")),
        (floats("output_weights"), floats("output_bias")),
        tuple(thresholds),
    )


def predict(model: EmotionModel, split: Split) -> Matrix:
    """Every label's probability for every text, through the runtime code path."""
    return np.stack(
        [model.probabilities(e, f) for e, f in zip(split.embeddings, split.features, strict=True)]
    )


def f1(predicted: npt.NDArray[np.bool_], gold: npt.NDArray[np.bool_]) -> float:
    """F1 of one label's 0/1 predictions (0 when there is nothing to find or found)."""
    hits = int((predicted & gold).sum())
    wrong = int((predicted & ~gold).sum())
    missed = int((~predicted & gold).sum())
    return 2 * hits / (2 * hits + wrong + missed) if hits else 0.0


def best_thresholds(probabilities: Matrix, gold: npt.NDArray[np.bool_]) -> list[float]:
    """Per column, the grid threshold with the highest F1 (ties: the lower threshold)."""
    chosen: list[float] = []
    for column in range(gold.shape[1]):
        scores = [f1(probabilities[:, column] >= t, gold[:, column]) for t in GRID]
        chosen.append(float(GRID[int(np.argmax(scores))]))
    return chosen


def per_label(
    probabilities: Matrix, gold: npt.NDArray[np.bool_], thresholds: Sequence[float]
) -> list[float]:
    """Each column's F1 at its threshold."""
    return [f1(probabilities[:, c] >= thresholds[c], gold[:, c]) for c in range(gold.shape[1])]


def cross_fitted(probabilities: Matrix, gold: npt.NDArray[np.bool_]) -> float:
    """Macro-F1 with thresholds chosen on one half of the rows and scored on the other (both
    ways, averaged): what choosing thresholds on dev costs in optimism, without the test."""
    half = np.random.default_rng(SEED).permutation(len(gold)) < len(gold) // 2
    scores = [
        np.mean(per_label(probabilities[~a], gold[~a], best_thresholds(probabilities[a], gold[a])))
        for a in (half, ~half)
    ]
    return float(np.mean(scores))


def ekman(
    probabilities: Matrix, gold: npt.NDArray[np.bool_]
) -> tuple[Matrix, npt.NDArray[np.bool_]]:
    """Ekman groups: a group's probability is its most probable label; gold is any member."""
    columns = [[LABELS.index(label) for label in members] for members in EKMAN.values()]
    grouped = np.stack([probabilities[:, c].max(axis=1) for c in columns], axis=1)
    return grouped, np.stack([gold[:, c].any(axis=1) for c in columns], axis=1)


def write_npz(path: Path, arrays: dict[str, npt.NDArray[np.generic]]) -> None:
    """An ``.npz`` with fixed timestamps and order, so the same weights give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    path.write_bytes(buffer.getvalue())


def table(
    title: str, names: Sequence[str], scores: Sequence[float], thresholds: Sequence[float]
) -> None:
    """Print per-label F1 as a markdown table."""
    print(f"\n{title}\n\n| label | threshold | F1 |\n| --- | ---: | ---: |")
    for name, score, threshold in zip(names, scores, thresholds, strict=True):
        print(f"| {name} | {threshold:.2f} | {score:.3f} |")


def report(
    name: str,
    probabilities: Matrix,
    gold: npt.NDArray[np.bool_],
    thresholds: Sequence[float],
    ekman_thresholds: Sequence[float],
) -> None:
    """Macro-F1 over the 28 labels, the 27 emotions and the Ekman groups (beside BERT)."""
    scores = per_label(probabilities, gold, thresholds)
    table(f"{name}: F1 per label", LABELS, scores, thresholds)
    grouped, grouped_gold = ekman(probabilities, gold)
    group_scores = per_label(grouped, grouped_gold, ekman_thresholds)
    table(f"{name}: F1 per Ekman group", list(EKMAN), group_scores, ekman_thresholds)
    print(
        f"\n{name}: macro-F1 {np.mean(scores):.3f} over 28 labels (BERT {BERT}), "
        f"{np.mean(scores[:-1]):.3f} over the 27 emotions; Ekman {np.mean(group_scores):.3f} "
        f"over 7 groups (BERT {BERT_EKMAN}), {np.mean(group_scores[:-1]):.3f} over 6"
    )


def timing(model: EmotionModel, split: Split) -> None:
    """Microseconds per text: the layer given its inputs, and computing the word features."""
    pairs = list(zip(split.embeddings, split.features, strict=True))
    start = time.perf_counter()
    for embedding, found in pairs:
        model.feelings(embedding, found)
    layer = (time.perf_counter() - start) / len(pairs) * 1e6
    start = time.perf_counter()
    for text in split.texts:
        word_features(text)
    words = (time.perf_counter() - start) / len(pairs) * 1e6
    print(f"\nper text: the layer {layer:.1f} µs; word_features (if not passed in) {words:.1f} µs")


def examples(dev: Split, count: int = 10) -> None:
    """What ``find_emotions`` names on evenly spaced dev comments, beside their gold labels."""
    from reconnect.analysis.emotions import named_and_learned

    print(
        "\n| comment | GoEmotions labels | named (lexicon) | learned |\n| --- | --- | --- | --- |"
    )
    for row in range(0, len(dev.texts), len(dev.texts) // count)[:count]:
        named, learned = named_and_learned(dev.texts[row], dev.embeddings[row], dev.features[row])
        gold = ", ".join(label for label, on in zip(LABELS, dev.gold[row], strict=True) if on)
        text = dev.texts[row].replace("|", "\\|")
        print(
            f"| {text} | {gold} | {', '.join(f'{e.name} {e.score}' for e in named) or '—'} "
            f"| {', '.join(f'{e.name} {e.score}' for e in learned) or '—'} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="report on the test split (once)")
    parser.add_argument("--examples", action="store_true", help="show ten dev comments")
    args = parser.parse_args()
    dev = read_split("dev")
    if args.examples or args.test:
        model = load_emotion_model()
        probabilities = predict(model, dev)
        ekman_thresholds = best_thresholds(*ekman(probabilities, dev.gold))
        if args.examples:
            examples(dev)
        if args.test:
            test = read_split("test")
            report("test", predict(model, test), test.gold, model.thresholds, ekman_thresholds)
            timing(model, test)
        return
    train = read_split("train")
    arrays = fit(train, vocabulary(train.features, FEATURES))
    probabilities = predict(as_model(arrays, [0.5] * len(LABELS)), dev)
    thresholds = best_thresholds(probabilities, dev.gold)
    ekman_thresholds = best_thresholds(*ekman(probabilities, dev.gold))
    report("dev", probabilities, dev.gold, thresholds, ekman_thresholds)
    print(
        f"dev, thresholds chosen on the other half: macro-F1 "
        f"{cross_fitted(probabilities, dev.gold):.3f} over 28 labels"
    )
    arrays["thresholds"] = np.asarray(thresholds, dtype=np.float32)
    arrays["labels"] = np.asarray(LABELS)
    arrays["static_sha256"] = np.asarray(read_manifest()[VECTORS_FILE])
    write_npz(DATA / MODEL_FILE, arrays)
    record(MODEL_FILE)
    read_manifest.cache_clear()
    load_emotion_model.cache_clear()
    shipped = load_emotion_model()
    timing(shipped, dev)
    dropped = [label for label, target in FEELINGS.items() if target is None]
    size = (DATA / MODEL_FILE).stat().st_size
    print(f"wrote {MODEL_FILE} ({size / 1024:.0f} KB); labels that name nothing: {dropped}")


if __name__ == "__main__":
    main()
