"""Valence (how pleasant the text reads), from VADER's compound score.

``compound(text)`` is exactly vaderSentiment 3.3.2's ``polarity_scores(text)["compound"]``
(DESIGN.md chose VADER for valence), worked out faster: its lexicon and word lists are the
library's own, read once; each word is lower-cased once, not once per rule that reads it;
the per-character emoji pass runs only when the text holds an emoji VADER knows; and only the
compound score is computed (``pos``, ``neu`` and ``neg`` never change it). Every rule is kept
as the library wrote it, its quirks included: "but" halves or boosts sentiments found through
``list.index``, so equal values are weighted by the first one's place; "kind of" and the
special idioms are read as whole words of the whitespace split. ``tests/analysis`` holds
the two to the same score on thousands of texts.

>>> compound("The book was only kind of good."), compound("VADER is not smart, nor funny.")
(0.3832, -0.0561)
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["compound", "valence"]

_PUNCTUATION = string.punctuation
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


@dataclass(frozen=True, slots=True)
class _Vader:
    """vaderSentiment's data, as its rules read it."""

    lexicon: dict[str, float]
    emojis: dict[str, str]  # the emojis a single character can match
    negate: frozenset[str]
    boosters: dict[str, float]
    special: dict[str, float]
    phrase_words: frozenset[str]  # every word of a special idiom or a two-word booster
    ascii_emojis: bool  # whether an ASCII character is one of ``emojis`` (it is not, in 3.3.2)
    negative_scalar: float
    caps_increment: float


@lru_cache(maxsize=1)
def _vader() -> _Vader:
    # Imported here so that `reconnect --help` never loads it.
    from vaderSentiment import vaderSentiment as library

    reference = library.SentimentIntensityAnalyzer()
    phrases = [p for p in (*library.SPECIAL_CASES, *library.BOOSTER_DICT) if " " in p]
    return _Vader(
        lexicon=dict(reference.lexicon),
        emojis={e: d for e, d in reference.emojis.items() if len(e) == 1},
        negate=frozenset(library.NEGATE),
        boosters=dict(library.BOOSTER_DICT),
        special=dict(library.SPECIAL_CASES),
        phrase_words=frozenset(w for p in phrases for w in p.split(" ")),
        ascii_emojis=any(e.isascii() for e in reference.emojis),
        negative_scalar=library.N_SCALAR,
        caps_increment=library.C_INCR,
    )


def valence(text: str) -> float:
    """VADER's compound score, from -1 (unpleasant) to 1 (pleasant), rounded to 3 places."""
    if not text.strip():
        return 0.0
    return round(float(compound(text)), 3)


def compound(text: str) -> float:
    """vaderSentiment's ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``."""
    vader = _vader()
    if (vader.ascii_emojis or not text.isascii()) and not vader.emojis.keys().isdisjoint(text):
        text = _describe_emojis(text, vader.emojis)
    text = text.strip()
    # VADER's words are the tokens of the whitespace split with the punctuation at either end
    # stripped (unless that leaves two characters or fewer), lower-cased for every rule but
    # the capitals one. Stripping never changes whether a token is in capitals (punctuation
    # has no case), and for ASCII text lower-casing the whole text first gives the same words.
    tokens = text.split()
    punctuation = _PUNCTUATION
    if text.isascii():
        lowered = [t if len(s := t.strip(punctuation)) <= 2 else s for t in text.lower().split()]
    else:
        lowered = [(t if len(s := t.strip(punctuation)) <= 2 else s).lower() for t in tokens]
    capitals = 0 if text.islower() else sum(map(str.isupper, tokens))
    shouting = 0 < len(tokens) - capitals < len(tokens)  # some words in capitals, not all
    lexicon = vader.lexicon
    boosters = vader.boosters
    last = len(tokens) - 1
    sentiments: list[float] = [0] * len(tokens)  # a word outside the lexicon scores 0
    for i in [i for i, low in enumerate(lowered) if low in lexicon]:
        low = lowered[i]
        if low in boosters or (i < last and low == "kind" and lowered[i + 1] == "of"):
            continue
        sentiments[i] = _word_valence(vader, tokens, lowered, i, shouting)
    if "but" in lowered:
        _but_check(lowered.index("but"), sentiments)
    if not sentiments:
        return round(0.0, 4)
    total = float(sum(sentiments))
    emphasis = _punctuation_emphasis(text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(_normalize(total), 4)


def _describe_emojis(text: str, emojis: dict[str, str]) -> str:
    # vaderSentiment's loop: each emoji becomes its description, after a space if needed.
    out: list[str] = []
    prev_space = True
    for char in text:
        description = emojis.get(char)
        if description is not None:
            if not prev_space:
                out.append(" ")
            out.append(description)
            prev_space = False
        else:
            out.append(char)
            prev_space = char == " "
    return "".join(out)


def _word_valence(
    vader: _Vader, words: list[str], lowered: list[str], i: int, shouting: bool
) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` of a lexicon word."""
    lexicon = vader.lexicon
    low = lowered[i]
    valence = lexicon[low]
    if low == "no" and i != len(lowered) - 1 and lowered[i + 1] in lexicon:
        valence = 0.0  # "no" negates the next lexicon word instead
    if (
        (i > 0 and lowered[i - 1] == "no")
        or (i > 1 and lowered[i - 2] == "no")
        or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in _OR_NOR)
    ):
        valence = lexicon[low] * vader.negative_scalar
    if words[i].isupper() and shouting:
        if valence > 0:
            valence += vader.caps_increment
        else:
            valence -= vader.caps_increment
    # The library's loop over the three words before (start_i 0, 1, 2), unrolled: a word
    # outside the lexicon adds its booster scalar (0.0 for any other word), then the
    # negation check of that distance (``_negation_check``), and at three the idioms.
    boosters = vader.boosters
    if i > 0 and (one := lowered[i - 1]) not in lexicon:
        scalar = (
            _scalar_inc_dec(vader, words[i - 1], one, valence, shouting) if one in boosters else 0.0
        )
        valence = valence + scalar
        if one in vader.negate or "n't" in one:
            valence = valence * vader.negative_scalar
    if i > 1 and (two := lowered[i - 2]) not in lexicon:
        scalar = (
            _scalar_inc_dec(vader, words[i - 2], two, valence, shouting) if two in boosters else 0.0
        )
        if scalar != 0:
            scalar = scalar * 0.95
        valence = valence + scalar
        valence = _negation_check(vader, valence, lowered, 1, i)
    if i > 2 and (three := lowered[i - 3]) not in lexicon:
        scalar = (
            _scalar_inc_dec(vader, words[i - 3], three, valence, shouting)
            if three in boosters
            else 0.0
        )
        if scalar != 0:
            scalar = scalar * 0.9
        valence = valence + scalar
        valence = _negation_check(vader, valence, lowered, 2, i)
        valence = _special_idioms_check(vader, valence, lowered, i)
    return _least_check(vader, valence, lowered, i)


def _scalar_inc_dec(vader: _Vader, word: str, low: str, valence: float, shouting: bool) -> float:
    scalar = 0.0
    if low in vader.boosters:
        scalar = vader.boosters[low]
        if valence < 0:
            scalar *= -1
        if word.isupper() and shouting:
            if valence > 0:
                scalar += vader.caps_increment
            else:
                scalar -= vader.caps_increment
    return scalar


def _negated(vader: _Vader, low: str) -> bool:
    return low in vader.negate or "n't" in low


def _negation_check(
    vader: _Vader, valence: float, lowered: list[str], start_i: int, i: int
) -> float:
    if start_i == 0:
        if _negated(vader, lowered[i - 1]):
            valence = valence * vader.negative_scalar
    elif start_i == 1:
        if lowered[i - 2] == "never" and lowered[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(vader, lowered[i - 2]):
            valence = valence * vader.negative_scalar
    elif (lowered[i - 3] == "never" and lowered[i - 2] in _SO_THIS) or lowered[i - 1] in _SO_THIS:
        valence = valence * 1.25
    elif lowered[i - 3] == "without" and "doubt" in (lowered[i - 2], lowered[i - 1]):
        pass
    elif _negated(vader, lowered[i - 3]):
        valence = valence * vader.negative_scalar
    return valence


def _special_idioms_check(vader: _Vader, valence: float, lowered: list[str], i: int) -> float:
    # Every phrase is whole words of the split: none can match unless one of its words is near.
    if vader.phrase_words.isdisjoint(lowered[i - 3 : i + 3]):
        return valence
    special, boosters = vader.special, vader.boosters
    three, two, one, zero = lowered[i - 3], lowered[i - 2], lowered[i - 1], lowered[i]
    onezero = f"{one} {zero}"
    twoonezero = f"{two} {one} {zero}"
    twoone = f"{two} {one}"
    threetwoone = f"{three} {two} {one}"
    threetwo = f"{three} {two}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    if len(lowered) - 1 > i:
        zeroone = f"{zero} {lowered[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(lowered) - 1 > i + 1:
        zeroonetwo = f"{zero} {lowered[i + 1]} {lowered[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _least_check(vader: _Vader, valence: float, lowered: list[str], i: int) -> float:
    lexicon = vader.lexicon
    if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        if lowered[i - 2] != "at" and lowered[i - 2] != "very":
            valence = valence * vader.negative_scalar
    elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        valence = valence * vader.negative_scalar
    return valence


def _but_check(but: int, sentiments: list[float]) -> None:
    # As vaderSentiment wrote it: a sentiment's place is that of the first equal value.
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < but:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > but:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)


def _punctuation_emphasis(text: str) -> float:
    exclamations = min(text.count("!"), 4)
    questions = text.count("?")
    question_emphasis: float = 0
    if questions > 1:
        question_emphasis = questions * 0.18 if questions <= 3 else 0.96
    return exclamations * 0.292 + question_emphasis


def _normalize(score: float, alpha: float = 15) -> float:
    norm = score / math.sqrt((score * score) + alpha)
    return max(-1.0, min(1.0, norm))
