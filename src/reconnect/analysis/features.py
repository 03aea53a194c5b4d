"""Hashed text features for the learned layer; the same code serves training and analysis."""

from __future__ import annotations

import itertools
import re
import zlib

from reconnect.analysis.lexicon import word_clusters
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
_CLAUSE_END = re.compile(r"[.,;:!?]")


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


def feature_names(text: str) -> list[str]:
    """Word unigrams and bigrams (negation-marked for three words), letter 4-grams, word clusters.

    Clusters ("k0:", "k1:", coarse and fine) let the model treat near-synonyms
    alike ("draining", "tiring"); they carry the negation mark too.

    >>> feature_names("not numb")[:3]
    ['w:not', 'w:neg_numb', 'b:not neg_numb']
    """
    clusters = word_clusters()
    names: list[str] = []
    for clause in _CLAUSE_END.split(text.casefold()):
        tokens = words(clause)
        marked: list[str] = []
        scope = 0
        for token in tokens:
            ids = clusters.get(token) or clusters.get(token.split("'", 1)[0])
            prefix = "n" if scope else ""
            if ids:
                names.extend(f"k{level}{prefix}:{cid}" for level, cid in enumerate(ids))
            if scope:
                marked.append("neg_" + token)
                scope -= 1
            else:
                marked.append(token)
            if token in NEGATORS or token.endswith("n't"):
                scope = 3
        names.extend("w:" + t for t in marked)
        names.extend(f"b:{a} {b}" for a, b in itertools.pairwise(marked))
        for token in tokens:
            padded = f"<{token}>"
            if len(padded) > 5:
                names.extend("c:" + padded[i : i + 4] for i in range(len(padded) - 3))
    return names


def hashed_features(text: str) -> set[int]:
    """The set of feature buckets present in the text (binary features)."""
    return {_hash(name) for name in feature_names(text)}
