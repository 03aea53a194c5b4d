"""Static sentence embeddings: a token-vector lookup distilled from all-MiniLM-L6-v2.

``training/static_model.py`` distils the transformer with model2vec into one 256-dimension
vector per WordPiece token (docs/decisions/0007-analyzer-3.md). A text's embedding is the
mean of its tokens' vectors, scaled to unit length: a table lookup, about a hundred times
faster than running the network, with no thread pool and no session to start.

The vectors ship as int8 rows with one scale per row (``data/static_embeddings.npy``,
``data/static_scales.npy``) beside the tokenizer they were distilled with
(``data/static_tokenizer.json.gz``); all three are checked against ``data/manifest.json``.
Nothing is downloaded, ever.

Sentences of a longer text are embedded from the same token pass: the text is tokenized
once, with offsets, and each sentence is the mean of the tokens inside it.

Tokenizing is done by ``FastWordPiece``, a pure-Python copy of the HuggingFace tokenizer
that gives the same token ids and character offsets (most of the HF call's cost is per-call
overhead): one regex pass splits the text into words, and each word's pieces are cached.
It hands back to the HF tokenizer any text it cannot prove it copies exactly.

>>> vector = load_static().embed("I feel numb")
>>> vector.shape, round(float((vector * vector).sum()), 3)
((256,), 1.0)
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from reconnect.analysis.lexicon import read_checked
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np
    import numpy.typing as npt

    from reconnect.analysis.tokens import Span

__all__ = ["DIMENSIONS", "FastWordPiece", "StaticEncoder", "load_static"]

DIMENSIONS = 256
VECTORS_FILE = "static_embeddings.npy"
SCALES_FILE = "static_scales.npy"
TOKENIZER_FILE = "static_tokenizer.json.gz"

Tokens = tuple[list[int], list[tuple[int, int]]]

# Texts tokenized by HF before the fast path is built: building it parses the tokenizer's
# JSON (tens of milliseconds), which a one-text process (``reconnect analyze``) never repays.
WARM_UP_TEXTS = 4
# Bounds on the caches: distinct words (cleared when full) and distinct characters learned.
WORD_CACHE_SIZE = 1 << 15
CHAR_TABLE_SIZE = 1 << 16

# One class per character of the original text, written by ``str.translate``:
_WORD = "w"  # kept, joins its neighbours into a word
_ALONE = "p"  # kept, a word on its own (punctuation; CJK ideographs, which BERT pads)
_SPACE = " "  # whitespace: a boundary, in no token
_GONE = "r"  # removed by the normalizer (controls, format characters, accents): in no token
_UNSURE = "x"  # not copied exactly: the whole text goes to the HF tokenizer
_REMOVED = "\x00"  # what a removed character becomes in the normalized text
_SPLIT = re.compile(f"[{_WORD}{_GONE}]+|{_ALONE}")


class _Learned(dict[int, str]):
    """A ``str.translate`` table that learns a character the first time it is asked for."""

    __slots__ = ("learn", "part")

    def __init__(self, learn: Callable[[int], tuple[str, str]], part: int) -> None:
        super().__init__()
        self.learn = learn
        self.part = part

    def __missing__(self, code: int) -> str:
        return self.learn(code)[self.part]


class FastWordPiece:
    """The HF BERT WordPiece tokenizer's ids and offsets, in pure Python, for most texts.

    The HF pipeline is: split out added tokens (``[UNK]``, ``[PAD]``); normalize (BERT:
    drop controls and format characters, whitespace to spaces, spaces around CJK
    ideographs, NFD then drop nonspacing marks, lowercase); split at whitespace and around
    punctuation; WordPiece each word (greedy longest match, ``##`` continuations, the whole
    word ``[UNK]`` when a piece is missing or the word is too long); truncate.

    The BERT normalizer works character by character except for NFD's reordering of
    combining marks, so each character is asked of the HF normalizer once, alone, and
    remembered as a class (``_WORD``, ``_ALONE``, ``_SPACE``, ``_GONE``) and the one
    character it becomes. That is exact when each kept character stays one character that
    NFD never moves (combining class 0); the rest are ``_UNSURE`` and send their whole text
    to HF: Hangul syllables (NFD makes them several jamo), characters that lowercase or
    decompose to several, kept combining marks, characters this Python's Unicode database
    does not know, lone surrogates. So are texts containing an added token.

    Nothing is read until ``build`` (by ``encode`` after ``WARM_UP_TEXTS`` texts, or by
    ``tokens``); ``encode`` returns None for a text HF must do.
    """

    def __init__(self, config: str, tokenizer: Any) -> None:
        self._config = config  # the tokenizer's JSON
        self._tokenizer = tokenizer  # tokenizers.Tokenizer, asked about each new character
        self._lock = threading.Lock()
        self._texts = 0
        self._built = False
        self._usable = False
        self._vocab: dict[str, int] = {}
        self._unknown = 0
        self._prefix = "##"
        self._max_chars = 0
        self._longest = 0  # the longest vocabulary entry, in characters
        self._limit: int | None = None
        self._added: tuple[str, ...] = ()
        self._classes = _Learned(self._learn, 0)
        self._normal = _Learned(self._learn, 1)
        self._words: dict[str, tuple[tuple[int, ...], tuple[tuple[int, int], ...]]] = {}
        self._ascii: re.Pattern[str] | None = None  # words of a lowercased ASCII text
        self._ascii_gone: re.Pattern[str] | None = None  # ASCII characters the normalizer drops

    def encode(self, text: str, *, offsets: bool = True) -> Tokens | None:
        """Token ids (and offsets, unless ``offsets`` is false), or None: ask HF."""
        if not self._built:
            self._texts += 1
            if self._texts <= WARM_UP_TEXTS:
                return None
        return self.tokens(text, offsets=offsets)

    def tokens(self, text: str, *, offsets: bool = True) -> Tokens | None:
        """As ``encode``, with no warm-up: the tokens exactly as HF gives them, or None."""
        if not self._built:
            self.build()
        if not self._usable:
            return None
        for added in self._added:
            if added in text:
                return None
        ascii_words = self._ascii
        if ascii_words is not None and text.isascii():
            gone = self._ascii_gone
            if gone is None or gone.search(text) is None:
                found = self._ascii_tokens(ascii_words, text.lower(), offsets=offsets)
                return self._truncated(found)
        classes = text.translate(self._classes)
        if _UNSURE in classes:
            return None
        return self._truncated(self._general(classes, text.translate(self._normal)))

    def build(self) -> None:
        """Read the tokenizer's JSON: the vocabulary, and whether its pipeline is copied."""
        with self._lock:
            if self._built:
                return
            config = json.loads(self._config)
            self._config = ""  # half a megabyte, read once
            self._usable = self._read(config)
            if self._usable:
                for code in range(128):
                    self._learn(code)
                self._ascii_patterns()
            self._built = True

    def _read(self, config: dict[str, Any]) -> bool:
        model = config.get("model") or {}
        normalizer = config.get("normalizer") or {}
        truncation = config.get("truncation")
        padding = config.get("padding")
        if (
            model.get("type") != "WordPiece"
            or normalizer.get("type") != "BertNormalizer"
            or (config.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer"
            or config.get("post_processor") is not None
            or any(token.get("normalized", True) for token in config.get("added_tokens", []))
            or model.get("unk_token") not in model.get("vocab", {})
        ):
            return False
        if truncation is not None:
            if truncation.get("direction") != "Right" or truncation.get("strategy") not in (
                "LongestFirst",
                "OnlyFirst",
            ):
                return False
            self._limit = int(truncation["max_length"])
        if padding is not None and (
            padding.get("pad_to_multiple_of") is not None
            or padding.get("strategy") not in ("BatchLongest", {"Fixed": 0})
        ):
            return False
        self._vocab = {str(k): int(v) for k, v in model["vocab"].items()}
        self._unknown = self._vocab[model["unk_token"]]
        self._prefix = str(model.get("continuing_subword_prefix", "##"))
        self._max_chars = int(model.get("max_input_chars_per_word", 100))
        self._longest = max(len(k) for k in self._vocab)
        self._added = tuple(str(t["content"]) for t in config.get("added_tokens", []))
        return True

    def _learn(self, code: int) -> tuple[str, str]:
        """How the HF normalizer and pre-tokenizer treat one character, remembered."""
        found = (_UNSURE, "")
        try:
            normal: str = self._tokenizer.normalizer.normalize_str(chr(code))
        except UnicodeError:  # a lone surrogate, which Rust cannot hold
            normal = "\x00\x00"  # two characters: unsure
        padded = len(normal) == 3 and normal[0] == normal[2] == " " and normal[1] != " "
        kept = normal[1] if padded else normal  # a CJK ideograph is padded with spaces
        if normal == "":
            found = (_GONE, _REMOVED)
        elif normal == " ":
            found = (_SPACE, " ")
        elif (
            len(kept) == 1
            and unicodedata.combining(kept) == 0
            and unicodedata.category(kept) != "Cn"
        ):
            split = [p for p, _ in self._tokenizer.pre_tokenizer.pre_tokenize_str(f"a{kept}a")]
            if split == ["a", kept, "a"] or (padded and split == [f"a{kept}a"]):
                found = (_ALONE, kept)
            elif split == [f"a{kept}a"]:
                found = (_WORD, kept)
        if len(self._classes) < CHAR_TABLE_SIZE:
            dict.__setitem__(self._classes, code, found[0])
            dict.__setitem__(self._normal, code, found[1])
        return found

    def _ascii_patterns(self) -> None:
        """One regex for words of lowercased ASCII text, if ASCII is as simple as BERT's."""
        words: list[str] = []
        alone: list[str] = []
        gone: list[str] = []
        for code in range(128):
            char = chr(code)
            kind, normal = self._classes[code], self._normal[code]
            if kind in (_WORD, _ALONE) and normal != char.lower():
                return
            if kind == _WORD:
                words.append(char)
            elif kind == _ALONE:
                alone.append(char)
            elif kind == _GONE:
                gone.append(char)
            elif kind != _SPACE:
                return
        if not words or not alone:
            return

        def charset(chars: list[str]) -> str:
            return "[" + "".join(re.escape(c) for c in chars) + "]"

        self._ascii = re.compile(f"{charset(words)}+|{charset(alone)}")
        self._ascii_gone = re.compile(charset(gone)) if gone else None

    def _ascii_tokens(self, split: re.Pattern[str], lowered: str, *, offsets: bool) -> Tokens:
        cache = self._words
        ids: list[int] = []
        spans: list[tuple[int, int]] = []
        if not offsets:
            for word in split.findall(lowered):
                entry = cache.get(word)
                ids += (entry or self._cached(word))[0]
            return ids, spans
        for match in split.finditer(lowered):
            word = match.group()
            entry = cache.get(word) or self._cached(word)
            ids += entry[0]
            if len(entry[0]) == 1:  # one piece is the whole word (or its [UNK])
                spans.append(match.span())
            else:
                start = match.start()
                spans += [(start + a, start + b) for a, b in entry[1]]
        return ids, spans

    def _general(self, classes: str, normal: str) -> Tokens:
        cache = self._words
        ids: list[int] = []
        spans: list[tuple[int, int]] = []
        for match in _SPLIT.finditer(classes):
            start, end = match.span()
            word = normal[start:end]
            if _REMOVED in word:
                kept = [i for i in range(start, end) if normal[i] != _REMOVED]
                if not kept:
                    continue
                core = word.replace(_REMOVED, "")
                entry = cache.get(core) or self._cached(core)
                ids += entry[0]
                spans += [(kept[a], kept[b - 1] + 1) for a, b in entry[1]]
            else:
                entry = cache.get(word) or self._cached(word)
                ids += entry[0]
                if len(entry[0]) == 1:
                    spans.append((start, end))
                else:
                    spans += [(start + a, start + b) for a, b in entry[1]]
        return ids, spans

    def _truncated(self, found: Tokens) -> Tokens:
        ids, spans = found
        if self._limit is not None and len(ids) > self._limit:
            return ids[: self._limit], spans[: self._limit]
        return found

    def _cached(self, word: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
        entry = self._wordpiece(word)
        if len(self._words) >= WORD_CACHE_SIZE:
            self._words.clear()
        self._words[word] = entry
        return entry

    def _wordpiece(self, word: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
        """Greedy longest-match-first pieces of one normalized word, as HF's WordPiece."""
        size = len(word)
        whole = ((self._unknown,), ((0, size),))
        if size > self._max_chars:
            return whole
        vocab, prefix = self._vocab, self._prefix
        ids: list[int] = []
        spans: list[tuple[int, int]] = []
        start = 0
        while start < size:
            end = min(size, start + self._longest)
            while end > start:
                piece = word[start:end]
                found = vocab.get(prefix + piece if start else piece)
                if found is not None:
                    ids.append(found)
                    spans.append((start, end))
                    break
                end -= 1
            else:
                return whole
            start = end
        return tuple(ids), tuple(spans)


@dataclass(frozen=True, slots=True)
class StaticEncoder:
    """A tokenizer and one int8 vector (with its scale) per token id."""

    tokenizer: Any  # tokenizers.Tokenizer
    vectors: npt.NDArray[np.int8]
    scales: npt.NDArray[np.float32]
    unknown: int | None
    fast: FastWordPiece | None = None  # the same tokens as ``tokenizer``, sooner

    def hf_tokens(self, text: str) -> Tokens:
        """The HF tokenizer's ids and offsets (``[UNK]`` included): what ``fast`` copies."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        return encoding.ids, encoding.offsets

    def _tokens(self, text: str) -> Tokens:
        found = self.fast.encode(text) if self.fast is not None else None
        ids, offsets = found if found is not None else self.hf_tokens(text)
        if self.unknown is not None and self.unknown in ids:
            kept = [i for i, t in enumerate(ids) if t != self.unknown]
            ids = [ids[i] for i in kept]
            offsets = [offsets[i] for i in kept]
        return ids, offsets

    def _ids(self, text: str) -> list[int]:
        found = self.fast.encode(text, offsets=False) if self.fast is not None else None
        ids = found[0] if found is not None else self.hf_tokens(text)[0]
        if self.unknown is not None and self.unknown in ids:
            ids = [t for t in ids if t != self.unknown]
        return ids

    def _mean(self, ids: Any) -> npt.NDArray[np.float32]:
        # One matrix product instead of scaling every row: sum_i scale_i * row_i / n.
        # float32 @ int8 is float32 (numpy's stubs say float64). ``ids`` is a list or an
        # integer array; ``take`` with an array skips converting the list twice.
        mean = (self.scales.take(ids) @ self.vectors.take(ids, axis=0)) / len(ids)
        return cast("npt.NDArray[np.float32]", mean)

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """The unit-length mean of the text's token vectors (zeros for a text with none)."""
        return self.embed_spans(text, ())[0]

    def embed_spans(self, text: str, spans: Sequence[Span]) -> list[npt.NDArray[np.float32]]:
        """The whole text's embedding, then one per span, from a single token pass."""
        import numpy as np

        if not spans:
            only = self._ids(text)
            if not only:
                return [np.zeros(DIMENSIONS, np.float32)]
            return [_unit(self._mean(np.array(only, dtype=np.intp)))]
        ids, offsets = self._tokens(text)
        if not ids:
            zero = np.zeros(DIMENSIONS, dtype=np.float32)
            return [zero] * (1 + len(spans))
        # Each span is the mean of the tokens that start inside it: one small matrix
        # product per span, found by bisecting the tokens' start offsets.
        index = np.array(ids, dtype=np.intp)
        found = [_unit(self._mean(index))]
        starts = [start for start, _ in offsets]
        for span in spans:
            lo = bisect_left(starts, span.start)
            hi = bisect_left(starts, span.end)
            found.append(
                _unit(self._mean(index[lo:hi])) if hi > lo else np.zeros(DIMENSIONS, np.float32)
            )
        return found


def _unit(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    import numpy as np

    # np.linalg.norm of a float32 vector, without its dispatch: sqrt of the float32 dot.
    norm = float(np.sqrt(vector.dot(vector)))
    return vector / norm if norm > 0 else vector


@lru_cache(maxsize=1)
def load_static() -> StaticEncoder:
    """The packaged static model, hash-checked; numpy and tokenizers load on first use."""
    import numpy as np
    from tokenizers import Tokenizer

    try:
        config = gzip.decompress(read_checked(TOKENIZER_FILE)).decode()
        tokenizer = Tokenizer.from_str(config)
        read_checked(SCALES_FILE)
        read_checked(VECTORS_FILE)
        folder = resources.files("reconnect.analysis").joinpath("data")
        vectors = np.load(str(folder.joinpath(VECTORS_FILE)), allow_pickle=False)
        scales = np.load(str(folder.joinpath(SCALES_FILE)), allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise ContentError(f"the static embedding model cannot be read: {exc}") from None
    if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or scales.shape != vectors.shape[:1]:
        raise ContentError(f"{VECTORS_FILE} has shape {vectors.shape}, not (*, {DIMENSIONS})")
    unknown = tokenizer.token_to_id("[UNK]")
    return StaticEncoder(tokenizer, vectors, scales, unknown, FastWordPiece(config, tokenizer))
