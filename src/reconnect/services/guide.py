"""Ask the guide: crisis first, then the cards that answer, or an honest "can't answer that".

The question is read by the analyzer before any card is looked for, and crisis language
of either grade brings crisis resources and the safety plan first (``crisis``). Confident
crisis language brings no card at all: nothing can then be read as advice on anything but
getting help. When the analyzer is unsure (``concern``: "what's the point of any of it"),
the resources come first and the cards that answer follow them, so a question that only
sounded heavy is still answered. Nothing is stored: a question is not a journal entry.
"""

from __future__ import annotations

from reconnect.domain.guide import MAX_QUESTION_CHARS, GuideReply
from reconnect.errors import InputError


def ask(question: str) -> GuideReply:
    """Answer one question (InputError when it is empty, too long or not valid text)."""
    from reconnect.analysis import analyze
    from reconnect.guide import default_retriever

    cleaned = " ".join(question.replace("\x00", " ").split())
    if not cleaned:
        raise InputError(
            "the question is empty", hint='ask in your own words, e.g. "why do I feel numb"'
        )
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise InputError(
            f"the question is {len(cleaned):,} characters long; the guide reads at most "
            f"{MAX_QUESTION_CHARS} characters",
            hint="ask it in a sentence or two",
        )
    from reconnect.analysis.harm import find_harm

    reading = analyze(cleaned)
    abuse = bool(find_harm(cleaned))
    if reading.crisis:
        return GuideReply(cleaned, crisis=True, abstained=False, abuse=abuse)
    ranked = default_retriever().rank(cleaned)
    return GuideReply(
        cleaned,
        crisis=reading.concern,
        abstained=not ranked,
        answers=tuple(r.card for r in ranked),
        concern=reading.concern,
        abuse=abuse,
    )
