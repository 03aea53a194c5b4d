"""The text the crisis patterns read: folded to one case and one set of quotes, offsets kept.

Every crisis hit is reported as a span of the writer's own text, so the text
the patterns match must have exactly the same length: each step here maps one
character to one character. The sentence bounds used for tense and subject
are found on the same folded text.

>>> fold("I’m SO tired—really")
"i'm so tired-really"
>>> text = "Fine. I want to die. Really"
>>> sentence_bounds(fold(text), 6, 19)
(5, 19)
"""

from __future__ import annotations

import re

from reconnect.analysis.tokens import normalise

__all__ = ["fold", "sentence_bounds"]

# Same-length folding on top of tokens.normalise: dashes and unusual spaces.
_EXTRA = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
    }
)

_SENTENCE_WINDOW = 300  # how far either side of a hit a sentence boundary is looked for


# Every character that normalise() or _EXTRA changes beyond casefold(), and what it becomes.
_SPECIAL_CHARS = "".join(map(chr, _EXTRA)) + "’‘“”`"
_SPECIAL = re.compile(f"[{re.escape(_SPECIAL_CHARS)}]")
_UNIFIED = {ch: normalise(ch).translate(_EXTRA) for ch in _SPECIAL_CHARS}


def fold(text: str) -> str:
    """Lower case, quotes, dashes and spaces unified; the same length as ``text``."""
    lowered = text.casefold()
    if len(lowered) == len(text):
        # What the general path below gives, in one scan that stops only at the few
        # characters to change (str.translate would look each character up).
        return _SPECIAL.sub(lambda m: _UNIFIED[m.group()], lowered)
    # Both steps map one character to one character, so offsets hold.
    return normalise(text).translate(_EXTRA)


def sentence_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``folded[start:end]`` begins and ends (within a window)."""
    window_start = max(0, start - _SENTENCE_WINDOW)
    lo = max(folded.rfind(c, window_start, start) for c in ".!?\n") + 1 or window_start
    window_end = min(len(folded), end + _SENTENCE_WINDOW)
    his = [i for i in (folded.find(c, end, window_end) for c in ".!?\n") if i != -1]
    return lo, min(his) if his else window_end
