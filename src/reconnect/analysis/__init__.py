"""The text insight engine: detachment markers with evidence, emotions, valence and crisis language.

Deterministic, explainable and offline. Two layers work together: rules give
precise evidence spans and handle negation, recovery and hypotheticals; a small
learned layer (``model.py``: hashed n-grams plus a sentence embedding from
``embedding.py``) catches paraphrase the rules miss, and its scores are blended
with the rules'. The output follows the contract in DESIGN.md:

>>> result = analyze("My partner seems numb lately.")
>>> result.subject, [m.name for m in result.markers]
('other', ['numbness'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.analysis.crisis import find_crisis
from reconnect.analysis.embedding import load_encoder
from reconnect.analysis.emotions import Emotion, find_emotions
from reconnect.analysis.kernel import load_kernel
from reconnect.analysis.markers import (
    RuleEvidence,
    borrows_crisis_words,
    find_rule_evidence,
    without_crisis_idioms,
)
from reconnect.analysis.model import HEADS, MARKER_HEADS, load_model, sigmoid
from reconnect.analysis.negation import is_hypothetical
from reconnect.analysis.result import Analysis, MarkerResult
from reconnect.analysis.subject import subject_at, text_subject
from reconnect.analysis.tokens import Span, normalise, sentences
from reconnect.analysis.valence import valence
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "ANALYZER_VERSION",
    "MARKERS",
    "MAX_TEXT_CHARS",
    "Analysis",
    "Emotion",
    "MarkerResult",
    "Span",
    "analyze",
    "analyze_many",
]

ANALYZER_VERSION = "2.3"
MAX_TEXT_CHARS = 100_000
MARKERS = MARKER_HEADS
RULE_SCORE = 0.8
# Recall first: a missed crisis is far worse than a gentle false alarm. Chosen on out-of-fold
# runs of the whole analyzer over the project's own data (docs/decisions/0002-...), with
# tests/analysis/test_crisis.py keeping near-miss false alarms under 10%.
CRISIS_THRESHOLD = 0.4
CRISIS_IDIOM_THRESHOLD = 0.7
# The crisis kernel's own boundary (analysis/kernel.py): a text on its crisis side is flagged
# even when the linear head stays under its threshold.
KERNEL_THRESHOLD = 0.0
# A sentence read alone must clear the kernel's boundary by this much more than a whole text.
KERNEL_SENTENCE_MARGIN = 0.5
CRISIS_MIN_WORDS = 8
SUBJECT_OTHER_FACTOR = 1.5
# Words that plainly show a detachment sign outweigh a weak learned guess of recovery.
CONFLICT_FLOOR = 0.5
POSITIVE = frozenset({"reconnection", "healthy_boundary"})


class _Sentences:
    """Per-sentence model scores, computed at most once per text and only when needed.

    Only the hashed features score a sentence here: they choose which sentence is shown as
    evidence, and embedding every sentence again would cost more than the whole analysis.
    """

    def __init__(self, text: str, whole: list[float]) -> None:
        self.text = text
        self.whole = whole
        self._scored: list[tuple[Span, list[float]]] | None = None

    def best(self, head: int) -> Span | None:
        if self._scored is None:
            parts = sentences(self.text)
            if len(parts) == 1:
                self._scored = [(parts[0], self.whole)]
            else:
                model = load_model()
                self._scored = [(part, model.sparse_totals(part.text)) for part in parts]
        if not self._scored:
            return None
        return max(self._scored, key=lambda scored: scored[1][head])[0]


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters long; the analyzer's limit is "
            f"{MAX_TEXT_CHARS:,} characters",
            hint="split it into several entries",
        )


def _crisis_threshold(folded: str) -> float:
    if len(folded.split()) < CRISIS_MIN_WORDS:
        return 1.01  # a few words are too little for the model alone; the rules decide
    return CRISIS_IDIOM_THRESHOLD if borrows_crisis_words(folded) else CRISIS_THRESHOLD


def analyze(text: str) -> Analysis:
    """Analyse one text; raises InputError when it is longer than ``MAX_TEXT_CHARS``.

    Only detected markers are listed. A negated or recovered state ("not numb
    anymore") is reported as ``reconnection``, never as the state itself; a purely
    hypothetical one ("if I ever stopped caring") is not reported. The same text
    always gives the same result for the same ``ANALYZER_VERSION``.
    """
    _check_length(text)
    folded = normalise(text)
    rules: RuleEvidence = find_rule_evidence(text, folded)
    plain = {name: list(spans) for name, spans in rules.plain.items()}
    hits = find_crisis(text)
    if hits:
        plain.setdefault("crisis", []).extend(Span(h.start, h.end, h.text) for h in hits)

    model = load_model()
    blank = not text.strip()
    embedded = load_encoder().embed(text)
    totals = [] if blank else model.totals(text, embedded)
    probabilities = [sigmoid(t) for t in totals] if totals else [0.0] * len(HEADS)
    crisis_head = HEADS.index("crisis")
    masked_pass = False
    if totals and borrows_crisis_words(folded):
        # "Career suicide" and "killing it" say nothing about crisis: the crisis head reads
        # the text without them (rare, so the second pass costs little).
        masked_pass = True
        masked_text = without_crisis_idioms(folded)
        embedded = load_encoder().embed(masked_text)
        masked = model.totals(masked_text, embedded)[crisis_head]
        probabilities[crisis_head] = min(probabilities[crisis_head], sigmoid(masked))
    kernel = float("-inf")
    kernel_sentence: Span | None = None
    if embedded and len(folded.split()) >= CRISIS_MIN_WORDS:
        crisis_kernel = load_kernel()
        kernel = crisis_kernel.decision(embedded, KERNEL_SENTENCE_MARGIN)
        values = [] if masked_pass else crisis_kernel.sentence_values(embedded)
        parts = sentences(text) if values else []
        if values and len(parts) == len(values):
            # The sentence the kernel reads as most worrying is the evidence it shows.
            kernel_sentence = parts[max(range(len(values)), key=values.__getitem__)]
    subject_head = HEADS.index("subject_other")
    other_signal = probabilities[subject_head] / max(model.thresholds[subject_head], 1e-6)
    # The sentence rules are precise about "my partner seems ..."; the model catches the rest.
    rule_subject = text_subject(text)
    subject = "other" if rule_subject == "other" or other_signal >= SUBJECT_OTHER_FACTOR else "self"

    by_sentence = _Sentences(text, totals)
    results: list[MarkerResult] = []
    for index, name in enumerate(MARKER_HEADS):
        p = probabilities[index]
        threshold = model.thresholds[index]
        if name == "crisis":
            threshold = _crisis_threshold(folded)
            if kernel >= KERNEL_THRESHOLD:
                p = max(p, sigmoid(kernel))
                threshold = min(threshold, p)
        elif name in POSITIVE and any(m not in POSITIVE and m != "crisis" for m in plain):
            threshold = max(threshold, CONFLICT_FLOOR)
        evidence = plain.get(name, [])
        learned = p >= threshold and name not in rules.cancelled
        if not evidence and not learned:
            continue
        if evidence:
            score = max(RULE_SCORE, p) if p >= threshold else (RULE_SCORE + p) / 2
        else:
            sentence = by_sentence.best(index)
            if name == "crisis" and kernel >= KERNEL_THRESHOLD and kernel_sentence is not None:
                sentence = kernel_sentence
            if sentence is None or (name != "crisis" and is_hypothetical(folded, sentence.end - 1)):
                continue
            evidence = [sentence]
            score = p
        ordered = tuple(sorted(set(evidence), key=lambda s: (s.start, s.end)))
        marker_subject = subject_at(text, ordered[0].start) if name in plain else subject
        results.append(MarkerResult(name, round(min(score, 0.99), 3), ordered, marker_subject))

    # A learned guess alone is unsure: it asks a calm question (concern); the confident
    # banner needs the rules to have read an explicit statement.
    learned_only = any(m.name == "crisis" for m in results) and "crisis" not in plain
    if learned_only:
        results = [m for m in results if m.name != "crisis"]
    emotions = tuple(find_emotions(text))
    return Analysis(
        markers=tuple(results),
        emotions=emotions,
        valence=valence(text),
        granularity=len({e.name for e in emotions}),
        subject=subject,
        crisis=any(m.name == "crisis" for m in results),
        analyzer_version=ANALYZER_VERSION,
        concern=learned_only,
    )


def analyze_many(texts: Iterable[str]) -> Iterator[Analysis]:
    """Analyse texts one after another, lazily, in order (a generator: memory stays flat)."""
    for text in texts:
        yield analyze(text)
