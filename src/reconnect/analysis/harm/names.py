"""Names as someone who may be close: people write "Mark went through my call log", not "my
husband went through it".

A capitalised word counts as a name after a sentence's first word (there it may be any word),
unless it is a day, a month, a brand or the like (``NOT_NAMES``); GoEmotions writes every name
as ``[NAME]``. The learned layers' gate reads a name as someone who may be close
(``harm_model``); the rules read it where they say who does it (``words.WHO``), through
``mask``, which writes each name over with ``NAMED`` letters in the folded text, one for one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["NAMED", "NOT_NAMES", "mask", "named"]

# A letter no one writes (U+01C2, a click letter: a word character, so "\b" holds around it).
NAMED = "\u01c2"

_CAPITALISED = re.compile(r"\[NAME\]|\b[A-Z][a-z]+\b")
_OPENERS = frozenset(".!?:;\"'\u201c\u2018(-")
NOT_NAMES = re.compile(
    r"i|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|christmas|easter|god|mr|mrs|ms|"
    r"dr|gp|nhs|tv|amazon|google|facebook|instagram|whatsapp|snapchat|tiktok|uber|netflix|"
    r"english|british|american|ok|okay|oh|omg|lol"
)


def _names(text: str) -> Iterator[re.Match[str]]:
    """Each name in ``text`` (as written, not lower-cased)."""
    for match in _CAPITALISED.finditer(text):
        if match.group() == "[NAME]":
            yield match
            continue
        before = text[: match.start()].rstrip()
        if before and before[-1] not in _OPENERS and not NOT_NAMES.fullmatch(match.group().lower()):
            yield match


def named(sentence: str) -> bool:
    """Whether ``sentence`` (as written) names someone."""
    return next(_names(sentence), None) is not None


def mask(text: str, folded: str) -> str:
    """``folded`` (``text`` lower-cased, one character for one) with each name of ``text``
    written over with ``NAMED``, so that "mark kicked me" reads as someone kicking me."""
    if len(text) != len(folded):
        return folded
    found = list(_names(text))
    if not found:
        return folded
    parts, end = [], 0
    for match in found:
        parts += [folded[end : match.start()], NAMED * (match.end() - match.start())]
        end = match.end()
    return "".join(parts) + folded[end:]
