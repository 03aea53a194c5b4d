"""The pure-Python tokenizer gives exactly the HF tokenizer's ids and offsets, or defers to it."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis import static, wordpiece
from reconnect.analysis.lexicon import read_data
from reconnect.analysis.static import (
    TOKENIZER_FILE,
    WARM_UP_TEXTS,
    FastWordPiece,
    StaticEncoder,
    load_static,
)
from reconnect.analysis.tokens import Span, sentences
from reconnect.errors import ContentError

SENTENCES = [
    "",
    " ",
    "I feel numb",
    "I can't do this anymore. I'm so tired of everything!!!",
    "i dont know why im crying lol",
    "Gym this morning. I feel numb.\nThen work, then bed.",
    'He said: "you\'ll be fine"... and left?!',
    "ok",
    "Unbelievably, incomprehensibly, antidisestablishmentarianism wins.",
    "My brother's wedding is on 12/03/2024 at 3:30pm - we're 150 guests (ish).",
    "Took 2x 500mg paracetamol & slept 14hrs, ~ok now; $20 well spent? 100% yes #win",
    "@JohnSmith_99 thanks!!! you're the best :) <3",
    "lol @[NAME] is so [RELIGION] it's unreal",
    "Check https://example.com/path?q=1&x=a_b#frag or www.reddit.com/r/depression",
    "email me at someone.name+tag@example.co.uk",
    "#mentalhealth #MondayMotivation #100DaysOfCode",
    "It’s fine, I’m fine — everything’s “fine”…",
    "‘Quoted’ and «guillemets» and „German“ quotes",
    "Café, naïve, résumé, jalapeño, São Paulo, Zürich, Ålesund, Øre, Łódź",
    "Cafe\u0301 with a decomposed accent, and e\u0301\u0316 two marks",
    "ΣΊΣΥΦΟΣ and Ελληνικά, Москва и Санкт-Петербург",
    "İstanbul and ǅemal and ß and ﬁne ligatures",
    "मैं ठीक हूँ and العربية and עברית",
    "你好，世界！我很好。日本語のテキストです",
    "emoji 😀😂🤣 and love❤️you and 👍🏽 and 👨‍👩‍👧 family",
    "🫠🥲 newer emoji, ☺️ old one, ✨sparkles✨",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em\u3000ideographic",
    "zero\u200bwidth\u200djoiner\ufeffbom\u00adsoft-hyphen",
    "controls\x01in\x7fthe\x0bmiddle\x0c\x1f",
    "replacement \ufffd char and private \ue000 use",
    "a" * 99,
    "b" * 100,
    "c" * 101,
    "x" * 250 + " short",
    "supercalifragilisticexpialidocious" * 4,
    "1234567890 3.14159 1,000,000 -42 +7 1e10 0x1F",
    "UPPER lower MiXeD CaSe",
    "[UNK] token in text",
    "a literal [PAD] and [unk] and [Unk]",
    "한국어 텍스트",
    "___***---===+++",
    "...",
    "?!?!",
    "don't won't can't shouldn't y'all'd've",
    "one two three " * 200,
]

DECORATIONS = [
    "{}",
    "{} ",
    "  {}",
    "{}!",
    '"{}"',
    "({})",
    "{} 😢",
    "{}\u0301",
    "\u200b{}",
    "{}...{}",
    "{} #sad @me",
    "RE: {}",
]

# Texts this tokenizer deliberately hands to HF: added tokens, Hangul syllables.
DEFERRED = ("[UNK]", "[PAD]", "한")


def _samples() -> list[str]:
    found = [d.format(s, s) for s, d in itertools.product(SENTENCES, DECORATIONS)]
    return list(dict.fromkeys(found))


def _hf(encoder: StaticEncoder, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    ids, offsets = encoder.hf_tokens(text)
    return list(ids), [(start, end) for start, end in offsets]


def _fast(encoder: StaticEncoder) -> FastWordPiece:
    assert encoder.fast is not None
    return encoder.fast


def _fresh() -> FastWordPiece:
    config = gzip.decompress(read_data(TOKENIZER_FILE)).decode()
    return FastWordPiece(config, load_static().tokenizer)


def _check(text: str) -> bool:
    """The fast tokens equal HF's, with and without offsets; True if the fast path took it."""
    encoder = load_static()
    fast = _fast(encoder)
    found = fast.tokens(text)
    ids_only = fast.tokens(text, offsets=False)
    if found is None:
        assert ids_only is None
        return False
    expected = _hf(encoder, text)
    assert found == expected, text
    assert ids_only is not None
    assert ids_only[0] == expected[0], text
    return True


def test_a_few_hundred_varied_texts_match_the_hf_tokenizer() -> None:
    samples = _samples()
    assert len(samples) > 400
    deferred = [text for text in samples if not _check(text)]
    assert all(any(mark in text for mark in DEFERRED) for text in deferred)
    assert len(deferred) < len(samples) // 10


def test_the_fast_path_takes_emoji_accents_cjk_and_controls() -> None:
    for text in SENTENCES:
        if not any(mark in text for mark in DEFERRED):
            assert _check(text), text


def test_kept_combining_marks_which_nfd_may_reorder_are_left_to_hf() -> None:
    # U+1D16D and U+1D165 are spacing marks (kept) of combining classes 226 and 216.
    assert _fast(load_static()).tokens("a\U0001d16d\U0001d165b") is None


def test_long_words_are_unknown_and_long_texts_are_read_whole_like_hf() -> None:
    encoder = load_static()
    assert _check("z" * 101 + " ok")
    ids, _ = _hf(encoder, "z" * 101 + " ok")
    assert ids[0] == encoder.unknown
    # The shipped settings carry the teacher's 512-token limit; a static model has none.
    long = "word, " * 400
    assert _check(long)
    found = _fast(encoder).tokens(long)
    assert found is not None
    assert len(found[0]) == 800


def test_a_sentence_late_in_a_long_entry_is_read_as_it_would_be_alone() -> None:
    sentence = "Honestly everyone would be better off if I just wasn’t around anymore."
    day = "Went to the café, had lunch with Zoë, came home — cooked pasta. "
    text = day * 60 + sentence  # about 4,000 characters, far past 512 tokens
    alone = load_static().embed(sentence)
    late = load_static().embed_spans(text, [Span(len(text) - len(sentence), len(text), sentence)])
    assert late[1].any(), "the sentence has an embedding"
    assert abs(float(late[1] @ alone) - 1.0) < 1e-5


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_matches_the_hf_tokenizer_or_is_deferred(text: str) -> None:
    _check(text)


INTERESTING = st.sampled_from(
    [
        *"aZ09 .,'’!?#@-_\t\n",
        *["\u0301", "\u0316", "\u200d", "\ufe0f", "\x01", "\x7f", "\u00a0", "\u3000"],
        *["é", "ß", "İ", "Σ", "ς", "你", "😀", "🏽", "❤", "ﬁ", "\ufffd", "\u0378", "[UNK]"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(INTERESTING, st.text(max_size=3)), max_size=40).map("".join))
def test_mixtures_of_awkward_characters_match_the_hf_tokenizer(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["un", "believ", "able", "x", "q", "ing", "ly"]), max_size=60))
def test_glued_pieces_and_long_words_match_the_hf_tokenizer(parts: list[str]) -> None:
    _check("".join(parts))
    _check(" ".join(parts))


def test_embeddings_are_bitwise_those_of_the_hf_tokens() -> None:
    encoder = load_static()
    _fast(encoder).build()
    slow = dataclasses.replace(encoder, fast=None)
    for text in _samples():
        assert encoder.embed(text).tobytes() == slow.embed(text).tobytes(), text
        parts = sentences(text)
        fast_spans = encoder.embed_spans(text, parts)
        slow_spans = slow.embed_spans(text, parts)
        assert [v.tobytes() for v in fast_spans] == [v.tobytes() for v in slow_spans], text


def test_nothing_is_built_until_a_few_texts_have_gone_through_hf() -> None:
    fast = _fresh()
    for _ in range(WARM_UP_TEXTS):
        assert fast.encode("I feel numb") is None
    assert not fast._words
    assert fast.encode("I feel numb") == _hf(load_static(), "I feel numb")
    assert "feel" in fast._words


def test_the_packaged_tokenizer_starts_from_its_table_as_if_built_from_its_json() -> None:
    fast = _fast(load_static())
    assert fast.built
    made = FastWordPiece(static.tokenizer_config(), load_static().tokenizer)
    made.build()
    assert fast.table() == made.table()
    for text in ("I feel numb", "caf\u00e9 \u2014 d\u00e9j\u00e0 vu", "\U0001f622 fine"):
        assert fast.tokens(text) == made.tokens(text)


def test_a_table_made_from_another_tokenizer_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(static, "read_manifest", lambda: {TOKENIZER_FILE: "0" * 64})
    static.load_static.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"python -m training\.wordpiece_table"):
            static.load_static()
    finally:
        static.load_static.cache_clear()


def test_the_word_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordpiece, "WORD_CACHE_SIZE", 8)
    fast = _fresh()
    text = "one two three four five six seven eight nine ten eleven twelve"
    for _ in range(3):
        assert fast.tokens(text) == _hf(load_static(), text)
        assert len(fast._words) <= 8


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("normalizer", "type"), "Lowercase"),
        (("pre_tokenizer", "type"), "Whitespace"),
        (("model", "type"), "BPE"),
        (("truncation", "direction"), "Left"),
        (("padding", "strategy"), {"Fixed": 8}),
    ],
)
def test_a_pipeline_it_does_not_copy_is_left_to_hf(path: tuple[str, str], value: object) -> None:
    config = json.loads(gzip.decompress(read_data(TOKENIZER_FILE)))
    config[path[0]][path[1]] = value
    fast = FastWordPiece(json.dumps(config), load_static().tokenizer)
    assert fast.tokens("I feel numb") is None
