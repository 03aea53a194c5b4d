"""Entries per second of analyze_many against VADER polarity_scores, in the same process.

.venv/bin/python bench/throughput.py [--n 3650]

The entries are the distinct journal-style snippets committed under ``training/`` (the
held-out slice, the check files and the hand-written crisis statements), repeated in order
when more are asked for; nothing is cached between texts. ``analyze_many`` reads each chunk
below at once (the learned layer's arithmetic for all of its texts together, with the same
floats as one text at a time: ``reading.py``), as an import or a report of many entries does.

The two run in turns on chunks of 50 entries, each chunk three times, and each chunk's
fastest time counts: on a shared machine whose speed drifts from second to second, both
then meet the same conditions (timed one after the other, the same build gave ratios from
0.15 to 0.24 within a minute).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reconnect.analysis import analyze, analyze_many

if TYPE_CHECKING:
    from collections.abc import Callable

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


def rates(
    runs: list[Callable[[list[str]], object]], texts: list[str], chunk: int = 50, repeats: int = 3
) -> list[float]:
    """Entries per second of each of ``runs``, taking turns on each chunk of ``texts``."""
    best = [0.0] * len(runs)
    for first in range(0, len(texts), chunk):
        part = texts[first : first + chunk]
        fastest = [float("inf")] * len(runs)
        for _ in range(repeats):
            for index, run in enumerate(runs):
                start = time.perf_counter()
                run(part)
                fastest[index] = min(fastest[index], time.perf_counter() - start)
        best = [total + f for total, f in zip(best, fastest, strict=True)]
    return [len(texts) / seconds for seconds in best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3650, help="number of entries")
    args = parser.parse_args()
    texts = corpus(args.n)
    analyze(texts[0])  # load lexicons and model once, as a running app would
    vader = SentimentIntensityAnalyzer()
    ours, theirs = rates(
        [
            lambda batch: list(analyze_many(batch)),
            lambda batch: [vader.polarity_scores(t) for t in batch],
        ],
        texts,
    )
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} entries, {mean_chars:.0f} characters on average")
    print(f"reconnect analyze_many: {ours:,.0f} entries/s")
    print(f"VADER polarity_scores:  {theirs:,.0f} entries/s")
    print(f"ratio (reconnect / VADER): {ours / theirs:.4f}")
    print(f"ten years of daily entries (3,650): {3650 / ours:.2f} s")


if __name__ == "__main__":
    main()
