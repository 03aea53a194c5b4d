"""Whose state a text describes: the writer (``self``) or someone else (``other``)."""

from __future__ import annotations

import re

from reconnect.analysis.tokens import Span, normalise, sentences

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
OTHER_SUBJECT = re.compile(
    rf"^(?:(?:and|but|so|now|lately|today|honestly|also|then)[, ]+)?"
    rf"(?:(?:my|our|his|her|their|the|a|one of my|this|that) (?:\w+ )?{_RELATION}s?\b|"
    rf"(?:he|she|they|he's|she's|they're|he'd|she'd|they've)\b|"
    rf"[A-Z][a-z]+ (?:has|is|was|keeps|says|said|seems|told|doesn't|won't|hasn't|can't|just))"
)
OTHER_STATE = re.compile(
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
_OTHER_STATE_AFTER_BREAK = re.compile(r"[^a-zA-Z0-9_]" + OTHER_STATE.pattern)
REPORTED = re.compile(
    r"\b(?:he|she|they|[a-z]+) (?:said|says|told me|texted|wrote|messaged)\b[^.]{0,12}[\"'“:]"
)


# Literal text every match of REPORTED holds: where it is not there, skip the slower search.
_REPORTING = re.compile(r" (?:said|says|told me|texted|wrote|messaged)")


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


def subject_at(text: str, offset: int, parts: list[Span] | None = None) -> str:
    """``other`` when the sentence holding ``offset`` is about someone else, else ``self``.

    ``parts`` are ``sentences(text)`` when the caller has them already.
    """
    for sentence in sentences(text) if parts is None else parts:
        # The first sentence that ends after ``offset``: the one holding it, or the next.
        if offset < sentence.end:
            folded = normalise(sentence.text)
            if offset >= sentence.start:
                # normalise keeps offsets: the folded sentence starts with the folded text
                # before ``offset``.
                before = folded[: offset - sentence.start]
            else:  # empty, unless a negative offset counts from the end
                before = normalise(text[sentence.start : offset])
            if _REPORTING.search(before) and REPORTED.search(before):
                return "other"
            return "other" if _is_other_sentence(sentence.text, folded) else "self"
    return "self"


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
