"""A personal safety plan: a few short lists, written ahead of a hard moment, in seven steps.

The steps follow the order of the Safety Planning Intervention (Stanley and Brown); the
words are the project's own. The step about surroundings is asked gently and names no
means: the person decides what it means for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from reconnect.domain.safety import CrisisResources

MAX_ITEMS = 20
MAX_ITEM_CHARS = 500


@dataclass(frozen=True, slots=True)
class PlanSection:
    """One step of the plan: its key, title and the gentle question it asks."""

    key: str
    title: str
    question: str


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        "warning_signs",
        "My warning signs",
        "What tells you a hard time may be starting? Thoughts, feelings, situations.",
    ),
    PlanSection(
        "coping",
        "Things I can do on my own to get through",
        "What helps you ride it out by yourself for a while?",
    ),
    PlanSection(
        "distractions",
        "People and places that take my mind off it",
        "Who or where helps you think about something else?",
    ),
    PlanSection(
        "people",
        "People I can ask for help",
        "Who could you reach out to and say you are struggling? Add a number if you like.",
    ),
    PlanSection(
        "professionals",
        "Professionals and crisis lines",
        "Your doctor, therapist or a crisis line. The lines for your country are below.",
    ),
    PlanSection(
        "surroundings",
        "Making my surroundings safer",
        "Is there anything you could put away, hand to someone you trust, or keep at a "
        "distance while things feel hard? Only you know what that is; write only what helps.",
    ),
    PlanSection(
        "reasons",
        "My reasons for living",
        "What matters to you, and what would you hold on to?",
    ),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)


@dataclass(frozen=True, slots=True)
class SafetyPlan:
    """The person's plan: for each section key, its lines in order (missing keys are empty)."""

    items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    updated_at: datetime | None = None

    def section(self, key: str) -> tuple[str, ...]:
        """The lines of one section (empty when none were written)."""
        return tuple(self.items.get(key, ()))

    @property
    def is_empty(self) -> bool:
        """True when no section holds a line."""
        return not any(self.section(key) for key in SECTION_KEYS)


def _clean_item(section: PlanSection, text: str) -> str:
    if "\x00" in text:
        raise InputError(f"{section.title}: a line holds a NUL character. Nothing was saved.")
    line = " ".join(text.split())
    if len(line) > MAX_ITEM_CHARS:
        raise InputError(
            f"{section.title}: a line is {len(line)} characters; "
            f"at most {MAX_ITEM_CHARS} per line. Nothing was saved."
        )
    return line


def build_plan(
    sections: Mapping[str, Iterable[str]], updated_at: datetime | None = None
) -> SafetyPlan:
    """A checked plan from raw lines per section: blank lines dropped, spaces tidied.

    InputError (and nothing kept) for an unknown section, a NUL character, a line over
    ``MAX_ITEM_CHARS`` or more than ``MAX_ITEMS`` lines in a section.
    """
    unknown = sorted(set(sections) - set(SECTION_KEYS))
    if unknown:
        raise InputError(f"unknown safety-plan section {unknown[0]!r}")
    items: dict[str, tuple[str, ...]] = {}
    for section in SECTIONS:
        lines = [_clean_item(section, raw) for raw in sections.get(section.key, ())]
        kept = tuple(line for line in lines if line)
        if len(kept) > MAX_ITEMS:
            raise InputError(
                f"{section.title}: {len(kept)} lines; at most {MAX_ITEMS} per section. "
                "Nothing was saved."
            )
        if kept:
            items[section.key] = kept
    return SafetyPlan(items=items, updated_at=updated_at)


def professional_lines(resources: CrisisResources) -> tuple[str, ...]:
    """The crisis lines for a country as plan lines, to start the professionals section."""
    lines = []
    for service in resources.services:
        ways = [w for w in (service.phone, f"text {service.sms}" if service.sms else None) if w]
        how = " or ".join(ways) if ways else (service.url or "")
        lines.append(f"{service.name}: {how} ({service.hours})" if how else service.name)
    lines.append(f"Emergency: {resources.emergency}")
    return tuple(lines)


def with_professionals(plan: SafetyPlan, resources: CrisisResources) -> SafetyPlan:
    """The plan, its professionals section started from the crisis lines when it is empty."""
    if plan.section("professionals"):
        return plan
    items = dict(plan.items)
    items["professionals"] = professional_lines(resources)
    return SafetyPlan(items=items, updated_at=plan.updated_at)


CARD_FOOTER = "If you are in danger now, call your local emergency number."


def plan_lines(plan: SafetyPlan, width: int = 72) -> list[str]:
    """The plan as a printable card: a heading per step, its lines wrapped to ``width``.

    Headings start with "# " (the PDF draws them bold; the text card keeps them plain).
    """
    import textwrap

    lines = ["# My safety plan"]
    if plan.updated_at is not None:
        lines.append(f"Updated {plan.updated_at:%d %B %Y}")
    for number, section in enumerate(SECTIONS, start=1):
        lines.extend(("", f"# {number}. {section.title}"))
        items = plan.section(section.key)
        if not items:
            lines.append("  (nothing written yet)")
        for item in items:
            wrapped = textwrap.wrap(item, width - 4) or [""]
            lines.append(f"  - {wrapped[0]}")
            lines.extend(f"    {part}" for part in wrapped[1:])
    lines.extend(("", CARD_FOOTER))
    return lines


def plan_as_text(plan: SafetyPlan) -> str:
    """The printable card as plain text (headings without their "# ")."""
    return "\n".join(line.removeprefix("# ") for line in plan_lines(plan)) + "\n"
