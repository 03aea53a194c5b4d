"""What the analyzer reads of a chunk of texts before it decides anything.

For each text: its language, and for an English one its folding, the rules' evidence, its
sentences, and what the learned layer makes of it, the heads' scores (``heads.py``) and
the feelings of the emotion layer (``emotion_model.py``). The rules read each text alone;
the learned layer reads the chunk's English texts at once (``Heads.score_many``,
``EmotionModel.feelings_many``): one matrix product for the chunk instead of a few dozen
small numpy calls per text, which was most of its cost. Each text gets the same floats,
bit for bit, so the same result, as it gets read alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.analysis.emotion_model import load_emotion_model
from reconnect.analysis.language import detect_language
from reconnect.analysis.markers import RuleEvidence, find_rule_evidence
from reconnect.analysis.tokens import Span, normalise, sentences

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.analysis.heads import Heads, Scores, Words
    from reconnect.domain.analysis import Emotion

__all__ = ["Foreign", "Reading", "read_chunk"]


# Not frozen: one is made for every text read, and a frozen dataclass's __init__ (an
# object.__setattr__ a field) takes about four times as long. Nothing changes one once made.
@dataclass(slots=True)
class Reading:
    """An English text as the rules and the learned layer read it."""

    text: str
    folded: str  # ``tokens.normalise(text)``
    rules: RuleEvidence
    parts: list[Span]  # its sentences
    scores: Scores | None  # None for a text with no sentence
    feelings: list[Emotion] | None  # the emotion layer's (None for a text with no sentence)


@dataclass(frozen=True, slots=True)
class Foreign:
    """A text in another language (``language.detect_language``): reconnect reads English."""

    text: str
    language: str


# Not frozen, as ``Reading``: one is made for every text read.
@dataclass(slots=True)
class _Rules:
    """An English text as the rules read it, before the learned layer's turn."""

    text: str
    folded: str
    rules: RuleEvidence
    parts: list[Span]
    words: Words | None  # what the heads read (None for a text with no sentence)


def read_chunk(heads: Heads, texts: Sequence[str]) -> list[Reading | Foreign]:
    """Each text's reading, in order; the learned layer reads the English ones at once."""
    import numpy as np

    first = [_read_rules(heads, text) for text in texts]
    words = [r.words for r in first if isinstance(r, _Rules) and r.words is not None]
    scores = heads.score_many(words)
    feelings = (
        load_emotion_model().feelings_many(
            np.stack([s.embedding for s in scores]), [s.features for s in scores]
        )
        if scores
        else []
    )
    learned = iter(zip(scores, feelings, strict=True))
    found: list[Reading | Foreign] = []
    for r in first:
        if isinstance(r, Foreign):
            found.append(r)
        else:
            score, felt = next(learned) if r.words is not None else (None, None)
            found.append(Reading(r.text, r.folded, r.rules, r.parts, score, felt))
    return found


def _read_rules(heads: Heads, text: str) -> _Rules | Foreign:
    language = detect_language(text)
    if language != "en":
        return Foreign(text, language)
    folded = normalise(text)
    rules = find_rule_evidence(text, folded)
    parts = sentences(text)
    return _Rules(text, folded, rules, parts, heads.read(text, parts) if parts else None)
