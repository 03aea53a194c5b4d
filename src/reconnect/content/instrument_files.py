"""Load the self-check instruments (``content/instruments/*.toml``) and validate them into
domain instruments."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from reconnect.content.schema import Strict
from reconnect.domain.selfcheck import (
    Band,
    Condition,
    ContrastRow,
    Dimension,
    Instrument,
    Item,
    Scale,
    SeekHelpRule,
)
from reconnect.domain.selfcheck_choices import DEFAULT_INSTRUMENT
from reconnect.errors import ContentError, NotFoundError


class _ScaleIn(Strict):
    values: list[int] = Field(min_length=2)
    labels: list[str]

    @model_validator(mode="after")
    def _check(self) -> _ScaleIn:
        if self.values != sorted(set(self.values)):
            raise ValueError("scale values must be distinct and ascending")
        if len(self.labels) != len(self.values):
            raise ValueError("scale needs one label per value")
        return self


class _DimensionIn(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str
    seed: Literal["000", "001", "002", "003", "004"]


class _ItemIn(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    dimension: str
    reverse: bool = False
    self_text: str = Field(alias="self", min_length=10)
    partner_text: str = Field(alias="partner", min_length=10)
    seed: Literal["000", "001", "002", "003", "004"]


class _BandIn(Strict):
    id: str
    label: str
    lower: float = Field(ge=0, le=100)
    text: str


class _ConditionIn(Strict):
    dimension: str | None = None
    min_score: float | None = Field(default=None, ge=0, le=100)
    item: str | None = None
    min_value: int | None = None

    @model_validator(mode="after")
    def _check(self) -> _ConditionIn:
        by_dimension = self.dimension is not None and self.min_score is not None
        by_item = self.item is not None and self.min_value is not None
        if by_dimension == by_item:
            raise ValueError("a condition needs either dimension+min_score or item+min_value")
        return self


class _RuleIn(Strict):
    id: str
    condition: str
    suggestion: str
    suggestion_partner: str | None = None
    match: Literal["any", "all"] = "any"
    when: list[_ConditionIn] = Field(min_length=1)
    seed: Literal["000", "001", "002", "003", "004"]


class _ContrastIn(Strict):
    detached: str
    healthy: str
    dimensions: list[str] = Field(min_length=1)


class _InstrumentIn(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    title: str
    description: str
    min_answered_fraction: float = Field(gt=0, le=1)
    missing_rule: str
    scale: _ScaleIn
    dimensions: list[_DimensionIn] = Field(min_length=1)
    items: list[_ItemIn] = Field(min_length=1)
    bands: list[_BandIn] = Field(min_length=2)
    seek_help: list[_RuleIn] = Field(default_factory=list)
    contrast: list[_ContrastIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> _InstrumentIn:
        dims = {d.id for d in self.dimensions}
        items = {i.id for i in self.items}
        if len(dims) != len(self.dimensions):
            raise ValueError("dimension ids must be unique")
        if len(items) != len(self.items):
            raise ValueError("item ids must be unique")
        for item in self.items:
            if item.dimension not in dims:
                raise ValueError(f"item {item.id} names unknown dimension {item.dimension}")
        for dim in dims:
            if not any(item.dimension == dim for item in self.items):
                raise ValueError(f"dimension {dim} has no items")
        lowers = [b.lower for b in self.bands]
        if lowers[0] != 0 or lowers != sorted(set(lowers)):
            raise ValueError("bands must start at 0 and ascend strictly")
        for rule in self.seek_help:
            for cond in rule.when:
                if cond.dimension is not None and cond.dimension not in dims:
                    raise ValueError(f"rule {rule.id} names unknown dimension {cond.dimension}")
                if cond.item is not None and cond.item not in items:
                    raise ValueError(f"rule {rule.id} names unknown item {cond.item}")
        for row in self.contrast:
            for dim in row.dimensions:
                if dim not in dims:
                    raise ValueError(f"contrast row names unknown dimension {dim}")
        return self

    def to_domain(self) -> Instrument:
        return Instrument(
            id=self.id,
            version=self.version,
            title=self.title.strip(),
            description=self.description.strip(),
            scale=Scale(values=tuple(self.scale.values), labels=tuple(self.scale.labels)),
            dimensions=tuple(
                Dimension(d.id, d.name, d.description.strip(), d.seed) for d in self.dimensions
            ),
            items=tuple(
                Item(i.id, i.dimension, i.reverse, i.self_text, i.partner_text, i.seed)
                for i in self.items
            ),
            bands=tuple(Band(b.id, b.label, b.lower, b.text.strip()) for b in self.bands),
            seek_help=tuple(
                SeekHelpRule(
                    id=r.id,
                    condition_text=r.condition.strip(),
                    suggestion=r.suggestion.strip(),
                    conditions=tuple(
                        Condition(c.dimension, c.min_score, c.item, c.min_value) for c in r.when
                    ),
                    match=r.match,
                    seed=r.seed,
                    suggestion_partner=(
                        r.suggestion_partner.strip() if r.suggestion_partner else None
                    ),
                )
                for r in self.seek_help
            ),
            contrast=tuple(
                ContrastRow(c.detached, c.healthy, tuple(c.dimensions)) for c in self.contrast
            ),
            min_answered_fraction=self.min_answered_fraction,
            missing_rule_text=self.missing_rule.strip(),
        )


def parse_instrument(text: str, source: str) -> Instrument:
    """Parse and validate one instrument file's text; raises ContentError naming the source."""
    try:
        raw = tomllib.loads(text)
        return _InstrumentIn.model_validate(raw).to_domain()
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"instrument file {source} is invalid: {exc}") from exc


@lru_cache(maxsize=1)
def load_instruments() -> tuple[Instrument, ...]:
    """Every instrument shipped in ``content/instruments/``, sorted by id."""
    folder = resources.files("reconnect.content").joinpath("instruments")
    found = [
        parse_instrument(entry.read_text(encoding="utf-8"), entry.name)
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    return tuple(sorted(found, key=lambda instrument: instrument.id))


def load_instrument(instrument_id: str = DEFAULT_INSTRUMENT) -> Instrument:
    """The instrument with this id; raises NotFoundError listing the known ids."""
    instruments = load_instruments()
    for instrument in instruments:
        if instrument.id == instrument_id:
            return instrument
    known = ", ".join(i.id for i in instruments)
    raise NotFoundError(f"no instrument {instrument_id!r}", hint=f"Known instruments: {known}")
