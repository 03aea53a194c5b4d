"""The five seed articles, as the tests may know them: file names and fingerprints.

A fresh clone has nothing beside it, so the articles themselves are not read. Their file
names and a short hash of every run of six words are kept in ``data/seed_fingerprints.json.gz``,
written by ``python -m training.test_fixtures`` from the shared folder beside the repository.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from hashlib import blake2b
from pathlib import Path

FINGERPRINTS = Path(__file__).resolve().parent / "data" / "seed_fingerprints.json.gz"


def words(text: str) -> list[str]:
    """Lower-case words with punctuation and apostrophes dropped ("Don’t" -> "dont")."""
    folded = text.casefold().replace("’", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", folded)


@cache
def _stored() -> tuple[tuple[str, ...], int, frozenset[str]]:
    body = json.loads(gzip.decompress(FINGERPRINTS.read_bytes()))
    return tuple(body["files"]), int(body["run"]), frozenset(body["runs"])


def seed_ids() -> set[str]:
    """The three-digit ids of the seed articles ("000" ... "004")."""
    return {name[:3] for name in _stored()[0]}


def copied_runs(text: str) -> list[str]:
    """The runs of six words in ``text`` that also occur in a seed article."""
    _, size, prints = _stored()
    tokens = words(text)
    runs = [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    return [r for r in runs if blake2b(r.encode(), digest_size=6).hexdigest() in prints]
