"""The analyzer's fast paths give exactly what their plain versions give.

For speed the heads take rows with ``take`` and skip zero crisis weights, the static mean
indexes with one integer array and takes the norm as a float32 square root, the word
features look their memo up inline, the crisis vocabulary is found by one scan of the
whole text, and the sentences and folded text are passed on instead of recomputed. Each
test below checks one of them against the plain computation, bit for bit, on tricky and
generated texts (no timing).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis import default_analyzer
from reconnect.analysis.analyzer import _whole_or_first
from reconnect.analysis.crisis.folding import fold
from reconnect.analysis.crisis.scanner import Bones
from reconnect.analysis.crisis_intl import find_intl_crisis
from reconnect.analysis.crisis_words import CRISIS_VOCABULARY, crisis_worded
from reconnect.analysis.emotions import named_and_learned
from reconnect.analysis.features import NEGATORS, _hash, word_features
from reconnect.analysis.heads import CRISIS, SENTENCE_MIN_WORDS, Heads, sigmoid
from reconnect.analysis.static import DIMENSIONS, StaticEncoder, load_static
from reconnect.analysis.subject import span_subject, text_subject
from reconnect.analysis.tokens import Span, normalise, sentences, words

TRICKY = [
    "",
    "   ",
    "...",
    "I want to die. Fine otherwise.",
    "Work was long. I went for a run. I will not be around much longer, I think.",
    "It was self.harm that I thought of. Not really.",
    "i feel like myself.harm is not the word. Straße ist lang. I'm done with it all now!",
    "İstanbul was lovely. I keep thinking everyone would be better off without me.",
    "Gym in the morning, then a slow day. Fine, I think.",
    "He said 'done.'Then he left. I don't feel numb anymore, honestly.",
    "My partner seems numb lately. She doesn't laugh. I worry about her living like this.",
    "no\nnew\nlines\nhere at all\nbye",
    "Thanks for everything. This is my last note. Goodbye!!! \u200bReally goodbye now.",
    "Nothing matters\u2019 anymore? I can\u2019t sleep. `end it` she wrote.",
    "ß" * 5 + " die. ok ok ok ok. wake up wake up",
    "The whole bottle is gone. I gave away my things. It's over soon.",
]

PIECES = st.sampled_from(
    [
        "die", "dying", "self", "harm", "self-harm", "end", "it", "things", "life", "here",
        "will", "note", "better off", "without me", "I", "I'm", "my", "not", "never", "don't",
        "numb", "sad", "happy", "partner", "she", "said", "the", "day", "fine", "gym", "cold",
        "water", "wake", "up", "around", "Straße", "İ", "ǅ", "\u2019", "`", "'", '"', ")",
        ".", "!", "?", "...", "\n", ",", ";", " ", "  ", "\u200b", "é", "K", "ﬁ",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map(lambda parts: " ".join(parts)) | st.text(max_size=80)
JOINED = st.lists(PIECES, max_size=40).map("".join)


def _plain_word_features(text: str) -> set[int]:
    # features.word_features before the memo was inlined
    import re

    found: set[int] = set()
    for clause in re.split(r"[.,;:!?\n]", text.casefold()):
        previous = ""
        scope = 0
        for token in words(clause):
            word = "neg_" + token if scope else token
            if scope:
                scope -= 1
            if token in NEGATORS or token.endswith("n't"):
                scope = 3
            found.add(_hash("w:" + word))
            if previous:
                found.add(_hash(f"b:{previous} {word}"))
            previous = word
    return found


def _plain_unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _plain_embed_spans(encoder: StaticEncoder, text: str, spans: list[Span]) -> list[np.ndarray]:
    # static.embed_spans with list indexing and np.linalg.norm
    from bisect import bisect_left

    def mean(ids: list[int]) -> np.ndarray:
        return (encoder.scales[ids] @ encoder.vectors[ids]) / len(ids)

    if not spans:
        only = encoder._ids(text)
        return [_plain_unit(mean(only)) if only else np.zeros(DIMENSIONS, np.float32)]
    ids, offsets = encoder._tokens(text)
    if not ids:
        return [np.zeros(DIMENSIONS, np.float32)] * (1 + len(spans))
    found = [_plain_unit(mean(ids))]
    starts = [start for start, _ in offsets]
    for span in spans:
        lo, hi = bisect_left(starts, span.start), bisect_left(starts, span.end)
        found.append(_plain_unit(mean(ids[lo:hi])) if hi > lo else np.zeros(DIMENSIONS, np.float32))
    return found


_TABLES: dict[int, tuple[Heads, dict[int, int], dict[int, float]]] = {}


def _plain_tables(heads: Heads) -> tuple[dict[int, int], dict[int, float]]:
    """``heads.rows`` and ``heads.crisis_weights``: properties that build a dict of every
    bucket (milliseconds each), so read once per heads rather than once per feature."""
    if id(heads) not in _TABLES:
        _TABLES[id(heads)] = (heads, heads.rows, heads.crisis_weights)  # heads kept: id stays
    _, rows, crisis_weights = _TABLES[id(heads)]
    return rows, crisis_weights


def _plain_scores(heads: Heads, text: str) -> tuple[tuple[float, ...], list[float]]:
    # heads.Heads.score before: numpy indexing with a list, float() of each total, get(f, 0.0)
    parts = sentences(text)
    features = [word_features(p.text) for p in parts]
    whole: set[int] = set().union(*features)
    longer = [
        (p, f)
        for p, f in zip(parts, features, strict=True)
        if len(p.text.split()) >= SENTENCE_MIN_WORDS
    ]
    several = len(longer) > 1
    embedded = _plain_embed_spans(load_static(), text, [p for p, _ in longer] if several else [])
    rows, crisis_weights = _plain_tables(heads)
    found = [row for f in whole if (row := rows.get(f)) is not None]
    total = heads.bias + heads.dense @ embedded[0]
    if found:
        total = total + heads.sparse[found].sum(axis=0)
    probabilities = tuple(sigmoid(float(t)) for t in total)
    scored: list[float] = []
    if several:
        bias = float(heads.bias[CRISIS])
        for (_, feats), vector in zip(longer, embedded[1:], strict=True):
            t = bias + float(heads.dense[CRISIS] @ vector)
            t += sum(crisis_weights.get(f, 0.0) for f in feats)
            scored.append(sigmoid(t))
    return probabilities, scored


def _check_scores(text: str) -> None:
    parts = sentences(text)
    if not parts:
        return
    heads = default_analyzer().heads
    scores = heads.score(text, parts)
    probabilities, scored = _plain_scores(heads, text)
    assert scores.probabilities == probabilities
    assert [p for _, p in scores.sentences] == scored
    assert scores.features == frozenset(_plain_word_features(text))


@pytest.mark.parametrize("text", TRICKY)
def test_heads_score_as_plain_on_tricky_texts(text: str) -> None:
    _check_scores(text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_heads_score_as_plain(text: str) -> None:
    _check_scores(text)


ASCII = st.lists(
    st.sampled_from(["not", "never", "don't", "can't", "numb", "sad", "ok", "a1", "x'y", "'"])
    | st.sampled_from(list(".,;:!?\n `-_")),
    max_size=40,
).map("".join) | st.text(st.characters(max_codepoint=127), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, JOINED, ASCII, st.sampled_from(TRICKY)))
def test_word_features_as_plain(text: str) -> None:
    assert word_features(text) == _plain_word_features(text)
    # the same buckets in the same order: the heads add their rows in this order
    assert list(word_features(text)) == list(_plain_word_features(text))


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXTS, JOINED, st.sampled_from(TRICKY)))
def test_embed_spans_bit_for_bit(text: str) -> None:
    encoder = load_static()
    parts = sentences(text)
    for spans in ([], parts):
        fast = encoder.embed_spans(text, spans)
        plain = _plain_embed_spans(encoder, text, spans)
        assert len(fast) == len(plain)
        for a, b in zip(fast, plain, strict=True):
            assert a.dtype == b.dtype == np.float32
            assert a.tobytes() == b.tobytes()


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(TEXTS, JOINED, ASCII, st.sampled_from(TRICKY)),
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 30)), max_size=5),
)
def test_token_ranges_from_cut_pieces_are_those_from_offsets(
    text: str, cuts: list[tuple[int, int]]
) -> None:
    # the sentences, and arbitrary spans: inside words, overlapping, past the end
    encoder = load_static()
    encoder.embed(text)  # past the warm-up, so the fast path is built
    arbitrary = [Span(a, a + n, text[a : a + n]) for a, n in cuts]
    for spans in (sentences(text), arbitrary, sorted(arbitrary, key=lambda s: s.start)):
        cut = encoder._by_spans(text, spans)
        if cut is not None:
            assert cut == encoder._by_offsets(text, spans)


def test_unit_of_extreme_vectors() -> None:
    from reconnect.analysis.static import _unit

    for vector in (
        np.zeros(DIMENSIONS, np.float32),
        np.full(DIMENSIONS, 1e-30, np.float32),
        np.full(DIMENSIONS, 1e17, np.float32),
        np.arange(DIMENSIONS, dtype=np.float32) - 100.5,
    ):
        assert _unit(vector).tobytes() == _plain_unit(vector).tobytes()


def _check_worded(text: str) -> None:
    parts = sentences(text)
    whole = _whole_or_first(text, parts)
    if whole is None:
        return
    plain = [CRISIS_VOCABULARY.search(s.text.casefold()) is not None for s in (whole, *parts)]
    assert crisis_worded(whole, parts) == plain


@pytest.mark.parametrize("text", TRICKY)
def test_crisis_vocabulary_by_one_scan_on_tricky_texts(text: str) -> None:
    _check_worded(text)


def test_crisis_vocabulary_match_across_sentences() -> None:
    # "self.harm" matches across the stop in the whole text, "harm" in the second sentence
    text = "myself.harmless fun. Then self.harming thoughts!"
    _check_worded(text)
    text = "I hurt self.harm a lot"
    _check_worded(text)
    parts = sentences("self.harm")
    whole = _whole_or_first("self.harm", parts)
    assert whole is not None
    assert crisis_worded(whole, parts) == [True, False, True]


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, JOINED))
def test_crisis_vocabulary_by_one_scan(text: str) -> None:
    _check_worded(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXTS, JOINED, st.sampled_from(TRICKY)))
def test_passed_sentences_and_folding_change_nothing(text: str) -> None:
    parts = sentences(text)
    folded = normalise(text)
    assert text_subject(text, parts, folded) == text_subject(text)
    embedding = load_static().embed(text)
    assert named_and_learned(text, embedding, None, folded) == named_and_learned(text, embedding)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, JOINED, ASCII, st.sampled_from(TRICKY)))
def test_the_crisis_skeletons_words_change_nothing_they_are_passed_to(text: str) -> None:
    # the feelings and the phrase lists read the crisis rules' skeleton words (ASCII texts)
    words = Bones.of(text).words
    folded = normalise(text)
    assert named_and_learned(text, None, None, folded, words) == named_and_learned(text)
    assert find_intl_crisis(text, words) == find_intl_crisis(text)
    for feeling in ("numb", "fed up", "self-conscious", "on edge"):
        joined = f"{text} {feeling}."
        assert named_and_learned(
            joined, None, None, normalise(joined), Bones.of(joined).words
        ) == named_and_learned(joined)


def test_sigmoid_inlined_in_score_is_sigmoid() -> None:
    # heads.score inlines the same expression; the clipping bounds stay where they were
    for total in (-1e9, -30.0, -29.999, -1.0, 0.0, 1e-12, 2.5, 30.0, 31.0, math.inf, -math.inf):
        assert 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total)))) == sigmoid(total)


def test_word_features_as_plain_while_the_memos_fill_and_clear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reconnect.analysis import features

    monkeypatch.setattr(features, "_MEMO_LIMIT", 6)
    monkeypatch.setattr(features, "_WORDS", {})
    for text in TRICKY * 2:
        assert list(word_features(text)) == list(_plain_word_features(text))
    assert len(features._WORDS) <= 3


def test_scores_of_every_head() -> None:
    from reconnect.analysis.heads import HEADS

    scores = default_analyzer().heads.score("I feel numb and far away from everyone.")
    assert [scores.of(h) for h in HEADS] == list(scores.probabilities)


def _plain_markers(text: str) -> list[object]:
    # Analyzer._markers before the early skip of a marker with neither rule nor head
    from reconnect.analysis import analyzer as az
    from reconnect.analysis.heads import MARKER_HEADS
    from reconnect.analysis.markers import find_rule_evidence
    from reconnect.analysis.negation import is_hypothetical
    from reconnect.domain.analysis import MarkerResult

    analyzer = default_analyzer()
    folded, parts = normalise(text), sentences(text)
    rules = find_rule_evidence(text, folded)
    scores = analyzer.heads.score(text, parts)
    whole = _whole_or_first(text, parts)
    found: list[object] = []
    plain_signs = any(m not in az.POSITIVE and m != "crisis" for m in rules.plain)
    for name in MARKER_HEADS:
        if name == "crisis":
            continue
        p = scores.of(name)
        threshold = analyzer.thresholds.markers[name]
        if name in az.POSITIVE and plain_signs:
            threshold = max(threshold, az.CONFLICT_FLOOR)
        evidence = list(rules.plain.get(name, ()))
        support = az.RULE_SUPPORT_BY_MARKER.get(name, az.RULE_SUPPORT)
        if evidence and p < threshold * support:
            evidence = []
        learned = p >= threshold and name not in rules.cancelled
        if not evidence and p < az.LEARNED_ALONE.get(name, 0.0):
            learned = False
        if not evidence and not learned:
            continue
        if evidence:
            score = max(az.RULE_SCORE, p) if learned else (az.RULE_SCORE + p) / 2
            first = min(evidence, key=lambda s: (s.start, s.end))
            subject = span_subject(text, fold(text), first.start, first.end)
        else:
            if whole is None or is_hypothetical(folded, whole.end - 1):
                continue
            evidence, score, subject = [whole], p, "self"
        ordered = tuple(sorted(set(evidence), key=lambda s: (s.start, s.end)))
        found.append(MarkerResult(name, round(min(score, 0.99), 3), ordered, subject))
    return found


MARKER_TEXTS = [
    *TRICKY,
    "I feel numb. I don't enjoy dancing anymore. I avoid my friends.",
    "I'm not numb anymore. I opened up to her last night and we talked for hours.",
    "I said no to working the weekend and felt fine about it. I swerved to avoid them.",
    "Everything feels flat and far away, like watching my life through glass.",
]


@pytest.mark.parametrize("text", MARKER_TEXTS)
def test_markers_as_plain(text: str) -> None:
    parts = sentences(text)
    if not parts:
        return
    analyzer = default_analyzer()
    folded = normalise(text)
    from reconnect.analysis.markers import find_rule_evidence

    markers = analyzer._markers(
        text,
        folded,
        fold(text),
        find_rule_evidence(text, folded),
        analyzer.heads.score(text, parts),
        _whole_or_first(text, parts),
    )
    assert markers == _plain_markers(text)
