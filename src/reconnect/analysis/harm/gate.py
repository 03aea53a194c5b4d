"""One pattern that finds where any of many patterns could start, so only those places
are tried (CPython's regular-expression parser, read and never changed, says where a
pattern can start; the reading falls back safely if it changes)."""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

from reconnect.analysis.harm.words import NOT

# CPython's regular-expression parser, read (never changed) to find where a pattern can
# start; private, so imported by name, and the reading falls back safely if it changes.
_sre: Any = import_module("re._constants")
_parser: Any = import_module("re._parser")


def alternatives(pattern: str) -> list[str]:
    """The top-level branches of a pattern (split at each ``|`` outside groups and sets)."""
    branches, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})


def first_of(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern can start with (None: any), and whether it can be empty."""
    chars: set[str] = set()
    first: set[str] | None
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sre.LITERAL:
            first, empty = {chr(av)}, False
        elif op is _sre.IN and all(o in (_sre.LITERAL, _sre.RANGE) for o, _ in av):
            first = {chr(a) for o, a in av if o is _sre.LITERAL}
            first |= {chr(c) for o, a in av if o is _sre.RANGE for c in range(a[0], a[1] + 1)}
            empty = False
        elif op is _sre.SUBPATTERN:
            first, empty = first_of(av[-1].data)
        elif op is _sre.BRANCH:
            parts = [first_of(branch.data) for branch in av[1]]
            if any(part is None for part, _ in parts):
                return None, False
            first = set().union(*(part for part, _ in parts if part is not None))
            empty = any(empty for _, empty in parts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            first, empty = first_of(av[2].data)
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


# A branch that can start with more letters than this is written out once, behind a look-ahead
# for all of them; the rest once for each letter they can start with (quicker to search).
_WIDE = 4


def gate(patterns: list[str]) -> re.Pattern[str]:
    """One pattern that matches wherever any of ``patterns`` could start a match.

    Python's ``re`` tries every branch at every position, which over dozens of patterns and
    a long entry adds up. Here the branches are grouped by the letter they can start with,
    each group behind a look-ahead for it, so at each position only the branches that can
    match there are tried; one pass finds the few places worth trying each pattern at. A
    branch that can start with many letters, as every one starting with who does it can, is
    grouped once by all of them (``_WIDE``): written out once for each, it made building the
    gate take most of a second.
    """
    by_first: dict[frozenset[str], list[str]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        for branch in alternatives(pattern):
            branch = branch.removeprefix(NOT)  # a lookbehind only narrows: not needed here
            try:
                first, empty = first_of(_parser.parse(branch).data)
            except Exception:  # re's internals moved: try this branch everywhere
                first, empty = None, True
            if first is None or empty:
                anywhere.append(branch)
                continue
            if len(first) > _WIDE:
                by_first.setdefault(frozenset(first), []).append(branch)
            else:
                for char in first:
                    by_first.setdefault(frozenset(char), []).append(branch)
    parts = [
        f"(?=[{''.join(re.escape(char) for char in sorted(chars))}])(?:{'|'.join(branches)})"
        for chars, branches in by_first.items()
    ]
    if all(branch.startswith("\\b") for branches in by_first.values() for branch in branches):
        return re.compile("|".join([rf"\b(?:{'|'.join(parts)})", *anywhere]))
    return re.compile("|".join(parts + anywhere))


def starts_of(gate: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``gate`` matches, overlapping matches included."""
    found: list[int] = []
    match = gate.search(text)
    while match:
        found.append(match.start())
        match = gate.search(text, match.start() + 1)
    return found
