"""Negation, recovery and hypotheticals around a rule match.

"I don't feel numb anymore" is recovery (reconnection), "I'm not numb" is a
plain negation (no marker), "if I ever stopped caring" is hypothetical (no
marker). Matches whose own text carries the negation ("can't feel") are
left alone: the negation is part of the sign.
"""

from __future__ import annotations

import re

NEGATION = re.compile(r"\b(?:not|no|never|n't|no longer|nothing like as|hardly)\b|n't\b")
INNER_NEGATION = re.compile(r"\b(?:not|no|never|without)\b|n't\b|cannot")
RECOVERY_BEFORE = re.compile(r"\b(?:no longer|not any more|stopped feeling|used to)\b")
RECOVERY_AFTER = re.compile(r"^[^.!?,;]{0,25}\b(?:anymore|any more|these days|nowadays)\b")
# A clause that starts with "if" (or "imagine", "suppose"...), or a condition anywhere in it about
# someone in general or the reader ("it's a bad sign if people feel nothing", "get used to it if
# you're sticking around"): not the writer's state. "If we" and "if I" in mid-clause stay signs
# ("I don't know if I feel anything"). Since 3.5: out of fold on GoEmotions' train comments this
# removed one wrong anhedonia flag and cost nothing on the fresh or held-out journal sets.
HYPOTHETICAL = re.compile(
    r"(?:(?:^|[.!?;,]\s*|\b(?:and|but)\s+)(?:what if|if(?! i'm (?:being )?honest| anything| "
    r"only)|imagine|suppose|supposing|in case|i'd hate to|i worry (?:that )?i might|one day i "
    r"might)|\bif (?:you|you're|people|someone|somebody|anyone|anybody|one)\b)\b[^.!?;]*$"
)
CLAUSE_BREAK = re.compile(r"[.!?;]|,\s*(?:but|and|so)\b|\bbut\b")


def clause_before(folded: str, start: int, width: int = 60) -> str:
    """The text of the same clause before ``start`` (at most ``width`` characters)."""
    window = folded[max(0, start - width) : start]
    # every CLAUSE_BREAK match holds a stop, a comma or "but"
    if not (
        "." in window
        or "!" in window
        or "?" in window
        or ";" in window
        or "," in window
        or "but" in window
    ):
        return window
    cut = 0
    for found in CLAUSE_BREAK.finditer(window):
        cut = found.end()
    return window[cut:] if cut else window


def is_hypothetical(folded: str, start: int) -> bool:
    """Whether the match sits in an "if ..." or "imagine ..." clause."""
    sentence_start = max(
        folded.rfind(".", 0, start),
        folded.rfind("!", 0, start),
        folded.rfind("?", 0, start),
        folded.rfind("\n", 0, start),
    )
    clause = folded[sentence_start + 1 : start]
    # every HYPOTHETICAL match holds one of these ("what if" holds "if", "supposing" "suppose")
    return (
        "if" in clause
        or "imagine" in clause
        or "suppose" in clause
        or "in case" in clause
        or "i'd hate to" in clause
        or "i worry" in clause
        or "one day i might" in clause
    ) and bool(HYPOTHETICAL.search(clause))


def negation_state(folded: str, start: int, end: int) -> str:
    """``"plain"``, ``"negated"`` or ``"recovered"`` for the match at ``start:end``."""
    if INNER_NEGATION.search(folded[start:end]):
        return "plain"
    before = clause_before(folded, start, 40)
    after = folded[end : end + 40]
    # every RECOVERY_BEFORE match holds "no", "stopped" or "used"
    if ("no" in before or "stopped" in before or "used" in before) and RECOVERY_BEFORE.search(
        before
    ):
        return "recovered"
    if NEGATION.search(before):
        return "recovered" if RECOVERY_AFTER.search(after) else "negated"
    return "plain"
