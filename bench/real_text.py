"""How often the analyzer fires on real ordinary writing, with a sample of what fires.

    .venv/bin/python bench/real_text.py ../shared/data/goemotions/test.tsv [--sample 20]

Reads a GoEmotions split (tab-separated: comment, labels, id) or any JSON Lines file with
``text``, runs every text through the analyzer and prints, as Markdown: the share of
texts raising ``crisis`` and ``concern``, each marker's share of texts, non-English
verdicts, each with a Wilson 95% interval, then a fixed random sample (seeded) of the texts
behind every flag, for a person to check by hand. Held-out data: run it once per release
on GoEmotions' test split and commit what it printed (docs/analyzer-accuracy.md); never
choose anything by it.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from eval_markers import wilson

from reconnect.analysis import MARKERS, analyze


def read_texts(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    if path.suffix == ".tsv":
        return [line.split("\t")[0] for line in lines if line.strip()]
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--sample", type=int, default=20, help="texts shown per flag")
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    texts = read_texts(args.path)
    flagged: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        result = analyze(text)
        if result.crisis:
            flagged["crisis (banner)"].append(text)
        if result.concern:
            flagged["concern (calm check)"].append(text)
        if result.language != "en":
            flagged[f"not English ({result.language})"].append(text)
        for marker in result.markers:
            if marker.name != "crisis":
                flagged[marker.name].append(text)
        if any(m.name != "crisis" for m in result.markers):
            flagged["any marker"].append(text)
    total = len(texts)
    print(f"# {args.path.name}: {total:,} texts\n")
    print("| flag | texts | share | Wilson 95% |\n|---|---:|---:|---|")
    order = ["crisis (banner)", "concern (calm check)", "any marker", *MARKERS]
    order += sorted(k for k in flagged if k.startswith("not English"))
    for name in order:
        if name == "crisis":
            continue
        n = len(flagged.get(name, []))
        low, high = wilson(n, total)
        print(f"| {name} | {n} | {n / total:.2%} | {low:.2%}–{high:.2%} |")
    rng = random.Random(args.seed)
    for name in order:
        found = flagged.get(name, [])
        if not found or name == "any marker":
            continue
        shown = rng.sample(found, min(args.sample, len(found)))
        print(f"\n## {name}: {len(shown)} of {len(found)}\n")
        for text in shown:
            print(f"- {text[:200]!r}")


if __name__ == "__main__":
    main()
