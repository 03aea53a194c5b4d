"""One scan of a text for every marker's phrases, with each marker's own matches kept exact.

Running fourteen alternations over every text is slow, and most texts match none of them.
So the text is first scanned once by a regular expression that matches exactly where *some*
marker's pattern matches: every alternative of every marker, split into a literal prefix
("feel", "can'", "numb") and the rest, arranged as a tree of literal characters behind one
``\\b``, so each word start costs a few character comparisons. Only at the few places where
it matches are the markers whose patterns can start with those characters tried, each with
its own alternation and its own resume point, so every marker finds exactly the matches its
``finditer`` would (overlaps between markers included, none within one marker).
``markers.py`` builds one scanner for its patterns. ``finder`` uses the same tree to tell only
whether any of a list of alternatives matches (the crisis rules' recovery words).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

__all__ = ["Scanner", "atoms", "branches", "build_scanner", "matches"]


class _Alternation:
    """One marker's alternation, compiled the first time a text needs it.

    Most texts reach only a few markers, so a fresh process compiles only those.
    """

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def _pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        return self._pattern().match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._pattern().finditer(text)


_Tried = tuple[tuple[str, _Alternation], ...]  # (marker, its alternation), in PATTERNS order


@dataclass(frozen=True, slots=True)
class Scanner:
    """Where any marker can match, and which markers to try there.

    Between them, two patterns match at exactly the positions where at least
    one marker in ``by_prefix`` has a match (what they consume does not
    matter). ``after_break`` holds the alternatives behind a leading ``\\b``,
    one character early: after any character that cannot end a word. It runs
    over the text with a space in front (so a match at ``q`` there is a start
    at ``q`` in the text), because a search for a pattern that starts with a
    character class skips most positions without trying them, where ``\\b``
    would try every one. ``free`` holds the alternatives without a leading
    ``\\b``. ``by_prefix`` names the markers to try by the text's next two
    characters, ``by_char`` by the next one when no two-character prefix
    applies; markers in ``separate`` have an alternative the reader cannot
    split and run on their own.
    """

    after_break: re.Pattern[str] | None
    free: re.Pattern[str] | None
    by_prefix: dict[str, _Tried]
    by_char: dict[str, _Tried]
    separate: _Tried


_WORD_CHAR = re.compile(r"\w")


def build_scanner(patterns: Mapping[str, Sequence[str]]) -> Scanner:
    """The one-pass scanner for ``patterns`` (a table shaped like ``PATTERNS``)."""
    compiled = {
        marker: _Alternation("|".join(f"(?:{p})" for p in alternatives))
        for marker, alternatives in patterns.items()
    }
    bounded: list[tuple[str, str]] = []  # (literal prefix, rest) after a leading \b
    free: list[tuple[str, str]] = []
    keys: dict[str, set[str]] = {}  # marker -> the first one or two characters of its prefixes
    separate: set[str] = set()
    for marker, alternatives in patterns.items():
        pieces = [piece for p in alternatives for b in branches(p) for piece in _split(b)]
        # The text gets a space in front for the \b alternatives; a look-behind could see it.
        # And a \b before a character that is not a word character is not a word start.
        if pieces and all(
            prefix and (not lead or (_WORD_CHAR.match(prefix) and "(?<" not in rest))
            for lead, prefix, rest in pieces
        ):
            for lead, prefix, rest in pieces:
                (bounded if lead else free).append((prefix, rest))
                keys.setdefault(marker, set()).add(prefix[:2])
        else:
            separate.add(marker)

    def tried(wanted: set[str]) -> _Tried:
        return tuple((m, compiled[m]) for m in patterns if m in wanted)

    singles = {k for ks in keys.values() for k in ks if len(k) == 1}
    pairs = {k for ks in keys.values() for k in ks if len(k) == 2}
    return Scanner(
        # Every character that is not a word character is outside [a-zA-Z0-9_]; \b sorts out
        # the word characters the class lets through ("é").
        after_break=re.compile(rf"[^a-zA-Z0-9_]\b(?:{_trie(bounded)})") if bounded else None,
        free=re.compile(_trie(free)) if free else None,
        by_prefix={
            pair: tried({m for m, ks in keys.items() if pair in ks or pair[0] in ks})
            for pair in pairs
        },
        by_char={ch: tried({m for m, ks in keys.items() if ch in ks}) for ch in singles},
        separate=tried(separate),
    )


def _split(alternative: str) -> list[tuple[bool, str, str]]:
    """(after a leading \\b?, literal prefix, rest) pieces that together match ``alternative``.

    Peeling deeper copies the rest into more pieces; where that would make the
    pieces much longer than the alternative, they are peeled less deeply.
    """
    parsed = atoms(alternative)
    lead = bool(parsed) and parsed[0].text == r"\b"
    body = parsed[1:] if lead else parsed
    for depth in range(_PEEL_DEPTH, 0, -1):
        pieces = _peel(body, depth)
        if depth == 1 or sum(len(p) + len(r) for p, r in pieces) <= 2 * len(alternative) + 40:
            break
    return [(lead, prefix, rest) for prefix, rest in pieces]


def matches(scanner: Scanner, folded: str) -> dict[str, list[tuple[int, int]]]:
    """Each marker's matches in ``folded``: the spans ``finditer`` of its alternation gives."""
    found: dict[str, list[tuple[int, int]]] = {}
    for marker, pattern in scanner.separate:
        spans = [m.span() for m in pattern.finditer(folded)]
        if spans:
            found[marker] = spans
    resume: dict[str, int] = {}  # where a marker's finditer would search next
    for pos in _starts(scanner, folded):
        tried = scanner.by_prefix.get(folded[pos : pos + 2]) or scanner.by_char.get(folded[pos], ())
        for marker, pattern in tried:
            if resume.get(marker, 0) > pos:
                continue
            hit = pattern.match(folded, pos)
            if hit is not None:
                # Every alternative here starts with a literal, so no match is empty.
                resume[marker] = hit.end()
                found.setdefault(marker, []).append(hit.span())
    return found


def _starts(scanner: Scanner, folded: str) -> list[int]:
    """Every position where some marker in ``by_prefix`` matches, in order."""
    positions: list[int] = []
    if scanner.after_break is not None:
        search = scanner.after_break.search
        padded = " " + folded  # a space is what the start of the text is to \b
        at = search(padded)
        while at is not None:
            pos = at.start()  # in padded, one before the start; in folded, the start
            positions.append(pos)
            at = search(padded, pos + 1)
    if scanner.free is not None:
        search = scanner.free.search
        at = search(folded)
        while at is not None:
            pos = at.start()
            positions.append(pos)
            at = search(folded, pos + 1)
    return sorted(set(positions)) if len(positions) > 1 else positions


# A small reader for the regular-expression subset the patterns use. It splits an
# alternative into literal prefixes and the rest ("(?:can't|cannot) feel" -> "can'" + "t feel",
# "cann" + "ot feel"); anything it does not follow stays in the rest, which is always safe.

_PEEL_DEPTH = 4  # literal characters taken into the prefix tree
_MAX_PIECES = 64  # an alternative that splits into more pieces is split less deeply
_QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


@dataclass(frozen=True, slots=True)
class _Atom:
    """One item of a sequence, as written (with its quantifier, if any).

    ``chars`` is set for one character out of a known set, ``options`` for a
    non-capturing group's alternatives; ``once`` is the atom without a ``?``.
    """

    text: str
    chars: frozenset[str] | None = None
    options: tuple[tuple[_Atom, ...], ...] | None = None
    once: _Atom | None = None
    quantified: bool = False


def _peel(atoms: Sequence[_Atom], depth: int) -> list[tuple[str, str]]:
    """(literal prefix, rest) pairs whose union matches what ``atoms`` match, prefix first."""
    head = atoms[0] if atoms and depth else None
    tail = atoms[1:]
    if head is None or (head.quantified and head.once is None):
        pieces = None
    elif head.once is not None:  # x? : without it, or with it once
        pieces = _peel(tail, depth) + _peel([head.once, *tail], depth)
    elif head.chars is not None:
        pieces = [(c + p, r) for c in sorted(head.chars) for p, r in _peel(tail, depth - 1)]
    elif head.options is not None:
        pieces = [piece for option in head.options for piece in _peel([*option, *tail], depth)]
    else:
        pieces = None
    if pieces is None or len(pieces) > _MAX_PIECES:
        return [("", "".join(a.text for a in atoms))]
    return pieces


def _trie(pieces: list[tuple[str, str]]) -> str:
    """An alternation of ``prefix + rest`` with the prefixes shared as a character tree."""
    ends = sorted({rest for prefix, rest in pieces if not prefix})
    if "" in ends:
        return ""  # something always matches here
    children: dict[str, list[tuple[str, str]]] = {}
    for prefix, rest in pieces:
        if prefix:
            children.setdefault(prefix[0], []).append((prefix[1:], rest))
    options = [f"{re.escape(ch)}{_group(_trie(sub))}" for ch, sub in sorted(children.items())]
    options += [f"(?:{rest})" for rest in ends]
    return options[0] if len(options) == 1 else "|".join(options)


def _group(pattern: str) -> str:
    return f"(?:{pattern})" if "|" in pattern else pattern


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (all of it when the reader cannot tell)."""
    try:
        return _cut(pattern)
    except (IndexError, ValueError):
        return [pattern]


def _cut(pattern: str) -> list[str]:
    cuts = [-1]
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class(pattern, i)[1]
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            cuts.append(i)
        i += 1
    cuts.append(len(pattern))
    return [pattern[a + 1 : b] for a, b in itertools.pairwise(cuts)]


def atoms(pattern: str) -> tuple[_Atom, ...]:
    """``pattern`` (one alternative) as a sequence of atoms; unreadable -> one opaque atom."""
    try:
        options, end = _alternatives(pattern, 0)
    except (IndexError, ValueError):
        return (_Atom(pattern),)
    if end != len(pattern) or len(options) != 1:
        return (_Atom(pattern),)
    return options[0]


def _alternatives(p: str, i: int) -> tuple[tuple[tuple[_Atom, ...], ...], int]:
    options = []
    while True:
        sequence: list[_Atom] = []
        while i < len(p) and p[i] not in "|)":
            atom, i = _atom(p, i)
            sequence.append(atom)
        options.append(tuple(sequence))
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return tuple(options), i


def _atom(p: str, i: int) -> tuple[_Atom, int]:
    start = i
    chars: frozenset[str] | None = None
    options = None
    ch = p[i]
    if ch == "(":
        if p.startswith("(?:", i):
            options, i = _alternatives(p, i + 3)
        elif p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i) or not p.startswith("(?", i):
            i = _alternatives(p, i + (2 if p[i + 1] != "?" else 4 if p[i + 2] == "<" else 3))[1]
        else:
            raise ValueError(p[i:])  # named groups, flags, conditionals: not read
        if p[i] != ")":
            raise ValueError(p[i:])
        i += 1
    elif ch == "[":
        chars, i = _class(p, i)
    elif ch == "\\":
        if p[i + 1] in "bBAZ":
            i += 2
        else:
            one = _escape(p[i + 1])
            chars = None if one is None else frozenset(one)
            i += 2
    elif ch in "*+?{|)":
        raise ValueError(p[i:])
    elif ch in ".^$":
        i += 1
    else:
        chars, i = frozenset(ch), i + 1
    body = p[start:i]
    quantifier = _QUANTIFIER.match(p, i)
    if quantifier is None or (quantifier.group() == "{}"):
        return _Atom(body, chars, options), i
    end = quantifier.end()
    possessive_or_lazy = end < len(p) and p[end] in "?+"
    end += possessive_or_lazy
    if quantifier.group() == "?" and (chars is not None or options is not None):
        if p[end - 1 : end] == "+" and possessive_or_lazy:
            return _Atom(p[start:end], quantified=True), end  # possessive: not split
        return _Atom(p[start:end], once=_Atom(body, chars, options), quantified=True), end
    return _Atom(p[start:end], quantified=True), end


def _escape(e: str) -> str | None:
    """The character ``\\e`` stands for; None for a class (``\\w``); an error if unknown."""
    if e in "wWsSdD":
        return None
    if e.isalnum():
        if e in _ESCAPES:
            return _ESCAPES[e]
        raise ValueError(e)
    return e


def _class(p: str, i: int) -> tuple[frozenset[str] | None, int]:
    """The characters ``[...]`` at ``i`` stands for (None: negated or open-ended), and its end."""
    j = i + 1
    negated = p[j] == "^"
    j += negated
    chars: set[str] | None = set()
    first = True
    while p[j] != "]" or first:
        first = False
        low, j = _class_char(p, j)
        if p[j] == "-" and p[j + 1] != "]":
            high, j = _class_char(p, j + 1)
            if low is None or high is None or not 0 <= ord(high) - ord(low) <= 255:
                chars = None
            elif chars is not None:
                chars |= {chr(c) for c in range(ord(low), ord(high) + 1)}
        elif low is None:
            chars = None
        elif chars is not None:
            chars.add(low)
    return (None if negated or chars is None else frozenset(chars)), j + 1


def _class_char(p: str, j: int) -> tuple[str | None, int]:
    if p[j] != "\\":
        return p[j], j + 1
    return _escape(p[j + 1]), j + 2
