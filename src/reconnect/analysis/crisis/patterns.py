"""The crisis rules: the index of ``data/crisis_patterns.toml``, loaded once, ready for scanning.

The pattern file is reviewed like code; ``index.py`` works out once, at build
time, all that follows from it, and this module turns the stored index into
a ``Rules`` value in a few milliseconds:

- the ``[[group]]`` patterns, in file order, and the idioms each become a
  ``Scanner`` (``scanner.py``), which finds their matches fast and compiles a
  pattern only when a text could match it;
- which pattern, and so which group (kind and score), gave a match is settled
  afterwards by ``group_at``, only for the few matches there are, through a
  table of the patterns by the characters they can start with
  (``firstchars.py``);
- the time cues and hedges are compiled the first time a hit needs them.

An index built from another version of the pattern file is refused
(``ContentError``): rebuild it with ``python -m training.crisis_index``.

>>> expand("kill {refl}", {"refl": "myself"})
'kill\\\\s+myself'
>>> group_at(rules(), "i want to die", 2, 13).kind
'passive'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from reconnect.analysis.crisis.index import expand, load
from reconnect.analysis.crisis.scanner import Scanner

__all__ = ["Group", "Rules", "expand", "group_at", "rules"]


@dataclass(frozen=True, slots=True)
class Group:
    """A ``[[group]]`` of the pattern file: the kind and score its matches get."""

    kind: str
    score: float
    needs_company: bool


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the crisis finder needs from the pattern file."""

    crisis: Scanner
    groups: tuple[Group, ...]  # the group of each crisis pattern
    companions: frozenset[int]  # the patterns whose groups count only in company
    each: dict[str, list[int]]  # patterns by first character ("": any), to name a hit's group
    idioms: Scanner
    cues: dict[str, str]  # past, present, hedges, play: their expressions
    words: dict[str, frozenset[str]]  # [subject] word lists: self, other, relations, ...

    @property
    def past(self) -> re.Pattern[str]:
        """Time cues that place a hit in the past ("last year", "used to")."""
        return _compiled(self.cues["past"])

    @property
    def present(self) -> re.Pattern[str]:
        """Time cues that keep a hit current ("again", "still", "tonight")."""
        return _compiled(self.cues["present"])

    @property
    def hedges(self) -> re.Pattern[str]:
        """Denials and doubts just before a hit ("I'm not suicidal, but")."""
        return _compiled(self.cues["hedges"])

    @property
    def play(self) -> re.Pattern[str]:
        """Hyperbole in a hit's sentence ("if he says 'circle back' one more time")."""
        return _compiled(self.cues["play"])


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules, from the bundled index, loaded once."""
    index = load()
    kinds = [Group(g["kind"], g["score"], g["needs_company"]) for g in index["groups"]]
    groups = tuple(kinds[k] for k in index["group_of"])
    return Rules(
        crisis=Scanner(index["patterns"], index["crisis"]),
        groups=groups,
        companions=frozenset(i for i, group in enumerate(groups) if group.needs_company),
        each=index["first"],
        idioms=Scanner(index["idioms"], index["idiom_scan"]),
        cues=index["cues"],
        words={name: frozenset(words) for name, words in index["words"].items()},
    )


def group_at(
    rules: Rules, folded: str, start: int, end: int, candidates: frozenset[int] | None = None
) -> Group:
    """The group of the first pattern, in file order, that gives exactly this match.

    ``candidates``, the patterns the scanner let through for this text, limits
    the patterns tried (the others cannot match it) and so the ones compiled.
    """
    table = rules.each.get(folded[start], rules.each[""])
    order = table if candidates is None else sorted(candidates.intersection(table))
    for k in order:
        m = rules.crisis.match(k, folded, start)
        if m is not None and m.end() == end:
            return rules.groups[k]
    return rules.groups[table[0]]  # unreachable: some pattern gave the match


@cache
def _compiled(expression: str) -> re.Pattern[str]:
    return re.compile(expression)
