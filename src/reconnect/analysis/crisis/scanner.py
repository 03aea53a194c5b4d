r"""Finding the next crisis match fast: only the patterns a text could match are tried.

``find_crisis`` runs on every entry, and almost every entry holds no crisis
language. Trying all ~350 patterns at every character costs about a
microsecond per character, so a ``Scanner`` first looks for the strings each
pattern cannot match without (``factors.py``) in the text's skeleton, using
the tables worked out when the index was built (``index.py``):

- one set of strings per pattern, its *anchor*, is looked for first. Most
  anchor strings are filed under a *gate*, a rare whole word of theirs: only
  the gates among the text's words are opened, each a small trie expression
  compiled the first time a text holds its word. The few strings without a
  rare whole word are one trie searched on every text. (Tries of strings that
  start a word let the engine stop only at spaces.)
- a pattern whose anchor is found must also meet its other sets: whole words
  are looked up among the text's words, other strings searched for;
- patterns that fail cannot match anywhere. When none is left, the text is
  done (the common case). Otherwise only the patterns left are compiled (once
  per process) and searched, each on its own, from a position.

The next match is the nearest one; when several patterns match at the same
place, the one earliest in the order the analyzer has always used wins (the
``ranks`` of ``index.scan_index``: it is how the single alternation of all
patterns, which this replaces, tried them), so the results are exactly those
of that alternation.

>>> scanner = Scanner([r"\bwant to die", r"\bkill myself\b"])
>>> scanner.candidates("Nothing to see here")
frozenset()
>>> found = scanner.candidates("I want to die")
>>> found
frozenset({0})
>>> scanner.searcher("i want to die", found)(0)
<re.Match object; span=(2, 13), match='want to die'>
>>> scanner.opened_gates  # "kill myself" is looked for only in texts that hold "myself"
frozenset()
>>> scanner.candidates("Myself, I'd rather not"), scanner.opened_gates
(frozenset(), frozenset({'myself'}))
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from reconnect.analysis.crisis.folding import fold
from reconnect.analysis.crisis.index import CheckIndex, ScanIndex, TrieIndex, scan_index
from reconnect.analysis.precompiled import compiled

__all__ = ["Bones", "Scanner", "Searcher"]

Searcher = Callable[[int], "re.Match[str] | None"]
_Trie = tuple[re.Pattern[str], dict[str, list[int]]]
_Checks = tuple[tuple[tuple[frozenset[str], ...], ...], tuple[re.Pattern[str], ...]]

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# Bytes of the words of a skeleton (factors.skeleton) kept, every other byte a space.
_WORD_BYTES = bytes(b if chr(b) in _WORD_CHARS else 0x20 for b in range(256))
_NONE_LEFT = -1  # a pattern's next start when it has no further match
_FIXED = ""  # the tries searched on every text, kept with the gates' (no gate is empty)


class Scanner:
    """Finds the matches of ``patterns``, trying only those a text could match."""

    __slots__ = ("_always", "_checks", "_gates", "_index", "_patterns", "_ranks", "_tries")

    def __init__(self, patterns: list[str], index: ScanIndex | None = None) -> None:
        """Scan for ``patterns`` (expanded, in file order), with their ``index.scan_index``.

        Without ``index`` it is worked out here, which takes a while for many patterns.
        """
        self._patterns = tuple(patterns)
        self._index = scan_index(patterns) if index is None else index
        self._ranks = self._index["ranks"]
        self._always = frozenset(self._index["always"])
        self._gates = frozenset(self._index["gates"])
        self._tries: dict[str, tuple[_Trie, ...]] = {}  # by gate, once compiled
        self._checks: dict[int, _Checks] = {}  # by pattern, once read

    @property
    def patterns(self) -> tuple[str, ...]:
        """The patterns, in file order (a pattern's number is its place here)."""
        return self._patterns

    @property
    def opened_gates(self) -> frozenset[str]:
        """The gates whose tries have been compiled so far in this process."""
        return frozenset(self._tries) - {_FIXED}

    def candidates(self, text: str, bones: Bones | None = None) -> frozenset[int]:
        """Indices of the patterns that could match somewhere in ``fold(text)``.

        ``bones`` is ``Bones.of(text)`` when the caller has it already (two scanners read
        the same text); they keep what each scanner found, for the next to ask.
        """
        if bones is None:
            bones = Bones.of(text)
        else:
            known = bones.candidates.get(self)
            if known is not None:
                return known
        found = bones.candidates[self] = self._candidates(bones)
        return found

    def _candidates(self, bones: Bones) -> frozenset[int]:
        words = bones.words
        skeleton = bones.text
        anchored: set[int] = set()
        compiled_tries = self._tries
        for gate in (_FIXED, *(self._gates & words)):
            tries = compiled_tries.get(gate)
            for strings, owners in self._compile(gate) if tries is None else tries:
                search = strings.search
                m = search(skeleton)
                while m is not None:
                    anchored.update(owners[m.group()])
                    m = search(skeleton, m.start() + 1)
        if not anchored:
            return self._always
        meets = self._meets
        return self._always | {i for i in anchored if meets(i, words, skeleton)}

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

    def match(self, k: int, folded: str, pos: int) -> re.Match[str] | None:
        r"""Pattern ``k``'s match starting at ``pos`` (a leading ``\b``: no word character before).

        The compiled pattern is the one searching uses, compiled once.
        """
        pattern, bounded = _searchable(self._patterns[k])
        if bounded and pos > 0 and folded[pos - 1] in _WORD_CHARS:
            return None
        return pattern.match(folded, pos)

    def _compile(self, gate: str) -> tuple[_Trie, ...]:
        tries: list[TrieIndex] = (
            self._index["fixed"] if gate == _FIXED else json.loads(self._index["gates"][gate])
        )
        found = self._tries[gate] = tuple((compiled(t["trie"]), t["owners"]) for t in tries)
        return found

    def _meets(self, k: int, words: frozenset[str], bones: str) -> bool:
        checks = self._checks.get(k)
        if checks is None:
            raw: CheckIndex = json.loads(self._index["checks"][k])
            checks = self._checks[k] = (
                tuple(tuple(frozenset(need) for need in group) for group in raw["words"]),
                tuple(compiled(trie) for trie in raw["strings"]),
            )
        word_sets, string_sets = checks
        # all(any(need <= words for need in group) for group in word_sets) as loops: the
        # same checks in the same order, without a generator per group
        for group in word_sets:
            for need in group:
                if need <= words:
                    break
            else:
                return False
        return all(strings.search(bones) is not None for strings in string_sets)


# Not frozen: one is made for every text read, and a frozen dataclass's __init__ (an
# object.__setattr__ a field) takes about four times as long. Nothing but ``candidates``
# changes one once made.
@dataclass(slots=True)
class Bones:
    """What a scanner reads of a text: its skeleton and the skeleton's words.

    The words are those of ``factors.skeleton`` of the folded text (ASCII letters, digits
    and ``_``; everything else is a space); ``text`` is them joined by single spaces with a
    space at either end.
    """

    text: str
    words: frozenset[str]
    # What each scanner's ``candidates`` found in them (``analyzer.Analyzer.analyze_chunk``
    # asks the crisis scanner for every text of a chunk before the rest of the crisis reading).
    candidates: dict[Scanner, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Bones:
        """The bones of ``text`` (folded here)."""
        lowered = text.casefold()
        split = (
            (lowered if len(lowered) == len(text) else fold(text))
            .encode("ascii", "replace")
            .translate(_WORD_BYTES)
            .decode("ascii")
            .split()
        )
        return cls(f" {' '.join(split)} ", frozenset(split))


class _Search:
    """The next match of any of the patterns: the nearest, and the first to match there."""

    __slots__ = ("_folded", "_patterns", "_ranks", "_starts")

    def __init__(self, patterns: list[str], ranks: list[list[int]], folded: str) -> None:
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

    Compiled the first time a text could match it, then kept for the process. A
    leading ``\b`` is checked by hand after the search (as the look-behind the
    combined expression uses), which lets the engine skip quickly to the
    characters the rest of the pattern starts with.
    """
    if pattern.startswith(r"\b"):
        return compiled(pattern[2:]), True
    return compiled(pattern), False
