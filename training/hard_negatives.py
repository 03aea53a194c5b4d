"""Mine the real comments each marker head mistakes for its marker, out of fold.

    python -m training.hard_negatives

GoEmotions' train split is ordinary text for every marker head (``training.corpus``), but
43,410 easy comments teach a head little about the few that look like its marker: a head
trained on all of them still flagged "After 3 weeks of vacation, today is my final vacation
day" (GoEmotions dev) as autopilot. This script splits the train comments in two halves by
their id; for each half it fits every marker head on the project's snippets and the other
half, and scores the half it did not see. A comment that clears the head's shipped threshold
there is a hard negative for that marker, unless it was relabelled by hand as that marker.

It writes ``training/goemotions_hard_negatives.jsonl`` (``id``, ``marker``, ``p``), which
``training.analyzer`` weighs up for that marker's head only (``HARD_NEGATIVE_WEIGHT``), and
prints every mined comment, so that a person can read them for genuine markers (those belong
in ``goemotions_marker_relabels.jsonl``, not here). GoEmotions' dev and test splits are never
read. Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import json
import zlib

import numpy as np

from reconnect.analysis.features import word_features
from reconnect.analysis.heads import MARKER_HEADS, load_heads
from training.analyzer import PROJECT_WEIGHT, featurise, fit, target
from training.corpus import TRAINING, training_rows

HARD_NEGATIVES = TRAINING / "goemotions_hard_negatives.jsonl"
HALVES = 2


def half_of(comment_id: str) -> int:
    """Which half of the train comments a comment falls in, fixed by its id's CRC-32."""
    return zlib.crc32(comment_id.encode("utf-8")) % HALVES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    rows, _ = training_rows()
    x = featurise([r.text for r in rows], word_features).matrix()
    weights = np.array([1.0 if r.source == "goemotions" else PROJECT_WEIGHT for r in rows])
    comment = np.array([r.source == "goemotions" for r in rows])
    half = np.array([half_of(r.id) if r.source == "goemotions" else -1 for r in rows])
    _, thresholds = load_heads()
    found: list[dict[str, object]] = []
    for head in MARKER_HEADS:
        if head == "crisis":
            continue
        y = target(rows, head)
        threshold = thresholds.markers[head]
        for k in range(HALVES):
            scored = comment & (half == k)
            model = fit(x[~scored], y[~scored], weights[~scored])
            p = model.predict_proba(x[scored])[:, 1]
            for index, probability in zip(np.flatnonzero(scored), p, strict=True):
                if probability >= threshold and not y[index]:
                    row = rows[index]
                    found.append(
                        {
                            "id": row.id,
                            "marker": head,
                            "p": round(float(probability), 3),
                            "text": row.text,
                        }
                    )
                    print(f"{head:17} {probability:.2f} {row.id} {row.text[:110]!r}", flush=True)
    found.sort(key=lambda item: (str(item["marker"]), str(item["id"])))
    with HARD_NEGATIVES.open("w", encoding="utf-8") as handle:
        for item in found:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(found)} hard negatives written to {HARD_NEGATIVES.name}")


if __name__ == "__main__":
    main()
