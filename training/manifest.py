"""Record the SHA-256 of the files a training step wrote in ``analysis/data/manifest.json``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "reconnect" / "analysis" / "data"
SHARED = ROOT.parent / "shared" / "data"
MANIFEST = DATA / "manifest.json"


def record(*names: str) -> None:
    """Hash each named file of ``analysis/data`` into the manifest (other entries are kept)."""
    manifest = json.loads(MANIFEST.read_text("utf-8")) if MANIFEST.exists() else {}
    for name in names:
        manifest[name] = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n", "utf-8")


def forget(*names: str) -> None:
    """Remove files that are no longer shipped from the manifest."""
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    for name in names:
        manifest.pop(name, None)
    MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n", "utf-8")
