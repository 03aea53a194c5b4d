"""One pass over a plain ASCII text's words for both the word features and the static embedding.

The learned heads read each sentence's hashed word features (``features.word_features``)
and the text's static embedding (``static.py``), whose word pieces ``wordpiece`` finds.
Both lower-case the text and split it into words; for an ASCII text on the tokenizer's fast
path one regex pass serves both, and each distinct token's word pieces and feature entry
are remembered together, so a text costs one look-up per token instead of one per reader.

Why the results are the same:

- A token is a feature word (``[a-z0-9]+(?:'[a-z0-9]+)*``, what ``word_features`` reads on
  ASCII text) or one punctuation character. For ``wordpiece`` lower-cased ASCII words are
  runs of ``a-z0-9`` and every other kept character is a word alone (checked when the pass
  is built: ``FastWordPiece.ascii_alone``), so a feature word is its runs with an
  apostrophe between each two, and the text's word pieces are the tokens' pieces in order.
- The features read only the tokens inside each sentence and reset at ``.,;:!?``; the
  tokens between sentences (spaces, lone stops) only add word pieces. A sentence ends
  with a stop or a closing quote or bracket, or before a space, a new line or the end,
  and the next starts after that; a token (letters and digits, an apostrophe only between
  two of them) never crosses such an edge, so reading the text piece by piece finds the
  tokens of reading it whole.
- Each sentence's features are added in ``word_features``' order (the heads add their rows
  in the set's order), and the ids before each sentence's start and end give the ranges
  ``static.StaticEncoder._by_spans`` finds.

``tests/analysis/test_wordpass.py`` compares the two ways on varied texts.
"""

from __future__ import annotations

import re
import weakref
import zlib
from typing import TYPE_CHECKING

from reconnect.analysis.features import _SCOPED, _WORDS, BUCKETS, _remember
from reconnect.analysis.precompiled import compiled

if TYPE_CHECKING:
    from reconnect.analysis.static import StaticEncoder
    from reconnect.analysis.tokens import Span
    from reconnect.analysis.wordpiece import FastWordPiece

__all__ = ["read_words"]

# A token's word pieces ([UNK] left out), its kind, then (for a word) its entry in
# ``features._WORDS``, unpacked: unigram bucket, CRC for the next bigram, bytes, negator.
_Token = tuple[tuple[int, ...], int, int, int, bytes, bool]
_WORD, _CLAUSE_END, _MARK = 0, 1, 2
_NO_ENTRY = (0, 0, b"", False)  # a punctuation mark's: never read
_CLAUSE_ENDS = frozenset(".,;:!?")  # features._CLAUSE_END but the new line (no sentence has one)
TOKEN_CACHE_SIZE = 1 << 15
# The features of each sentence, the text's token ids, and how many ids come before each
# sentence's start and its end (two counts a sentence).
Read = tuple[list[set[int]], list[int], list[int]]


class _Pass:
    """The token expression and the remembered tokens for one tokenizer."""

    __slots__ = ("fast", "split", "tokens", "unknown")

    def __init__(self, fast: FastWordPiece, alone: str, unknown: int | None) -> None:
        self.fast = fast
        self.unknown = unknown
        self.split = compiled(
            "[a-z0-9]+(?:'[a-z0-9]+)*|[" + "".join(re.escape(c) for c in alone) + "]"
        )
        self.tokens: dict[str, _Token] = {}

    def learn(self, token: str) -> _Token:
        word_ids = self.fast.word_ids
        if not token[0].isalnum():  # one punctuation mark
            ids = list(word_ids(token))
            kind = _CLAUSE_END if token in _CLAUSE_ENDS else _MARK
            entry = _NO_ENTRY
        else:
            first, *rest = token.split("'")
            ids = list(word_ids(first))
            for piece in rest:
                ids += word_ids("'")
                ids += word_ids(piece)
            kind = _WORD
            entry = _WORDS.get(token) or _remember(token)
        if self.unknown is not None:
            ids = [i for i in ids if i != self.unknown]
        if len(self.tokens) >= TOKEN_CACHE_SIZE:
            self.tokens.clear()
        found = self.tokens[token] = (tuple(ids), kind, *entry)
        return found


_PASSES: weakref.WeakKeyDictionary[FastWordPiece, _Pass | None] = weakref.WeakKeyDictionary()


def _pass_for(encoder: StaticEncoder) -> _Pass | None:
    fast = encoder.fast
    if fast is None:
        return None
    try:
        return _PASSES[fast]
    except KeyError:
        if not fast.built:
            return None  # asked again next time
        alone = fast.ascii_alone()
        found = _PASSES[fast] = None if alone is None else _Pass(fast, alone, encoder.unknown)
        return found


def read_words(text: str, parts: list[Span], encoder: StaticEncoder) -> Read | None:
    """``[word_features(p.text) for p in parts]``, the text's token ids as ``encoder`` reads
    them, and the ids before each part's start and end; None for a text this pass does not
    take (not ASCII, not on the tokenizer's fast path, or before the tokenizer is built).

    ``parts`` are ``tokens.sentences(text)``.
    """
    found = _pass_for(encoder)
    if found is None:
        return None
    lowered = found.fast.ascii_lowered(text)
    if lowered is None:
        return None
    findall = found.split.findall
    table = found.tokens
    learn = found.learn
    memo = _WORDS
    crc32 = zlib.crc32
    ids: list[int] = []
    before: list[int] = []
    features: list[set[int]] = []
    position = 0
    for part in parts:
        start, end = part.start, part.end
        if start > position and not lowered[position:start].isspace():
            for token in findall(lowered, position, start):
                ids += (table.get(token) or learn(token))[0]
        before.append(len(ids))
        # features.word_features of the part, token by token
        bag: set[int] = set()
        add = bag.add
        previous: int | None = None  # the CRC of "b:{previous word} "
        scope = 0
        for token in findall(lowered, start, end):
            pieces, kind, unigram, after, raw, negates = table.get(token) or learn(token)
            ids += pieces
            if kind:
                if kind == _CLAUSE_END:
                    previous = None
                    scope = 0
                continue
            if scope:
                scoped = _SCOPED + token
                unigram, after, raw, negates = memo.get(scoped) or _remember(scoped)
                scope -= 1
            if negates:  # the next three words are in its scope
                scope = 3
            add(unigram)
            if previous is not None:
                add(crc32(raw, previous) % BUCKETS)
            previous = after
        features.append(bag)
        before.append(len(ids))
        position = end
    if position < len(lowered) and not lowered[position:].isspace():
        for token in findall(lowered, position):
            ids += (table.get(token) or learn(token))[0]
    return features, ids, before
