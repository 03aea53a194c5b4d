"""JSON shapes of the self-check: instruments, items, results and drafts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, Field

from reconnect.content import load_instruments, load_texts
from reconnect.domain.selfcheck import Perspective, elevated_contrast

if TYPE_CHECKING:
    from pydantic.config import JsonDict

    from reconnect.domain.selfcheck import Instrument, SelfCheckDraft, SelfCheckResult


class ItemOut(BaseModel):
    """One self-check item as listed for a perspective."""

    id: str
    dimension: str
    reverse: bool
    scale: list[int]
    text: str


class ScalePointOut(BaseModel):
    """One allowed answer and its label."""

    value: int
    label: str


class InstrumentOut(BaseModel):
    """An instrument with its items worded for one perspective."""

    id: str
    version: int
    title: str
    description: str
    perspective: Perspective
    scale: list[ScalePointOut]
    items: list[ItemOut]


class DimensionOut(BaseModel):
    """The score of one dimension: 0-100, higher meaning more signs of detachment."""

    name: str
    score: float | None = Field(description="0-100, or null when too few items were answered")
    band: str | None
    band_label: str | None
    band_text: str | None
    answered: int
    total: int


class SeekHelpOut(BaseModel):
    """A "when to seek help" condition that holds, with the suggestion for it."""

    id: str
    condition: str
    suggestion: str = Field(
        description="Worded for who the self-check was about: with a result about a partner, "
        "what you can do for them and could say to them"
    )


class ContrastOut(BaseModel):
    """A row of the detachment-versus-healthy-boundaries table."""

    detached: str
    healthy: str
    found: bool = Field(description="whether one of its dimensions scored 50 or more")


class SelfCheckResultOut(BaseModel):
    """A saved self-check result."""

    id: int
    taken_at: datetime
    instrument: str
    instrument_version: int
    perspective: Perspective
    dimensions: dict[str, DimensionOut]
    seek_help: list[SeekHelpOut]
    contrast: list[ContrastOut]
    missing: list[str]
    missing_rule: str
    disclaimer: str


def _item_ids(schema: JsonDict) -> None:
    """Every shipped instrument's item ids as the answer keys' enum (read when the document
    is made). A union: with several instruments, an id of another one would be allowed here
    and refused by the server; with the one instrument shipped now, the enum is exact."""
    ids = dict.fromkeys(item.id for instrument in load_instruments() for item in instrument.items)
    schema["enum"] = list(ids)


ItemId = Annotated[str, Field(max_length=64, json_schema_extra=_item_ids)]
Answer = Annotated[int, Field(ge=0, le=4)]


class AnswersIn(BaseModel):
    """Answers to a self-check: item id to a value on the scale."""

    perspective: Perspective = Perspective.SELF
    instrument: str = Field(default="detachment-signs", max_length=64)
    answers: dict[ItemId, Answer] = Field(
        max_length=500,
        description="Item id to its answer, 0 to 4 (every instrument's scale); unknown ids "
        "or an answer off the instrument's own scale give 422.",
    )


class SelfCheckIn(AnswersIn):
    """Answers to score and save as a result: at least one (a draft may hold none)."""

    answers: dict[ItemId, Answer] = Field(
        min_length=1,
        max_length=500,
        description="Item id to its answer, 0 to 4 (every instrument's scale), at least one: "
        "skipped items are left out of the score, but a self-check with no answer has no "
        "result. Unknown ids or an answer off the instrument's own scale give 422.",
    )


def instrument_out(instrument: Instrument, perspective: Perspective) -> InstrumentOut:
    """The instrument as listed for one perspective."""
    scale = list(instrument.scale.values)
    return InstrumentOut(
        id=instrument.id,
        version=instrument.version,
        title=instrument.title,
        description=instrument.description,
        perspective=perspective,
        scale=[
            ScalePointOut(value=v, label=label)
            for v, label in zip(instrument.scale.values, instrument.scale.labels, strict=True)
        ],
        items=[
            ItemOut(
                id=item.id,
                dimension=item.dimension,
                reverse=item.reverse,
                scale=scale,
                text=item.text_for(perspective),
            )
            for item in instrument.items
        ],
    )


def selfcheck_result_out(instrument: Instrument, result: SelfCheckResult) -> SelfCheckResultOut:
    """A saved result with names, band texts, fired rules and the contrast table spelled out."""
    score = result.score
    dimensions: dict[str, DimensionOut] = {}
    for dim_score in score.dimensions:
        dimension = instrument.dimension(dim_score.dimension)
        band = instrument.band(dim_score.band) if dim_score.band is not None else None
        dimensions[dim_score.dimension] = DimensionOut(
            name=dimension.name,
            score=dim_score.score,
            band=dim_score.band,
            band_label=band.label if band else None,
            band_text=band.text if band else None,
            answered=dim_score.answered,
            total=dim_score.total,
        )
    rules = {rule.id: rule for rule in instrument.seek_help}
    return SelfCheckResultOut(
        id=result.id,
        taken_at=result.taken_at,
        instrument=score.instrument_id,
        instrument_version=score.instrument_version,
        perspective=score.perspective,
        dimensions=dimensions,
        seek_help=[
            SeekHelpOut(
                id=rule_id,
                condition=rules[rule_id].condition_text,
                suggestion=rules[rule_id].suggestion_for(score.perspective),
            )
            for rule_id in score.seek_help
            if rule_id in rules
        ],
        contrast=[
            ContrastOut(detached=row.detached, healthy=row.healthy, found=found)
            for row, found in elevated_contrast(instrument, score)
        ],
        missing=list(score.missing),
        missing_rule=instrument.missing_rule_text,
        disclaimer=load_texts().disclaimer,
    )


class InstrumentSummaryOut(BaseModel):
    """An instrument in a listing."""

    id: str
    version: int
    title: str
    items: int


class DraftOut(BaseModel):
    """The answers so far to an unfinished self-check."""

    instrument: str
    perspective: Perspective
    answers: dict[str, int]
    updated_at: datetime

    @classmethod
    def from_domain(cls, draft: SelfCheckDraft) -> DraftOut:
        """Build from the domain draft."""
        return cls(
            instrument=draft.instrument_id,
            perspective=draft.perspective,
            answers=dict(draft.answers),
            updated_at=draft.updated_at,
        )
