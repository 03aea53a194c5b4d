"""JSON shapes of journal entries and check-ins."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, cast

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from reconnect.content import load_feelings, load_texts
from reconnect.contracts.analysis import (
    AnalysisOut,
    SafetyCheckOut,
    analysis_out,
    safety_check_out,
)
from reconnect.contracts.safety import CrisisResourcesOut, resources_if
from reconnect.domain.checkins import CANNOT_NAME
from reconnect.domain.entries import LABEL_SIGILS, label_char_allowed

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.config import JsonDict
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

    from reconnect.domain.checkins import CheckIn
    from reconnect.domain.entries import Entry

# The limits the API enforces, stated in its OpenAPI document (tests/web/test_api_limits.py
# checks each one both ways). The domain enforces the same for the CLI and the web pages.
MAX_TEXT_CHARS = 20_000  # domain.entries.MAX_ENTRY_CHARS
MAX_LABELS = 50  # domain.entries.MAX_LABELS
MAX_LABEL_CHARS = 40  # domain.entries.MAX_LABEL_CHARS
MAX_NOTE_CHARS = 2_000  # domain.checkins.MAX_NOTE_CHARS
MAX_FEELINGS = 12  # domain.checkins.MAX_FEELINGS
MAX_FEELING_CHARS = 40
NO_NUL = "^[^\\u0000]*$"  # the domain refuses NUL characters in text

# A moment an entry or check-in is about: after 1900 began (before any living writer) and
# no more than a day ahead of the server's clock (time zones and a slow clock). A number is
# refused rather than read as Unix time: ``written_at: 0`` meant 1970 by accident.
EARLIEST_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
MOMENT_RULE = (
    "ISO 8601 text (2026-03-31T20:00:00Z; without an offset it means UTC), from "
    "1900-01-01T00:00:00Z to one day after the server's clock. Numbers are refused."
)


def _text_only(value: Any) -> Any:
    if isinstance(value, int | float):
        raise ValueError("give the date as ISO 8601 text, such as 2026-03-31T20:00:00Z")
    return value


def check_moment(value: datetime) -> datetime:
    """A date inside the plausible range (``MOMENT_RULE``); ValueError otherwise."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    latest = datetime.now(UTC) + FUTURE_SLACK
    if aware < EARLIEST_MOMENT:
        raise ValueError("the date is before 1900-01-01")
    if aware > latest:
        raise ValueError("the date is more than a day in the future")
    return value


Moment = Annotated[
    datetime,
    BeforeValidator(_text_only),
    AfterValidator(check_moment),
    Field(json_schema_extra={"formatMinimum": EARLIEST_MOMENT.isoformat()}),
]


def _char_class(codes: Iterable[int]) -> str:
    """A regex character class of these code points (ascending), as ranges.

    ``\\uXXXX`` reads the same in ECMA-262 (JSON Schema's dialect), Python and Rust; a
    character beyond the BMP is written as itself (ECMA-262 with its ``u`` flag, as JSON
    Schema validators use it, Python and Rust all read it so).
    """
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])

    def one(code: int) -> str:
        return chr(code) if code > 0xFFFF else f"\\u{code:04x}"

    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges)


@lru_cache(maxsize=1)
def label_pattern() -> str:
    """The labels ``domain.entries.normalise_label`` accepts, as a regex (about 6 KB).

    Whitespace around the label and the sigils at its start are dropped; what remains must be
    non-empty and hold only characters ``label_char_allowed`` allows (the sigils among them).
    Built from the same predicate, for every code point, so the document and the server
    agree by construction (tests/web/test_api_limits.py checks both ways).
    """
    chars = range(sys.maxunicode + 1)
    space = _char_class(c for c in chars if chr(c).isspace())
    allowed = _char_class(
        c for c in chars if label_char_allowed(chr(c)) and chr(c) not in LABEL_SIGILS
    )
    return f"^[{space}]*[{LABEL_SIGILS}]*(?:[{allowed}][{LABEL_SIGILS}]*)+[{space}]*$"


LABEL_RULE = (
    f"1 to {MAX_LABEL_CHARS} characters without whitespace or control characters (Unicode "
    f"category C: control, format, private-use, unassigned). Whitespace around it and a "
    f"leading {', '.join(LABEL_SIGILS)} are dropped; the label is stored in lower case, "
    f"which must be {MAX_LABEL_CHARS} characters at most too (ß becomes ss)."
)


class _NamedLabelSchema:
    """Makes the label one schema, ``Label``, in the OpenAPI document (its pattern is long)
    and writes the pattern into it. Validation is unchanged: the domain checks labels."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return cast("CoreSchema", {**handler(source), "ref": "Label"})

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        named = handler.resolve_ref_schema(json_schema)
        named["pattern"] = label_pattern()
        named["description"] = LABEL_RULE
        return json_schema


Label = Annotated[str, Field(min_length=1, max_length=MAX_LABEL_CHARS), _NamedLabelSchema()]
LABELS_RULE = (
    f"Up to {MAX_LABELS} labels of 1 to {MAX_LABEL_CHARS} characters, without spaces or "
    "control characters; merged with the #tags, @people and +activities in the text."
)


def _feeling_names(schema: JsonDict) -> None:
    """The feelings vocabulary as the item's enum (read when the document is made)."""
    names = dict.fromkeys(name for quadrant in load_feelings() for name in quadrant.feelings)
    schema["enum"] = [*names, CANNOT_NAME]


class EntryIn(BaseModel):
    """A new or edited journal entry."""

    text: str = Field(
        max_length=MAX_TEXT_CHARS,
        description=(
            f"Up to {MAX_TEXT_CHARS:,} characters, no NUL characters. A blank entry is "
            "allowed, as in the CLI and the web pages (an entry that only marks the moment)."
        ),
        json_schema_extra={"pattern": NO_NUL},
    )
    tags: list[Label] = Field(default_factory=list, max_length=MAX_LABELS, description=LABELS_RULE)
    people: list[Label] = Field(
        default_factory=list, max_length=MAX_LABELS, description=LABELS_RULE
    )
    activities: list[Label] = Field(
        default_factory=list, max_length=MAX_LABELS, description=LABELS_RULE
    )
    written_at: Moment | None = Field(
        default=None, description=f"When it happened; default now. {MOMENT_RULE}"
    )


class EntryOut(BaseModel):
    """A saved journal entry with its analysis (the analyze contract).

    ``analysis`` is null when the stored analysis could not be read; ``needs_reanalysis``
    then says so (``reconnect reanalyze`` reads it again). ``concern`` asks the calm safety
    check; ``safety_check`` is the answer given, if any (POST
    ``/api/entries/{id}/safety-check``).
    """

    id: int
    written_at: datetime
    updated_at: datetime
    text: str
    tags: list[str]
    people: list[str]
    activities: list[str]
    analysis: AnalysisOut | None
    crisis: bool
    concern: bool
    needs_reanalysis: bool
    safety_check: SafetyCheckOut | None = None
    crisis_resources: CrisisResourcesOut | None = None
    disclaimer: str = Field(
        default_factory=lambda: load_texts().disclaimer,
        description="Signs are patterns in the words, not a diagnosis (SAFE-7).",
    )


class CheckInIn(BaseModel):
    """A mood check-in: pleasantness and energy from 1 to 10, optional feelings and note."""

    pleasantness: int = Field(ge=1, le=10)
    energy: int = Field(ge=1, le=10)
    feelings: list[
        Annotated[str, Field(max_length=MAX_FEELING_CHARS, json_schema_extra=_feeling_names)]
    ] = Field(
        default_factory=list,
        max_length=MAX_FEELINGS,
        description=(
            "Names from the feelings vocabulary (reconnect checkin --list-feelings), or "
            f"{CANNOT_NAME!r}. Case, surrounding spaces and a space for a hyphen are forgiven; "
            "any other name gives 422."
        ),
    )
    note: str = Field(
        default="",
        max_length=MAX_NOTE_CHARS,
        description=f"Up to {MAX_NOTE_CHARS:,} characters, no NUL characters.",
        json_schema_extra={"pattern": NO_NUL},
    )
    checked_at: Moment | None = Field(default=None, description=f"When; default now. {MOMENT_RULE}")


class CheckInOut(BaseModel):
    """A saved check-in."""

    id: int
    checked_at: datetime
    pleasantness: int
    energy: int
    quadrant: str
    feelings: list[str]
    granularity: int
    note: str
    crisis: bool
    concern: bool = False
    safety_check: SafetyCheckOut | None = None
    crisis_resources: CrisisResourcesOut | None = None


def entry_out(entry: Entry, country: str | None = None) -> EntryOut:
    """An entry for JSON output; crisis resources are attached when it carries crisis language."""
    return EntryOut(
        id=entry.id,
        written_at=entry.written_at,
        updated_at=entry.updated_at,
        text=entry.text,
        tags=list(entry.tags),
        people=list(entry.people),
        activities=list(entry.activities),
        analysis=None if entry.analysis is None else analysis_out(entry.analysis),
        crisis=entry.crisis,
        concern=entry.concern,
        needs_reanalysis=entry.needs_reanalysis,
        safety_check=safety_check_out(entry.safety_check),
        crisis_resources=resources_if(entry.crisis, country),
    )


def checkin_out(checkin: CheckIn, country: str | None = None) -> CheckInOut:
    """A check-in for JSON output, with crisis resources when its note needs them."""
    return CheckInOut(
        id=checkin.id,
        checked_at=checkin.checked_at,
        pleasantness=checkin.pleasantness,
        energy=checkin.energy,
        quadrant=checkin.quadrant,
        feelings=list(checkin.feelings),
        granularity=checkin.granularity,
        note=checkin.note,
        crisis=checkin.crisis,
        concern=checkin.concern,
        safety_check=safety_check_out(checkin.safety_check),
        crisis_resources=resources_if(checkin.crisis, country),
    )
