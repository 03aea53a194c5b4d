"""Crisis language: suicidal thoughts, wishes to die, self-harm and warning signs, tuned for recall.

What counts follows the labelling guidelines (``shared/data/markers_guidelines.md``,
rules 8, 9, 10 and 16): any reference to suicide, wanting to die or not exist,
self-harm, or a warning sign (goodbye letters, giving things away, stockpiling
or refusing medication, "won't be around", "better off without me"), about the
writer or someone else, past or present, resolved or hesitantly denied.
Idioms ("killing it at work", "dying to see it") are never crisis.

How it works, module by module:

- ``patterns.py`` loads the phrase patterns of ``data/crisis_patterns.toml``
  once, from the index ``index.py`` worked out when it was built
  (``python -m training.crisis_index``), so a fresh process is ready in
  milliseconds. ``scanner.py`` finds their matches: from the strings each
  pattern cannot match without (``factors.py``) it sees which patterns could
  match a text at all, and compiles and searches only those. Most texts hold
  none of the strings and cost a look-up of their words and one pass over them.
- ``folding.py``: matching runs on a folded copy of the text (lower case,
  quotes, dashes and odd spaces unified) of the same length, so every offset
  is an offset into the original text.
- Only when something matched, the idioms run; a crisis match that overlaps an
  idiom is dropped and the scan resumes one character later, so a real signal
  right after an idiom is still found.
- A negated or doubtful mention ("I'm not suicidal, just exhausted") still
  counts, with a lower score: a missed crisis is far worse than a gentle false
  alarm (``shared/RELIABILITY.md``, decision 5).
- Telling a helper ("told my therapist") is reported as a ``disclosure`` hit
  only when the same text holds another crisis signal (guideline 16).
- ``analysis/subject.py`` works out whose crisis it is; ``tense.py`` whether it lies in
  the past ("last year", "used to"; "again", "still", "tonight" keep it current).

Wording: nothing in this package or its data is shown to users; the crisis
message itself lives in ``content/`` and follows safe-messaging practice.

>>> [(h.text, h.kind, h.subject) for h in find_crisis("My brother said he wants to die.")]
[('wants to die', 'passive', 'other')]
>>> find_crisis("Killing it at work, dying to see the film tonight.")
()
"""

from __future__ import annotations

from bisect import bisect_left
from functools import partial
from typing import TYPE_CHECKING

from reconnect.analysis.crisis.firstchars import first_chars as first_chars
from reconnect.analysis.crisis.folding import fold
from reconnect.analysis.crisis.hits import KINDS, CrisisHit
from reconnect.analysis.crisis.patterns import Group, Rules, group_at, rules
from reconnect.analysis.crisis.scanner import Bones
from reconnect.analysis.crisis.tense import is_past
from reconnect.analysis.subject import hit_subject
from reconnect.analysis.tokens import sentence_bounds

if TYPE_CHECKING:
    import re

__all__ = ["FIRM_RULE_SCORE", "KINDS", "CrisisHit", "find_crisis", "has_idiom"]

HEDGED_FACTOR = 0.8  # "I'm not suicidal, but ..." still counts, a little less surely
# A hit scoring under this is hedged or needs company ("not suicidal, but ..."): the analyzer
# asks the learned layers before it gives the banner.
FIRM_RULE_SCORE = 0.85
_HEDGE_WINDOW = 30  # how far before a hit a denial or doubt is looked for


def find_crisis(text: str, bones: Bones | None = None) -> tuple[CrisisHit, ...]:
    """All crisis signals in ``text``, in order of start offset; empty when there are none.

    ``bones`` is ``Bones.of(text)`` when the caller has it already. Never raises for any
    ``str`` (empty, any Unicode, very long).
    """
    if not text:
        return ()
    compiled = rules()
    if bones is None:
        bones = Bones.of(text)
    candidates = compiled.crisis.candidates(text, bones)
    if candidates <= compiled.companions:
        return ()  # nothing, or only what counts in company ("told my therapist")
    folded = fold(text)
    search = compiled.crisis.searcher(folded, candidates)
    first = search(0)
    if first is None:
        return ()
    idiom_starts, idiom_ends = _idiom_spans(compiled, text, bones, folded)
    found: list[tuple[int, int, Group]] = []
    match: re.Match[str] | None = first
    while match is not None:
        start, end = match.span()
        if end == start or _overlaps(idiom_starts, idiom_ends, start, end):
            match = search(start + 1)
            continue
        found.append((start, end, group_at(compiled, folded, start, end, candidates)))
        match = search(end)
    if all(group.needs_company for _, _, group in found):
        return ()
    return tuple(
        CrisisHit(
            start=start,
            end=end,
            text=text[start:end],
            kind=group.kind,
            score=_score(folded, start, end, group, compiled),
            subject_of=partial(_subject, text, folded, start, end, group.kind, compiled),
            past_of=partial(_past, folded, start, end, compiled),
        )
        for start, end, group in found
    )


def _past(folded: str, start: int, end: int, compiled: Rules) -> bool:
    # The time cues are compiled (and looked up) only when a hit's tense is asked.
    return is_past(folded, start, end, compiled.past, compiled.present)


def _subject(text: str, folded: str, start: int, end: int, kind: str, compiled: Rules) -> str:
    if kind == "other_at_risk":
        return "other"
    return hit_subject(text, folded, start, end, compiled.words)


def has_idiom(text: str) -> bool:
    """Whether the text uses an everyday idiom that borrows crisis words ("killing it")."""
    if not text:
        return False
    scanner = rules().idioms
    candidates = scanner.candidates(text)
    return bool(candidates) and scanner.searcher(fold(text), candidates)(0) is not None


def _idiom_spans(
    compiled: Rules, text: str, bones: Bones, folded: str
) -> tuple[list[int], list[int]]:
    scanner = compiled.idioms
    spans = scanner.spans(folded, scanner.candidates(text, bones))
    return [start for start, _ in spans], [end for _, end in spans]


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    # Idiom spans from finditer do not overlap, so their ends rise with their starts.
    i = bisect_left(starts, end)
    return i > 0 and ends[i - 1] > start


def _score(folded: str, start: int, end: int, group: Group, compiled: Rules) -> float:
    before = folded[max(0, start - _HEDGE_WINDOW) : start]
    hedged = compiled.hedges.search(before) is not None
    if not hedged and group.score >= FIRM_RULE_SCORE:
        # hyperbole anywhere in the hit's sentence: "one more Baby Shark and I'm walking
        # into the sea" is hedged too, and the learned layers decide (analyzer.py); a hit
        # that is hedged anyway is not looked at twice
        lo, hi = sentence_bounds(folded, start, end)
        hedged = compiled.play.search(folded, lo, hi) is not None
    return round(group.score * (HEDGED_FACTOR if hedged else 1.0), 3)
