"""Names as someone who may be close: people write "Mark went through my call log", not "my
husband went through it".

A capitalised word counts as a name after a sentence's first word, unless it is a day, a
month, a brand or the like (``NOT_NAMES``); GoEmotions writes every name as ``[NAME]``. As a
sentence's first word it may be any word, so there it counts only right before plain violence
to the writer ("Mark kicked me.", ``_VIOLENCE_AFTER``) and when it is not a word that often
opens a sentence, an animal or a small child (``STARTERS``: "Nobody", "Life", "Toddler").

The learned layers' gate reads a name as someone who may be close (``harm_model``); the rules
read it where they say who does it (``words.WHO``), through ``mask``, which writes each name
over with ``NAMED`` letters in the folded text, one for one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["NAMED", "NOT_NAMES", "STARTERS", "mask", "named"]

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


# Words that open a sentence and are no one's name, and animals and small children, who hit
# and kick without it being abuse ("Nobody hit me", "Life kicked me", "Rabbit kicked me").
_STARTER_WORDS = """
    a all an and another any anybody anyone anything as at baby because before being both
    boy but by calf cat child colt covid cow dad daddy dog each either every everybody
    everyone everything ewe family fate few foal for from girl goat he hen her here his horse
    how i if in it its just karma kid kitten lamb last later life lots many maybe me mine
    money more most mum mummy my neither next no nobody none nothing now of on once one only
    or other our parrot people pony puppy rabbit she since so some somebody someone
    something sometimes still such that the their them then there these they this those
    though time today toddler tomorrow tonight too until us very was we well what when where
    which while who why with work yesterday yet you your
"""
STARTERS = frozenset(_STARTER_WORDS.split())
# Plain violence to the writer right after a sentence's first word.
_VIOLENCE_AFTER = re.compile(
    r"\s+(?:kicked|punched|slapped|hit|choked|strangled|shoved|pushed|smacked|beat|"
    r"headbutted|throttled|spat on) (?:me|my)\b"
    r"|\s+(?:grabbed|yanked|squeezed) (?:me by )?(?:the back of )?my (?:neck|throat|hair)\b"
)


def _names(text: str) -> Iterator[re.Match[str]]:
    """Each name in ``text`` (as written, not lower-cased)."""
    for match in _CAPITALISED.finditer(text):
        if match.group() == "[NAME]":
            yield match
            continue
        word = match.group().lower()
        if NOT_NAMES.fullmatch(word):
            continue
        before = text[: match.start()].rstrip()
        inside = bool(before) and before[-1] not in _OPENERS
        # a sentence's first word is a name only right before plain violence to the writer
        if inside or (word not in STARTERS and _VIOLENCE_AFTER.match(text, match.end())):
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
