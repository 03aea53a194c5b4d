"""Whose state a text describes: the writer (``self``) or someone else (``other``)."""

from __future__ import annotations

import re

from reconnect.analysis.tokens import normalise, sentences

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
REPORTED = re.compile(
    r"\b(?:he|she|they|[a-z]+) (?:said|says|told me|texted|wrote|messaged)\b[^.]{0,12}[\"'“:]"
)


def _is_other_sentence(sentence: str) -> bool:
    folded = normalise(sentence)
    if OTHER_SUBJECT.match(sentence.lstrip("\"'“ ")) or OTHER_SUBJECT.match(folded):
        first_i = FIRST_PERSON.search(folded)
        state = OTHER_STATE.search(folded)
        return first_i is None or state is not None or first_i.start() > len(folded) // 3
    return bool(OTHER_STATE.search(folded)) and not folded.startswith(("i ", "i'"))


def subject_at(text: str, offset: int) -> str:
    """``other`` when the sentence holding ``offset`` is about someone else, else ``self``."""
    for sentence in sentences(text):
        if sentence.start <= offset < sentence.end or offset < sentence.start:
            before = text[sentence.start : offset]
            if REPORTED.search(normalise(before)):
                return "other"
            return "other" if _is_other_sentence(sentence.text) else "self"
    return "self"


def text_subject(text: str) -> str:
    """``other`` when most of the text is about someone else than the writer."""
    parts = sentences(text)
    if not parts:
        return "self"
    other = sum(1 for s in parts if _is_other_sentence(s.text))
    first = sum(
        1
        for s in parts
        if not _is_other_sentence(s.text) and FIRST_PERSON.search(normalise(s.text))
    )
    if other and other >= first:
        return "other"
    return "self"
