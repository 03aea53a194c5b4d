"""A quality floor on the project's own held-out slice (never trained on; not the dev set)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconnect.analysis import MARKERS, analyze

if TYPE_CHECKING:
    from reconnect.domain.analysis import Analysis

HOLDOUT = Path(__file__).resolve().parents[2] / "training" / "holdout.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def _f1_by_marker(rows: list[dict[str, Any]], results: list[Analysis]) -> dict[str, float]:
    """Each marker's F1 over labelled rows and their analyses."""
    counts = {m: [0, 0, 0] for m in MARKERS}  # true positives, false positives, misses
    for row, result in zip(rows, results, strict=True):
        found = {m.name for m in result.markers}
        for marker in MARKERS:
            gold = marker in row["labels"]
            if marker in found:
                counts[marker][0 if gold else 1] += 1
            elif gold:
                counts[marker][2] += 1
    return {m: 2 * tp / (2 * tp + fp + fn) if tp else 0.0 for m, (tp, fp, fn) in counts.items()}


def test_the_held_out_slice_meets_the_floor() -> None:
    rows = [json.loads(line) for line in HOLDOUT.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 100
    results = [analyze(row["text"]) for row in rows]
    subject_right = sum(r.subject == row["subject"] for row, r in zip(rows, results, strict=True))
    f1 = _f1_by_marker(rows, results)
    macro = sum(f1.values()) / len(f1)
    crisis = [row["text"] for row in rows if "crisis" in row["labels"]]
    caught = [t for t in crisis if analyze(t).crisis or analyze(t).concern]
    # 3.10: 0.698 on its slice of 891 (0.686 on 3.9's 748); 3.9: 0.671; 3.8: 0.651 on its
    # slice of 748 (3.7: 0.57 on 324)
    assert macro >= 0.68, f1
    assert len(caught) / len(crisis) >= 0.78
    assert subject_right / len(rows) >= 0.85


CHECK_FILES = sorted((HOLDOUT.parent).glob("fresh_crisis_check*.jsonl"))


def test_crisis_check_files_keep_their_recall_and_false_alarms_bounded() -> None:
    """A floor under the figures of docs/analyzer-accuracy.md. Files 1 to 4 are training data
    now; file 5 was written for analyzer 3 and is never trained on. The banner must catch
    most crisis statements and the banner or the calm check nearly all, while ordinary
    entries (look-alikes, hard days, ordinary days) rarely bring the banner."""
    assert len(CHECK_FILES) >= 5
    caught = checked = crisis = alarms = ordinary = 0
    for path in CHECK_FILES:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            result = analyze(row["text"])
            if "crisis" in row["labels"]:
                crisis, caught = crisis + 1, caught + result.crisis
                checked += result.crisis or result.concern
            else:
                ordinary, alarms = ordinary + 1, alarms + result.crisis
    assert crisis >= 560 and ordinary >= 580
    assert caught / crisis >= 0.78
    assert checked / crisis >= 0.97
    assert alarms / ordinary <= 0.08


def _macro_f1(name: str) -> float:
    rows = [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]
    f1 = _f1_by_marker(rows, [analyze(row["text"]) for row in rows])
    return sum(f1.values()) / len(f1)


def test_journal_snippets_by_other_writers_keep_their_marker_f1() -> None:
    """Two sets written for 3.8 by helpers who saw no snippet of the project's: 3.7 scored
    0.50 and 0.54 on them, 3.8 0.69 and 0.69, 3.9 0.71 and 0.73, 3.10 (four more hand-written
    batches, and learned guesses alone at 0.7 for withdrawal and autopilot) 0.73 and 0.74
    (fresh3 held out: counts only)."""
    assert _macro_f1("markers_fresh2.jsonl") >= 0.72
    assert _macro_f1("markers_fresh3.jsonl") >= 0.74


def test_casual_journal_writing_keeps_its_marker_f1() -> None:
    """A set in casual voices written for 3.12 (phone notes, texting, voice-to-text, second-
    language English), held out: 3.11 and 3.12 with the journal head's gate alone both score
    0.772, so the gate costs such writing nothing measurable; the final 3.12 0.775."""
    assert _macro_f1("markers_fresh4.jsonl") >= 0.77
