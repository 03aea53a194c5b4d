"""JSON shapes of an analysis (DESIGN.md "the analysis contract") and of the safety check."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from reconnect.domain.analysis import Analysis
    from reconnect.domain.safety import SafetyCheck


class SpanOut(BaseModel):
    """Evidence: ``text`` is the input from ``start`` to ``end`` (character offsets)."""

    start: int
    end: int
    text: str


class MarkerOut(BaseModel):
    """A detected marker, how sure, the words that gave it away, and whose state it is."""

    name: str
    score: float
    evidence: list[SpanOut]
    subject: Literal["self", "other"]


class EmotionOut(BaseModel):
    """A named feeling found in the text."""

    name: str
    family: str
    score: float


class AnalysisOut(BaseModel):
    """What the analyzer found in one text.

    ``crisis`` is confident: crisis resources come first. ``concern`` is unsure: a calm
    "are you safe right now?" check. ``language`` other than ``"en"`` means the text was
    not read for markers (reconnect reads English only).
    """

    markers: list[MarkerOut]
    emotions: list[EmotionOut]
    valence: float
    granularity: int
    subject: Literal["self", "other"]
    language: str
    crisis: bool
    concern: bool
    analyzer_version: str


class SafetyCheckOut(BaseModel):
    """The answer given to the safety check, and when."""

    answer: Literal["safe", "help"]
    answered_at: datetime


class SafetyCheckIn(BaseModel):
    """An answer to the safety check: ``"safe"`` (I'm safe) or ``"help"`` (show me help)."""

    model_config = ConfigDict(extra="forbid")

    answer: Literal["safe", "help"] = Field(description='"safe" or "help"')


def analysis_out(analysis: Analysis) -> AnalysisOut:
    """An analysis for JSON output."""
    return AnalysisOut(
        markers=[
            MarkerOut(
                name=m.name,
                score=m.score,
                evidence=[SpanOut(start=s.start, end=s.end, text=s.text) for s in m.evidence],
                subject="other" if m.subject == "other" else "self",
            )
            for m in analysis.markers
        ],
        emotions=[
            EmotionOut(name=e.name, family=e.family, score=e.score) for e in analysis.emotions
        ],
        valence=analysis.valence,
        granularity=analysis.granularity,
        subject="other" if analysis.subject == "other" else "self",
        language=analysis.language,
        crisis=analysis.crisis,
        concern=analysis.concern and not analysis.crisis,
        analyzer_version=analysis.analyzer_version,
    )


def safety_check_out(check: SafetyCheck | None) -> SafetyCheckOut | None:
    """The stored answer for JSON output, or None when the check was not answered."""
    if check is None:
        return None
    answer: Literal["safe", "help"] = "help" if check.answer == "help" else "safe"
    return SafetyCheckOut(answer=answer, answered_at=check.answered_at)
