"""Build ``analysis/data/crisis_index.json.gz`` from ``analysis/data/crisis_patterns.toml``.

Run after every edit of the pattern file: ``python -m training.crisis_index``.
The index holds all that follows from the pattern file alone (expanded
patterns, the strings each cannot match without, the gates and tries of the
prefilter, the group order), so that ``find_crisis`` is ready in a fresh
process in milliseconds (``reconnect.analysis.crisis.index``). The file is
byte-for-byte reproducible and its SHA-256 is recorded in the manifest.
"""

from __future__ import annotations

import gzip
import json

from reconnect.analysis.crisis.index import INDEX_FILE, PATTERN_FILE, build
from training.manifest import DATA, record


def main() -> None:
    index = build((DATA / PATTERN_FILE).read_bytes())
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (DATA / INDEX_FILE).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    record(INDEX_FILE)
    print(f"{INDEX_FILE}: {len(index['patterns'])} patterns, {len(index['idioms'])} idioms")


if __name__ == "__main__":
    main()
