"""Write the test data that stands in for ``../shared`` in a fresh clone.

    python -m training.test_fixtures

A user's clone has nothing beside it, so the test suite reads nothing outside the repository.
What the tests need from ``../shared`` is kept here, built by this script:

- ``tests/content/data/seed_fingerprints.json.gz``: each seed article's file name, and a short
  hash of every run of six words in the five articles (``tests/content/seeds.py`` says how
  words are read). The tests check that no shipped sentence repeats one; the articles' text
  is not committed.
- ``tests/analysis/data/goemotions_sample.jsonl.gz``: a fixed sample of real Reddit comments
  from GoEmotions' train and dev splits (CC BY 4.0; never the held-out test split), with every
  comment of those splits that the crisis rules fire on, for the rules' real-text tests.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from hashlib import blake2b
from pathlib import Path

from reconnect.analysis.crisis import find_crisis

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FINGERPRINTS = ROOT / "tests" / "content" / "data" / "seed_fingerprints.json.gz"
SAMPLE = ROOT / "tests" / "analysis" / "data" / "goemotions_sample.jsonl.gz"
RUN = 6
SAMPLE_SIZE = 6000
SEED = 20261206


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped ("Don’t" -> "dont"); as ``tests/content/seeds.py``."""
    folded = text.casefold().replace("’", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", folded)


def fingerprint(run: tuple[str, ...]) -> str:
    return blake2b(" ".join(run).encode(), digest_size=6).hexdigest()


def write_fingerprints() -> None:
    files = sorted((SHARED / "seeds").glob("*.txt"))
    prints: set[str] = set()
    for path in files:
        tokens = words(path.read_text("utf-8"))
        prints |= {fingerprint(tuple(tokens[i : i + RUN])) for i in range(len(tokens) - RUN + 1)}
    body = {"files": [p.name for p in files], "run": RUN, "runs": sorted(prints)}
    FINGERPRINTS.write_bytes(gzip.compress(json.dumps(body).encode(), mtime=0))
    print(f"{FINGERPRINTS.name}: {len(files)} seeds, {len(prints)} runs")


def write_sample() -> None:
    rows: list[dict[str, str]] = []
    for split in ("train", "dev"):  # never test.tsv: it is held out
        for line in (
            (SHARED / "data" / "goemotions" / f"{split}.tsv").read_text("utf-8").splitlines()
        ):
            text, _, comment_id = line.split("\t")
            rows.append({"split": split, "id": comment_id, "text": text})
    chosen = random.Random(SEED).sample(range(len(rows)), SAMPLE_SIZE)
    fired = {i for i, row in enumerate(rows) if find_crisis(row["text"])}
    kept = [rows[i] | {"fired": "yes" if i in fired else "no"} for i in sorted({*chosen, *fired})]
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in kept)
    SAMPLE.write_bytes(gzip.compress(lines.encode(), mtime=0))
    print(f"{SAMPLE.name}: {len(kept)} comments of {len(rows)}, {len(fired)} fire the rules")


if __name__ == "__main__":
    write_fingerprints()
    write_sample()
