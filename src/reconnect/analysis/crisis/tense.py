"""Whether a crisis hit lies in the past: the nearest time cue in its sentence decides.

A hit is ``past`` when the nearest past cue ("last year", "used to",
"in 2019", "six months clean") is nearer to it than any present cue ("again",
"still", "tonight"). The cues live in ``data/crisis_patterns.toml`` under
``[past]`` and ``[present]``. Past crises still count; the flag lets a reader
tell "I cut myself again tonight" from "I used to cut myself at school".

>>> import re
>>> past, present = re.compile(r"\\blast year\\b"), re.compile(r"\\bagain\\b")
>>> text = "last year i cut myself. i cut myself again tonight."
>>> is_past(text, 11, 22, past, present), is_past(text, 26, 37, past, present)
(True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.analysis.tokens import sentence_bounds

if TYPE_CHECKING:
    import re

__all__ = ["is_past"]


def is_past(
    folded: str, start: int, end: int, past: re.Pattern[str], present: re.Pattern[str]
) -> bool:
    """Whether the hit ``folded[start:end]`` is placed back in time by its sentence."""
    lo, hi = sentence_bounds(folded, start, end)

    def nearest(pattern: re.Pattern[str]) -> int | None:
        best: int | None = None
        for m in pattern.finditer(folded, lo, hi):
            gap = max(0, start - m.end(), m.start() - end)
            best = gap if best is None else min(best, gap)
        return best

    past_gap = nearest(past)
    if past_gap is None:
        return False
    present_gap = nearest(present)
    return present_gap is None or past_gap < present_gap
