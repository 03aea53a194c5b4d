"""Which characters a crisis pattern can start with, and whether it can match nothing.

The first characters tell ``patterns.group_at`` which patterns to try when it
names the group of a match, and the scanner which of two patterns matching
at the same place wins (the order the earlier single alternation, bucketed by
first character, used); both tables are worked out in ``index.py``, when the
index is built. This module is the small reader of the
regular-expression subset the pattern file uses that works them out.
Anything it does not follow gives ``None`` ("could start with anything") or
"can be empty", which is always safe.

>>> sorted(first_chars(r"\\b(?:kill|end) ?it") or ())
['e', 'k']
>>> first_chars(r"\\s+x") is None
True
"""

from __future__ import annotations

__all__ = ["can_be_empty", "first_chars"]

_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_ANY = None


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when it could be any."""
    try:
        chars, nullable, _ = _first_alternation(pattern, 0)
    except (IndexError, ValueError):
        return _ANY
    return None if chars is None or nullable else frozenset(chars)


def can_be_empty(pattern: str) -> bool:
    """Whether ``pattern`` might match without consuming a character (True when unsure).

    >>> can_be_empty(r"\\bkill(?= me)"), can_be_empty(r"(?:kill)?")
    (False, True)
    """
    try:
        _, nullable, _ = _first_alternation(pattern, 0)
    except (IndexError, ValueError):
        return True
    return nullable


def _first_alternation(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    total: set[str] | None = set()
    nullable = False
    while True:
        chars, empty, i = _first_sequence(p, i)
        total = None if total is None or chars is None else total | chars
        nullable = nullable or empty
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return total, nullable, i


def _first_sequence(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    """First characters of a sequence of atoms, up to ``|`` or ``)`` at this depth."""
    total: set[str] | None = set()
    open_ = True  # still reading atoms that could all match nothing
    while i < len(p) and p[i] not in "|)":
        chars, empty, i = _first_atom(p, i)
        if i < len(p) and p[i] in "?*+{":
            if p[i] in "?*" or p[i : i + 2] in ("{0", "{,"):
                empty = True
            i = p.index("}", i) + 1 if p[i] == "{" else i + 1
            if i < len(p) and p[i] in "?+":
                i += 1
        if open_:
            total = None if total is None or chars is None else total | chars
            open_ = empty
    return total, open_, i


def _first_atom(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    ch = p[i]
    if ch == "\\":
        nxt = p[i + 1]
        if nxt in _ZERO_WIDTH_ESCAPES:
            return set(), True, i + 2
        if nxt.isalnum():
            return _ANY, False, i + 2  # \w, \d, \s and the like
        return {nxt}, False, i + 2
    if ch == "[":
        return _first_class(p, i)
    if ch == "(":
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            _, _, end = _first_alternation(p, p.index("(", i) + (4 if p[i + 2] == "<" else 3))
            return set(), True, end + 1
        start = i + 3 if p.startswith("(?:", i) else i + 1
        if p.startswith("(?", i) and not p.startswith("(?:", i):
            raise ValueError("unsupported group")
        chars, empty, end = _first_alternation(p, start)
        return chars, empty, end + 1
    if ch in "^$":
        return set(), True, i + 1
    if ch == ".":
        return _ANY, False, i + 1
    return {ch}, False, i + 1


def _first_class(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    j = i + 1
    if p[j] == "^":
        return _ANY, False, _class_end(p, j)
    chars: set[str] = set()
    first = True
    while p[j] != "]" or first:
        first = False
        if p[j] == "\\":
            if p[j + 1].isalnum():
                return _ANY, False, _class_end(p, j)
            chars.add(p[j + 1])
            j += 2
        elif p[j + 1 : j + 2] == "-" and p[j + 2 : j + 3] not in ("]", ""):
            chars.update(chr(c) for c in range(ord(p[j]), ord(p[j + 2]) + 1))
            j += 3
        else:
            chars.add(p[j])
            j += 1
    return chars, False, j + 1


def _class_end(p: str, j: int) -> int:
    while p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1
