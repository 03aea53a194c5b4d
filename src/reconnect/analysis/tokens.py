"""Split text into sentences and words, keeping character offsets for evidence spans."""

from __future__ import annotations

import re

from reconnect.domain.analysis import Span

__all__ = ["Span", "normalise", "sentences", "words"]

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def sentences(text: str) -> list[Span]:
    """Sentences (or lines) of the text, stripped of surrounding spaces, with their offsets.

    >>> [s.text for s in sentences("I'm fine. Really?  Yes")]
    ["I'm fine.", 'Really?', 'Yes']
    """
    found: list[Span] = []
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        found.append(Span(start, start + len(stripped), stripped))
    return found


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes unified.

    >>> words("Don’t feel NUMB")
    ["don't", 'feel', 'numb']
    """
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def normalise(text: str) -> str:
    """Lower case with curly quotes unified, the same length as the input (offsets hold)."""
    return (
        text.casefold().translate(_QUOTES)
        if len(text.casefold()) == len(text)
        else _fold_keep(text)
    )


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


def _fold_keep(text: str) -> str:
    # casefold can change length (ß → ss); fold one character at a time to keep offsets.
    return "".join(
        ch.casefold() if len(ch.casefold()) == 1 else ch.lower()[:1] or ch for ch in text
    ).translate(_QUOTES)
