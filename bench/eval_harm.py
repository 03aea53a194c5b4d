"""Count what the abuse detector finds: rules only against rules and the learned layer.

    python bench/eval_harm.py                          # every coercion set and GoEmotions dev
    python bench/eval_harm.py --skip fresh2     # leave the held-out set unread while tuning
    python bench/eval_harm.py /tmp/other.jsonl         # extra files (``text``, ``harm``)

For each file of ``tests/analysis/data/coercion_*.jsonl`` (and each extra file) it prints how
many harm statements are found and how many look-alikes fire; then how many of GoEmotions'
dev comments fire (real ordinary text), with the comments that fire, so a person can read
them. Counts only: no statement or look-alike text of any set is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reconnect.analysis.harm import find_harm  # noqa: E402

SETS = ROOT / "tests" / "analysis" / "data"
GOEMOTIONS_DEV = ROOT.parent / "shared" / "data" / "goemotions" / "dev.tsv"


def _rows(path: Path) -> list[tuple[str, bool]]:
    lines = path.read_text("utf-8").splitlines()
    return [(str(r["text"]), bool(r["harm"])) for r in map(json.loads, filter(str.strip, lines))]


def _counts(rows: list[tuple[str, bool]], learned: bool) -> tuple[int, int, int, int]:
    fired = [bool(find_harm(text, learned=learned)) for text, _ in rows]
    harm = [f for f, (_, h) in zip(fired, rows, strict=True) if h]
    alike = [f for f, (_, h) in zip(fired, rows, strict=True) if not h]
    return sum(harm), len(harm), sum(alike), len(alike)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extra", nargs="*", type=Path, help="more JSON-lines files to count")
    parser.add_argument("--skip", default="", help="coercion sets to leave out, e.g. fresh2")
    args = parser.parse_args()
    skip = {f"coercion_{name.strip()}" for name in args.skip.split(",") if name.strip()}
    files = [p for p in sorted(SETS.glob("coercion_*.jsonl")) if p.stem not in skip]
    print(f"{'set':22} {'rules only':>24} {'rules + learned':>24}")
    for path in [*files, *args.extra]:
        rows = _rows(path)
        line = f"{path.stem:22}"
        for learned in (False, True):
            found, harm, alarms, alike = _counts(rows, learned)
            line += f" {found:>4}/{harm:<4} found {alarms:>3}/{alike:<4} fire"
        print(line)
    comments = [line.split("\t")[0] for line in GOEMOTIONS_DEV.read_text("utf-8").splitlines()]
    began = time.perf_counter()
    rules = [t for t in comments if find_harm(t, learned=False)]
    both = [t for t in comments if find_harm(t)]
    seconds = time.perf_counter() - began
    print(
        f"{'goemotions dev':22} {len(rules):>10}/{len(comments):<5} fire "
        f"{len(both):>15}/{len(comments):<5} fire   ({seconds:.1f} s)"
    )
    for text in both:
        source = "rules" if text in rules else "learned"
        kinds = [hit.kind for hit in find_harm(text)]
        print(f"  [{source}] {kinds} {text}")


if __name__ == "__main__":
    main()
