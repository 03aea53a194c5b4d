"""The text the crisis patterns read: folded to one case and one set of quotes, offsets kept.

Every crisis hit is reported as a span of the writer's own text, so the text
the patterns match must have exactly the same length: each step here maps one
character to one character. Tense and subject find their sentence bounds
(``tokens.sentence_bounds``) on the same folded text.

>>> fold("I’m SO tired—really")
"i'm so tired-really"
"""

from __future__ import annotations

import re

from reconnect.analysis.tokens import normalise

__all__ = ["fold"]

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
