"""A quality floor on the project's own held-out slice (never trained on; not the dev set)."""

from __future__ import annotations

import json
from pathlib import Path

from reconnect.analysis import MARKERS, analyze

HOLDOUT = Path(__file__).resolve().parents[2] / "training" / "holdout.jsonl"


def test_the_held_out_slice_meets_the_floor() -> None:
    rows = [json.loads(line) for line in HOLDOUT.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 100
    counts = {m: [0, 0, 0] for m in MARKERS}  # true positives, false positives, misses
    subject_right = 0
    for row in rows:
        result = analyze(row["text"])
        found = {m.name for m in result.markers}
        for marker in MARKERS:
            gold = marker in row["labels"]
            if marker in found:
                counts[marker][0 if gold else 1] += 1
            elif gold:
                counts[marker][2] += 1
        subject_right += result.subject == row["subject"]
    f1 = {m: 2 * tp / (2 * tp + fp + fn) if tp else 0.0 for m, (tp, fp, fn) in counts.items()}
    macro = sum(f1.values()) / len(f1)
    tp, _, fn = counts["crisis"]
    assert macro >= 0.55, f1
    assert tp / (tp + fn) >= 0.85
    assert subject_right / len(rows) >= 0.8


CHECK_FILES = sorted((HOLDOUT.parent).glob("fresh_crisis_check*.jsonl"))


def test_crisis_check_files_keep_their_recall_and_false_alarms_bounded() -> None:
    """A floor under the figures of docs/analyzer-accuracy.md: the check files hold crisis
    statements and look-alikes that no training code reads."""
    assert len(CHECK_FILES) >= 4
    caught = crisis = alarms = ordinary = 0
    for path in CHECK_FILES:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            flagged = analyze(row["text"]).crisis
            if "crisis" in row["labels"]:
                crisis, caught = crisis + 1, caught + flagged
            else:
                ordinary, alarms = ordinary + 1, alarms + flagged
    assert crisis >= 400 and ordinary >= 280
    assert caught / crisis >= 0.94
    assert alarms / ordinary <= 0.30
