"""A firm denial: crisis words used only to say, plainly, that the writer is not at risk.

Rule 10 of the labelling guidelines makes a *hesitant* denial crisis ("I'm not suicidal, but
I wish I could disappear"); a firm one is not: "I have never once wanted to die. I just want a
holiday.", "Do I want to die? No. Not even slightly.", "Mum asked if I ever think of hurting
myself. Nope, never have, never would." (issue 10 found "I never want to die, I love my life."
under the banner). Such an entry gets neither the banner nor the calm check.

It is firm only when all three hold:

- every rule hit is denied where it stands: a denial just before it (the rules' ``hedges``)
  or a question that asks it ("asked if I ever", "the question about", a sentence ending "?");
- the entry says so in words that leave no doubt (``_FIRM``: "never have", "not even
  slightly", "I'm safe", "not in danger", "love my life", ...);
- nothing keeps the door open: "but", "though", "except" or "I just feel" after the first
  hit (``_OPEN_AFTER``), or anywhere "for now", "more than", "as much as", "until",
  "sometimes", "part of me", a wish or intent spoken now ("I just wish", "tonight",
  "again") or a means named (``_OPEN``); nor "more" right after a hit ("never wanted to
  die more").

A miss is far worse than a false alarm, so each of the three is narrow, and an entry with no
rule hit is never read as a denial: there the learned layers decide as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from reconnect.analysis.crisis.patterns import rules
from reconnect.analysis.tokens import sentence_bounds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.analysis.crisis import CrisisHit

__all__ = ["firmly_denied"]

_HEDGE_WINDOW = 30  # as the rules look for a denial before a hit (crisis/__init__.py)

_FIRM = (
    r"\b(?:never (?:once |ever |really )?(?:have|had|has|would|wanted|thought|felt|been|"
    r"considered|tried)|never have,? never will|never would|not even (?:slightly|once|a little|"
    r"for a second|close)|(?:i'?m|i am|im) (?:completely |totally |perfectly |absolutely )?safe|"
    r"safe,? completely|not in (?:any )?danger|(?:has )?always (?:has )?been (?:a )?(?:zero|no)|"
    r"love my life|no dark thoughts|isn'?t changing|not changing|nope|absolutely not|"
    r"definitely not|no way|not at all)\b"
)

# "but", "though", "except", "yet" and "I just feel" leave it open after a denial ("I'm not
# suicidal, but ...", "I'm safe, I just feel so tired of everything"), not before one ("I'm
# sad about the breakup, but I've never thought about ending my life").
_OPEN_AFTER = (
    r"\b(?:but|though|although|except|yet|(?:just|only) (?:feel|wish|want to|wanna|can'?t|"
    r"don'?t|need (?:it|this|everything|the pain) to))\b"
)
_OPEN = (
    r"\b(?:for now|more than|as much as|until|till|sometimes|"
    r"some days|some nights|part of me|i just wish|i wish|wish i|tonight|again|lately|"
    r"these days|anymore|any more|most days|every day|every night|can'?t|cannot|"
    r"used to|until now|not sure|don'?t know|dunno|maybe|might|probably|scared|afraid|"
    r"plan|pills|rope|bridge|goodbye|note)\b"
)

# A denial a little further back than the rules' hedges look ("I've never thought about
# ending my life", "never once had thoughts of hurting myself").
_DENIED_BEFORE = (
    r"\b(?:never|not|n'?t)\b (?:once |ever |really |honestly )?(?:thought|considered|felt|"
    r"wanted|had (?:any )?(?:thoughts|urges)|tried|been|done)\b[^.!?\n]{0,20}$"
)
_MORE = re.compile(r" ?(?:more|so much|so badly|as much|than)\b")
_ASKED = r"(?:\basked (?:me )?(?:if|whether)\b|\bquestion (?:about|of|was)\b|\bquestionnaire\b)"


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], ...]:
    # Compiled the first time an entry is read for a denial: only entries with a rule hit are.
    return tuple(re.compile(p) for p in (_FIRM, _OPEN, _OPEN_AFTER, _DENIED_BEFORE, _ASKED))


def firmly_denied(folded: str, hits: Sequence[CrisisHit]) -> bool:
    """Whether ``folded`` (``crisis.folding.fold`` of the text) uses its rule ``hits`` only to
    deny them firmly; False when there are none."""
    if not hits:
        return False
    hedges = rules().hedges
    firm, still_open, open_after, denied_before, asked = _compiled()
    for hit in hits:
        if _MORE.match(folded, hit.end) is not None:
            return False  # "never wanted to die more" is no denial
        before = folded[max(0, hit.start - _HEDGE_WINDOW) : hit.start]
        if hedges.search(before) is not None or denied_before.search(before) is not None:
            continue
        lo, hi = sentence_bounds(folded, hit.start, hit.end)
        if folded.startswith("?", hi) or asked.search(folded, lo, hi) is not None:
            continue
        return False
    if firm.search(folded) is None:
        return False
    # what the hits say is theirs: "never wanted to die" names a wish, and is no door left
    # open; everything else in the entry must leave none
    stretches = _between(len(folded), [(h.start, h.end) for h in hits])
    rest = " ".join(folded[start:end] for start, end in stretches)
    after = " ".join(folded[start:end] for start, end in stretches if start >= hits[0].end)
    return still_open.search(rest) is None and open_after.search(after) is None


def _between(length: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``0..length`` outside ``spans``."""
    out: list[tuple[int, int]] = []
    at = 0
    for start, end in sorted(spans):
        if start > at:
            out.append((at, start))
        at = max(at, end)
    out.append((at, length))
    return out
