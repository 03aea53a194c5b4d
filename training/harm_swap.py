"""Who does it, swapped: copies of the abuse reader's training texts with someone else close.

The reader (``analysis/harm_reader.py``) learned who tends to do it in the texts it was given
as much as what is done: "He slapped me." read 0.84 and "Mum slapped me." 0.02, "I plan every
meal around what won't set him off" 0.99 and "... set my son off" 0.05, because the project's
statements name a male partner far more often than a parent, a son or a name, and its
ordinary journal snippets are full of mums and sons. A copy of each statement and look-alike
with the one who does it swapped for another close person (pronouns made to agree) keeps the
label and is meant to take that shortcut away: what decides is what is done, and to whom.
Measured in round eight and not shipped: the reader fitted with these copies read abuse by
different people more evenly, but on the development sets it found no more statements for
the false alarms it added (``training.harm_reader``, ``--swap``).

``swap_people(text, rng)`` returns the copy, or None where the text names no one it can swap.
Deterministic for a given ``rng``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

__all__ = ["swap_people"]

# (how they are written after "my", their pronouns: "m", "f" or "" for either)
_KIN = {
    "husband": "m",
    "wife": "f",
    "partner": "",
    "boyfriend": "m",
    "girlfriend": "f",
    "fiancé": "m",
    "fiancée": "f",
    "ex": "",
    "ex-husband": "m",
    "ex-wife": "f",
    "dad": "m",
    "father": "m",
    "mum": "f",
    "mom": "f",
    "mother": "f",
    "stepdad": "m",
    "stepmum": "f",
    "brother": "m",
    "sister": "f",
    "son": "m",
    "daughter": "f",
    "mother-in-law": "f",
    "father-in-law": "m",
}
# Who the copies name instead: partners, exes, parents, adult children and in-laws, and names.
_INSTEAD = [
    ("my husband", "m"),
    ("my wife", "f"),
    ("my boyfriend", "m"),
    ("my girlfriend", "f"),
    ("my partner", ""),
    ("my ex", ""),
    ("my dad", "m"),
    ("my mum", "f"),
    ("my stepdad", "m"),
    ("my brother", "m"),
    ("my sister", "f"),
    ("my son", "m"),
    ("my daughter", "f"),
    ("my mother-in-law", "f"),
    ("Mum", "f"),
    ("Dad", "m"),
    ("Mark", "m"),
    ("Dan", "m"),
    ("Ravi", "m"),
    ("Tom", "m"),
    ("Kwame", "m"),
    ("Sophie", "f"),
    ("Priya", "f"),
    ("Leanne", "f"),
    ("Jess", "f"),
    ("Maria", "f"),
]
_NAMES = {name for name, _ in _INSTEAD if " " not in name and name not in {"Mum", "Dad"}}
_MENTION = re.compile(
    r"\b(?:[Mm]y|[Oo]ur) (" + "|".join(sorted(map(re.escape, _KIN), key=len, reverse=True)) + r")\b"
    r"|\b(Mum|Mom|Dad)\b"
    r"|\b(" + "|".join(sorted(_NAMES)) + r")\b"
)
_PRONOUNS_M = {"he": "she", "him": "her", "his": "her", "himself": "herself"}
_PRONOUNS_F = {"she": "he", "her": "him", "hers": "his", "herself": "himself"}
# The first "he" or "she" doing something: "he goes through my phone" -> "my mum goes through".
_SUBJECT = re.compile(r"\b(?:he|she)\b(?!'s\b)(?= [a-z])", re.IGNORECASE)
# A son or daughter who is a child: "my son keeps hitting me with his toy car, toddlers".
_CHILD = re.compile(
    r"\b(?:toddlers?|baby|babies|teething|nursery|ipad|pocket money|homework|school|"
    r"(?:he|she)'s (?:[1-9]|1[0-7])\b|\d{1,2} ?(?:months?|yo|years? old)|[1-9] year)",
    re.IGNORECASE,
)
# With no one named, how often a copy names someone rather than flipping he and she.
NAMED_SHARE = 0.7
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
# "her" before a word that it owns ("her phone") is "his"; else ("told her") "him".
_OWNED = re.compile(
    r"\s+(?!(?:and|or|but|to|that|if|when|so|because|a|the|up|out|off|in|on)\b)[a-z]"
)


def _gender(mention: re.Match[str]) -> str:
    kin, bare, name = mention.groups()
    if kin:
        return _KIN[kin.lower()]
    if bare:
        return "f" if bare in {"Mum", "Mom"} else "m"
    return next(g for n, g in _INSTEAD if n == name)


def _flip(text: str) -> str:
    """Every he into a she and back, keeping the case of the first letter."""

    def one(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        if lower == "her":
            new = "his" if _OWNED.match(text, match.end()) else "him"
        else:
            new = _PRONOUNS_M.get(lower) or _PRONOUNS_F[lower]
        return new.capitalize() if word[0].isupper() else new

    return _PRONOUN.sub(one, text)


def _pronoun_gender(text: str) -> str:
    """The gender ("m" or "f") of the text's third-person pronouns if all are of one, else
    ""."""
    found = {w.lower() for w in _PRONOUN.findall(text)}
    male, female = found & set(_PRONOUNS_M), found & set(_PRONOUNS_F)
    return "m" if male and not female else "f" if female and not male else ""


def _as_written(new: str, old: str, at_start: bool) -> str:
    """``new`` ("my mum") capitalised where ``old`` was or where it opens a sentence."""
    if new.startswith("my ") and (old[0].isupper() or at_start):
        return "M" + new[1:]
    return new


def swap_people(text: str, rng: random.Random) -> str | None:
    """``text`` with its first-named close person (or, with none named, its pronouns) swapped
    for another close person, every mention alike; None when there is no one to swap."""
    mentions = list(_MENTION.finditer(text))
    if (
        mentions
        and (mentions[0].group(1) or "").lower() in {"son", "daughter"}
        and _CHILD.search(text)
    ):
        # a small child hitting or biting is a look-alike; a partner doing it would not be
        return None
    pronouns = _pronoun_gender(text)
    if mentions:
        first = mentions[0].group()
        old_gender = _gender(mentions[0])
        choices = [(n, g) for n, g in _INSTEAD if n.lower() != first.lower()]
        new, new_gender = choices[rng.randrange(len(choices))]
        same = [m for m in mentions if m.group().lower() == first.lower()]
        parts, end = [], 0
        for m in same:
            at_start = text[: m.start()].rstrip()[-1:] in {".", "!", "?", ""}
            parts += [text[end : m.start()], _as_written(new, m.group(), at_start)]
            end = m.end()
        swapped = "".join(parts) + text[end:]
        if old_gender and new_gender and old_gender != new_gender and pronouns == old_gender:
            swapped = _flip(swapped)
        return swapped if swapped != text else None
    if pronouns:
        # No one named: say who it is at the first subject pronoun, or flip the pronouns.
        subject = _SUBJECT.search(text)
        if subject and rng.random() < NAMED_SHARE:
            fitting = [n for n, g in _INSTEAD if g in {pronouns, ""}]
            # capitalised as the pronoun was: "He goes" -> "My mum goes", "he goes" -> "my mum goes"
            new = _as_written(fitting[rng.randrange(len(fitting))], subject.group(), False)
            return text[: subject.start()] + new + text[subject.end() :]
        return _flip(text)
    return None
