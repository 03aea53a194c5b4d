r"""Strings a crisis pattern cannot match without: the key to skipping ordinary text fast.

For each pattern this works out a few sets of strings such that the text
around every match contains at least one string of **each** set:
``\b{want} (?:to )?die`` needs " die" and also one of " want", " wanna", ...
Most texts lack some set of every pattern, and ``scanner.py`` then skips them
without running a single pattern.

The strings are looked for in the text's ``skeleton``: every run of
characters other than ``a-z``, digits and ``_`` becomes one space, with a
space at either end. A word boundary (``\b``) next to a letter is a space
there, so most strings start at the beginning of a word. Like
``firstchars.py`` this is a small reader of the regular-expression subset
the pattern file uses; anything it does not follow gives no sets ("nothing is
known"), which is always safe: that pattern is then tried on every text.

>>> [sorted(s) for s in necessary_strings(r"\bkill ?(?:my|him)self\b")]
[[' kill himself ', ' kill myself ', ' killhimself ', ' killmyself ']]
>>> [sorted(s) for s in necessary_strings(r"\b(?:want|wanna) [^.]{0,20}\bdie\b")]
[[' wanna ', ' want '], [' die ']]
>>> necessary_strings(r"\w+")
()
>>> skeleton("i’m  so tired—really")
' i m so tired really '
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["necessary_strings", "skeleton", "whole_words"]

Needs = tuple[frozenset[str], ...]  # every match contains a string of each set

_MAX_EXACT = 64  # most strings an "exactly one of these" set may hold before it is given up
_MAX_CLASS = 12  # most characters a character class may hold and still count as exact
_MAX_NEEDS = 3  # most sets kept for one pattern: the rarest-looking ones
_SPACES = re.compile(" +")
_NOT_WORD = re.compile(r"[^a-z0-9_]+")
_BOUNDARY = "\x00"  # \b inside the strings being built; settled into a space or nothing
_WHITE_ESCAPES = frozenset("ntrfv")


@dataclass(frozen=True, slots=True)
class _Info:
    """What is known of the strings a piece of a pattern matches (white space squashed)."""

    exact: frozenset[str] | None  # every match is one of these, if few
    prefix: frozenset[str] | None  # every match starts with one of these
    suffix: frozenset[str] | None  # every match ends with one of these
    need: Needs = ()
    lookahead: bool = False  # a positive look-ahead: needed at this point, but zero-width


def _exactly(strings: frozenset[str] | None) -> _Info:
    return _Info(strings, strings, strings)


_UNKNOWN = _Info(None, None, None)
_EMPTY = _exactly(frozenset({""}))  # zero-width: ^, look-behinds, negative look-aheads
_WORD_EDGE = _exactly(frozenset({_BOUNDARY}))
_SPACE = _exactly(frozenset({" "}))

# How often each character occurs in English text (per 1,000), to guess which strings are rare.
_LETTERS = " etaoinshrdlucmwfygpbvk'xjqz"
_PER_MILLE = "180 100 75 65 62 57 57 53 49 50 34 33 23 22 20 19 18 16 16 15 12 8 6 3 1.5 1.2 .8 .6"
_FREQUENCY = {ch: float(n) / 1000 for ch, n in zip(_LETTERS, _PER_MILLE.split(), strict=True)}
_OTHER_FREQUENCY = 0.002
# Words so frequent that a string made of them is far less rare than its letters suggest.
_COMMON = """
    a about after all also am an and any are as at back be because been but by can could d
    day did do don even first for from get go going gonna got had has have he her him his how
    i if im in into is it its just know like ll m make me more most much my no not now of on
    one only or other our out over people re really s say see she so some still t than that
    the their them then there these they thing things think this time to too two up us ve
    very want was way we well were what when which who will with would you your
"""
_COMMON_WORDS = frozenset(_COMMON.split())
_COMMON_WORD_FACTOR = 30.0  # how much likelier a common word is than its letters suggest


class _Unsupported(ValueError):
    pass


def skeleton(text: str) -> str:
    """The words of a lower-cased text: anything else is one space, and a space at either end.

    ``text`` may be the folded text or its ``casefold()`` when that has the same
    length: the two differ only in characters that become spaces here.
    """
    return f" {_NOT_WORD.sub(' ', text)} "


def necessary_strings(pattern: str) -> Needs:
    """Sets of strings: every match of ``pattern`` contains one string of each (none: unknown)."""
    try:
        info, end = _alternation(pattern, 0)
        if end != len(pattern):
            raise _Unsupported(pattern)
    except (IndexError, ValueError):
        return ()
    return info.need


def _settled(strings: frozenset[str] | None) -> frozenset[str] | None:
    """The strings as found in a skeleton, or None when finding one would tell nothing."""
    if not strings:
        return None
    settled = frozenset(_skeleton_of(s) for s in strings)
    return settled if all(s.strip() for s in settled) else None


def _skeleton_of(raw: str) -> str:
    """A built string as it appears in a skeleton: a word boundary next to a letter is a space."""
    out = []
    for k, ch in enumerate(raw):
        if ch != _BOUNDARY:
            out.append(ch)
            continue
        left = raw[k - 1] if k else ""
        right = raw[k + 1] if k + 1 < len(raw) else ""
        if _is_word(left) or _is_word(right):
            out.append(" ")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", "".join(out)))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _commonness(strings: frozenset[str]) -> float:
    """A guess at how often one of ``strings`` starts at a given place in ordinary text."""
    total = 0.0
    for s in strings:
        chance = 1.0
        for ch in s:
            chance *= _FREQUENCY.get(ch, _OTHER_FREQUENCY)
        for word in whole_words(s):
            if word in _COMMON_WORDS:
                chance *= _COMMON_WORD_FACTOR
        total += chance
    return total


def whole_words(string: str) -> list[str]:
    """The words of a skeleton string that have a space on both sides (so are whole)."""
    words = string.split()
    if not string.startswith(" "):
        words = words[1:]  # may be the end of a longer word
    if not string.endswith(" "):
        words = words[:-1]  # may be the start of a longer word
    return words


def _best(sets: list[frozenset[str]]) -> Needs:
    """The rarest few of ``sets``, leaving out any that another kept one already implies."""
    kept: list[frozenset[str]] = []
    for group in sorted(set(sets), key=_commonness):
        implied = any(all(any(g in k for g in group) for k in other) for other in kept)
        if not implied:
            kept.append(group)
    return tuple(kept[:_MAX_NEEDS])


def _union(parts: list[frozenset[str] | None]) -> frozenset[str] | None:
    if any(part is None for part in parts):
        return None
    joined = frozenset().union(*(part or () for part in parts))
    return joined if len(joined) <= _MAX_EXACT else None


def _alternation(p: str, i: int) -> tuple[_Info, int]:
    branches = []
    while True:
        info, i = _sequence(p, i)
        branches.append(info)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        break
    if len(branches) == 1:
        return branches[0], i
    need: Needs = ()
    if all(b.need for b in branches):
        # One needed set of each branch, united, is needed by the alternation; try the
        # combinations while they are few, else take each branch's rarest set.
        if prod(len(b.need) for b in branches) <= _MAX_EXACT:
            picks: Iterable[Sequence[frozenset[str]]] = product(*(b.need for b in branches))
        else:
            picks = [[b.need[0] for b in branches]]
        need = _best([frozenset().union(*pick) for pick in picks])
    return _Info(
        _union([b.exact for b in branches]),
        _union([b.prefix for b in branches]),
        _union([b.suffix for b in branches]),
        need,
    ), i


def _join(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return None
    joined = frozenset(_SPACES.sub(" ", x + y) for x in a for y in b)
    return joined if len(joined) <= _MAX_EXACT else None


def _sequence(p: str, i: int) -> tuple[_Info, int]:
    """A run of atoms up to ``|`` or ``)``: exact strings as far as they go, and what is needed."""
    chain: frozenset[str] | None = frozenset({""})  # the strings of the atoms since the last gap
    head: frozenset[str] | None = None  # what the sequence starts with, once ``chain`` broke
    whole = True  # whether ``chain`` still covers the whole sequence
    sets: list[frozenset[str]] = []
    while i < len(p) and p[i] not in "|)":
        atom, i = _atom(p, i)
        piece, i = _quantified(atom, p, i)
        sets.extend(piece.need)
        if piece.lookahead:
            _keep(sets, _join(chain, piece.exact))
            continue
        joined = _join(chain, piece.exact)
        if joined is not None:
            chain = joined
            continue
        flushed = _join(chain, piece.prefix) or chain
        _keep(sets, flushed)
        if whole:
            head, whole = flushed, False
        if piece.exact is not None:
            # Too many strings to join: go on from what all of them end with.
            chain = _join(frozenset({_common_end(chain)}), piece.exact) or piece.exact
        else:
            chain = piece.suffix
    _keep(sets, chain)
    if whole:
        return _Info(chain, chain, chain, _best(sets)), i
    return _Info(None, head, chain, _best(sets)), i


def _common_end(strings: frozenset[str] | None) -> str:
    """The longest string that all of ``strings`` end with."""
    if not strings:
        return ""
    reversed_ = [s[::-1] for s in strings]
    shortest = min(reversed_, key=len)
    size = 0
    while size < len(shortest) and all(r[size] == shortest[size] for r in reversed_):
        size += 1
    return shortest[:size][::-1]


def _keep(sets: list[frozenset[str]], strings: frozenset[str] | None) -> None:
    settled = _settled(strings)
    if settled is not None:
        sets.append(settled)


def _quantified(atom: _Info, p: str, i: int) -> tuple[_Info, int]:
    """The atom with its quantifier (if any) applied."""
    if i >= len(p) or p[i] not in "?*+{":
        return atom, i
    if p[i] == "{":
        close = p.index("}", i)
        low_text, comma, high_text = p[i + 1 : close].partition(",")
        low = int(low_text or "0")
        high = int(high_text) if high_text else (None if comma else low)
        i = close + 1
    else:
        low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[p[i]]
        i += 1
    if i < len(p) and p[i] in "?+":
        i += 1  # lazy or possessive: the same strings
    if high == 0 or atom.lookahead:
        return _EMPTY, i
    if atom.exact is not None and atom.exact <= {" "}:
        # White space, however much, squashes to one space (or none).
        return (_SPACE if low else _exactly(frozenset({"", " "}))), i
    if low == 0:
        maybe = frozenset({""})
        exact = atom.exact | maybe if high == 1 and atom.exact is not None else None
        prefix = atom.prefix | maybe if atom.prefix is not None else None
        suffix = atom.suffix | maybe if atom.suffix is not None else None
        return _Info(exact, prefix, suffix), i
    if high == 1:
        return atom, i
    # x{2,5}, x+: starts as x starts, ends as x ends, and holds what x needs.
    needs = list(atom.need)
    _keep(needs, atom.exact)
    return _Info(None, atom.prefix, atom.suffix, tuple(needs)), i


def _atom(p: str, i: int) -> tuple[_Info, int]:
    ch = p[i]
    if ch == "\\":
        return _escape(p[i + 1]), i + 2
    if ch == "[":
        return _class(p, i)
    if ch == "(":
        if p.startswith(("(?<=", "(?<!", "(?!"), i):
            _, end = _alternation(p, i + (3 if p[i + 2] == "!" else 4))
            return _EMPTY, _close(p, end)
        if p.startswith("(?=", i):
            ahead, end = _alternation(p, i + 3)
            return _Info(ahead.exact, None, None, ahead.need, lookahead=True), _close(p, end)
        if p.startswith("(?", i) and not p.startswith("(?:", i):
            raise _Unsupported(p[i : i + 3])
        info, end = _alternation(p, i + 3 if p.startswith("(?:", i) else i + 1)
        return info, _close(p, end)
    if ch in "^$":
        return _EMPTY, i + 1
    if ch == ".":
        return _UNKNOWN, i + 1
    if ch in "*+?{}])|":
        raise _Unsupported(ch)
    return _exactly(frozenset({" " if ch.isspace() else ch})), i + 1


def _close(p: str, i: int) -> int:
    if p[i] != ")":
        raise _Unsupported(p[i:])
    return i + 1


def _escape(ch: str) -> _Info:
    if ch == "b":
        return _WORD_EDGE
    if ch in "BAZ":
        return _EMPTY
    if ch == "s" or ch in _WHITE_ESCAPES:
        return _SPACE
    if ch in "SwWdD":
        return _UNKNOWN
    if ch.isalnum():
        raise _Unsupported("\\" + ch)  # \x41, back-references: not used by the file
    return _exactly(frozenset({ch}))


def _class(p: str, i: int) -> tuple[_Info, int]:
    j = i + 1
    known = p[j] != "^"
    j += not known
    chars: set[str] = set()
    first = True
    while p[j] != "]" or first:
        first = False
        if p[j] == "\\":
            esc = p[j + 1]
            if esc == "s" or esc in _WHITE_ESCAPES:
                chars.add(" ")
            elif esc.isalnum():
                known = False
            else:
                chars.add(esc)
            j += 2
        elif p[j + 1 : j + 2] == "-" and p[j + 2 : j + 3] not in ("]", ""):
            span = range(ord(p[j]), ord(p[j + 2]) + 1)
            known = known and len(span) <= _MAX_CLASS
            chars.update(" " if chr(c).isspace() else chr(c) for c in span[:_MAX_CLASS])
            j += 3
        else:
            chars.add(" " if p[j].isspace() else p[j])
            j += 1
    if not known or len(chars) > _MAX_CLASS:
        return _UNKNOWN, j + 1
    return _exactly(frozenset(chars)), j + 1
