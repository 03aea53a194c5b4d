"""Safety rules: which crisis resources to show, the calm safety check, and banned words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from reconnect.errors import InputError

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


class SafetyAnswer(StrEnum):
    """The two answers to the calm "are you safe right now?" check (an analysis' ``concern``)."""

    SAFE = "safe"
    HELP = "help"


@dataclass(frozen=True, slots=True)
class SafetyCheck:
    """How someone answered the safety check for one entry, check-in or reflection, and when.

    It is a record, never a switch: "I'm safe" does not hide crisis resources from a later
    text that shows crisis language (DESIGN.md "the analysis contract").
    """

    answer: SafetyAnswer
    answered_at: datetime

    def to_dict(self) -> dict[str, str]:
        """The stored and exported shape."""
        return {"answer": self.answer.value, "answered_at": self.answered_at.isoformat()}

    @classmethod
    def from_dict(cls, data: object) -> SafetyCheck:
        """Read back what ``to_dict`` wrote; InputError when it is not that shape."""
        if not isinstance(data, dict):
            raise InputError("safety_check: expected an object")
        return cls(parse_safety_answer(data.get("answer")), _aware(data.get("answered_at")))


def parse_safety_answer(value: object) -> SafetyAnswer:
    """``"safe"`` or ``"help"`` as a SafetyAnswer; InputError naming both for anything else.

    >>> parse_safety_answer("help")
    <SafetyAnswer.HELP: 'help'>
    """
    if isinstance(value, str) and value in {a.value for a in SafetyAnswer}:
        return SafetyAnswer(value)
    plain = isinstance(value, str | int | float | bool)
    shown = repr(value)[:40] if plain else type(value).__name__
    raise InputError(f'the answer must be "safe" or "help", not {shown}')


def _aware(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        shown = str(value)[:40]
        raise InputError(f"safety_check.answered_at: {shown!r} is not a date-time") from None
    if moment.tzinfo is None:
        raise InputError("safety_check.answered_at: the date-time has no time zone")
    return moment
