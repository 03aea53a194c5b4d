"""Entries per second of analyze_many against VADER polarity_scores, in the same process.

.venv/bin/python bench/throughput.py [--n 3650]

The entries are the distinct journal-style snippets committed under ``training/`` (the
held-out slice, the check files and the hand-written crisis statements), repeated in order
when more are asked for; nothing is cached between texts.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reconnect.analysis import analyze, analyze_many

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[str]:
    paths = [ROOT / "training" / "holdout.jsonl", ROOT / "training" / "fresh_markers_check.jsonl"]
    paths += sorted((ROOT / "training").glob("fresh_crisis_check*.jsonl"))
    paths.append(ROOT / "training" / "handwritten" / "crisis_statements.jsonl")
    texts = [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    distinct = list(dict.fromkeys(texts))
    return [distinct[i % len(distinct)] for i in range(n)]


def rate(run: object, texts: list[str], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run(texts)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3650, help="number of entries")
    args = parser.parse_args()
    texts = corpus(args.n)
    analyze(texts[0])  # load lexicons and model once, as a running app would
    vader = SentimentIntensityAnalyzer()
    ours = rate(lambda batch: list(analyze_many(batch)), texts)
    theirs = rate(lambda batch: [vader.polarity_scores(t) for t in batch], texts)
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} entries, {mean_chars:.0f} characters on average")
    print(f"reconnect analyze_many: {ours:,.0f} entries/s")
    print(f"VADER polarity_scores:  {theirs:,.0f} entries/s")
    print(f"ratio (reconnect / VADER): {ours / theirs:.4f}")
    print(f"ten years of daily entries (3,650): {3650 / ours:.2f} s")


if __name__ == "__main__":
    main()
