"""``find_harm``: the rules (``direct``, ``indirect``, then ``cues``) and the learned layer."""

from __future__ import annotations

import re
from functools import lru_cache

from reconnect.analysis.harm.cues import cue_hits
from reconnect.analysis.harm.direct import DIRECT
from reconnect.analysis.harm.gate import gate, starts_of
from reconnect.analysis.harm.hit import HarmHit
from reconnect.analysis.harm.indirect import INDIRECT
from reconnect.analysis.harm.names import mask
from reconnect.analysis.harm.past import over_and_done, within
from reconnect.analysis.harm.vetoes import allowed, sentence_around

_PATTERNS = DIRECT + INDIRECT
_FIRST_INDIRECT = len(DIRECT)

HARM_KINDS = tuple(dict.fromkeys(kind for kind, _ in _PATTERNS))


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)


@lru_cache(maxsize=1)
def _pattern_gate() -> re.Pattern[str]:
    return gate([pattern for _, pattern in _PATTERNS])


def fold(text: str) -> str:
    """Lower case with straight apostrophes, one character for one so spans stay put."""
    folded = text.replace("\u2019", "'").lower()
    if len(folded) != len(text):  # a few letters lower to two characters ("İ")
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        folded = folded.replace("\u2019", "'")
    return folded


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only the positions in ``starts``."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            found.append(match)
            end = max(match.end(), start + 1)
    return found


def find_harm(text: str, *, learned: bool = True) -> tuple[HarmHit, ...]:
    """Every sign of abuse or coercive control in ``text``, in order of where it starts.

    With ``learned`` (the default) the learned layer (``harm_model.py``) adds the sentences it
    is sure of that no rule matched in; without it, the rules alone answer.
    """
    folded = fold(text)
    # the rules read names as someone who may be close ("mark kicked me"); the rest of the
    # detector reads the text as it is
    rules = mask(text, folded)
    starts = starts_of(_pattern_gate(), rules)
    over = over_and_done(folded)  # harm the writer says is past and over: no sign
    hits = [
        HarmHit(kind, m.start(), m.end(), text[m.start() : m.end()])
        for index, (kind, pattern) in enumerate(_compiled())
        for m in _matches(pattern, rules, starts)
        if allowed(
            kind, index >= _FIRST_INDIRECT, sentence_around(rules, m.start(), m.end()), m.group()
        )
        and not within(over, m.start())
    ]
    if not hits:
        hits = [hit for hit in cue_hits(folded, text) if not within(over, hit.start)]
    if learned:
        from reconnect.analysis.harm_model import learned_hits

        # The learned layers skip what the rules found and what is over: a match vetoed as
        # over must not be read again by the sentence reader, which skips only rule hits.
        skip = [(hit.start, hit.end) for hit in hits] + over
        hits += learned_hits(text, folded, skip)
    hits.sort(key=lambda h: (h.start, h.end))
    return tuple(hits)
