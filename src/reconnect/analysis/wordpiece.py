"""BERT-uncased WordPiece in pure Python, giving the HF tokenizer's exact ids and offsets.

The static embedding (``static.py``) needs a text's word-piece ids, and the offsets of its
sentences' pieces, for every entry; the HF ``tokenizers`` call costs tens of microseconds a
text, mostly per call. ``FastWordPiece`` copies its normalizer, pre-tokenizer and WordPiece
model from the tokenizer's own JSON (``wordpiece_model.py``), caches words, and hands every
text it cannot copy exactly (``UNSURE``) to the HF tokenizer instead. Tests compare the two
on real and generated text (tests/analysis/test_static_tokens.py).
"""

from __future__ import annotations

import json
import re
import threading
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from reconnect.analysis.precompiled import compiled
from reconnect.analysis.wordpiece_model import (
    ALONE,
    GONE,
    REMOVED,
    SPACE,
    UNSURE,
    WORD,
    Model,
    Pieces,
    char_class,
    pieces,
    read_model,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["WARM_UP_TEXTS", "FastWordPiece", "Tokens"]

Tokens = tuple[list[int], list[tuple[int, int]]]

# Texts tokenized by HF before a tokenizer made from the JSON builds its fast path: building
# it parses the JSON (tens of milliseconds), which a one-text process would never repay. The
# packaged one is made ready from its table instead (``from_table``), and needs no warm-up.
WARM_UP_TEXTS = 4
# Bounds on the caches: distinct words (cleared when full) and distinct characters learned.
WORD_CACHE_SIZE = 1 << 15
CHAR_TABLE_SIZE = 1 << 16

# Classes (``wordpiece_model.py``) as ``str.translate`` writes them: a word's characters.
_SPLIT = re.compile(f"[{WORD}{GONE}]+|{ALONE}")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


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
    remembered as a class (``WORD``, ``ALONE``, ``SPACE``, ``GONE``: ``wordpiece_model.py``)
    and the one character it becomes. That is exact when each kept character stays one
    character that NFD never moves (combining class 0); the rest are ``UNSURE`` and send
    their whole text to HF: Hangul syllables (NFD makes them several jamo), characters that
    lowercase or decompose to several, kept combining marks, characters this Python's Unicode
    database does not know, lone surrogates. So are texts containing an added token.

    Made from the JSON, nothing is read until ``build`` (by ``encode`` after
    ``WARM_UP_TEXTS`` texts, or by ``tokens``); made from what ``table`` stored of a built one
    (``from_table``), it is built at once, and the HF tokenizer is loaded only to learn a
    character outside ASCII. ``encode`` returns None for a text HF must do.
    """

    def __init__(self, config: str, tokenizer: Any) -> None:
        self._config = config  # the tokenizer's JSON
        self._tokenizer = tokenizer  # tokenizers.Tokenizer, asked about each new character
        self._load_tokenizer: Callable[[], Any] | None = None  # gives it when it is None
        self._lock = threading.Lock()
        self._texts = 0
        self._built = False
        self._usable = False
        self._model = Model()
        self._classes = _Learned(self._learn, 0)
        self._normal = _Learned(self._learn, 1)
        self._words: dict[str, tuple[tuple[int, ...], tuple[tuple[int, int], ...]]] = {}
        self._ascii: re.Pattern[str] | None = None  # words of a lowercased ASCII text
        self._ascii_gone: re.Pattern[str] | None = None  # ASCII characters the normalizer drops
        self._ascii_word = frozenset[str]()  # the ASCII characters (lower case) words are made of

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
        for added in self._model.added:
            if added in text:
                return None
        ascii_words = self._ascii
        if ascii_words is not None and text.isascii():
            gone = self._ascii_gone
            if gone is None or gone.search(text) is None:
                found = self._ascii_tokens(ascii_words, text.lower(), offsets=offsets)
                return self._truncated(found)
        classes = text.translate(self._classes)
        if UNSURE in classes:
            return None
        return self._truncated(self._general(classes, text.translate(self._normal)))

    def segments(self, text: str, cuts: list[int]) -> list[list[int]] | None:
        """The token ids of each piece ``text[cuts[k]:cuts[k + 1]]``, or None: use ``tokens``.

        For a plain ASCII text the fast path handles, cut only where no word goes on across
        the cut (never between two word characters) and in order: its tokens are then the
        pieces' tokens one after another, so a piece's tokens are exactly those that start
        inside it. None before ``build`` (``encode`` warms up first), for a text the fast
        path does not handle, for a cut inside a word, and when the tokenizer truncates.
        """
        lowered, split = self.ascii_lowered(text), self._ascii
        if lowered is None or split is None:
            return None
        word = self._ascii_word
        end = len(lowered)
        previous = 0
        for cut in cuts:
            if not previous <= cut <= end:
                return None
            if 0 < cut < end and lowered[cut - 1] in word and lowered[cut] in word:
                return None
            previous = cut
        cache = self._words
        found: list[list[int]] = []
        for start, stop in pairwise(cuts):
            ids: list[int] = []
            for piece in split.findall(lowered, start, stop):
                ids += (cache.get(piece) or self._cached(piece))[0]
            found.append(ids)
        return found

    @property
    def built(self) -> bool:
        """Whether ``build`` has read the tokenizer's JSON."""
        return self._built

    def ascii_lowered(self, text: str) -> str | None:
        """``text.lower()`` when ``tokens`` would read ``text`` on its ASCII path, untruncated
        (its ids are then the word pieces of ``ascii_split``'s words, one after another);
        None otherwise, and before ``build``. The conditions ``segments`` checks."""
        if self._ascii is None or self._model.limit is not None or not text.isascii():
            return None
        for added in self._model.added:
            if added in text:
                return None
        gone = self._ascii_gone
        if gone is not None and gone.search(text) is not None:
            return None
        return text.lower()

    def ascii_alone(self) -> str | None:
        """The ASCII characters that are a word on their own (punctuation), after ``build``
        and only when lower-cased ASCII words are runs of ``a-z`` and ``0-9``; else None."""
        if self._ascii is None or self._ascii_word != _ALNUM:
            return None
        return "".join(chr(c) for c in range(128) if self._classes[c] == ALONE)

    def word_ids(self, word: str) -> tuple[int, ...]:
        """The ids of one word of ``ascii_split`` (or one normalized word), from the cache."""
        return (self._words.get(word) or self._cached(word))[0]

    @classmethod
    def from_table(cls, table: dict[str, Any], tokenizer: Callable[[], Any]) -> FastWordPiece:
        """The tokenizer ``table`` describes (what ``table()`` gave for one built from the same
        JSON), built at once; ``tokenizer()`` gives the HF tokenizer, asked for only to learn
        a character outside ASCII."""
        fast = cls("", None)
        fast._load_tokenizer = tokenizer
        if table["usable"]:
            fast._model = Model(
                vocab={token: i for i, token in enumerate(table["vocab"])},
                unknown=int(table["unknown"]),
                prefix=str(table["prefix"]),
                max_chars=int(table["max_chars"]),
                longest=int(table["longest"]),
                limit=None if table["limit"] is None else int(table["limit"]),
                added=tuple(str(token) for token in table["added"]),
            )
            pairs = zip(table["classes"], table["normal"], strict=True)
            for code, (kind, normal) in enumerate(pairs):
                dict.__setitem__(fast._classes, code, kind)
                dict.__setitem__(fast._normal, code, normal)
            fast._ascii_patterns()
            fast._usable = True
        fast._built = True
        return fast

    def table(self) -> dict[str, Any]:
        """What ``from_table`` needs to make this tokenizer again without its JSON (built
        here if it was not): the vocabulary in id order and how each ASCII character is read.
        ValueError when the ids are not 0 to n - 1."""
        self.build()
        if not self._usable:
            return {"usable": False}
        model = self._model
        vocab = sorted(model.vocab, key=model.vocab.__getitem__)
        if [model.vocab[token] for token in vocab] != list(range(len(vocab))):
            raise ValueError("the vocabulary's ids are not 0 to n - 1")
        return {
            "usable": True,
            "vocab": vocab,
            "unknown": model.unknown,
            "prefix": model.prefix,
            "max_chars": model.max_chars,
            "longest": model.longest,
            "limit": model.limit,
            "added": list(model.added),
            "classes": "".join(self._classes[code] for code in range(128)),
            "normal": [self._normal[code] for code in range(128)],
        }

    def build(self) -> None:
        """Read the tokenizer's JSON: the vocabulary, and whether its pipeline is copied."""
        with self._lock:
            if self._built:
                return
            config = json.loads(self._config)
            self._config = ""  # half a megabyte, read once
            model = read_model(config)
            self._usable = model is not None
            if model is not None:
                self._model = model
                for code in range(128):
                    self._learn(code)
                self._ascii_patterns()
            self._built = True

    def _learn(self, code: int) -> tuple[str, str]:
        """How the HF normalizer and pre-tokenizer treat one character, remembered."""
        tokenizer = self._tokenizer
        if tokenizer is None and self._load_tokenizer is not None:
            tokenizer = self._tokenizer = self._load_tokenizer()
        found = char_class(tokenizer, code)
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
            if kind in (WORD, ALONE) and normal != char.lower():
                return
            if kind == WORD:
                words.append(char)
            elif kind == ALONE:
                alone.append(char)
            elif kind == GONE:
                gone.append(char)
            elif kind != SPACE:
                return
        if not words or not alone:
            return

        def charset(chars: list[str]) -> str:
            return "[" + "".join(re.escape(c) for c in chars) + "]"

        self._ascii_word = frozenset(c.lower() for c in words)
        self._ascii_gone = compiled(charset(gone)) if gone else None
        self._ascii = compiled(f"{charset(words)}+|{charset(alone)}")  # last: the switch

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
            if REMOVED in word:
                kept = [i for i in range(start, end) if normal[i] != REMOVED]
                if not kept:
                    continue
                core = word.replace(REMOVED, "")
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
        limit = self._model.limit
        if limit is not None and len(ids) > limit:
            return ids[:limit], spans[:limit]
        return found

    def _cached(self, word: str) -> Pieces:
        entry = pieces(word, self._model)
        if len(self._words) >= WORD_CACHE_SIZE:
            self._words.clear()
        self._words[word] = entry
        return entry
