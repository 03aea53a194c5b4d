r"""Finding the next crisis match fast: only the patterns a text could match are tried.

``find_crisis`` runs on every entry, and almost every entry holds no crisis
language. Trying all ~350 patterns at every character costs about a
microsecond per character, so a ``Scanner`` first looks for the strings each
pattern cannot match without (``factors.py``) in the text's skeleton:

- one set of strings per pattern, its *anchor*, is looked for all at once
  through one trie expression (anchors start at a word where they can, so
  the engine only stops at spaces);
- a pattern whose anchor is found must also meet its other sets: whole words
  are looked up among the text's words, other strings searched for;
- patterns that fail cannot match anywhere. When none is left, the text is
  done (the common case). Otherwise only the patterns left are searched, each
  on its own, from a position.

The next match is the nearest one; when several patterns match at the same
place, the one earliest in the order the analyzer has always used wins
(``_bucket_ranks``: it is how the single alternation of all patterns, which
this replaces, tried them), so the results are exactly those of that
alternation.

>>> scanner = Scanner([r"\bwant to die", r"\bkill myself"])
>>> scanner.candidates("Nothing to see here")
frozenset()
>>> found = scanner.candidates("I want to die")
>>> found
frozenset({0})
>>> scanner.searcher("i want to die", found)(0)
<re.Match object; span=(2, 13), match='want to die'>
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from reconnect.analysis.crisis.factors import Needs, necessary_strings, skeleton, whole_words
from reconnect.analysis.crisis.firstchars import first_chars
from reconnect.analysis.crisis.folding import fold

__all__ = ["Scanner", "Searcher"]

Searcher = Callable[[int], "re.Match[str] | None"]
_Trie = dict[str, "_Trie"]

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_NONE_LEFT = -1  # a pattern's next start when it has no further match


@dataclass(frozen=True, slots=True)
class _Checks:
    """What a pattern needs besides its anchor: whole words, or else plain strings."""

    words: tuple[tuple[frozenset[str], ...], ...]  # per set: one of these word sets is all there
    strings: tuple[re.Pattern[str], ...]  # per set: finds one of its strings in the skeleton


class Scanner:
    """A combined expression of ``patterns`` with a literal prefilter in front of it."""

    __slots__ = ("_always", "_checks", "_finders", "_patterns", "_ranks")

    def __init__(self, patterns: list[str]) -> None:
        """Scan for ``patterns`` (expanded, as in the pattern file, in file order)."""
        self._patterns = tuple(patterns)
        self._ranks = tuple(_bucket_ranks(patterns))
        needs = [necessary_strings(p) for p in patterns]
        self._always = frozenset(i for i, need in enumerate(needs) if not need)
        anchors = [_anchor(need) for need in needs]
        self._checks = tuple(
            _checks([group for group in need if group is not anchor])
            for need, anchor in zip(needs, anchors, strict=True)
        )
        strings = {s for anchor in anchors for s in anchor}
        # Strings that start a word make a trie the engine only tries at spaces; the
        # others (few) get one of their own.
        self._finders = tuple(
            _finder(part, anchors)
            for part in (
                {s for s in strings if s.startswith(" ")},
                {s for s in strings if not s.startswith(" ")},
            )
            if part
        )

    def candidates(self, text: str) -> frozenset[int]:
        """Indices of the patterns that could match somewhere in ``fold(text)``."""
        lowered = text.casefold()
        bones = skeleton(lowered if len(lowered) == len(text) else fold(text))
        anchored: set[int] = set()
        for strings, owners in self._finders:
            search = strings.search
            m = search(bones)
            while m is not None:
                anchored.update(owners[m.group()])
                m = search(bones, m.start() + 1)
        if not anchored:
            return self._always
        words = frozenset(bones.split())
        return self._always | {i for i in anchored if _meets(self._checks[i], words, bones)}

    def searcher(self, folded: str, candidates: frozenset[int]) -> Searcher:
        """A function giving the next match in ``folded`` from a position, or None at the end.

        ``candidates`` are what ``candidates()`` gave for the text ``folded`` was folded from.
        """
        chosen = sorted(candidates)
        patterns = [self._patterns[i] for i in chosen]
        return _Search(patterns, [self._ranks[i] for i in chosen], folded)

    def spans(self, folded: str, candidates: frozenset[int]) -> list[tuple[int, int]]:
        """The spans ``combined.finditer(folded)`` gives, for the ``candidates`` of the text."""
        found: list[tuple[int, int]] = []
        if not candidates:
            return found
        search = self.searcher(folded, candidates)
        m = search(0)
        while m is not None:
            found.append(m.span())
            m = search(m.end() if m.end() > m.start() else m.start() + 1)
        return found


_FEW_FIRST_CHARACTERS = 5  # a pattern that can start with more was tried after those with few


def _bucket_ranks(patterns: list[str]) -> list[tuple[int, int, int, int]]:
    """Which pattern wins when several match at one place: the first of these ranks.

    This is the order in which the single alternation of all patterns (used
    before the scanner) tried them: patterns that start at a word boundary
    first; then those that can start with only a few characters, in file
    order; then the rest, grouped by the characters they can start with, each
    group in the order it first appears in the file.
    """
    groups: tuple[dict[str, int], dict[str, int]] = ({}, {})
    ranks = []
    for i, p in enumerate(patterns):
        free = 0 if p.startswith(r"\b") else 1
        chars = first_chars(p if free else p[2:])
        if chars is not None and len(chars) <= _FEW_FIRST_CHARACTERS:
            ranks.append((free, 0, 0, i))
        else:
            key = "".join(sorted(chars or ()))
            ranks.append((free, 1, groups[free].setdefault(key, len(groups[free])), i))
    return ranks


def _meets(checks: _Checks, words: frozenset[str], bones: str) -> bool:
    return all(any(need <= words for need in group) for group in checks.words) and all(
        group.search(bones) for group in checks.strings
    )


def _checks(groups: list[frozenset[str]]) -> _Checks:
    """The sets besides the anchor, as whole words where every string brings some."""
    words = []
    strings = []
    for group in groups:
        found = {frozenset(whole_words(s)) for s in group}
        if all(found):
            words.append(tuple(found))
        else:
            strings.append(re.compile(_trie(sorted(group))))
    return _Checks(tuple(words), tuple(strings))


def _anchor(need: Needs) -> frozenset[str]:
    """The set to look for first: the rarest whose strings all start a word, else the rarest."""
    for group in need:
        if all(s.startswith(" ") for s in group):
            return group
    return need[0] if need else frozenset()


def _finder(
    strings: set[str], anchors: list[frozenset[str]]
) -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """A trie of ``strings``, and for each string the patterns its finding lets through.

    A found string also stands for every string it starts with: the trie reports
    the longest string at a position, and the shorter ones there are its prefixes.
    """
    owners: dict[str, set[int]] = {}
    for i, anchor in enumerate(anchors):
        for s in anchor:
            owners.setdefault(s, set()).add(i)
    ordered = sorted(strings)
    return re.compile(_trie(ordered)), {
        found: tuple(
            sorted(set().union(*(owners.get(found[:size], ()) for size in range(len(found) + 1))))
        )
        for found in ordered
    }


class _Search:
    """The next match of any of the patterns: the nearest, and the first to match there."""

    __slots__ = ("_folded", "_patterns", "_ranks", "_starts")

    def __init__(
        self, patterns: list[str], ranks: list[tuple[int, int, int, int]], folded: str
    ) -> None:
        self._folded = folded
        self._patterns = [_searchable(p) for p in patterns]
        self._ranks = ranks
        self._starts = [-2] * len(patterns)  # below any position: not looked for yet

    def __call__(self, pos: int) -> re.Match[str] | None:
        nearest = -1
        first = -1
        for k, start in enumerate(self._starts):
            if start == _NONE_LEFT:
                continue
            if start < pos:
                start = self._starts[k] = self._next_start(k, pos)
                if start == _NONE_LEFT:
                    continue
            if (
                nearest == -1
                or start < nearest
                or (start == nearest and self._ranks[k] < self._ranks[first])
            ):
                nearest, first = start, k
        if first == -1:
            return None
        return self._patterns[first][0].match(self._folded, nearest)

    def _next_start(self, k: int, pos: int) -> int:
        """Where pattern ``k`` next matches at or after ``pos``."""
        pattern, bounded = self._patterns[k]
        folded = self._folded
        while True:
            m = pattern.search(folded, pos)
            if m is None:
                return _NONE_LEFT
            start = m.start()
            if not bounded or start == 0 or folded[start - 1] not in _WORD_CHARS:
                return start
            pos = start + 1


@cache
def _searchable(pattern: str) -> tuple[re.Pattern[str], bool]:
    r"""The pattern to search with, and whether a word must start where it matches.

    A leading ``\b`` is checked by hand after the search (as the look-behind
    the combined expression uses), which lets the engine skip quickly to the
    characters the rest of the pattern starts with.
    """
    if pattern.startswith(r"\b"):
        return re.compile(pattern[2:]), True
    return re.compile(pattern), False


def _trie(strings: list[str]) -> str:
    """One expression matching any of ``strings``, longest first, branching once per character."""
    root: _Trie = {}
    for s in strings:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: _Trie) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:
        return f"(?:{body})?"
    return body
