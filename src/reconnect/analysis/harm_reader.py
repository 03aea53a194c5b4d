"""The abuse detector's sentence reader: a small transformer, run with numpy.

The rules find the ways of saying it that someone wrote a pattern for, and the static layer
(``harm_model.py``) reads a sentence as a bag of word vectors; on statements neither had seen
they found about four in ten. This reader is all-MiniLM-L6-v2 (Apache-2.0) fine-tuned whole on
the project's statements and look-alikes and on real ordinary comments
(``training/harm_reader.py``): six attention layers that read how the words of a sentence
relate ("he goes through my phone" against "I go through my phone"). It is run here with
numpy alone: the weights ship as int8 rows with a scale each (``data/harm_reader.npz``, about
21 MB, hash-checked against ``data/manifest.json``) and the word pieces come from the model's
own tokenizer (``data/harm_reader_tokenizer.json.gz``). Both are read once, on first use.

It reads only the sentences the layer's gates let through (``harm_model.candidates``: the
writer and someone close in it, no denial, play, fiction or own wish), at most
``MAX_TOKENS`` word pieces each, and answers with a probability; the threshold shipped with
the weights was chosen on real ordinary comments (GoEmotions' dev split).
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reconnect.analysis.lexicon import read_checked
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import numpy.typing as npt

__all__ = ["MAX_TOKENS", "READER_FILE", "TOKENIZER_FILE", "Reader", "load_reader", "parse_reader"]

READER_FILE = "harm_reader.npz"
TOKENIZER_FILE = "harm_reader_tokenizer.json.gz"
MAX_TOKENS = 64
LAYERS = 6
HIDDEN = 384
HEADS = 12
_PARTS = ("q", "k", "v", "o", "fi", "fo")


@dataclass(frozen=True, slots=True)
class Reader:
    """The fine-tuned encoder's weights, its tokenizer and the probability at which a
    sentence counts.

    Matrices stay as their int8 rows and float32 row scales (``rows``, ``scales``): a linear
    layer casts its rows for the product and drops them after, and an embedding casts only the
    rows it looks up, so the reader holds about 23 MB rather than 91 MB of float32. Vectors
    (biases, norms, the output) are float32 in ``vectors``.
    """

    rows: dict[str, npt.NDArray[np.int8]]
    scales: dict[str, npt.NDArray[np.float32]]
    vectors: dict[str, npt.NDArray[np.float32]]
    tokenizer: Any
    threshold: float

    def probabilities(self, sentences: Sequence[str]) -> npt.NDArray[np.float32]:
        """The probability that each sentence describes abuse by someone close."""
        import numpy as np

        if not sentences:
            return np.zeros(0, np.float32)
        encoded = self.tokenizer.encode_batch(list(sentences))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        vec = self.vectors
        batch, tokens = ids.shape
        width = HIDDEN // HEADS
        positions = np.arange(tokens)
        x = self._lookup("we.weight", ids) + self._lookup("pe.weight", positions)[None]
        x = _norm(x + vec["te.weight"][0][None, None], vec["ln.weight"], vec["ln.bias"])
        hidden_pad = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(LAYERS):
            p = f"layers.{i}."
            q, k, v = (
                self._linear(f"{p}{n}", x)
                .reshape(batch, tokens, HEADS, width)
                .transpose(0, 2, 1, 3)
                for n in ("q", "k", "v")
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(width) + hidden_pad
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, tokens, HIDDEN)
            x = _norm(
                x + self._linear(f"{p}o", context), vec[f"{p}ln1.weight"], vec[f"{p}ln1.bias"]
            )
            inner = self._linear(f"{p}fi", x)
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = _norm(x + self._linear(f"{p}fo", inner), vec[f"{p}ln2.weight"], vec[f"{p}ln2.bias"])
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        logits = pooled @ vec["head.weight"][0] + vec["head.bias"][0]
        found: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))).astype(
            np.float32
        )
        return found

    def _lookup(self, name: str, index: Any) -> Any:
        """Rows of an embedding table, as float32."""
        import numpy as np

        return self.rows[name][index].astype(np.float32) * self.scales[name][index][..., None]

    def _linear(self, name: str, z: Any) -> Any:
        """``z @ W.T + b`` for the layer ``name`` (W's rows int8, each with its scale)."""
        import numpy as np

        weight = self.rows[f"{name}.weight"].astype(np.float32)  # C order: BLAS reads .T as is
        product = z.reshape(-1, z.shape[-1]) @ weight.T
        product = product.reshape(*z.shape[:-1], weight.shape[0])
        return product * self.scales[f"{name}.weight"] + self.vectors[f"{name}.bias"]


def _norm(x: Any, weight: Any, bias: Any) -> Any:
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * weight + bias


def _erf(x: Any) -> Any:
    """The error function (Abramowitz and Stegun 7.1.26, error under 1.5e-7), for GELU."""
    import numpy as np

    sign, x = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = (
        (((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t
    return sign * (1.0 - poly * np.exp(-x * x))


def parse_reader(raw: bytes, tokenizer: bytes, threshold: float | None = None) -> Reader:
    """The reader from the bytes of its two files; ContentError when they don't fit.

    ``threshold`` overrides the shipped one (training chooses it on the exported weights).
    """
    import numpy as np
    from tokenizers import Tokenizer

    try:
        rows: dict[str, npt.NDArray[np.int8]] = {}
        scales: dict[str, npt.NDArray[np.float32]] = {}
        vectors: dict[str, npt.NDArray[np.float32]] = {}
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            for name in data.files:
                if name.endswith(".q"):
                    rows[name[:-2]] = data[name].astype(np.int8)
                    scales[name[:-2]] = data[f"{name[:-2]}.s"].astype(np.float32).reshape(-1)
                elif not name.endswith(".s"):
                    vectors[name] = data[name].astype(np.float32)
        shipped = float(vectors.pop("threshold"))
        wanted = [f"layers.{i}.{part}.weight" for i in range(LAYERS) for part in _PARTS]
        if (
            rows["we.weight"].shape[1] != HIDDEN
            or vectors["head.weight"].shape != (1, HIDDEN)
            or any(rows[name].shape[0] != scales[name].shape[0] for name in wanted)
        ):
            raise ContentError(f"{READER_FILE} has weights of the wrong shape")
        words = Tokenizer.from_str(gzip.decompress(tokenizer).decode("utf-8"))
    except ContentError:
        raise
    except Exception as exc:  # numpy, zipfile, gzip and tokenizers each raise their own
        raise ContentError(f"{READER_FILE} cannot be read: {exc}") from None
    words.enable_truncation(MAX_TOKENS)
    words.enable_padding(pad_id=0, pad_token="[PAD]")
    return Reader(rows, scales, vectors, words, shipped if threshold is None else threshold)


@lru_cache(maxsize=1)
def load_reader() -> Reader:
    """The packaged reader, after checking both files' SHA-256 against the manifest."""
    return parse_reader(read_checked(READER_FILE), read_checked(TOKENIZER_FILE))
