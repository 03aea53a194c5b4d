"""Crisis language: suicidal thoughts, wishes to die, self-harm and warning signs, tuned for recall.

What counts follows the labelling guidelines (``shared/data/markers_guidelines.md``,
rules 8, 9, 10 and 16): any reference to suicide, wanting to die or not exist,
self-harm, or a warning sign (goodbye letters, giving things away, stockpiling
or refusing medication, "won't be around", "better off without me"), about the
writer or someone else, past or present, resolved or hesitantly denied.
Idioms ("killing it at work", "dying to see it") are never crisis.

How it works:

- The phrase patterns live in ``data/crisis_patterns.toml``, reviewed like
  code and loaded once (``tomllib`` + ``lru_cache``). Each ``[[group]]`` has a
  ``kind`` and a ``score``. All patterns are compiled into **one** regular
  expression, split into buckets by the characters a pattern can start with
  (``first_chars``), so each position of the text tries only a few patterns.
  A text is scanned once; most texts have no match and cost exactly that.
  Which pattern (and so which kind) gave a match is settled afterwards, only
  for the few matches there are.
- Matching runs on ``tokens.normalise(text)`` (lower case, curly quotes
  unified; same length as the input) with dashes and odd spaces unified too,
  so every offset is an offset into the original text. A space in a pattern
  matches any run of white space.
- Only when something matched, a second alternation of idioms runs; a crisis
  match that overlaps an idiom is dropped and the scan resumes one character
  later, so a real signal right after an idiom is still found.
- A negated or doubtful mention ("I'm not suicidal, just exhausted") still
  counts, with a lower score: a missed crisis is far worse than a gentle false
  alarm (``shared/RELIABILITY.md``, decision 5).
- Telling a helper ("told my therapist") is reported as a ``disclosure`` hit
  only when the same text holds another crisis signal (guideline 16).
- ``subject`` comes from the hit's own pronouns ("kill himself"), then from
  quoted speech ("she said 'I want to disappear'" is about her), then from the
  nearest person before the hit in the sentence. ``past`` is set when the
  nearest time cue in the sentence places the event months or years back
  ("last year", "used to", "in 2019"); "again", "still", "tonight" keep it
  current.

Wording: nothing in this module or its data is shown to users; the crisis
message itself lives in ``content/`` and follows safe-messaging practice.

>>> [(h.text, h.kind, h.subject) for h in find_crisis("My brother said he wants to die.")]
[('wants to die', 'passive', 'other')]
>>> find_crisis("Killing it at work, dying to see the film tonight.")
()
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from reconnect.analysis.tokens import normalise

__all__ = ["KINDS", "CrisisHit", "find_crisis", "has_idiom"]

KINDS = (
    "direct",
    "passive",
    "burdensome",
    "method",
    "preparatory",
    "self_harm",
    "hopeless_death",
    "other_at_risk",
    "disclosure",
)
HEDGED_FACTOR = 0.8  # "I'm not suicidal, but ..." still counts, a little less surely


@dataclass(frozen=True, slots=True)
class CrisisHit:
    """One crisis signal: where it is (``text == original[start:end]``), what kind, about whom."""

    start: int
    end: int
    text: str
    kind: str
    subject: str
    past: bool
    score: float


@dataclass(frozen=True, slots=True)
class _Group:
    kind: str
    score: float
    needs_company: bool


@dataclass(frozen=True, slots=True)
class _Rules:
    crisis: re.Pattern[str]
    each: dict[str, tuple[tuple[str, _Group], ...]]  # by first character, to name a hit's group
    idioms: re.Pattern[str]
    past: re.Pattern[str]
    present: re.Pattern[str]
    hedges: re.Pattern[str]
    words: dict[str, frozenset[str]]  # [subject] word lists: self, other, relations, ...


def find_crisis(text: str) -> tuple[CrisisHit, ...]:
    """All crisis signals in ``text``, in order of start offset; empty when there are none.

    Never raises for any ``str`` (empty, any Unicode, very long).
    """
    if not text:
        return ()
    rules = _rules()
    folded = _fold(text)
    first = rules.crisis.search(folded)
    if first is None:
        return ()
    idiom_starts, idiom_ends = _idiom_spans(rules, folded)
    found: list[tuple[int, int, _Group]] = []
    match: re.Match[str] | None = first
    while match is not None:
        start, end = match.span()
        if end == start or _overlaps(idiom_starts, idiom_ends, start, end):
            match = rules.crisis.search(folded, start + 1)
            continue
        found.append((start, end, _group_at(rules, folded, start, end)))
        match = rules.crisis.search(folded, end)
    if all(group.needs_company for _, _, group in found):
        return ()
    hits = [
        CrisisHit(
            start=start,
            end=end,
            text=text[start:end],
            kind=group.kind,
            subject="other"
            if group.kind == "other_at_risk"
            else _subject(text, folded, start, end, rules),
            past=_is_past(folded, start, end, rules),
            score=_score(folded, start, group, rules),
        )
        for start, end, group in found
    ]
    return tuple(hits)


def _group_at(rules: _Rules, folded: str, start: int, end: int) -> _Group:
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


def has_idiom(text: str) -> bool:
    """Whether the text uses an everyday idiom that borrows crisis words ("killing it")."""
    return bool(text) and _rules().idioms.search(_fold(text)) is not None


# ---------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = tomllib.loads(
        resources.files("reconnect.analysis")
        .joinpath("data", "crisis_patterns.toml")
        .read_text("utf-8")
    )
    variables: dict[str, str] = raw["vars"]
    patterns: list[tuple[str, _Group]] = []
    for spec in raw["group"]:
        kind = spec["kind"]
        if kind not in KINDS:
            raise ValueError(f"crisis_patterns.toml: unknown kind {kind!r}")
        group = _Group(kind, float(spec["score"]), bool(spec.get("needs_company", False)))
        patterns.extend((_expand(p, variables), group) for p in spec["patterns"])
    return _Rules(
        crisis=_dispatch([p for p, _ in patterns]),
        each=_by_first_char(patterns),
        idioms=_dispatch([_expand(p, variables) for p in raw["idioms"]["patterns"]]),
        past=_alternation(raw["past"]["patterns"], variables),
        present=_alternation(raw["present"]["patterns"], variables),
        hedges=_alternation(raw["hedges"]["patterns"], variables),
        words={
            name: frozenset(value.split() if isinstance(value, str) else value)
            for name, value in raw["subject"].items()
        },
    )


def _by_first_char(
    patterns: list[tuple[str, _Group]],
) -> dict[str, tuple[tuple[str, _Group], ...]]:
    """Patterns (anchored) by each character they can start with; "" holds those that start anywhere."""
    table: dict[str, list[tuple[str, _Group]]] = {"": []}
    for pattern, group in patterns:
        chars = first_chars(pattern)
        entry = (_anchored(pattern), group)
        for key in table if chars is None else chars:
            table.setdefault(key, list(table[""])).append(entry)
    return {key: tuple(entries) for key, entries in table.items()}


def _alternation(patterns: list[str], variables: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_expand(p, variables)})" for p in patterns))


_WORD_START = r"(?<![a-z0-9_])"


def _anchored(pattern: str) -> str:
    """A leading word boundary written as a look-behind, which the engine checks faster."""
    return _WORD_START + pattern[2:] if pattern.startswith(r"\b") else pattern


def _dispatch(patterns: list[str]) -> re.Pattern[str]:
    """One alternation of all patterns, split by first character so each position tries few.

    Patterns that start at a word boundary share one look-behind in front of
    their buckets. The match found may come from another pattern than the
    plain alternation would pick at that position; ``_group_at`` settles it.
    """
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    free = [p for p in patterns if not p.startswith(r"\b")]
    parts = []
    if bounded:
        parts.append(f"{_WORD_START}(?:{_buckets(bounded)})")
    if free:
        parts.append(_buckets(free))
    return re.compile("|".join(parts))


_MAX_SHARED_BUCKETS = 5  # a pattern with more first characters gets a bucket of its own


def _buckets(patterns: list[str]) -> str:
    by_char: dict[str, list[str]] = {}
    by_set: dict[str, list[str]] = {}
    for pattern in patterns:
        chars = first_chars(pattern)
        if chars is not None and len(chars) <= _MAX_SHARED_BUCKETS:
            for ch in chars:
                by_char.setdefault(ch, []).append(pattern)
        else:
            by_set.setdefault("".join(sorted(chars or ())), []).append(pattern)
    branches = [(f"(?={re.escape(ch)})", members) for ch, members in sorted(by_char.items())]
    branches += [(f"(?=[{re.escape(key)}])" if key else "", m) for key, m in by_set.items()]
    return "|".join(
        f"{guard}(?:{'|'.join(f'(?:{p})' for p in members)})" for guard, members in branches
    )


_VARIABLE = re.compile(r"\{([a-z_]+)\}")


def _expand(pattern: str, variables: dict[str, str]) -> str:
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


_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_ANY = None


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when it could be any.

    A small reader for the regular-expression subset the pattern file uses;
    anything it does not follow gives None, which is always safe.

    >>> sorted(first_chars(r"\\b(?:kill|end) ?it") or ())
    ['e', 'k']
    """
    try:
        chars, nullable, _ = _first_alternation(pattern, 0)
    except (IndexError, ValueError):
        return _ANY
    return None if chars is None or nullable else frozenset(chars)


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


# Same-length folding on top of tokens.normalise: dashes and unusual spaces.
_EXTRA = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
    }
)


def _fold(text: str) -> str:
    # Both steps map one character to one character, so offsets hold.
    return normalise(text).translate(_EXTRA)


def _idiom_spans(rules: _Rules, folded: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in rules.idioms.finditer(folded):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    # Idiom spans from finditer do not overlap, so their ends rise with their starts.
    i = bisect_left(starts, end)
    return i > 0 and ends[i - 1] > start


# ---------------------------------------------------------------- score and time


def _score(folded: str, start: int, group: _Group, rules: _Rules) -> float:
    before = folded[max(0, start - 30) : start]
    hedged = rules.hedges.search(before) is not None
    return round(group.score * (HEDGED_FACTOR if hedged else 1.0), 3)


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    window_start = max(0, start - 300)
    lo = max(folded.rfind(c, window_start, start) for c in ".!?\n") + 1 or window_start
    window_end = min(len(folded), end + 300)
    his = [i for i in (folded.find(c, end, window_end) for c in ".!?\n") if i != -1]
    return lo, min(his) if his else window_end


def _is_past(folded: str, start: int, end: int, rules: _Rules) -> bool:
    lo, hi = _sentence(folded, start, end)

    def nearest(pattern: re.Pattern[str]) -> int | None:
        best: int | None = None
        for m in pattern.finditer(folded, lo, hi):
            gap = max(0, start - m.end(), m.start() - end)
            best = gap if best is None else min(best, gap)
        return best

    past = nearest(rules.past)
    if past is None:
        return False
    present = nearest(rules.present)
    return present is None or past < present


# ---------------------------------------------------------------- subject

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|wrote|writes|texted|texts|messaged|messages|"
    r"posted|posts|asked|asks|asking|whispered|shouted|replied|admitted|joked|added|goes|went|"
    r"was like|is like|keeps saying|kept saying|keeps telling)\b"
)
_NAME = re.compile(
    r"\b[A-Z][a-z]+(?='s\b| (?:has|had|is|was|keeps|kept|says|said|told|tells|wants|wanted|"
    r"tried|took|texted|posted|wrote|won't|can't|doesn't|hasn't|just|seems|sounds|talks|"
    r"talked|mentioned|asked|left|gave|messaged|rang|called|cuts|burns)\b)"
)
_CARRIED = re.compile(
    r"\s*(?:keeps|kept saying|says|talks|wants|seems|has|hasn't|doesn't|isn't|texts|posts|"
    r"writes|tells|won't stop)\b"
)
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(:,]))'(?=[a-z0-9])")
_CLOSE_SINGLE = re.compile(r"(?<=[a-z0-9.!?,])'(?=[\s.,!?;:)]|$)")


def _flip(subject: str) -> str:
    return "other" if subject == "self" else "self"


def _classify(word: str, words: dict[str, frozenset[str]]) -> str | None:
    if word in words["self"]:
        return "self"
    if word in words["other"] or word in words["relations"]:
        return "other"
    if word in words["second"]:
        return "second"
    return None


_REFLEXIVE = {"myself": "self", "mysef": "self"} | dict.fromkeys(
    ("himself", "herself", "themselves", "themself"), "other"
)
_NOT_PEOPLE = "them"  # inside a hit, "them" is mostly things: "won't need them"


def _hit_subject(folded: str, start: int, end: int, perspective: str, rules: _Rules) -> str | None:
    """Whose the hit is by its own words: "kill himself", "her pills", "without me".

    A reflexive decides at once; otherwise the first possessive or subject
    pronoun, and only then an object pronoun ("gave me his PS5" is about him).
    First-person words mean the speaker, who is someone else inside a quotation.
    """
    strong: str | None = None
    weak: str | None = None
    for m in _TOKEN.finditer(folded, start, end):
        word = m.group()
        if word in _REFLEXIVE:
            return perspective if _REFLEXIVE[word] == "self" else "other"
        if word == _NOT_PEOPLE:
            continue
        side = _classify(word, rules.words)
        if side not in ("self", "other") or word in rules.words["relations"]:
            continue
        side = perspective if side == "self" else str(side)
        if word in rules.words["objects"]:
            weak = weak or side
        else:
            strong = strong or side
    return strong or weak


def _scan_back(
    text: str, folded: str, lo: int, hi: int, rules: _Rules, quoted_from: str | None = None
) -> str | None:
    """The nearest person before ``hi`` (not before ``lo``) who is not an object: self or other.

    Inside a quotation (``quoted_from`` is the speaker) "I" is the speaker and
    "you" the one spoken to.
    """
    not_names = rules.words["not_names"]
    names = {m.start() for m in _NAME.finditer(text, lo, hi) if m.group().lower() not in not_names}
    tokens = list(_TOKEN.finditer(folded, lo, hi))
    words = [m.group() for m in tokens]
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].start() in names:
            return "other"
        kind = _classify(words[k], rules.words)
        if kind == "second":
            if quoted_from is not None:
                return _flip(quoted_from)
            continue
        if kind is None or _governed(words, k, rules.words):
            continue
        return kind if quoted_from is None or kind == "other" else quoted_from
    return None


def _governed(words: list[str], k: int, lexicon: dict[str, frozenset[str]]) -> bool:
    """Whether the person word at ``k`` is an object: "told my wife", "in my class"."""
    if words[k] in lexicon["subjects"]:
        return False
    j = k - 1
    determiners = lexicon["determiners"]
    if j >= 0 and words[j] in determiners and words[k] not in determiners:
        j -= 1
    return j >= 0 and words[j] in lexicon["governors"]


def _quote_start(folded: str, lo: int, hi: int) -> int | None:
    """Where an unclosed quotation before ``hi`` opens, if the hit is inside one."""
    part = folded[lo:hi]
    if part.count('"') % 2:
        return lo + part.rfind('"')
    opens = [m.start() for m in _OPEN_SINGLE.finditer(part)]
    closes = len(_CLOSE_SINGLE.findall(part))
    if len(opens) > closes:
        return lo + opens[-1]
    return None


def _speaker(text: str, folded: str, quote_at: int, rules: _Rules) -> str:
    lo, _ = _sentence(folded, quote_at, quote_at)
    lo = min(lo, quote_at)
    region_lo = max(lo, quote_at - 150)
    verbs = list(_REPORTING.finditer(folded, region_lo, quote_at))
    until = verbs[-1].start() if verbs else quote_at
    who = _scan_back(text, folded, region_lo, until, rules)
    if who is None and verbs:
        who = _scan_back(text, folded, region_lo, quote_at, rules)
    return "self" if who in (None, "second") else str(who)


def _subject(text: str, folded: str, start: int, end: int, rules: _Rules) -> str:
    paragraph = max(folded.rfind("\n", max(0, start - 400), start) + 1, max(0, start - 400))
    quote_at = _quote_start(folded, paragraph, start)
    perspective = "self" if quote_at is None else _speaker(text, folded, quote_at, rules)
    own = _hit_subject(folded, start, end, perspective, rules)
    if own is not None:
        return own
    if quote_at is not None:
        inside = _scan_back(text, folded, quote_at, start, rules, quoted_from=perspective)
        return inside or perspective
    lo, _ = _sentence(folded, start, end)
    near = _scan_back(text, folded, lo, start, rules)
    if near in ("self", "other"):
        return str(near)
    if lo > 1 and _CARRIED.match(folded, lo):
        # "My brother's been low. Keeps saying ..." carries the previous sentence's subject.
        previous, _ = _sentence(folded, lo - 1, lo - 1)
        carried = _scan_back(text, folded, previous, lo - 1, rules)
        if carried in ("self", "other"):
            return str(carried)
    return "self"  # diary style drops the "I": "Sat by the tracks tonight."
