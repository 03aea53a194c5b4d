"""Plain wording shared by every interface: a count with its noun, a change between shown scores."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` followed by the words that agree with it; ``plural`` defaults to singular + "s".

    The words may carry a verb, so that it agrees too.

    >>> counted(1, "week"), counted(3, "week"), counted(0, "entry", "entries")
    ('1 week', '3 weeks', '0 entries')
    >>> counted(1, "entry was", "entries were")
    '1 entry was'
    """
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def shown_change(first: float, latest: float) -> int:
    """The change between two scores as a reader sees them: the difference of the whole numbers
    shown for each (``f"{score:.0f}"``), never the rounded difference of the exact scores.

    62.4 and 66.6 are shown as 62 and 67, so the change shown is +5, not +4.

    >>> shown_change(62.4, 66.6), f"{62.4:.0f}", f"{66.6:.0f}"
    (5, '62', '67')
    """
    # round() and the ".0f" format round the same way (half to even), so the two always agree.
    return round(latest) - round(first)


def signed(change: int) -> str:
    """A whole-number change with its sign, and no sign when nothing changed.

    >>> signed(5), signed(-3), signed(0)
    ('+5', '-3', '0')
    """
    return f"{change:+d}" if change else "0"
