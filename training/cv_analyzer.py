"""Cross-validate the whole analyzer (rules + learned layer) on the project's training data.

For each of five folds of the shared and hand-written snippets, the learned layer and the
crisis kernel are retrained without that fold (thresholds included) and ``analyze()`` runs
over it. The pooled per-marker counts give an estimate for text the model has not seen; the dev set
is never read.

    .venv/bin/python training/cv_analyzer.py [--folds 5] [--tuning SRC,SRC] [--weight SRC=W]

CV_SALT=N in the environment changes how snippets fall into folds (default 10).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]

from eval_markers import evaluate, wilson  # noqa: E402
from train_analyzer import fit_heads, kernel_payload, payload, read_training_rows  # noqa: E402

import reconnect.analysis as analysis  # noqa: E402
from reconnect.analysis.kernel import parse_kernel  # noqa: E402
from reconnect.analysis.model import parse_model  # noqa: E402

FOLD_SALT = int(os.environ.get("CV_SALT", "10"))
EVALUATED = frozenset({"shared", "handwritten"})


def fold_of(row: dict[str, object], folds: int) -> int:
    """The fold a snippet belongs to, fixed by its text (independent of the held-out CRC)."""
    return zlib.crc32(str(row["text"]).encode("utf-8")) // FOLD_SALT % folds


def pooled(reports: list[dict[str, object]]) -> tuple[float, dict[str, float], tuple[int, int]]:
    """Macro-F1, per-marker F1 and crisis hits/total over the counts of all folds."""
    counts: dict[str, dict[str, int]] = {}
    for report in reports:
        for marker, score in report["markers"].items():  # type: ignore[attr-defined]
            total = counts.setdefault(marker, {"tp": 0, "fp": 0, "fn": 0})
            for key in total:
                total[key] += score[key]
    f1 = {
        m: 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0
        for m, c in counts.items()
    }
    crisis = counts["crisis"]
    return sum(f1.values()) / len(f1), f1, (crisis["tp"], crisis["tp"] + crisis["fn"])


def main() -> None:
    """Run the folds and print pooled figures per source."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--tuning", help="comma-separated sources whose scores set thresholds")
    parser.add_argument("--c", type=float, default=None, help="override the trainer's C")
    parser.add_argument(
        "--weight", action="append", default=[], help="SOURCE=WEIGHT, overrides the trainer's"
    )
    parser.add_argument(
        "--crisis-thresholds",
        default="",
        help="comma-separated crisis thresholds to compare (crisis recall and false alarms)",
    )
    args = parser.parse_args()
    rows, _ = read_training_rows()
    options: dict[str, object] = {}
    if args.c is not None:
        options["c"] = args.c
    if args.tuning:
        options["tuning_sources"] = frozenset(args.tuning.split(","))
    if args.weight:
        options["source_weights"] = {
            s: float(w) for s, w in (item.split("=", 1) for item in args.weight)
        }
    by_source: dict[str, list[dict[str, object]]] = {s: [] for s in EVALUATED}
    compared = [float(t) for t in args.crisis_thresholds.split(",") if t]
    crisis_counts = {t: [0, 0, 0, 0] for t in compared}  # hits, positives, alarms, negatives
    for k in range(args.folds):
        test = [r for r in rows if r["source"] in EVALUATED and fold_of(r, args.folds) == k]
        train = [r for r in rows if not (r["source"] in EVALUATED and fold_of(r, args.folds) == k)]
        weights, biases, thresholds, _ = fit_heads(train, **options)  # type: ignore[arg-type]
        text = payload(weights, biases, thresholds, 0.02)
        model = parse_model(gzip.compress(text.encode("utf-8")))
        analysis.load_model = lambda model=model: model  # type: ignore[assignment,misc]
        kernel = parse_kernel(gzip.compress(kernel_payload(train).encode("utf-8")))
        analysis.load_kernel = lambda kernel=kernel: kernel  # type: ignore[assignment,misc]
        for source in EVALUATED:
            part = [r for r in test if r["source"] == source]
            by_source[source].append(evaluate(part))
        default = analysis.CRISIS_THRESHOLD
        for threshold in compared:
            analysis.CRISIS_THRESHOLD = threshold
            for row in test:
                flagged = analysis.analyze(str(row["text"])).crisis
                positive = "crisis" in row["labels"]  # type: ignore[operator]
                counts = crisis_counts[threshold]
                counts[0 if positive else 2] += flagged
                counts[1 if positive else 3] += 1
        analysis.CRISIS_THRESHOLD = default
        sys.stderr.write(f"fold {k + 1}/{args.folds}: {len(test)} snippets\n")
    for source in sorted(EVALUATED):
        macro, f1, (hit, total) = pooled(by_source[source])
        low, high = wilson(hit, total)
        sys.stdout.write(
            f"{source}: whole-analyzer macro-F1 {macro:.3f}, crisis recall {hit}/{total} "
            f"(Wilson 95% CI {low:.2f}-{high:.2f})\n  "
            + "  ".join(f"{m} {v:.2f}" for m, v in f1.items())
            + "\n"
        )
    for threshold, (hits, positives, alarms, negatives) in crisis_counts.items():
        sys.stdout.write(
            f"crisis threshold {threshold}: recall {hits}/{positives}, "
            f"false alarms {alarms}/{negatives}\n"
        )


if __name__ == "__main__":
    main()
