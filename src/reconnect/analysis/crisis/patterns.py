"""The crisis rules: ``data/crisis_patterns.toml`` loaded once and compiled for fast scanning.

The file is reviewed like code; this module turns it into a ``Rules`` value:

- ``{name}`` variables are filled in and a literal space in a pattern matches
  any run of white space (``expand``).
- The ``[[group]]`` patterns, in file order, and the idioms each become a
  ``Scanner`` (``scanner.py``), which finds their matches fast.
- Which pattern, and so which group (kind and score), gave a match is settled
  afterwards by ``group_at``, only for the few matches there are, through a
  table of the patterns by the characters they can start with
  (``firstchars.py``).
- An idiom that could match nothing is refused, as are unknown kinds.
- The time cues, hedges and subject word lists are compiled alongside.

>>> expand("kill {refl}", {"refl": "myself"})
'kill\\\\s+myself'
>>> group_at(rules(), "i want to die", 2, 13).kind
'passive'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from reconnect.analysis.crisis.firstchars import can_be_empty, first_chars
from reconnect.analysis.crisis.hits import KINDS
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
    """Everything the crisis finder needs from the pattern file, compiled."""

    crisis: Scanner
    companions: frozenset[int]  # the patterns whose groups count only in company
    each: dict[str, tuple[tuple[str, Group], ...]]  # by first character, to name a hit's group
    idioms: Scanner
    past: re.Pattern[str]
    present: re.Pattern[str]
    hedges: re.Pattern[str]
    words: dict[str, frozenset[str]]  # [subject] word lists: self, other, relations, ...


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled rules, loaded from the bundled pattern file once."""
    raw = tomllib.loads(
        resources.files("reconnect.analysis")
        .joinpath("data", "crisis_patterns.toml")
        .read_text("utf-8")
    )
    variables: dict[str, str] = raw["vars"]
    patterns: list[tuple[str, Group]] = []
    for spec in raw["group"]:
        kind = spec["kind"]
        if kind not in KINDS:
            raise ValueError(f"crisis_patterns.toml: unknown kind {kind!r}")
        group = Group(kind, float(spec["score"]), bool(spec.get("needs_company", False)))
        patterns.extend((expand(p, variables), group) for p in spec["patterns"])
    crisis = [p for p, _ in patterns]
    idioms = [expand(p, variables) for p in raw["idioms"]["patterns"]]
    for pattern in idioms:
        if can_be_empty(pattern):
            raise ValueError(f"crisis_patterns.toml: idiom can match nothing: {pattern!r}")
    return Rules(
        crisis=Scanner(crisis),
        companions=frozenset(i for i, (_, group) in enumerate(patterns) if group.needs_company),
        each=_by_first_char(patterns),
        idioms=Scanner(idioms),
        past=_alternation(raw["past"]["patterns"], variables),
        present=_alternation(raw["present"]["patterns"], variables),
        hedges=_alternation(raw["hedges"]["patterns"], variables),
        words={
            name: frozenset(value.split() if isinstance(value, str) else value)
            for name, value in raw["subject"].items()
        },
    )


def group_at(rules: Rules, folded: str, start: int, end: int) -> Group:
    """The group of the first pattern, in file order, that gives exactly this match."""
    candidates = rules.each.get(folded[start], rules.each[""])
    for pattern, group in candidates:
        m = _compiled(pattern).match(folded, start)
        if m is not None and m.end() == end:
            return group
    return candidates[0][1]  # unreachable: some pattern gave the match


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _by_first_char(
    patterns: list[tuple[str, Group]],
) -> dict[str, tuple[tuple[str, Group], ...]]:
    """Patterns (anchored) by each character they can start with ("": those starting anywhere)."""
    table: dict[str, list[tuple[str, Group]]] = {"": []}
    for pattern, group in patterns:
        chars = first_chars(pattern)
        entry = (_anchored(pattern), group)
        for key in table if chars is None else chars:
            table.setdefault(key, list(table[""])).append(entry)
    return {key: tuple(entries) for key, entries in table.items()}


def _alternation(patterns: list[str], variables: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{expand(p, variables)})" for p in patterns))


_WORD_START = r"(?<![a-z0-9_])"


def _anchored(pattern: str) -> str:
    """A leading word boundary written as a look-behind, which the engine checks faster."""
    return _WORD_START + pattern[2:] if pattern.startswith(r"\b") else pattern


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
