"""Named feelings in text: which emotions, their families, and granularity.

Granularity is the number of distinct emotions named (DESIGN.md: "how many
distinct feelings are named"); a feeling that is negated ("not sad") is not
counted, and neither is a word that only names a feeling in a feeling context
("feel low", not "low tide").
"""

from __future__ import annotations

import re
from functools import lru_cache

from reconnect.analysis.lexicon import Feeling, feelings
from reconnect.analysis.negation import negation_state
from reconnect.analysis.tokens import normalise
from reconnect.domain.analysis import Emotion

__all__ = ["Emotion", "find_emotions"]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, Feeling]]:
    by_word = {f.word: f for f in feelings()}
    alternation = "|".join(re.escape(f.word) for f in feelings())
    return re.compile(rf"\b(?:{alternation})\b"), by_word


# Words that name a feeling only in a feeling context ("feel nothing", "feel close").
_CONTEXTUAL = frozenset(
    {
        "nothing", "close", "low", "down", "blue", "lost", "stuck", "flat", "cross", "mad",
        "safe", "hope", "love", "alone", "empty", "cold", "warm", "light", "heavy", "hurt",
        "up", "off", "dead", "raw", "full", "sick", "tense", "lucky", "rough",
    }
)  # fmt: skip
_FEELING_CONTEXT = re.compile(
    r"\b(?:feel|feels|feeling|felt|i'm|i am|i was|im|so|really|very|quite|bit|a little|"
    r"made me|makes me|left me|leaves me|been|get|got|getting)\s+"
    r"(?:so |very |really |quite |a bit |pretty |kind of |kinda |a little |)?$"
)


def find_emotions(text: str) -> list[Emotion]:
    """Distinct emotions named in the text, in order of first mention.

    >>> [(e.name, e.family) for e in find_emotions("Felt anxious, then weirdly calm.")]
    [('anxiety', 'fearful'), ('calm', 'calm')]
    """
    folded = normalise(text)
    pattern, by_word = _lexicon()
    found: dict[str, Emotion] = {}
    for match in pattern.finditer(folded):
        word = match.group(0)
        if word in _CONTEXTUAL and not _FEELING_CONTEXT.search(
            folded[max(0, match.start() - 24) : match.start()]
        ):
            continue
        if negation_state(folded, match.start(), match.end()) != "plain":
            continue
        feeling = by_word[word]
        previous = found.get(feeling.emotion)
        score = 0.6 if previous is None else min(1.0, previous.score + 0.2)
        found[feeling.emotion] = Emotion(feeling.emotion, feeling.family, round(score, 2))
    return list(found.values())
