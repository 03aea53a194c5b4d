"""Choosing a journaling prompt aimed at what recent entries show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.markers import MARKER_NAMES, Marker

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

ANY = "any"
# Signs a prompt can answer; crisis is never answered with a prompt (resources are shown).
PROMPTABLE = frozenset(MARKER_NAMES) - {Marker.CRISIS, Marker.HEALTHY_BOUNDARY}


@dataclass(frozen=True, slots=True)
class Prompt:
    """A journaling prompt and the sign it is aimed at."""

    id: str
    text: str
    answers: str
    seed: str


@dataclass(frozen=True, slots=True)
class PromptChoice:
    """The chosen prompt and why it was chosen."""

    prompt: Prompt
    reason: str


def choose_prompt(
    prompts: Sequence[Prompt], recent_markers: Iterable[frozenset[str]], today: date
) -> PromptChoice:
    """The prompt for the sign seen most often in recent entries, rotating day by day.

    >>> from datetime import date
    >>> p = [Prompt("a", "A?", "any", "003"), Prompt("n", "N?", "numbness", "003")]
    >>> choose_prompt(p, [frozenset({"numbness"})] * 2, date(2026, 1, 1)).prompt.id
    'n'
    """
    counts = Counter(m for markers in recent_markers for m in markers if m in PROMPTABLE)
    for marker, seen in counts.most_common():
        fitting = [p for p in prompts if p.answers == marker]
        if fitting:
            chosen = fitting[today.toordinal() % len(fitting)]
            name = marker.replace("_", " ")
            return PromptChoice(
                chosen, f"{name} came up in {seen} recent entr{'y' if seen == 1 else 'ies'}"
            )
    general = [p for p in prompts if p.answers == ANY] or list(prompts)
    return PromptChoice(general[today.toordinal() % len(general)], "a prompt for any day")
