"""What a crisis hit is: the kinds of crisis signal and the ``CrisisHit`` value.

Kept apart from the matching code so that the pattern loader (which checks
every group's kind) and the public package can both use it without importing
each other.

>>> "self_harm" in KINDS, len(KINDS)
(True, 9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["KINDS", "CrisisHit"]

KINDS = (
    "direct",
    "passive",
    "burdensome",
    "method",
    "preparatory",
    "self_harm",
    "hopeless_death",
    "other_at_risk",
    "disclosure",
)


@dataclass(frozen=True, slots=True)
class CrisisHit:
    """One crisis signal: where it is (``text == original[start:end]``), what kind, about whom.

    Whose state it is (``subject``) and whether its sentence places it in the past (``past``)
    are worked out when asked: the analyzer needs neither for most hits, and reading them for
    every hit cost about a twentieth of the time of a whole analysis.
    """

    start: int
    end: int
    text: str
    kind: str
    score: float
    subject_of: Callable[[], str] = field(repr=False, compare=False)
    past_of: Callable[[], bool] = field(repr=False, compare=False)

    @property
    def subject(self) -> str:
        """``self`` or ``other``: whose crisis the hit describes."""
        return self.subject_of()

    @property
    def past(self) -> bool:
        """Whether the hit's sentence places it in the past ("I used to cut myself")."""
        return self.past_of()
