"""One sign of abuse or control found in a text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HarmHit:
    """One sign of abuse or control: its kind and where it is in the text."""

    kind: str
    start: int
    end: int
    text: str
