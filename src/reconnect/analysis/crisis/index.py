r"""The crisis index: all that the pattern file decides, worked out once when it is built.

Reading ``data/crisis_patterns.toml`` and working out what every pattern
needs (``factors.py``) takes about a second, so it is done by
``python -m training.crisis_index``, which writes ``build``'s result to
``data/crisis_index.json.gz`` (its SHA-256 recorded in ``data/manifest.json``).
A fresh process only reads that file (``load``):

- the patterns with their ``{name}`` variables filled in (``expand``), in
  file order, each with its group, and the patterns by the characters they
  can start with (to name a hit's group);
- for the crisis patterns and for the idioms, what a ``Scanner`` needs
  (``scan_index``): each pattern's rank when several match at one place,
  and the strings it cannot match without, ready for lookup. The strings
  one pattern must find first (its *anchor*) are filed under a *gate*, their
  rarest whole word, in small tries that the scanner compiles only once a
  text holds that word; strings without a rare whole word ("i tried", or
  "cut", which may go on as "cutting") share one trie searched on every text;
- the time cues and hedges (as expressions, compiled when first needed) and
  the subject word lists.

``load`` refuses an index built from another version of the pattern file:
the file's SHA-256 is stored in the index, so editing the TOML without
rebuilding raises ``ContentError`` instead of scanning with stale rules.

>>> expand("kill {refl}", {"refl": "myself"})
'kill\\s+myself'
>>> found = scan_index([r"\bwant to die", r"\bkill myself\b"])
>>> found["gates"]  # "kill myself" is looked for only in texts that hold "myself"
{'myself': '[{"owners":{" kill myself ":[1]},"trie":" kill myself "}]'}
>>> found["fixed"]  # "want" and "to" are in most texts: looked for in every text
[{'trie': ' want to die', 'owners': {' want to die': [0]}}]
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import zlib
from typing import TYPE_CHECKING, TypedDict

from reconnect.analysis.crisis.firstchars import can_be_empty, first_chars
from reconnect.analysis.crisis.hits import KINDS
from reconnect.analysis.lexicon import read_checked, read_data
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from reconnect.analysis.crisis.factors import Needs

__all__ = [
    "INDEX_FILE",
    "PATTERN_FILE",
    "CheckIndex",
    "GroupIndex",
    "Index",
    "ScanIndex",
    "TrieIndex",
    "build",
    "expand",
    "load",
    "scan_index",
]

PATTERN_FILE = "crisis_patterns.toml"
INDEX_FILE = "crisis_index.json.gz"
FORMAT = 1  # bumped whenever the layout below changes
CUES = ("past", "present", "hedges", "play")


class GroupIndex(TypedDict):
    """A ``[[group]]`` of the pattern file: the kind and score its matches get."""

    kind: str
    score: float
    needs_company: bool


class TrieIndex(TypedDict):
    """One trie: its expression, and the patterns each string it finds lets through."""

    trie: str
    owners: dict[str, list[int]]  # a found string also stands for the strings it starts with


class CheckIndex(TypedDict):
    """What a pattern needs besides its anchor: sets of whole words, or else of plain strings."""

    words: list[list[list[str]]]  # per set: one of these word lists is all there
    strings: list[str]  # per set: a trie of its strings, one of which is in the skeleton


class ScanIndex(TypedDict):
    """What a ``Scanner`` needs for its patterns (given alongside, in the same order).

    The tries of each gate and the checks of each pattern are kept as JSON
    text, read only when a text opens that gate or finds that pattern's
    anchor: most are never needed in a process, and building them all as
    objects would take longer than the rest of the index.
    """

    ranks: list[list[int]]  # which pattern wins when several match at one place: the lowest
    always: list[int]  # patterns with no known strings: tried on every text
    gates: dict[str, str]  # JSON list[TrieIndex], searched only when the text holds the word
    fixed: list[TrieIndex]  # searched on every text
    checks: list[str]  # JSON CheckIndex of each pattern


class Index(TypedDict):
    """The whole index file."""

    format: int
    source_sha256: str  # of the pattern file it was built from
    patterns: list[str]  # the crisis patterns, expanded, in file order
    groups: list[GroupIndex]
    group_of: list[int]  # each pattern's group
    first: dict[str, list[int]]  # patterns by a character they can start with ("": any)
    crisis: ScanIndex
    idioms: list[str]
    idiom_scan: ScanIndex
    cues: dict[str, str]  # past, present, hedges: one expression each
    words: dict[str, list[str]]  # [subject] word lists


def load() -> Index:
    """The bundled index, checked against the manifest and against the pattern file."""
    index: Index = json.loads(zlib.decompress(read_checked(INDEX_FILE), wbits=31))
    source = hashlib.sha256(read_data(PATTERN_FILE)).hexdigest()
    if index.get("format") != FORMAT or index.get("source_sha256") != source:
        raise ContentError(
            f"{INDEX_FILE} was not built from this {PATTERN_FILE}; "
            "rebuild it with python -m training.crisis_index"
        )
    return index


def build(source: bytes) -> Index:
    """The index of the pattern file whose bytes are ``source`` (about a second)."""
    raw = tomllib.loads(source.decode("utf-8"))
    variables: dict[str, str] = raw["vars"]
    groups: list[GroupIndex] = []
    patterns: list[str] = []
    group_of: list[int] = []
    for spec in raw["group"]:
        if spec["kind"] not in KINDS:
            raise ValueError(f"{PATTERN_FILE}: unknown kind {spec['kind']!r}")
        groups.append(
            {
                "kind": spec["kind"],
                "score": float(spec["score"]),
                "needs_company": bool(spec.get("needs_company", False)),
            }
        )
        for pattern in spec["patterns"]:
            patterns.append(expand(pattern, variables))
            group_of.append(len(groups) - 1)
    idioms = [expand(p, variables) for p in raw["idioms"]["patterns"]]
    for pattern in idioms:
        if can_be_empty(pattern):
            raise ValueError(f"{PATTERN_FILE}: idiom can match nothing: {pattern!r}")
    return {
        "format": FORMAT,
        "source_sha256": hashlib.sha256(source).hexdigest(),
        "patterns": patterns,
        "groups": groups,
        "group_of": group_of,
        "first": _by_first_char(patterns),
        "crisis": scan_index(patterns),
        "idioms": idioms,
        "idiom_scan": scan_index(idioms),
        "cues": {
            name: "|".join(f"(?:{expand(p, variables)})" for p in raw[name]["patterns"])
            for name in CUES
        },
        "words": {
            name: sorted(set(value.split() if isinstance(value, str) else value))
            for name, value in raw["subject"].items()
        },
    }


# Frequent words, if not in most texts: the gate of a string only when it has no rarer
# word (which gate a string gets changes only the speed, never what is found).
_FREQUENT_WORDS = """
    2 again anyone anything before being best better come didn does doesn doing down ever every
    everyone find give good hope isn keep last life long look love many might need never nice
    nothing person point post probably read real right said should someone something sorry
    sounds stop sure take tell those thought try use where why wish years
"""
_FREQUENT = frozenset(_FREQUENT_WORDS.split())


def scan_index(patterns: list[str]) -> ScanIndex:
    """What a ``Scanner`` for ``patterns`` (expanded, in file order) needs."""
    # Working out what each pattern needs (factors.py) is build-time work: a fresh process
    # that reads the stored index never imports it.
    from reconnect.analysis.crisis.factors import necessary_strings

    needs = [necessary_strings(p) for p in patterns]
    anchors = [_anchor(need) for need in needs]
    owners: dict[str, set[int]] = {}
    for i, anchor in enumerate(anchors):
        for s in anchor:
            owners.setdefault(s, set()).add(i)
    gated: dict[str, set[str]] = {}
    fixed: set[str] = set()
    for s in owners:
        gate = _gate(s)
        if gate is None:
            fixed.add(s)
        else:
            gated.setdefault(gate, set()).add(s)
    return {
        "ranks": [list(rank) for rank in _bucket_ranks(patterns)],
        "always": [i for i, need in enumerate(needs) if not need],
        "gates": {gate: _json(_tries(strings, owners)) for gate, strings in sorted(gated.items())},
        "fixed": _tries(fixed, owners),
        "checks": [
            _json(_checks([group for group in need if group is not anchor]))
            for need, anchor in zip(needs, anchors, strict=True)
        ],
    }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _anchor(need: Needs) -> frozenset[str]:
    """The set to look for first: the rarest whose strings all start a word, else the rarest."""
    for group in need:
        if all(s.startswith(" ") for s in group):
            return group
    return need[0] if need else frozenset()


def _gate(string: str) -> str | None:
    """The word a text must hold for ``string`` to be in it: its rarest whole word, if rare."""
    # Words in most texts (the common words factors.py rates strings by): a string made
    # only of these (and of part-words) is not filed under a gate, which most texts would
    # open, but in the trie searched on every text.
    from reconnect.analysis.crisis.factors import _COMMON_WORDS as everywhere
    from reconnect.analysis.crisis.factors import whole_words

    words = whole_words(string)
    if not words:
        return None
    gate = min(words, key=lambda w: (w in everywhere, w in _FREQUENT, -len(w), w))
    return None if gate in everywhere else gate


def _tries(strings: set[str], owners: dict[str, set[int]]) -> list[TrieIndex]:
    """Tries of ``strings``: those that start a word apart, so their search stops only at spaces.

    A found string also stands for every string it starts with: the trie reports
    the longest string at a position, and the shorter ones there are its prefixes.
    """
    tries: list[TrieIndex] = []
    for part in (
        sorted(s for s in strings if s.startswith(" ")),
        sorted(s for s in strings if not s.startswith(" ")),
    ):
        if part:
            lets = {
                found: sorted(
                    set().union(*(owners.get(found[:size], ()) for size in range(len(found) + 1)))
                )
                for found in part
            }
            tries.append({"trie": _trie(part), "owners": lets})
    return tries


def _checks(groups: list[frozenset[str]]) -> CheckIndex:
    """The sets besides the anchor, as whole words where every string brings some."""
    from reconnect.analysis.crisis.factors import whole_words

    checks: CheckIndex = {"words": [], "strings": []}
    for group in groups:
        found = {tuple(sorted(set(whole_words(s)))) for s in group}
        if all(found):
            checks["words"].append([list(words) for words in sorted(found)])
        else:
            checks["strings"].append(_trie(sorted(group)))
    return checks


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


def _by_first_char(patterns: list[str]) -> dict[str, list[int]]:
    """Patterns, in file order, by each character they can start with ("": those starting anywhere).

    A pattern that could start with any character is under every key.
    """
    table: dict[str, list[int]] = {"": []}
    for i, pattern in enumerate(patterns):
        chars = first_chars(pattern)
        for key in table if chars is None else sorted(chars):
            table.setdefault(key, list(table[""])).append(i)
    return table


_Trie = dict[str, "_Trie"]


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
    branches = [
        (ch if ch == " " else re.escape(ch)) + _emit(child)  # spaces need no escape (no re.X)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:
        return f"(?:{body})?"
    return body


_VARIABLE = re.compile(r"\{([a-z_]+)\}")


def expand(pattern: str, variables: dict[str, str]) -> str:
    """Fill in ``{name}`` variables and let a space match any run of white space."""
    filled = _VARIABLE.sub(lambda m: variables[m.group(1)], pattern)
    out: list[str] = []
    groups: list[bool] = []  # True for a look-behind, whose width must stay fixed
    in_class = False
    i = 0
    while i < len(filled):
        ch = filled[i]
        if ch == "\\":
            out.append(filled[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            groups.append(filled.startswith(("(?<=", "(?<!"), i))
        elif ch == ")" and groups:
            groups.pop()
        elif ch == " " and not any(groups):
            quantifier = filled[i + 1 : i + 2]
            if quantifier in ("?", "*"):
                out.append(r"\s*")
                i += 2
                continue
            out.append(r"\s+")
            i += 2 if quantifier == "+" else 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)
