"""Hashed text features for the learned layer; the same code serves training and analysis."""

from __future__ import annotations

import re
import zlib

from reconnect.analysis.tokens import words

BUCKETS = 1 << 20
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "nothing",
        "nobody",
        "none",
        "without",
        "hardly",
        "cannot",
        "dont",
        "cant",
        "wont",
        "didnt",
        "isnt",
        "doesnt",
        "havent",
        "hasnt",
        "wasnt",
        "couldnt",
        "no longer",
    }
)
# Clauses end at punctuation and at line ends, so a text's features are exactly the union
# of its sentences' features (``tokens.sentences`` splits at .!? and new lines).
_CLAUSE_END = re.compile(r"[.,;:!?\n]")
# tokens._ASCII_WORD or a clause end, on lower-cased ASCII text (the two never overlap)
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[.,;:!?\n]")
_ENDS = frozenset(".,;:!?\n")


_MEMO: dict[str, int] = {}
_MEMO_LIMIT = 1 << 19


def _hash(feature: str) -> int:
    # Feature names repeat a lot across entries; remembering their buckets saves the CRC.
    bucket = _MEMO.get(feature)
    if bucket is None:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        bucket = _MEMO[feature] = zlib.crc32(feature.encode("utf-8")) % BUCKETS
    return bucket


# Each word's unigram bucket, ``_hash("w:" + word)``, and the CRC-32 of ``"b:{word} "``: the
# bucket of a bigram is then that CRC continued over the next word's bytes, as
# ``zlib.crc32(b, zlib.crc32(a)) == zlib.crc32(a + b)``, so no bigram's name is built. Last,
# whether the token behind the word negates the next three (a word in scope is "neg_" and
# the token; tokens never hold "_", so the two kinds of key never meet).
_WORDS: dict[str, tuple[int, int, bytes, bool]] = {}
_BIGRAM_PREFIX = zlib.crc32(b"b:")
_SCOPED = "neg_"


def _remember(word: str) -> tuple[int, int, bytes, bool]:
    if len(_WORDS) >= _MEMO_LIMIT // 2:
        _WORDS.clear()
    raw = word.encode("utf-8")
    token = word[len(_SCOPED) :] if word.startswith(_SCOPED) else word
    entry = _WORDS[word] = (
        zlib.crc32(b"w:" + raw) % BUCKETS,
        zlib.crc32(raw + b" ", _BIGRAM_PREFIX),
        raw,
        token in NEGATORS or token.endswith("n't"),
    )
    return entry


def word_features(text: str) -> set[int]:
    """Word unigrams and bigrams, negation-marked for three words (the set of buckets).

    Analyzer 3 reads these beside its static embedding, which carries what letter n-grams
    and word clusters added before (docs/decisions/0007-analyzer-3.md).

    >>> len(word_features("not numb")) == len({_hash("w:not"), _hash("w:neg_numb"),
    ...     _hash("b:not neg_numb")})
    True
    """
    found: set[int] = set()
    add = found.add
    # ``_hash("w:" + word)`` and ``_hash(f"b:{previous} {word}")``, from each word's entry
    # in ``_WORDS``: a hit builds no feature name.
    memo = _WORDS
    crc32 = zlib.crc32
    if text.isascii():
        # One pass over words and clause ends: ``words`` of each clause, as below
        clauses = [_ASCII_TOKEN.findall(text.lower())]
    else:
        clauses = [words(clause) for clause in _CLAUSE_END.split(text.casefold())]
    for tokens in clauses:
        previous: int | None = None  # the CRC of "b:{previous word} "
        scope = 0
        for token in tokens:
            if token in _ENDS:  # a clause ends (only from the ASCII pass)
                previous = None
                scope = 0
                continue
            if scope:
                word = _SCOPED + token
                scope -= 1
            else:
                word = token
            entry = memo.get(word) or _remember(word)
            if entry[3]:  # token in NEGATORS or token.endswith("n't")
                scope = 3
            add(entry[0])
            if previous is not None:
                add(crc32(entry[2], previous) % BUCKETS)
            previous = entry[1]
    return found
