"""Self-check instruments and their scoring: pure rules, no I/O.

An instrument is data (see ``reconnect/content/instruments/*.toml``). Every
dimension is oriented the same way: a higher score means more signs of
detachment. Items worded in the healthy direction are reverse-keyed and
inverted before scoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from reconnect.domain.selfcheck_choices import Perspective as Perspective
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class Scale:
    """The allowed answer values, lowest first, with a label for each."""

    values: tuple[int, ...]
    labels: tuple[str, ...]

    @property
    def low(self) -> int:
        """The smallest allowed value."""
        return self.values[0]

    @property
    def high(self) -> int:
        """The largest allowed value."""
        return self.values[-1]

    def label_for(self, value: int) -> str:
        """The label shown for an answer value."""
        return self.labels[self.values.index(value)]


@dataclass(frozen=True, slots=True)
class Item:
    """One statement the person rates, worded for both perspectives."""

    id: str
    dimension: str
    reverse: bool
    text_self: str
    text_partner: str
    seed: str

    def text_for(self, perspective: Perspective) -> str:
        """The wording for the chosen perspective."""
        return self.text_self if perspective is Perspective.SELF else self.text_partner


@dataclass(frozen=True, slots=True)
class Dimension:
    """A group of items scored together (numbness, withdrawal, ...)."""

    id: str
    name: str
    description: str
    seed: str


@dataclass(frozen=True, slots=True)
class Band:
    """A named range of scores: from ``lower`` (inclusive) up to the next band's lower bound."""

    id: str
    label: str
    lower: float
    text: str


@dataclass(frozen=True, slots=True)
class Condition:
    """One test inside a seek-help rule: a dimension score or an item answer at least a value."""

    dimension: str | None = None
    min_score: float | None = None
    item: str | None = None
    min_value: int | None = None


@dataclass(frozen=True, slots=True)
class SeekHelpRule:
    """A "when to seek help" condition from the seeds, and what to suggest when it holds."""

    id: str
    condition_text: str
    suggestion: str
    conditions: tuple[Condition, ...]
    match: str  # "any" or "all"
    seed: str
    # Worded for a result about a partner: what the person can do for them and could say
    # to them. None falls back to ``suggestion`` (an instrument may word it for both).
    suggestion_partner: str | None = None

    def suggestion_for(self, perspective: Perspective) -> str:
        """The suggestion worded for who the self-check was about."""
        if perspective is Perspective.PARTNER and self.suggestion_partner:
            return self.suggestion_partner
        return self.suggestion


@dataclass(frozen=True, slots=True)
class ContrastRow:
    """One row of the detachment-versus-healthy-boundaries table (001_*.txt)."""

    detached: str
    healthy: str
    dimensions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A complete questionnaire: scale, dimensions, items, bands, rules and contrast table."""

    id: str
    version: int
    title: str
    description: str
    scale: Scale
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    seek_help: tuple[SeekHelpRule, ...]
    contrast: tuple[ContrastRow, ...]
    min_answered_fraction: float
    missing_rule_text: str

    def item(self, item_id: str) -> Item:
        """The item with this id; raises InputError when there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise InputError(f"unknown item id {item_id!r} for instrument {self.id!r}")

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id; raises InputError when there is none."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise InputError(f"unknown dimension {dimension_id!r} for instrument {self.id!r}")

    def band(self, band_id: str) -> Band:
        """The band with this id; raises InputError when there is none."""
        for band in self.bands:
            if band.id == band_id:
                return band
        raise InputError(f"unknown band {band_id!r} for instrument {self.id!r}")


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """The score of one dimension: 0-100 (more signs = higher), or None when too few answers."""

    dimension: str
    score: float | None
    band: str | None
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class SelfCheckScore:
    """What scoring a set of answers produces."""

    instrument_id: str
    instrument_version: int
    perspective: Perspective
    dimensions: tuple[DimensionScore, ...]
    seek_help: tuple[str, ...]
    missing: tuple[str, ...]

    def for_dimension(self, dimension_id: str) -> DimensionScore:
        """The score of one dimension."""
        for score in self.dimensions:
            if score.dimension == dimension_id:
                return score
        raise InputError(f"no score for dimension {dimension_id!r}")


@dataclass(frozen=True, slots=True)
class SelfCheckResult:
    """A saved self-check: the answers given and their score."""

    id: int
    taken_at: datetime
    answers: Mapping[str, int]
    score: SelfCheckScore


@dataclass(frozen=True, slots=True)
class SelfCheckDraft:
    """Answers given so far to a self-check that was interrupted, to be resumed later."""

    instrument_id: str
    perspective: Perspective
    answers: Mapping[str, int]
    updated_at: datetime


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    """Check answer ids and values against the instrument; return them as ``{id: int}``.

    Raises InputError naming the first unknown id or out-of-scale value.
    Booleans are refused even though Python treats them as integers.
    """
    known = {item.id for item in instrument.items}
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise InputError(
                f"unknown item id {item_id!r}",
                hint="List the items with: reconnect check --list-items",
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(
                f"answer to {item_id!r} must be a whole number on the scale "
                f"{list(instrument.scale.values)}, not {value!r}"
            )
        if value not in instrument.scale.values:
            raise InputError(
                f"answer to {item_id!r} is {value}, outside the scale "
                f"{list(instrument.scale.values)}"
            )
        checked[item_id] = value
    return checked


def item_points(instrument: Instrument, item: Item, value: int) -> int:
    """The value an answer contributes, inverted for reverse-keyed items.

    >>> from reconnect.domain.selfcheck import Scale
    >>> scale = Scale(values=(0, 1, 2, 3, 4), labels=("a", "b", "c", "d", "e"))
    >>> scale.low + scale.high - 1
    3
    """
    if item.reverse:
        return instrument.scale.low + instrument.scale.high - value
    return value


def band_for(bands: tuple[Band, ...], score: float) -> Band:
    """The band whose range holds the score: the highest band with ``lower <= score``."""
    chosen = bands[0]
    for band in bands:
        if score >= band.lower:
            chosen = band
    return chosen


def _dimension_score(
    instrument: Instrument, dimension: Dimension, answers: Mapping[str, int]
) -> DimensionScore:
    items = [item for item in instrument.items if item.dimension == dimension.id]
    given = [
        item_points(instrument, item, answers[item.id]) for item in items if item.id in answers
    ]
    total = len(items)
    # Missing-answer rule: a dimension is scored from the mean of the items answered,
    # and only when at least min_answered_fraction of its items were answered.
    # Compared in exact fractions: 0.28 * 25 is 7.000000000000001 in floating point.
    needed = Fraction(str(instrument.min_answered_fraction)) * total
    if not given or len(given) < needed:
        return DimensionScore(dimension.id, None, None, len(given), total)
    span = instrument.scale.high - instrument.scale.low
    mean = sum(given) / len(given)
    score = round((mean - instrument.scale.low) / span * 100, 1)
    return DimensionScore(
        dimension.id, score, band_for(instrument.bands, score).id, len(given), total
    )


def _condition_holds(
    condition: Condition, scores: Mapping[str, DimensionScore], answers: Mapping[str, int]
) -> bool:
    if condition.dimension is not None and condition.min_score is not None:
        score = scores[condition.dimension].score
        return score is not None and score >= condition.min_score
    if condition.item is not None and condition.min_value is not None:
        value = answers.get(condition.item)
        return value is not None and value >= condition.min_value
    return False


def rule_fires(
    rule: SeekHelpRule, scores: Mapping[str, DimensionScore], answers: Mapping[str, int]
) -> bool:
    """Whether a seek-help rule holds for these scores and answers."""
    results = [_condition_holds(condition, scores, answers) for condition in rule.conditions]
    return all(results) if rule.match == "all" else any(results)


def score_answers(
    instrument: Instrument, answers: Mapping[str, object], perspective: Perspective
) -> SelfCheckScore:
    """Score answers into dimensions and bands, and evaluate the seek-help rules.

    Unknown ids and out-of-scale values raise InputError. Unanswered items are
    listed in ``missing``; see ``Instrument.missing_rule_text`` for how they count.
    """
    checked = validate_answers(instrument, answers)
    dimension_scores = tuple(
        _dimension_score(instrument, dimension, checked) for dimension in instrument.dimensions
    )
    by_id = {score.dimension: score for score in dimension_scores}
    fired = tuple(rule.id for rule in instrument.seek_help if rule_fires(rule, by_id, checked))
    missing = tuple(item.id for item in instrument.items if item.id not in checked)
    return SelfCheckScore(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        perspective=perspective,
        dimensions=dimension_scores,
        seek_help=fired,
        missing=missing,
    )


def elevated_contrast(
    instrument: Instrument, score: SelfCheckScore
) -> list[tuple[ContrastRow, bool]]:
    """Every contrast row, with whether one of its dimensions scored in the upper half."""
    rows: list[tuple[ContrastRow, bool]] = []
    for row in instrument.contrast:
        found = any(
            (s := score.for_dimension(dim).score) is not None and s >= 50 for dim in row.dimensions
        )
        rows.append((row, found))
    return rows


def trend(values: list[float | None]) -> str:
    """A one-line sparkline of scores 0-100, oldest first; a gap is shown as a space.

    >>> trend([0, 50, 100, None])
    '▁▅█ '
    """
    blocks = "▁▂▃▄▅▆▇█"
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            out.append(blocks[min(len(blocks) - 1, int(value / 100 * (len(blocks) - 1) + 0.5))])
    return "".join(out)


def score_to_dict(score: SelfCheckScore) -> dict[str, object]:
    """The parts of a score that are stored and exported (dimensions, rules fired, missing)."""
    return {
        "dimensions": [
            {
                "dimension": d.dimension,
                "score": d.score,
                "band": d.band,
                "answered": d.answered,
                "total": d.total,
            }
            for d in score.dimensions
        ],
        "seek_help": list(score.seek_help),
        "missing": list(score.missing),
    }


def score_from_dict(
    data: Mapping[str, Any], instrument_id: str, instrument_version: int, perspective: Perspective
) -> SelfCheckScore:
    """Rebuild a score written by ``score_to_dict``; KeyError/TypeError/ValueError if malformed."""
    return SelfCheckScore(
        instrument_id=instrument_id,
        instrument_version=instrument_version,
        perspective=perspective,
        dimensions=tuple(
            DimensionScore(
                str(d["dimension"]),
                None if d["score"] is None else float(d["score"]),
                None if d["band"] is None else str(d["band"]),
                int(d["answered"]),
                int(d["total"]),
            )
            for d in data["dimensions"]
        ),
        seek_help=tuple(str(r) for r in data["seek_help"]),
        missing=tuple(str(m) for m in data["missing"]),
    )
