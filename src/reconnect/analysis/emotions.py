"""Feelings in text: the ones it names, and the ones it conveys without naming them.

The lexicon (``data/emotions.toml``) finds feelings the text names ("anxious", "fed up"), in
order of first mention. Granularity is the number of distinct emotions *named* (DESIGN.md:
"how many distinct feelings are named"); a feeling that is negated ("not sad") is not
counted, and neither is a word that only names a feeling in a feeling context ("feel low",
not "low tide").

Given the text's static embedding, the learned layer (``emotion_model.py``, trained on
GoEmotions) adds feelings the text conveys without naming them ("my stomach was in knots
before the call"): at most ``MAX_LEARNED``, each above its label's threshold, with the
label's probability as its score, after the named ones. The embedding does not see negation,
so a learned feeling is left out when the writer negated a feeling word of the same side
(pleasant or unpleasant: "not sad at all, great day" gives no sadness, "I don't feel numb
anymore" no disappointment), and when the writer already named a feeling of its family (their
own word is the better one); a feeling the writer named is only given the higher score.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from reconnect.analysis.emotion_model import load_emotion_model
from reconnect.analysis.features import word_features
from reconnect.analysis.lexicon import Feeling, feelings
from reconnect.analysis.negation import negation_state
from reconnect.analysis.precompiled import compiled
from reconnect.analysis.tokens import normalise
from reconnect.domain.analysis import Emotion

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    import numpy as np
    import numpy.typing as npt

__all__ = ["MAX_LEARNED", "Emotion", "find_emotions", "named_and_learned"]

# At most this many feelings are added by the learned layer to those the text names.
MAX_LEARNED = 3
# The side of each family (data/emotions.toml): a negated feeling word silences learned
# feelings of its side; a family not listed is a side of its own.
_SIDES = {
    "sad": "unpleasant", "angry": "unpleasant", "fearful": "unpleasant", "ashamed": "unpleasant",
    "disgusted": "unpleasant", "numb": "unpleasant", "happy": "pleasant", "calm": "pleasant",
    "loving": "pleasant", "surprised": "surprised",
}  # fmt: skip


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, Feeling]]:
    words = [f.word for f in feelings()]
    by_word = {f.word: f for f in feelings()}
    # feelings() lists distinct words, longest first; the prefix tree relies on it
    longest_first = len(by_word) == len(words) and all(len(a) >= len(b) for a, b in pairwise(words))
    return _prefix_tree(words) if longest_first else _alternation(words), by_word


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str] | None:
    """The first word (run of word characters) of every feeling word: a text can name a
    feeling only where one of them is a whole word of it (the lexicon's expression starts
    at a word boundary, and a run ends where the feeling word's does). None when a feeling
    word is not plain ASCII starting with a word character (then every text is scanned)."""
    words = [f.word for f in feelings()]
    firsts = [re.match(r"[a-z0-9_]+", word) for word in words]
    if not all(word.isascii() for word in words):
        return None
    found = [m.group() for m in firsts if m is not None]
    return frozenset(found) if len(found) == len(words) else None


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    # The words in their order: at each place the first that matches wins.
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b")


def _prefix_tree(words: Sequence[str]) -> re.Pattern[str]:
    """``_alternation(words)`` for distinct words listed longest first, as a prefix tree.

    The plain alternation tries every word at every place; the tree follows one path per place.
    At a place the alternation takes the first, hence longest, word ending at a word boundary;
    so does the tree, which tries to go on before it stops at a word's end (greedy ``?``) and
    backtracks to a shorter word when the boundary fails.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"

    return compiled(rf"\b(?:{render(tree)})\b")


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


def find_emotions(
    text: str,
    embedding: npt.NDArray[np.float32] | None = None,
    features: Set[int] | None = None,
) -> list[Emotion]:
    """The feelings the text names, in order of first mention, then those the learned layer
    reads in it (only when the text's static embedding is given; ``features`` are its
    ``features.word_features``, computed here when not given).

    >>> [(e.name, e.family) for e in find_emotions("Felt anxious, then weirdly calm.")]
    [('anxiety', 'fearful'), ('calm', 'calm')]
    """
    named, learned = named_and_learned(text, embedding, features)
    return named + learned


def named_and_learned(
    text: str,
    embedding: npt.NDArray[np.float32] | None = None,
    features: Set[int] | None = None,
    folded: str | None = None,
    ascii_words: Set[str] | None = None,
    guesses: Sequence[Emotion] | None = None,
) -> tuple[list[Emotion], list[Emotion]]:
    """``find_emotions`` in two parts: the feelings named (these count for granularity)
    and those the learned layer adds (none without an embedding). ``folded`` is
    ``normalise(text)`` when the caller has it already; ``ascii_words``, for an ASCII text,
    the runs of letters, digits and ``_`` of its lower case (``crisis.scanner.Bones``);
    ``guesses``, the learned layer's ``EmotionModel.feelings`` of the text when the caller
    read them already (for a chunk of texts at once), in place of ``embedding``."""
    if folded is None:
        folded = normalise(text)
    firsts = _first_words() if ascii_words is not None and text.isascii() else None
    named: list[Emotion] = []
    negated: set[str] = set()
    if firsts is None or not firsts.isdisjoint(ascii_words or ()):  # else no feeling word
        named, negated = _named(folded)
    if not folded.strip():
        return named, []
    if guesses is None:
        if embedding is None:
            return named, []
        guesses = load_emotion_model().feelings(
            embedding, word_features(text) if features is None else features
        )
    position = {e.name: i for i, e in enumerate(named)}
    named_families = {e.family for e in named}
    negated_sides = {_SIDES.get(family, family) for family in negated}
    learned: list[Emotion] = []
    for guess in guesses:
        index = position.get(guess.name)
        if index is not None:
            if guess.score > named[index].score:
                named[index] = Emotion(guess.name, guess.family, guess.score)
        elif (
            guess.family not in named_families
            and _SIDES.get(guess.family, guess.family) not in negated_sides
            and len(learned) < MAX_LEARNED
        ):
            learned.append(guess)
    return named, learned


def _named(folded: str) -> tuple[list[Emotion], set[str]]:
    """Distinct emotions named in the folded text, and the families of negated ones."""
    pattern, by_word = _lexicon()
    found: dict[str, Emotion] = {}
    negated: set[str] = set()
    for match in pattern.finditer(folded):
        word = match.group(0)
        if word in _CONTEXTUAL and not _FEELING_CONTEXT.search(
            folded[max(0, match.start() - 24) : match.start()]
        ):
            continue
        feeling = by_word[word]
        if negation_state(folded, match.start(), match.end()) != "plain":
            negated.add(feeling.family)
            continue
        previous = found.get(feeling.emotion)
        score = 0.6 if previous is None else min(1.0, previous.score + 0.2)
        found[feeling.emotion] = Emotion(feeling.emotion, feeling.family, round(score, 2))
    return list(found.values()), negated
