"""Bundled analysis data (feelings lexicon, models), loaded once and hash-checked.

Every file under ``analysis/data/`` that a trained or generated artefact
produced is listed with its SHA-256 in ``data/manifest.json``; a file that
does not match raises ``ContentError`` rather than giving silently different
results (docs/decisions/0002-analyzer-learned-layer.md).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from reconnect.errors import ContentError

MANIFEST = "manifest.json"
EMOTIONS_FILE = "emotions.toml"


@dataclass(frozen=True, slots=True)
class Feeling:
    """One word or phrase that names a feeling, the emotion it names and that emotion's family."""

    word: str
    emotion: str
    family: str


def read_data(name: str) -> bytes:
    """The bytes of a file shipped in ``analysis/data/``, as installed."""
    return resources.files("reconnect.analysis").joinpath("data", name).read_bytes()


@lru_cache(maxsize=1)
def read_manifest() -> dict[str, str]:
    """The recorded SHA-256 of every shipped artefact, by file name."""
    manifest: dict[str, str] = json.loads(read_data(MANIFEST))
    return manifest


def check_artefact(name: str, data: bytes, manifest: dict[str, str]) -> bytes:
    """Return ``data`` when its SHA-256 matches the manifest entry; raise ContentError otherwise."""
    if manifest.get(name) != hashlib.sha256(data).hexdigest():
        raise ContentError(
            f"the analyzer file {name} does not match its recorded hash; "
            "reinstall reconnect or retrain with scripts/train_analyzer.py"
        )
    return data


def read_checked(name: str) -> bytes:
    """A shipped artefact's bytes after the hash check."""
    return check_artefact(name, read_data(name), read_manifest())


@lru_cache(maxsize=1)
def feelings() -> tuple[Feeling, ...]:
    """Every feeling word of ``data/emotions.toml``, longest first (so phrases win over words)."""
    raw = tomllib.loads(read_data(EMOTIONS_FILE).decode("utf-8"))
    found: dict[str, Feeling] = {}
    for emotion, spec in raw["emotions"].items():
        family = str(spec["family"])
        for word in spec["words"]:
            if word in found:
                raise ContentError(f"{EMOTIONS_FILE}: {word!r} is listed twice")
            found[word] = Feeling(str(word), str(emotion), family)
    return tuple(sorted(found.values(), key=lambda f: (-len(f.word), f.word)))
