"""Load the project's own content files (instruments, ...) and validate them into domain objects."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reconnect.domain.checkins import Quadrant
from reconnect.domain.practices import Practice
from reconnect.domain.prompts import Prompt
from reconnect.domain.safety import INTERNATIONAL, CrisisResources, HelpService
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
from reconnect.domain.selfcheck_choices import DEFAULT_INSTRUMENT as DEFAULT_INSTRUMENT
from reconnect.errors import ContentError, NotFoundError

SEED_IDS = ("000", "001", "002", "003", "004")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ScaleIn(_Strict):
    values: list[int] = Field(min_length=2)
    labels: list[str]

    @model_validator(mode="after")
    def _check(self) -> _ScaleIn:
        if self.values != sorted(set(self.values)):
            raise ValueError("scale values must be distinct and ascending")
        if len(self.labels) != len(self.values):
            raise ValueError("scale needs one label per value")
        return self


class _DimensionIn(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str
    seed: Literal["000", "001", "002", "003", "004"]


class _ItemIn(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    dimension: str
    reverse: bool = False
    self_text: str = Field(alias="self", min_length=10)
    partner_text: str = Field(alias="partner", min_length=10)
    seed: Literal["000", "001", "002", "003", "004"]


class _BandIn(_Strict):
    id: str
    label: str
    lower: float = Field(ge=0, le=100)
    text: str


class _ConditionIn(_Strict):
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


class _RuleIn(_Strict):
    id: str
    condition: str
    suggestion: str
    suggestion_partner: str | None = None
    match: Literal["any", "all"] = "any"
    when: list[_ConditionIn] = Field(min_length=1)
    seed: Literal["000", "001", "002", "003", "004"]


class _ContrastIn(_Strict):
    detached: str
    healthy: str
    dimensions: list[str] = Field(min_length=1)


class _InstrumentIn(_Strict):
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


class SafetyCheckTexts(_Strict):
    """The words of the calm "are you safe right now?" check (an analysis' ``concern``)."""

    question: str
    safe: str
    help: str
    choose: str
    later: str
    thanks: str
    help_link: str
    asked_for_help: str


class NotAnalysedTexts(_Strict):
    """What is said about an entry whose stored analysis could not be read."""

    message: str
    hint: str
    short: str
    several: str
    in_insights: str
    in_insights_page: str


class Texts(_Strict):
    disclaimer: str
    seek_help_intro: str
    no_seek_help: str
    crisis_notice: str
    help_now: str
    abuse_notice: str
    not_english: str
    safety_check: SafetyCheckTexts
    not_analysed: NotAnalysedTexts


@lru_cache(maxsize=1)
def load_texts() -> Texts:
    """Short shared texts (the disclaimer, ...) from ``content/texts.toml``."""
    text = resources.files("reconnect.content").joinpath("texts.toml").read_text(encoding="utf-8")
    try:
        return Texts.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"texts.toml is invalid: {exc}") from exc


class _QuadrantIn(_Strict):
    id: Literal["red", "yellow", "blue", "green"]
    label: str
    description: str
    feelings: list[str] = Field(min_length=10)


class _FeelingsIn(_Strict):
    quadrants: list[_QuadrantIn] = Field(min_length=4, max_length=4)

    @model_validator(mode="after")
    def _check(self) -> _FeelingsIn:
        names = [f for q in self.quadrants for f in q.feelings]
        if len(names) != len(set(names)):
            raise ValueError("a feeling appears in more than one place")
        return self


@lru_cache(maxsize=1)
def load_feelings() -> tuple[Quadrant, ...]:
    """The mood meter's quadrants and their named feelings, from ``content/feelings.toml``."""
    text = resources.files("reconnect.content").joinpath("feelings.toml").read_text("utf-8")
    try:
        parsed = _FeelingsIn.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"feelings.toml is invalid: {exc}") from exc
    return tuple(
        Quadrant(q.id, q.label, q.description, tuple(q.feelings)) for q in parsed.quadrants
    )


class _ServiceIn(_Strict):
    name: str
    description: str
    hours: str
    phone: str | None = Field(default=None, pattern=r"^[0-9][0-9 -]{2,15}$")
    sms: str | None = Field(default=None, pattern=r"^[0-9]{3,8}$")
    url: str | None = Field(default=None, pattern=r"^https://")

    @model_validator(mode="after")
    def _reachable(self) -> _ServiceIn:
        if not (self.phone or self.sms or self.url):
            raise ValueError(f"{self.name} needs a phone number, a text number or a web address")
        return self


class _CountryIn(_Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    emergency: str
    verified_on: date
    source_url: str = Field(pattern=r"^https://")
    services: list[_ServiceIn] = Field(min_length=1)


class _InternationalIn(_Strict):
    name: str
    emergency: str
    verified_on: date
    source_url: str = Field(pattern=r"^https://")
    services: list[_ServiceIn] = Field(min_length=1)


class _ResourcesIn(_Strict):
    countries: list[_CountryIn]
    international: _InternationalIn


def _services_of(services: list[_ServiceIn]) -> tuple[HelpService, ...]:
    return tuple(
        HelpService(s.name, s.description, s.hours, s.phone, s.sms, s.url) for s in services
    )


@lru_cache(maxsize=1)
def load_crisis_resources() -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    """Crisis resources by country, and the international fallback."""
    return _load_resources("crisis_resources.toml")


@lru_cache(maxsize=1)
def load_abuse_resources() -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    """Domestic-abuse help by country, and the international fallback (same shape)."""
    return _load_resources("abuse_resources.toml")


def _load_resources(name: str) -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    text = resources.files("reconnect.content").joinpath(name).read_text("utf-8")
    try:
        parsed = _ResourcesIn.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"{name} is invalid: {exc}") from exc
    countries = tuple(
        CrisisResources(
            c.code, c.name, c.emergency, _services_of(c.services), c.verified_on, c.source_url
        )
        for c in parsed.countries
    )
    i = parsed.international
    international = CrisisResources(
        INTERNATIONAL, i.name, i.emergency, _services_of(i.services), i.verified_on, i.source_url
    )
    return countries, international


class _PromptIn(_Strict):
    id: str
    text: str = Field(min_length=10)
    answers: str = Field(alias="for")
    seed: Literal["000", "001", "002", "003", "004"]


class _PromptsIn(_Strict):
    prompts: list[_PromptIn] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_prompts() -> tuple[Prompt, ...]:
    """The journaling prompts from ``content/prompts.toml``."""
    text = resources.files("reconnect.content").joinpath("prompts.toml").read_text("utf-8")
    try:
        parsed = _PromptsIn.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"prompts.toml is invalid: {exc}") from exc
    return tuple(Prompt(p.id, p.text, p.answers, p.seed) for p in parsed.prompts)


class _PracticeIn(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    why: str = Field(min_length=20)
    seed: Literal["000", "001", "002", "003", "004"]
    audience: Literal["self", "partner", "couple"] = Field(alias="for")
    duration_minutes: int = Field(ge=1, le=120)
    difficulty: int = Field(ge=1, le=5)
    timed: bool
    addresses: list[str] = Field(min_length=1)
    steps: list[str] = Field(min_length=1)


class _PracticesIn(_Strict):
    practices: list[_PracticeIn] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_practices() -> tuple[Practice, ...]:
    """Every practice in ``content/practices/*.toml``, sorted by id; ids must be unique."""
    folder = resources.files("reconnect.content").joinpath("practices")
    found: list[Practice] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        try:
            parsed = _PracticesIn.model_validate(tomllib.loads(entry.read_text("utf-8")))
        except (tomllib.TOMLDecodeError, ValidationError) as exc:
            raise ContentError(f"practice file {entry.name} is invalid: {exc}") from exc
        found.extend(
            Practice(
                p.id,
                p.title,
                p.why,
                p.seed,
                p.audience,
                p.duration_minutes,
                p.difficulty,
                p.timed,
                tuple(p.addresses),
                tuple(p.steps),
            )
            for p in parsed.practices
        )
    ids = [p.id for p in found]
    if len(ids) != len(set(ids)):
        raise ContentError("two practices share an id")
    return tuple(sorted(found, key=lambda p: p.id))
