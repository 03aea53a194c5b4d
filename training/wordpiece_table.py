"""Build ``analysis/data/static_wordpiece.json.gz``: the static tokenizer's table.

Run after the tokenizer changes (``training.static_model`` runs it): ``python -m
training.wordpiece_table``. The table is what ``FastWordPiece.table`` keeps of a tokenizer
built from ``data/static_tokenizer.json.gz`` (its vocabulary in id order and how each ASCII
character is read), the id of ``[UNK]``, and the SHA-256 of the tokenizer file it was made
from, which ``static.load_static`` checks against the manifest. A fresh process then
tokenizes a plain text without parsing the tokenizer's JSON or loading the HF tokenizer.
The file is byte-for-byte reproducible and its SHA-256 is recorded in the manifest.
"""

from __future__ import annotations

import gzip
import hashlib
import json

from tokenizers import Tokenizer

from reconnect.analysis.static import TOKENIZER_FILE, WORDPIECE_FILE, tokenizer_config
from reconnect.analysis.wordpiece import FastWordPiece
from training.manifest import DATA, record


def main() -> None:
    config = tokenizer_config()
    tokenizer = Tokenizer.from_str(config)
    fast = FastWordPiece(config, tokenizer).table()
    table = {
        "tokenizer_sha256": hashlib.sha256((DATA / TOKENIZER_FILE).read_bytes()).hexdigest(),
        "unknown": tokenizer.token_to_id("[UNK]"),
        "fast": fast,
    }
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    (DATA / WORDPIECE_FILE).write_bytes(
        gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    )
    record(WORDPIECE_FILE)
    print(f"{WORDPIECE_FILE}: {len(fast.get('vocab', ()))} tokens")


if __name__ == "__main__":
    main()
