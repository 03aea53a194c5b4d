"""Safety rules: which crisis resources to show, and the words results must never use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

INTERNATIONAL = "INTL"
MAX_AGE_DAYS = 365

# SAFE-6 and SAFE-7: phrases no result, template or content file may contain.
BANNED_PHRASES = re.compile(
    r"\b(?:committed suicide|successful (?:suicide|attempt)|failed (?:suicide|attempt)|"
    r"suicide epidemic|you (?:have|suffer from) (?:depression|a disorder|ptsd)|"
    r"(?:we|this app) diagnose)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HelpService:
    """One service a person can contact."""

    name: str
    description: str
    hours: str
    phone: str | None = None
    sms: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CrisisResources:
    """What to show someone who may be in crisis, for one country or the fallback."""

    code: str
    name: str
    emergency: str
    services: tuple[HelpService, ...]
    verified_on: date
    source_url: str


@dataclass(frozen=True, slots=True)
class ResourceChoice:
    """The resources chosen for a requested country, and whether the fallback was used."""

    resources: CrisisResources
    international: CrisisResources
    requested: str | None
    fell_back: bool


def choose_resources(
    country: str | None, by_country: Sequence[CrisisResources], international: CrisisResources
) -> ResourceChoice:
    """Resources for a country code (case-insensitive; "UK" means GB), else the international list.

    An unknown or missing code never fails: it falls back and says so.
    """
    code = (country or "").strip().upper()
    code = {"UK": "GB"}.get(code, code)
    for resources in by_country:
        if resources.code == code:
            return ResourceChoice(resources, international, country, fell_back=False)
    return ResourceChoice(international, international, country, fell_back=bool(code))


@dataclass(frozen=True, slots=True)
class SeekHelpSign:
    """A pattern in recent entries where the sources suggest talking to a professional."""

    id: str
    condition: str
    suggestion: str


PERSISTENT_WEEKS = 3
PERSISTENT_SHARE = 0.5


def seek_help_from_weeks(weeks: Sequence[Mapping[str, float]]) -> list[SeekHelpSign]:
    """Seek-help conditions (001: "When should you consider seeking help?") in weekly marker rates.

    ``weeks`` holds, oldest first, each week's share of entries showing each marker.
    Persistent numbness: half or more of the entries in each of the last three weeks.
    Hopelessness: in half or more of the entries in one of the last two weeks.
    Increasing isolation: withdrawal rising three weeks in a row to half or more.
    """
    signs: list[SeekHelpSign] = []
    recent = list(weeks[-PERSISTENT_WEEKS:])
    if len(recent) == PERSISTENT_WEEKS and all(
        w.get("numbness", 0) >= PERSISTENT_SHARE for w in recent
    ):
        signs.append(
            SeekHelpSign(
                "persistent_numbness",
                "Numbness has come up in most of your entries for three weeks.",
                "Feeling flat for weeks is worth a conversation with a doctor or counsellor. "
                'You could say: "For a few weeks I have felt numb most days, and I would like '
                'to understand why."',
            )
        )
    if any(w.get("hopelessness", 0) >= PERSISTENT_SHARE for w in weeks[-2:]):
        signs.append(
            SeekHelpSign(
                "hopelessness",
                "Many of your recent entries say nothing will change.",
                "Hopelessness can lift with support. A GP or counsellor is a good first step; "
                'you might say: "I keep feeling there is no point, and I want help with that."',
            )
        )
    withdrawal = [w.get("withdrawal", 0) for w in weeks[-3:]]
    if len(withdrawal) == 3 and withdrawal[0] < withdrawal[1] < withdrawal[2] >= PERSISTENT_SHARE:
        signs.append(
            SeekHelpSign(
                "increasing_isolation",
                "Pulling away from people has grown week by week.",
                "When relationships grow more isolating, a counsellor can help find a way back. "
                'You could start with: "I have been withdrawing from everyone and I do not '
                'know how to stop."',
            )
        )
    return signs
