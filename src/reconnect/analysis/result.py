"""The analyzer's result types: defined in ``domain/analysis.py`` so every layer shares them."""

from __future__ import annotations

from reconnect.domain.analysis import Analysis, Emotion, MarkerResult, Span

__all__ = ["Analysis", "Emotion", "MarkerResult", "Span"]
