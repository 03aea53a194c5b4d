"""Whose crisis a hit describes: the writer (``self``) or someone else (``other``).

The whole-text resolver, ``reconnect.analysis.subject``, reads a sentence at a
time. A crisis hit needs a finer answer, about one span, because a single
entry often holds the writer's state and someone else's side by side ("My
brother said he wants to die. I can't sleep."). The rules, in order:

1. The hit's own words: a reflexive decides at once ("kill himself"),
   otherwise the first subject or possessive pronoun ("her pills"), and only
   then an object pronoun ("better off without me").
2. Quoted speech: inside a quotation "I" is the speaker, so
   "she said 'I want to disappear'" is about her.
3. The nearest person before the hit in its sentence who is not an object of
   a verb or preposition ("told my wife" names the listener, not the subject);
   a capitalised name before a verb counts as someone else.
4. A sentence that starts with a carried verb ("Keeps saying ...") takes the
   previous sentence's subject.
5. Otherwise the writer: diary style drops the "I" ("Sat by the tracks tonight.").

The word lists (self, other, second person, relations, governors, ...) live
in ``data/crisis_patterns.toml`` under ``[subject]`` and are passed in as
``words``.
"""

from __future__ import annotations

import re

from reconnect.analysis.crisis.folding import sentence_bounds

__all__ = ["hit_subject"]

Words = dict[str, frozenset[str]]

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

_REFLEXIVE = {"myself": "self", "mysef": "self"} | dict.fromkeys(
    ("himself", "herself", "themselves", "themself"), "other"
)
_NOT_PEOPLE = "them"  # inside a hit, "them" is mostly things: "won't need them"
_PARAGRAPH_WINDOW = 400  # how far back an open quotation is looked for
_SPEAKER_WINDOW = 150  # how far before a quotation its speaker is looked for


def hit_subject(text: str, folded: str, start: int, end: int, words: Words) -> str:
    """``self`` or ``other``: whose state the hit ``text[start:end]`` describes.

    >>> from reconnect.analysis.crisis.patterns import rules
    >>> def who(t, phrase):
    ...     at = t.lower().index(phrase)
    ...     return hit_subject(t, t.lower(), at, at + len(phrase), rules().words)
    >>> who("My brother said he wants to die.", "wants to die")
    'other'
    >>> who("She said 'I just want to disappear'.", "want to disappear")
    'other'
    >>> who("Sat by the tracks tonight.", "by the tracks")
    'self'
    """
    paragraph = max(
        folded.rfind("\n", max(0, start - _PARAGRAPH_WINDOW), start) + 1,
        max(0, start - _PARAGRAPH_WINDOW),
    )
    quote_at = _quote_start(folded, paragraph, start)
    perspective = "self" if quote_at is None else _speaker(text, folded, quote_at, words)
    own = _own_words(folded, start, end, perspective, words)
    if own is not None:
        return own
    if quote_at is not None:
        inside = _scan_back(text, folded, quote_at, start, words, quoted_from=perspective)
        return inside or perspective
    lo, _ = sentence_bounds(folded, start, end)
    near = _scan_back(text, folded, lo, start, words)
    if near in ("self", "other"):
        return str(near)
    if lo > 1 and _CARRIED.match(folded, lo):
        # "My brother's been low. Keeps saying ..." carries the previous sentence's subject.
        previous, _ = sentence_bounds(folded, lo - 1, lo - 1)
        carried = _scan_back(text, folded, previous, lo - 1, words)
        if carried in ("self", "other"):
            return str(carried)
    return "self"  # diary style drops the "I": "Sat by the tracks tonight."


def _flip(subject: str) -> str:
    return "other" if subject == "self" else "self"


def _classify(word: str, words: Words) -> str | None:
    if word in words["self"]:
        return "self"
    if word in words["other"] or word in words["relations"]:
        return "other"
    if word in words["second"]:
        return "second"
    return None


def _own_words(folded: str, start: int, end: int, perspective: str, words: Words) -> str | None:
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
        side = _classify(word, words)
        if side not in ("self", "other") or word in words["relations"]:
            continue
        side = perspective if side == "self" else str(side)
        if word in words["objects"]:
            weak = weak or side
        else:
            strong = strong or side
    return strong or weak


def _scan_back(
    text: str, folded: str, lo: int, hi: int, words: Words, quoted_from: str | None = None
) -> str | None:
    """The nearest person before ``hi`` (not before ``lo``) who is not an object: self or other.

    Inside a quotation (``quoted_from`` is the speaker) "I" is the speaker and
    "you" the one spoken to.
    """
    not_names = words["not_names"]
    names = {m.start() for m in _NAME.finditer(text, lo, hi) if m.group().lower() not in not_names}
    tokens = list(_TOKEN.finditer(folded, lo, hi))
    found = [m.group() for m in tokens]
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].start() in names:
            return "other"
        kind = _classify(found[k], words)
        if kind == "second":
            if quoted_from is not None:
                return _flip(quoted_from)
            continue
        if kind is None or _governed(found, k, words):
            continue
        return kind if quoted_from is None or kind == "other" else quoted_from
    return None


def _governed(found: list[str], k: int, words: Words) -> bool:
    """Whether the person word at ``k`` is an object: "told my wife", "in my class"."""
    if found[k] in words["subjects"]:
        return False
    j = k - 1
    determiners = words["determiners"]
    if j >= 0 and found[j] in determiners and found[k] not in determiners:
        j -= 1
    return j >= 0 and found[j] in words["governors"]


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


def _speaker(text: str, folded: str, quote_at: int, words: Words) -> str:
    lo, _ = sentence_bounds(folded, quote_at, quote_at)
    lo = min(lo, quote_at)
    region_lo = max(lo, quote_at - _SPEAKER_WINDOW)
    verbs = list(_REPORTING.finditer(folded, region_lo, quote_at))
    until = verbs[-1].start() if verbs else quote_at
    who = _scan_back(text, folded, region_lo, until, words)
    if who is None and verbs:
        who = _scan_back(text, folded, region_lo, quote_at, words)
    return "self" if who in (None, "second") else str(who)
