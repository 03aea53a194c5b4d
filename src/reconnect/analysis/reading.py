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

    from reconnect.analysis.heads import Heads, Scores
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


def read_chunk(heads: Heads, texts: Sequence[str]) -> list[Reading | Foreign]:
    """Each text's reading, in order; the learned layer reads the English ones at once.

    Each step runs over the whole chunk before the next begins, so its code and tables stay
    in the processor's caches from one text to the next (``analyzer.Analyzer.analyze_chunk``
    says what that saves).
    """
    import numpy as np

    languages = [detect_language(text) for text in texts]
    english = [text for text, language in zip(texts, languages, strict=True) if language == "en"]
    folds = [normalise(text) for text in english]
    rules = [find_rule_evidence(text, folded) for text, folded in zip(english, folds, strict=True)]
    parts = [sentences(text) for text in english]
    # what the heads read (None for a text with no sentence)
    words = [heads.read(text, p) if p else None for text, p in zip(english, parts, strict=True)]
    scores = heads.score_many([w for w in words if w is not None])
    feelings = (
        load_emotion_model().feelings_many(
            np.stack([s.embedding for s in scores]), [s.features for s in scores]
        )
        if scores
        else []
    )
    learned = iter(zip(scores, feelings, strict=True))
    read = iter(zip(english, folds, rules, parts, words, strict=True))
    found: list[Reading | Foreign] = []
    for text, language in zip(texts, languages, strict=True):
        if language != "en":
            found.append(Foreign(text, language))
            continue
        _, folded, evidence, sentences_of, read_words = next(read)
        score, felt = (None, None) if read_words is None else next(learned)
        found.append(Reading(text, folded, evidence, sentences_of, score, felt))
    return found
