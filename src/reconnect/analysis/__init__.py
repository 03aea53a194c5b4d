"""The text insight engine: detachment markers with evidence, emotions, valence and crisis.

Deterministic, explainable and offline. Rules give precise evidence spans and handle
negation, recovery and hypotheticals; learned heads over a static sentence embedding catch
paraphrase the rules miss (``heads.py``, ``static.py``); crisis is graded into a confident
``crisis`` and an unsure ``concern`` (``analyzer.py``). The output follows the contract in
DESIGN.md:

>>> result = analyze("My partner seems numb lately.")
>>> result.subject, [m.name for m in result.markers]
('other', ['numbness'])
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from reconnect.analysis.analyzer import ANALYZER_VERSION, Analyzer
from reconnect.analysis.crisis_band import load_band
from reconnect.analysis.heads import MARKER_HEADS, load_heads
from reconnect.domain.analysis import Analysis, Emotion, MarkerResult, Span
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "ANALYZER_VERSION",
    "MARKERS",
    "MAX_TEXT_CHARS",
    "Analysis",
    "Analyzer",
    "Emotion",
    "MarkerResult",
    "Span",
    "analyze",
    "analyze_many",
    "default_analyzer",
]

MAX_TEXT_CHARS = 100_000
# analyze_many reads this many texts at once, or fewer once they hold CHUNK_CHARS characters
# (a chunk's token rows are copied a few times over: a few megabytes at most). Chosen on
# bench/throughput.py: past a few dozen texts a chunk saves no more time.
CHUNK_TEXTS = 64
CHUNK_CHARS = 50_000
MARKERS = MARKER_HEADS


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The analyzer with the heads and thresholds shipped in the package."""
    heads, thresholds = load_heads()
    return Analyzer(heads, thresholds, load_band())


def analyze(text: str) -> Analysis:
    """Analyse one text; raises InputError when it is longer than ``MAX_TEXT_CHARS`` or holds
    a lone surrogate (a byte that was not UTF-8, as Python reads it from the command line).

    Only detected markers are listed. A negated or recovered state ("not numb anymore")
    is reported as ``reconnection``, never as the state itself; a purely hypothetical one
    ("if I ever stopped caring") is not reported. The same text always gives the same
    result for the same ``ANALYZER_VERSION``.
    """
    _check(text)
    return default_analyzer().analyze(text)


def analyze_many(texts: Iterable[str]) -> Iterator[Analysis]:
    """Analyse texts lazily, in order: each as ``analyze`` would (the same results).

    A generator that reads the texts in chunks of up to ``CHUNK_TEXTS`` (fewer once they
    hold ``CHUNK_CHARS`` characters), so memory stays flat, and analyses each chunk at once:
    the learned layer does its arithmetic for the whole chunk (``Analyzer.analyze_chunk``).
    A text ``analyze`` refuses raises its InputError after the results of those before it.
    """
    analyzer = default_analyzer()
    chunk: list[str] = []
    size = 0
    for text in texts:
        try:
            _check(text)
        except InputError:
            yield from analyzer.analyze_chunk(chunk)
            raise
        chunk.append(text)
        size += len(text)
        if len(chunk) >= CHUNK_TEXTS or size >= CHUNK_CHARS:
            yield from analyzer.analyze_chunk(chunk)
            chunk, size = [], 0
    yield from analyzer.analyze_chunk(chunk)


def _check(text: str) -> None:
    """Raise InputError for a text ``analyze`` refuses."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters long; the analyzer's limit is "
            f"{MAX_TEXT_CHARS:,} characters",
            hint="split it into several entries",
        )
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                f"the text is not valid UTF-8 (character {exc.start + 1} cannot be read)",
                hint="save or type it as UTF-8 and try again",
            ) from None
