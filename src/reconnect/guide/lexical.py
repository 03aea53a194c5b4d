"""Full-text scoring for the guide: light stemming, BM25, and how much of a question a card covers.

Pure functions over strings: no I/O, no model. BM25 (Robertson and Zaragoza's Okapi form,
k1 1.2, b 0.75) orders cards that share words with the question. ``coverage`` is the part
of the question's weight (inverse document frequency) that a card's words account for, in
0..1: a question whose telling words appear in no card ("reset my router") covers nothing,
whatever BM25 says about the words it does share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words that say nothing about what is asked: function words and the ways people ask.
_STOP_TEXT = """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each even ever few for from further get gets getting got had
hadn't has hasn't have haven't having he he'd he's her here hers herself him himself his how
i i'd i'm i've if in into is isn't it it's its itself just let's like me might more most
much must my myself no nor not now of off on once one only or other ought our ours ourselves
out over own please really same say says she she'd she's should shouldn't so some such than
that that's the their theirs them themselves then there there's these they they'd they're
they've thing things this those though through to too under until up upon us very was wasn't
we we'd we're we've were weren't what what's when where which while who whom whose why will
with won't would wouldn't yet you you'd you're you've your yours yourself yourselves im ive
dont cant wont isnt doesnt didnt whats hows thats
"""
STOPWORDS = frozenset(_STOP_TEXT.split())

_SUFFIXES = (
    "nesses", "ments", "ingly", "ness", "ment", "ings", "edly", "ally", "ies", "ing",
    "ed", "ly", "al", "s",
)  # fmt: skip


@lru_cache(maxsize=16_384)
def stem(word: str) -> str:
    """A light suffix-stripping stem: detached, detaching, detachment -> "detach"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # stopp(ing) -> stop
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # cause, causes, caused -> caus
    return word


def terms(text: str) -> list[str]:
    """The stemmed content words of a text, in order (stopwords dropped)."""
    lowered = text.lower().replace("\u2019", "'")
    return [stem(w.removesuffix("'s")) for w in _WORD.findall(lowered) if w not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class LexicalIndex:
    """Term counts per document and the corpus statistics BM25 needs."""

    counts: tuple[Counter[str], ...]
    lengths: tuple[int, ...]
    idf: dict[str, float]
    average_length: float
    unseen_idf: float

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        """Index documents given as term lists."""
        counts = tuple(Counter(doc) for doc in documents)
        lengths = tuple(len(doc) for doc in documents)
        n = len(documents)
        frequency: Counter[str] = Counter()
        for counted in counts:
            frequency.update(counted.keys())
        idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        average = sum(lengths) / n if n else 0.0
        return cls(counts, lengths, idf, average, math.log(1 + (n + 0.5) / 0.5))

    def bm25(self, query: Sequence[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
        """The BM25 score of every document for the query terms."""
        scores = [0.0] * len(self.counts)
        for term in set(query):
            weight = self.idf.get(term)
            if weight is None:
                continue
            for i, counted in enumerate(self.counts):
                tf = counted.get(term, 0)
                if tf:
                    norm = k1 * (1 - b + b * self.lengths[i] / self.average_length)
                    scores[i] += weight * tf * (k1 + 1) / (tf + norm)
        return scores

    def weight(self, term: str) -> float:
        """A term's inverse document frequency; a word no card uses weighs the most."""
        return self.idf.get(term, self.unseen_idf)

    def coverage(self, query: Sequence[str]) -> list[float]:
        """For each document, the share of the query's weight its words account for."""
        unique = set(query)
        total = sum(self.weight(t) for t in unique)
        if total <= 0:
            return [0.0] * len(self.counts)
        return [
            sum(self.weight(t) for t in unique if t in counted) / total for counted in self.counts
        ]
