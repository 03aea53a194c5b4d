"""Evaluate the analyzer on a labelled JSON Lines file: per-marker P/R/F1, macro-F1, crisis recall.

    .venv/bin/python bench/eval_markers.py ../shared/data/markers_dev.jsonl
    .venv/bin/python bench/eval_markers.py --sample-real ../shared/data/goemotions/dev.tsv

With ``--sample-real FILE`` it instead reads unlabelled real text (a GoEmotions split or
JSON Lines with ``text``) and prints how often each flag fires with a seeded random sample
of the texts behind it, for a hand check (``bench/real_text.py``).

Each line needs ``text``, ``labels`` (marker names) and ``subject``. Crisis recall
is reported with a Wilson 95% interval, never as a bare point value.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import cast

from rich.console import Console
from rich.table import Table

from reconnect.analysis import MARKERS, analyze


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a proportion."""
    if total == 0:
        return (0.0, 1.0)
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def evaluate(rows: list[dict[str, object]]) -> dict[str, object]:
    """Counts and scores for every marker, subject accuracy and crisis recall."""
    counts = {m: {"tp": 0, "fp": 0, "fn": 0} for m in MARKERS}
    subject_right = 0
    for row in rows:
        result = analyze(str(row["text"]))
        found = {m.name for m in result.markers}
        gold = set(row["labels"])  # type: ignore[call-overload]
        for marker in MARKERS:
            if marker in found and marker in gold:
                counts[marker]["tp"] += 1
            elif marker in found:
                counts[marker]["fp"] += 1
            elif marker in gold:
                counts[marker]["fn"] += 1
        subject_right += result.subject == row.get("subject", "self")
    scores = {}
    for marker, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[marker] = {"precision": precision, "recall": recall, "f1": f1, **c}
    crisis = counts["crisis"]
    positives = crisis["tp"] + crisis["fn"]
    return {
        "n": len(rows),
        "markers": scores,
        "macro_f1": sum(s["f1"] for s in scores.values()) / len(scores),
        "subject_accuracy": subject_right / len(rows) if rows else 0.0,
        "crisis_recall": (crisis["tp"], positives, wilson(crisis["tp"], positives)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="labelled JSON Lines")
    parser.add_argument("--sample-real", type=Path, help="unlabelled real text to sample")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    if args.sample_real is not None:
        import real_text

        sys.argv = [sys.argv[0], str(args.sample_real)]
        real_text.main()
        return
    if args.file is None:
        parser.error("give a labelled file, or --sample-real FILE")
    rows = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line.strip()]
    report = evaluate(rows)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    recall = cast("tuple[int, int, tuple[float, float]]", report["crisis_recall"])
    hit, total, (low, high) = recall
    if args.markdown:
        lines = ["| marker | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for marker, s in report["markers"].items():  # type: ignore[attr-defined]
            lines.append(
                f"| {marker} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} "
                f"| {s['tp'] + s['fn']} |"
            )
        lines += [
            "",
            f"- macro-F1 over {len(MARKERS)} markers: {report['macro_f1']:.3f}",
            f"- subject accuracy: {report['subject_accuracy']:.3f}",
            f"- crisis recall: {hit}/{total} (Wilson 95% CI {low:.2f}–{high:.2f})",
        ]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    table = Table(title=f"{args.file.name}: {report['n']} snippets")
    for column in ("marker", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "marker" else "right")
    for marker, s in report["markers"].items():  # type: ignore[attr-defined]
        table.add_row(
            marker,
            f"{s['precision']:.2f}",
            f"{s['recall']:.2f}",
            f"{s['f1']:.2f}",
            str(s["tp"] + s["fn"]),
        )
    console = Console()
    console.print(table)
    console.print(f"macro-F1 over {len(MARKERS)} markers: {report['macro_f1']:.3f}")
    console.print(f"subject accuracy: {report['subject_accuracy']:.3f}")
    console.print(f"crisis recall: {hit}/{total} (Wilson 95% CI {low:.2f}–{high:.2f})")


if __name__ == "__main__":
    main()
