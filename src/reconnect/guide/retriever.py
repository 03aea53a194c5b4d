"""Find the cards that answer a question: embeddings and full text together, re-ranked.

Each card is searched two ways. Its title, section heading and the ways of asking written
with it are embedded with the analyzer's static model (``analysis/static.py``); a
question's meaning score for a card is its best cosine against those. The card's words
(title, heading, asks and answer) are indexed for BM25 and for ``coverage``
(``lexical.py``). The score that ranks is a weighted sum of the meaning score, the share of
the question the card covers, and BM25 scaled by the best BM25 of that question.

Declining is a decision of its own. Questions the guide must not answer are written down
as anchors (``content/guide_off_topic.toml``: everyday topics, and the other senses of its
words: a detached retina, numb fingers, a printer that won't connect), scored the same way.
A question is declined when it has no content words, when the best card scores under
``threshold``, or when an anchor scores above the best card less ``margin_off``. The weights
are chosen on ``bench/data/guide_dev.jsonl`` by ``bench/eval_guide.py --tune``, never on
the evaluation set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.guide import MAX_ANSWERS
from reconnect.guide.lexical import LexicalIndex, terms

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import numpy.typing as npt

    from reconnect.analysis.static import StaticEncoder
    from reconnect.domain.guide import AnswerCard


@dataclass(frozen=True, slots=True)
class Weights:
    """How the three scores combine, and the floors below which nothing is answered."""

    meaning: float = 0.6
    coverage: float = 0.2
    bm25: float = 0.1
    threshold: float = 0.5  # the best card must reach this, or the guide declines
    margin_off: float = 0.0  # an anchor this close to the best card (or above) declines
    spread: float = 0.25  # a runner-up more than this below the best is not shown


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Ranked:
    """A card and its combined score for one question."""

    card: AnswerCard
    score: float


class Retriever:
    """An index over the cards and the anchors, built once; ``rank`` takes about a millisecond."""

    def __init__(
        self,
        cards: Sequence[AnswerCard],
        encoder: StaticEncoder,
        off_topic: Sequence[str] = (),
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> None:
        import numpy as np

        self.cards = tuple(cards)
        self.encoder = encoder
        self.weights = weights
        keys: list[str] = []
        owners: list[int] = []
        for i, card in enumerate(self.cards):
            for key in (card.title, card.section, *card.asks):
                keys.append(key)
                owners.append(i)
        # Anchors are documents after the cards: owner ``len(cards) + j``.
        for j, question in enumerate(off_topic):
            keys.append(question)
            owners.append(len(self.cards) + j)
        self._documents = len(self.cards) + len(off_topic)
        self._keys: npt.NDArray[np.float32] = np.stack([encoder.embed(k) for k in keys])
        self._owners = np.array(owners, dtype=np.intp)
        documents = [_card_terms(card) for card in self.cards] + [terms(q) for q in off_topic]
        self.lexical = LexicalIndex.build(documents)

    def _meaning(self, question: str) -> npt.NDArray[np.float32]:
        import numpy as np

        cosines = self._keys @ self.encoder.embed(question)
        best = np.full(self._documents, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, cosines)
        return best

    def components(self, question: str, query: Sequence[str] | None = None) -> Components:
        """The question's three scores for every document, before they are weighed.

        ``query`` is the question's terms when the caller has them already.
        """
        query = terms(question) if query is None else query
        coverage = self.lexical.coverage(query)
        bm25 = self.lexical.bm25(query)
        top = max(bm25, default=0.0)
        return Components(
            meaning=[float(x) for x in self._meaning(question)],
            coverage=coverage,
            bm25=[b / top if top > 0 else 0.0 for b in bm25],
        )

    def rank(self, question: str) -> list[Ranked]:
        """The cards that answer the question, best first (at most three); [] to decline."""
        query = terms(question)
        if not query:
            return []  # nothing but punctuation and little words: nothing to go on
        chosen = choose(self.components(question, query), len(self.cards), self.weights)
        return [Ranked(self.cards[i], score) for i, score in chosen]


@dataclass(frozen=True, slots=True)
class Components:
    """Per document (cards, then anchors): meaning, coverage and BM25 scaled to the best."""

    meaning: list[float]
    coverage: list[float]
    bm25: list[float]


def choose(found: Components, cards: int, w: Weights) -> list[tuple[int, float]]:
    """(card index, score) of the cards to show, best first; [] to decline."""
    combined = [
        w.meaning * m + w.coverage * c + w.bm25 * b
        for m, c, b in zip(found.meaning, found.coverage, found.bm25, strict=True)
    ]
    ranked = sorted(range(cards), key=lambda i: -combined[i])
    best = combined[ranked[0]] if ranked else 0.0
    off_topic = max(combined[cards:], default=-1.0)
    if best < w.threshold or off_topic >= best - w.margin_off:
        return []
    floor = max(w.threshold, best - w.spread)
    return [(i, combined[i]) for i in ranked[:MAX_ANSWERS] if combined[i] >= floor]


def _card_terms(card: AnswerCard) -> list[str]:
    # The title and heading count twice: they say what the card is about.
    heading = terms(card.title) + terms(card.section)
    return [*heading, *heading, *(t for ask in card.asks for t in terms(ask)), *terms(card.answer)]
