"""The faster text helpers give exactly what the plain ones gave.

``tokens`` has ASCII fast paths (``normalise``, ``words``) and splits sentences with one
``findall``; ``negation`` skips a regex search when its literal words are absent; the
feelings lexicon is one prefix-tree regex instead of an alternation of every word. These
tests pin outputs on tricky text (characters whose case folding changes length, curly quotes,
CRLF, emoji) and check each helper against the plain version on generated text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis.emotions import _alternation, _lexicon, _named, _prefix_tree
from reconnect.analysis.lexicon import feelings
from reconnect.analysis.negation import (
    CLAUSE_BREAK,
    HYPOTHETICAL,
    INNER_NEGATION,
    NEGATION,
    RECOVERY_AFTER,
    RECOVERY_BEFORE,
    clause_before,
    is_hypothetical,
    negation_state,
)
from reconnect.analysis.tokens import (
    _QUOTES,
    _SENTENCE,
    _WORD,
    _fold_keep,
    _normalise_general,
    normalise,
    sentences,
    words,
)

# --- the plain versions, as they were before the fast paths --------------------------------


def plain_normalise(text: str) -> str:
    folded = text.casefold()
    return folded.translate(_QUOTES) if len(folded) == len(text) else _fold_keep(text)


def plain_sentences(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        found.append((start, start + len(stripped), stripped))
    return found


def plain_words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


def plain_clause_before(folded: str, start: int, width: int = 60) -> str:
    window = folded[max(0, start - width) : start]
    breaks = list(CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def plain_is_hypothetical(folded: str, start: int) -> bool:
    cut = max(folded.rfind(c, 0, start) for c in ".!?\n")
    return bool(HYPOTHETICAL.search(folded[cut + 1 : start]))


def plain_negation_state(folded: str, start: int, end: int) -> str:
    if INNER_NEGATION.search(folded[start:end]):
        return "plain"
    before = plain_clause_before(folded, start, 40)
    if RECOVERY_BEFORE.search(before):
        return "recovered"
    if NEGATION.search(before):
        return "recovered" if RECOVERY_AFTER.search(folded[end : end + 40]) else "negated"
    return "plain"


def spans(text: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.text) for s in sentences(text)]


# --- pinned outputs ------------------------------------------------------------------------


def test_normalise_keeps_the_length_when_case_folding_would_not() -> None:
    assert "İ".lower() != "i" and len("ß".casefold()) == 2  # the cases that matter
    assert normalise("İstanbul") == "istanbul"
    assert normalise("STRASSE Straße") == "strasse straße"
    assert normalise("ﬁne ǅ ẞ") == "ﬁne ǆ ß"
    assert normalise("İ am not numb anymore ß") == "i am not numb anymore ß"
    assert normalise("“Don’t” ‘go’ `now`") == "\"don't\" 'go' 'now'"
    assert normalise("Plain `ASCII` TEXT") == "plain 'ascii' text"
    assert normalise("Ok.\r\nI’m NUMB 😀!") == "ok.\r\ni'm numb 😀!"
    assert normalise("") == ""


def test_sentences_on_crlf_quotes_and_emoji() -> None:
    text = "Ok.\r\nI’m NUMB 😀!\r\n\r\n  so “tired.”  "
    assert spans(text) == [(0, 3, "Ok."), (5, 16, "I’m NUMB 😀!"), (22, 33, "so “tired.”")]
    assert spans("...\n\n  \n!") == []
    assert spans("  a.b!!c?\n\n d  \n  .  x") == [
        (2, 4, "a."),
        (4, 7, "b!!"),
        (7, 9, "c?"),
        (12, 13, "d"),
        (18, 19, "."),  # spaces then a stop: the stop alone
        (21, 22, "x"),
    ]
    for text in ["İstanbul. Straße!", "I feel ANXIOUS, not sad 🙂. Fed up!", "\u2028 x \u00a0."]:
        assert spans(text) == plain_sentences(text)
        assert all(text[a:b] == t for a, b, t in spans(text))


def test_words_on_non_ascii() -> None:
    assert words("İstanbul") == ["i", "stanbul"]  # the dot of İ is not a letter
    assert words("STRASSE Straße") == ["strasse", "strasse"]
    assert words("ﬁne ǅ ẞ") == ["fine", "ǆ", "ss"]
    assert words("Ok.\r\nI’m NUMB 😀! don't_") == ["ok", "i'm", "numb", "don't"]
    assert words("snake_case 2nd it's'") == ["snake", "case", "2nd", "it's"]


def test_named_feelings_on_tricky_text() -> None:
    named, negated = _named(normalise("Ok.\r\nI’m NUMB 😀!\r\n\r\n  so “tired.”  "))
    assert [(e.name, e.family, e.score) for e in named] == [
        ("numbness", "numb", 0.6),
        ("tiredness", "sad", 0.6),
    ]
    assert negated == set()
    named, negated = _named(normalise("I feel ANXIOUS, not sad 🙂. Fed up! fed up again"))
    assert [(e.name, e.score) for e in named] == [("anxiety", 0.6), ("frustration", 0.8)]
    assert negated == {"sad"}
    named, negated = _named(normalise("İ am not numb anymore ß"))
    assert named == [] and negated == {"numb"}


def test_the_lexicon_is_a_prefix_tree() -> None:
    pattern, _ = _lexicon()
    assert pattern.pattern == _prefix_tree([f.word for f in feelings()]).pattern


# --- fast paths against the plain versions on generated text -------------------------------

_PIECES = [
    "I", "i", "feel", "Feel", "not", "no", "never", "don’t", "can't", "no longer", "anymore",
    "used to", "if", "what if", "imagine", "but", "and", "so", "sad", "SAD", "fed up", "fed",
    "up", "low", "numb", "anxious", "anxiety", "burnt out", "worn out", "self-conscious",
    "calm", "İ", "ß", "ẞ", "ﬁ", "é", "“", "”", "‘", "’", "`", "😀", "🙂", "\r\n", "\n", ".",
    "!", "?", ";", ",", " ", "  ", "\t", "\u00a0", "\u2028", "_", "-", "'", "2", "x",
]  # fmt: skip
tricky_text = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
any_text = st.one_of(tricky_text, st.text(max_size=60))
ascii_text = st.text(st.characters(max_codepoint=127), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, ascii_text))
def test_normalise_fast_path_equals_the_general_path(text: str) -> None:
    assert normalise(text) == _normalise_general(text) == plain_normalise(text)
    assert len(normalise(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, ascii_text))
def test_words_and_sentences_equal_the_plain_versions(text: str) -> None:
    assert words(text) == plain_words(text)
    assert spans(text) == plain_sentences(text)
    folded = normalise(text)
    assert spans(folded) == plain_sentences(folded)


@settings(max_examples=300, deadline=None)
@given(any_text, st.data())
def test_negation_helpers_equal_the_plain_versions(text: str, data: st.DataObject) -> None:
    folded = normalise(text)
    start = data.draw(st.integers(0, len(folded)))
    end = data.draw(st.integers(start, len(folded)))
    width = data.draw(st.sampled_from([40, 60]))
    assert clause_before(folded, start, width) == plain_clause_before(folded, start, width)
    assert is_hypothetical(folded, start) == plain_is_hypothetical(folded, start)
    assert negation_state(folded, start, end) == plain_negation_state(folded, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([f.word for f in feelings()] + _PIECES), max_size=30))
def test_prefix_tree_finds_what_the_alternation_finds(parts: list[str]) -> None:
    folded = normalise("".join(parts))
    words_ = [f.word for f in feelings()]
    tree, plain = _prefix_tree(words_), _alternation(words_)
    assert [m.span() for m in tree.finditer(folded)] == [m.span() for m in plain.finditer(folded)]


def test_prefix_tree_prefers_the_longest_word_at_a_boundary() -> None:
    words_ = ["fed up", "upset", "sadness", "fed", "sad", "up"]
    tree, plain = _prefix_tree(words_), _alternation(words_)
    for text in ["fed upset", "fed up", "fed upx sadnes sadness", "sadly fed", "upset up"]:
        found = [m.group() for m in tree.finditer(text)]
        assert found == [m.group() for m in plain.finditer(text)]
    assert re.fullmatch(r"\\b\(\?:.*\)\\b", tree.pattern)
