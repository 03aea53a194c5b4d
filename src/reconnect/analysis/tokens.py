"""Split text into sentences and words, keeping character offsets for evidence spans.

Every helper has an ASCII fast path (most entries are plain ASCII) that gives exactly what the
general path gives: for ASCII text ``casefold`` is ``lower``, the only quote to unify is the
backtick, and a word character is a letter, a digit or ``_``.
"""

from __future__ import annotations

import re

from reconnect.domain.analysis import Span

__all__ = ["Span", "normalise", "sentence_bounds", "sentences", "words"]

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
# _SENTENCE or else the one character where no sentence starts (a stop or a new line): the
# pieces cover the text end to end, so offsets are running sums of their lengths. The group is
# empty exactly for those single characters, as a sentence is never empty.
_PIECE = re.compile(r"([^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$))|[.!?\n]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# _WORD on lower-cased ASCII text.
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_SENTENCE_WINDOW = 300  # how far either side of a span a sentence boundary is looked for
_BREAK = re.compile(r"[.!?\n]")  # what ends a sentence for sentence_bounds


def sentences(text: str) -> list[Span]:
    """Sentences (or lines) of the text, stripped of surrounding spaces, with their offsets.

    >>> [s.text for s in sentences("I'm fine. Really?  Yes")]
    ["I'm fine.", 'Really?', 'Yes']
    """
    found: list[Span] = []
    position = 0
    for raw in _PIECE.findall(text):
        if not raw:
            position += 1
            continue
        stripped = raw.strip()
        if stripped:
            # the characters before the first one kept are all spaces
            start = position + raw.find(stripped[0]) if raw[0].isspace() else position
            found.append(Span(start, start + len(stripped), stripped))
        position += len(raw)
    return found


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes unified.

    >>> words("Don’t feel NUMB")
    ["don't", 'feel', 'numb']
    """
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    folded = text.casefold()
    found: list[str] = _WORD.findall(folded)
    return [w.replace("’", "'") for w in found] if "’" in folded else found


def normalise(text: str) -> str:
    """Lower case with curly quotes unified, the same length as the input (offsets hold)."""
    if text.isascii():
        lowered = text.lower()
        return lowered.replace("`", "'") if "`" in lowered else lowered
    return _normalise_general(text)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


def _normalise_general(text: str) -> str:
    # ``normalise`` for any text (the ASCII fast path must give the same).
    folded = text.casefold()
    return folded.translate(_QUOTES) if len(folded) == len(text) else _fold_keep(text)


def _fold_keep(text: str) -> str:
    # casefold can change length (ß → ss); fold one character at a time to keep offsets.
    return "".join(
        ch.casefold() if len(ch.casefold()) == 1 else ch.lower()[:1] or ch for ch in text
    ).translate(_QUOTES)


def sentence_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``folded[start:end]`` begins and ends (within a window).

    >>> text = "fine. i want to die. really"
    >>> sentence_bounds(text, 6, 19)
    (5, 19)
    """
    window_start = max(0, start - _SENTENCE_WINDOW)
    # the last stop or new line before the span, and the first after it (without generators:
    # this runs for every crisis hit and span whose subject or tense is asked)
    last = max(
        folded.rfind(".", window_start, start),
        folded.rfind("!", window_start, start),
        folded.rfind("?", window_start, start),
        folded.rfind("\n", window_start, start),
    )
    lo = last + 1 or window_start
    window_end = min(len(folded), end + _SENTENCE_WINDOW)
    stop = _BREAK.search(folded, end, window_end)
    return lo, window_end if stop is None else stop.start()
