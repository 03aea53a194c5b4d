"""The analyzer's result types and their JSON shape (the contract in DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reconnect.analysis.emotions import Emotion
    from reconnect.analysis.tokens import Span


@dataclass(frozen=True, slots=True)
class MarkerResult:
    """A detected marker: how sure, where the evidence is, and whose state it describes."""

    name: str
    score: float
    evidence: tuple[Span, ...]
    subject: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyzer found in one text."""

    markers: tuple[MarkerResult, ...]
    emotions: tuple[Emotion, ...]
    valence: float
    granularity: int
    subject: str
    crisis: bool
    analyzer_version: str

    def marker(self, name: str) -> MarkerResult | None:
        """The detected marker with this name, or None."""
        return next((m for m in self.markers if m.name == name), None)

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
                }
                for m in self.markers
            ],
            "emotions": [
                {"name": e.name, "family": e.family, "score": e.score} for e in self.emotions
            ],
            "valence": self.valence,
            "granularity": self.granularity,
            "subject": self.subject,
            "crisis": self.crisis,
            "analyzer_version": self.analyzer_version,
        }
