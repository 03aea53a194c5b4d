"""What a crisis hit is: the kinds of crisis signal and the ``CrisisHit`` value.

Kept apart from the matching code so that the pattern loader (which checks
every group's kind) and the public package can both use it without importing
each other.

>>> "self_harm" in KINDS, len(KINDS)
(True, 9)
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """One crisis signal: where it is (``text == original[start:end]``), what kind, about whom."""

    start: int
    end: int
    text: str
    kind: str
    subject: str
    past: bool
    score: float
