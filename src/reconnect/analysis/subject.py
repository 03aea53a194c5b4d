"""Whose state a span or a text describes: the writer (``self``) or someone else (``other``).

The one subject resolver of the analyzer: crisis hits, marker evidence and the whole text are
all read by ``span_subject``. It answers about one span, because a single entry often holds
the writer's state and someone else's side by side ("My brother said he wants to die. I
can't sleep."). The rules, in order:

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

A whole text (``text_subject``) is about someone else when at least as many of its sentences
have someone else as their grammatical subject as speak in the first person.

The word lists (self, other, second person, relations, governors, ...) live
in ``data/crisis_patterns.toml`` under ``[subject]``; ``hit_subject`` takes them as
``words`` (the crisis rules pass theirs), ``span_subject`` loads them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reconnect.analysis.precompiled import compiled
from reconnect.analysis.tokens import normalise, sentence_bounds, sentences

if TYPE_CHECKING:
    from reconnect.analysis.tokens import Span

__all__ = ["addresses_someone", "hit_subject", "span_subject", "text_subject"]

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

    >>> def who(t, phrase):
    ...     at = t.lower().index(phrase)
    ...     return span_subject(t, t.lower(), at, at + len(phrase))
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


def span_subject(text: str, folded: str, start: int, end: int) -> str:
    """``hit_subject`` with the pattern file's word lists; ``folded`` is ``fold(text)``."""
    return hit_subject(text, folded, start, end, _words())


def _words() -> Words:
    # Imported here: the crisis package imports this module for its hits.
    from reconnect.analysis.crisis.patterns import rules

    return rules().words


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


def addresses_someone(folded: str, start: int, end: int) -> bool:
    """Whether the span ``folded[start:end]`` is said of "you": the nearest person in its own
    words, or else before it in its sentence, is the second person ("you look dead inside",
    "implying you didn't cry"). Outside a quotation only; ``folded`` is ``fold(text)``."""
    words = _words()
    lo, _ = sentence_bounds(folded, start, end)
    if _quote_start(folded, lo, start) is not None:
        return False
    tokens = [m.group() for m in _TOKEN.finditer(folded, lo, end)]
    for word in reversed(tokens):
        kind = _classify(word, words)
        if kind == "second":
            return True
        if kind is not None:
            return False
    return False


def _own_words(folded: str, start: int, end: int, perspective: str, words: Words) -> str | None:
    """Whose the hit is by its own words: "kill himself", "her pills", "without me".

    A reflexive decides at once; otherwise the first possessive or subject
    pronoun, and only then an object pronoun ("gave me his PS5" is about him).
    First-person words mean the speaker, who is someone else inside a quotation.
    """
    strong: str | None = None
    weak: str | None = None
    own, others, relations = words["self"], words["other"], words["relations"]
    for word in _TOKEN.findall(folded, start, end):
        if word in _REFLEXIVE:
            return perspective if _REFLEXIVE[word] == "self" else "other"
        if word == _NOT_PEOPLE:
            continue
        # _classify, inlined: only "self" and "other" (not a relation word) count here
        if word in own:
            side = "self"
        elif word in others or word in relations:
            side = "other"
        else:
            continue
        if word in relations:
            continue
        side = perspective if side == "self" else side
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
    if "'" not in part:  # no single quote opens or closes
        return None
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


# ---------------------------------------------------------------- the whole text

_RELATION = (
    r"(?:partner|husband|wife|boyfriend|girlfriend|fianc[ée]e?|spouse|ex|son|daughter|kid|"
    r"child|teenager|baby|mum|mom|mother|dad|father|parents?|brother|sister|sibling|twin|"
    r"gran|granny|grandma|grandmother|grandad|grandpa|grandfather|nan|nani|nana|aunt|uncle|"
    r"cousin|niece|nephew|friend|mate|best friend|flatmate|housemate|roommate|neighbour|"
    r"neighbor|colleague|coworker|co-worker|boss|manager|student|pupil|client|patient|"
    r"teammate|other half|in-laws?|mother-in-law|father-in-law|fella|lad|girl|boy|guy|"
    r"man|woman|people|everyone)"
)
# A sentence whose grammatical subject is somebody else, before the first "I".
OTHER_SUBJECT = compiled(
    rf"^(?:(?:and|but|so|now|lately|today|honestly|also|then)[, ]+)?"
    rf"(?:(?:my|our|his|her|their|the|a|one of my|this|that) (?:\w+ )?{_RELATION}s?\b|"
    rf"(?:he|she|they|he's|she's|they're|he'd|she'd|they've)\b|"
    rf"[A-Z][a-z]+ (?:has|is|was|keeps|says|said|seems|told|doesn't|won't|hasn't|can't|just))"
)
OTHER_STATE = compiled(
    rf"\b(?:my|our) {_RELATION}s? (?:\w+ )?(?:seems?|is|has|was|keeps|says|said|told me|"
    r"looks|sounds|feels|felt|won't|can't|doesn't|hasn't|never|always|just)\b"
)
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|myself|my)\b")
# FIRST_PERSON and OTHER_STATE one character early, after a character that cannot end a word;
# run over the text with a space in front. A search for a pattern that starts with a character
# class skips most positions without trying them, where \b would try every one. Both patterns
# start with \b and a word character, so \b there means that the character before is not one
# (never in [a-zA-Z0-9_]) or the start of the text, which is what a space is to \b.
_FIRST_PERSON_AFTER_BREAK = re.compile(r"[^a-zA-Z0-9_]" + FIRST_PERSON.pattern)
_OTHER_STATE_AFTER_BREAK = compiled(r"[^a-zA-Z0-9_]" + OTHER_STATE.pattern)


def _first_person(folded: str) -> int:
    """Where ``FIRST_PERSON.search(folded)`` would match, or -1."""
    hit = _FIRST_PERSON_AFTER_BREAK.search(" " + folded)
    return -1 if hit is None else hit.start()


def _is_other_sentence(sentence: str, folded: str) -> bool:
    """Whether ``sentence`` (``folded`` is ``normalise(sentence)``) is about someone else."""
    if OTHER_SUBJECT.match(sentence.lstrip("\"'“ ")) or OTHER_SUBJECT.match(folded):
        first_i = _first_person(folded)
        if first_i < 0 or first_i > len(folded) // 3:
            return True
        return _other_state(folded)
    return _other_state(folded) and not folded.startswith(("i ", "i'"))


def _other_state(folded: str) -> bool:
    """Whether ``OTHER_STATE.search(folded)`` would find something."""
    # Every match holds "my " or "our ": where neither is, skip the search.
    if "my " not in folded and "our " not in folded:
        return False
    return _OTHER_STATE_AFTER_BREAK.search(" " + folded) is not None


def text_subject(text: str, parts: list[Span] | None = None, folded: str | None = None) -> str:
    """``other`` when most of the text is about someone else than the writer.

    ``parts`` (``sentences(text)``) and ``folded`` (``normalise(text)``) are what the caller
    has computed already, if anything.
    """
    if parts is None:
        parts = sentences(text)
    if not parts:
        return "self"
    # normalise keeps offsets, so each sentence's folded text is a slice of the folded text;
    # folding a text that is not ASCII is slow, so then only the sentences are folded.
    whole = None
    if text.isascii():
        whole = normalise(text) if folded is None else folded
    other = 0
    first = 0
    for s in parts:
        folded = whole[s.start : s.end] if whole is not None else normalise(s.text)
        if _is_other_sentence(s.text, folded):
            other += 1
        elif _first_person(folded) >= 0:
            first += 1
    if other and other >= first:
        return "other"
    return "self"
