"""What the analyzer found in one text, as typed values shared by every layer.

The analyzer (``reconnect.analysis``) builds an ``Analysis``; storage keeps it in an entry's
encrypted payload through ``to_dict`` and ``Analysis.from_dict``; services, the CLI, the web
app and the API read its fields, never string keys. ``from_dict`` is the one place a stored or
imported analysis is read back, and it refuses anything that is not the contract's shape
(DESIGN.md "the analysis contract"), so a damaged or hostile payload is an ``InputError`` with
the field that is wrong, never a ``TypeError`` three layers up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reconnect.errors import InputError

__all__ = ["ANALYZER_VERSION", "Analysis", "Emotion", "MarkerResult", "Span"]

# The version of the analyzer whose results ``Analysis`` holds (``analysis/analyzer.py``); an
# entry read by another version is offered a new reading. Kept here so that counting such
# entries loads no analyzer.
ANALYZER_VERSION = "3.15"

# A stored analysis is at most this many markers, spans and emotions: more is not ours.
_MAX_ITEMS = 200


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the input: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MarkerResult:
    """A detected marker: how sure, where the evidence is, and whose state it describes."""

    name: str
    score: float
    evidence: tuple[Span, ...]
    subject: str = "self"


@dataclass(frozen=True, slots=True)
class Emotion:
    """A named feeling found in the text, with its family and a confidence."""

    name: str
    family: str
    score: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyzer found in one text.

    ``crisis`` is confident (crisis resources come first); ``concern`` is unsure (a calm
    "are you safe right now?" check). ``crisis`` implies ``concern`` is false: the stronger
    signal is the one shown. ``language`` is an ISO 639-1 code; text that is not English
    (``"en"``) carries no markers and no emotions, only crisis or concern from the
    project's phrase lists.
    """

    markers: tuple[MarkerResult, ...]
    emotions: tuple[Emotion, ...]
    valence: float
    granularity: int
    subject: str
    crisis: bool
    analyzer_version: str
    concern: bool = False
    language: str = "en"

    def marker(self, name: str) -> MarkerResult | None:
        """The detected marker with this name, or None."""
        return next((m for m in self.markers if m.name == name), None)

    @property
    def marker_names(self) -> frozenset[str]:
        """The names of the detected markers."""
        return frozenset(m.name for m in self.markers)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md plus ``analyzer_version``; the caller adds ``id``."""
        return {
            "markers": [
                {
                    "name": m.name,
                    "score": m.score,
                    "evidence": [
                        {"start": s.start, "end": s.end, "text": s.text} for s in m.evidence
                    ],
                    "subject": m.subject,
                }
                for m in self.markers
            ],
            "emotions": [
                {"name": e.name, "family": e.family, "score": e.score} for e in self.emotions
            ],
            "valence": self.valence,
            "granularity": self.granularity,
            "subject": self.subject,
            "language": self.language,
            "crisis": self.crisis,
            "concern": self.concern,
            "analyzer_version": self.analyzer_version,
        }

    @classmethod
    def from_dict(cls, data: object) -> Analysis:
        """Read back what ``to_dict`` wrote (older versions without ``concern``, ``language``
        or a marker's ``subject`` included); raises InputError naming the wrong field."""
        raw = _mapping(data, "analysis")
        markers = tuple(
            MarkerResult(
                name=_text(m, "name", f"analysis.markers[{i}]"),
                score=_number(m, "score", f"analysis.markers[{i}]"),
                evidence=tuple(
                    Span(
                        start=_integer(s, "start", f"analysis.markers[{i}].evidence[{j}]"),
                        end=_integer(s, "end", f"analysis.markers[{i}].evidence[{j}]"),
                        text=_text(s, "text", f"analysis.markers[{i}].evidence[{j}]"),
                    )
                    for j, s in enumerate(
                        _mappings(m.get("evidence", []), f"analysis.markers[{i}].evidence")
                    )
                ),
                subject=_subject(m.get("subject", "self"), f"analysis.markers[{i}].subject"),
            )
            for i, m in enumerate(_mappings(raw.get("markers", []), "analysis.markers"))
        )
        emotions = tuple(
            Emotion(
                name=_text(e, "name", f"analysis.emotions[{i}]"),
                family=_text(e, "family", f"analysis.emotions[{i}]"),
                score=_number(e, "score", f"analysis.emotions[{i}]"),
            )
            for i, e in enumerate(_mappings(raw.get("emotions", []), "analysis.emotions"))
        )
        return cls(
            markers=markers,
            emotions=emotions,
            valence=_number(raw, "valence", "analysis", default=0.0),
            granularity=_integer(raw, "granularity", "analysis", default=len(emotions)),
            subject=_subject(raw.get("subject", "self"), "analysis.subject"),
            crisis=_flag(raw, "crisis"),
            analyzer_version=_text(raw, "analyzer_version", "analysis", default=""),
            concern=_flag(raw, "concern"),
            language=_text(raw, "language", "analysis", default="en"),
        )


def _bad(where: str, expected: str, got: object) -> InputError:
    shown = type(got).__name__ if not isinstance(got, str | int | float | bool) else repr(got)
    return InputError(f"{where}: expected {expected}, got {shown[:60]}")


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(where, "an object", value)
    return value


def _mappings(value: object, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _bad(where, "a list", value)
    if len(value) > _MAX_ITEMS:
        raise InputError(f"{where}: at most {_MAX_ITEMS} items, got {len(value)}")
    return [_mapping(item, f"{where}[{i}]") for i, item in enumerate(value)]


_MISSING = object()


def _field(raw: dict[str, Any], key: str, where: str, default: object) -> object:
    value = raw.get(key, default)
    if value is _MISSING:
        raise InputError(f"{where}.{key}: missing")
    return value


def _text(raw: dict[str, Any], key: str, where: str, default: object = _MISSING) -> str:
    value = _field(raw, key, where, default)
    if not isinstance(value, str) or len(value) > 100_000:
        raise _bad(f"{where}.{key}", "a string", value)
    return value


def _number(raw: dict[str, Any], key: str, where: str, default: object = _MISSING) -> float:
    value = _field(raw, key, where, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(f"{where}.{key}", "a number", value)
    if not -1.0 <= value <= 1.0:
        raise _bad(f"{where}.{key}", "a number from -1 to 1", value)
    return float(value)


def _integer(raw: dict[str, Any], key: str, where: str, default: object = _MISSING) -> int:
    value = _field(raw, key, where, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise _bad(f"{where}.{key}", "a whole number of at least 0", value)
    return value


def _flag(raw: dict[str, Any], key: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise _bad(f"analysis.{key}", "true or false", value)
    return value


def _subject(value: object, where: str) -> str:
    if value not in ("self", "other"):
        raise _bad(where, '"self" or "other"', value)
    return str(value)
