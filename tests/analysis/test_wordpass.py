"""One pass over the words gives what the word features and the tokenizer give apart.

``wordpass.read_words`` serves ``features.word_features`` (sentence by sentence, the same
buckets in the same order) and the static embedding's token ids and sentence ranges
(``StaticEncoder._ids`` and ``_by_spans``); here the two ways are compared on tricky and
generated texts, and the pass must decline what it does not take.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis import default_analyzer
from reconnect.analysis.features import word_features
from reconnect.analysis.static import StaticEncoder, load_static
from reconnect.analysis.tokens import sentences
from reconnect.analysis.wordpass import read_words

TRICKY = [
    "",
    "   ",
    "...",
    "\n\n. ! ?",
    "I want to die. Fine otherwise.",
    "I DON'T FEEL ANYTHING ANYMORE. NOT NUMB, JUST EMPTY!!",
    "He said 'done.'Then he left. I don't feel numb anymore, honestly.",
    "a.'b c.)d e!\"f g?'h don't' 'quoted' it''s x'y'z rock'n'roll",
    "no\nnew\nlines\nhere at all\nbye",
    "Gym in the morning, then a slow day; fine: I think. (really) - ok_ok #tag @you",
    "can't won't didn't never not no longer numb sad ok. not, not; not: not",
    "Tabs\there and\r\ncarriage returns. Then more.",
    "[UNK] is a token the tokenizer adds. So is [PAD] here.",
    "bell\x07 and null\x00 and escape\x1b characters are dropped. Then words.",
    "A very long word: " + "x" * 150 + ". And another sentence here now.",
    "Nothing matters\u2019 anymore? I can\u2019t sleep. \U0001f622 but \U0001f494!",
    "Straße ist lang. İstanbul was lovely. ﬁne.",
    " ".join(["I went for a walk today and it was fine."] * 300),
    "12 34 5.6 7,8 1990s 3am 24/7 100% $5 x2",
]
WORDS = st.sampled_from(
    [
        "I", "I'm", "not", "never", "don't", "can't", "numb", "sad", "die", "x'y", "a1",
        "'", '"', ")", "(", "-", "_", "#", "`", ".", "!", "?", "...", ",", ";", ":", "\n",
        " ", "  ", "\t", "\r", "NUMB", "Fine", "ok", "\x00", "é", "\U0001f622", "[UNK]",
    ]
)  # fmt: skip
JOINED = st.lists(WORDS, max_size=40).map("".join)
SPACED = st.lists(WORDS, max_size=40).map(" ".join)
ASCII = st.text(st.characters(max_codepoint=127), max_size=80)


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    encoder = load_static()
    for _ in range(8):  # past the warm-up: the fast tokenizer is built
        encoder.embed("warm up")
    assert encoder.fast is not None
    assert encoder.fast.built


def _check(text: str) -> None:
    encoder: StaticEncoder = load_static()
    parts = sentences(text)
    read = read_words(text, parts, encoder)
    if read is None:
        fast = encoder.fast
        assert fast is not None
        assert fast.ascii_lowered(text) is None  # declined only what the ASCII path can't do
        return
    features, ids, before = read
    plain = [word_features(p.text) for p in parts]
    assert features == plain
    assert [list(f) for f in features] == [list(f) for f in plain]  # the same order
    assert ids == encoder._ids(text)
    if parts:
        cut = encoder._by_spans(text, parts)
        assert cut is not None
        assert cut == (ids, [(before[2 * k], before[2 * k + 1]) for k in range(len(parts))])
    else:
        assert before == []


@pytest.mark.parametrize("text", TRICKY)
def test_one_pass_as_the_two_on_tricky_texts(text: str) -> None:
    _check(text)
    _check(text.upper())


@settings(max_examples=300, deadline=None)
@given(st.one_of(JOINED, SPACED, ASCII))
def test_one_pass_as_the_two(text: str) -> None:
    _check(text)


def test_texts_off_the_ascii_path_are_declined() -> None:
    encoder = load_static()
    plain = "I want to die. Fine otherwise."
    assert read_words(plain, sentences(plain), encoder) is not None
    for text in ("caf\u00e9 today", "\U0001f622", "[UNK] here", "bell\x07 here"):
        assert read_words(text, sentences(text), encoder) is None


def test_a_fresh_process_reads_its_first_text_through_the_pass() -> None:
    # The packaged tokenizer starts from its table (static.WORDPIECE_FILE): a plain text is
    # read by the pass at once, with no HF tokenizer loaded (parsing its JSON took longer).
    import subprocess
    import sys

    code = (
        "import sys; from reconnect.analysis import analyze; analyze('I feel a bit flat today');"
        "print('reconnect.analysis.wordpass' in sys.modules, 'tokenizers' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "True False"


def test_scores_through_the_pass_are_the_scores_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reconnect.analysis.heads as heads_module

    heads = default_analyzer().heads
    texts = [*TRICKY, *(t.upper() for t in TRICKY)]
    fast = [heads.score(t, sentences(t)) for t in texts if sentences(t)]
    monkeypatch.setattr(heads_module, "_word_pass", lambda: lambda *_: None)
    plain = [heads.score(t, sentences(t)) for t in texts if sentences(t)]
    for a, b in zip(fast, plain, strict=True):
        assert a.probabilities == b.probabilities
        assert a.sentences == b.sentences
        assert a.embedding.tobytes() == b.embedding.tobytes()
        assert list(a.features) == list(b.features)


def test_one_pass_as_the_two_while_its_table_fills_and_clears(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reconnect.analysis.wordpass as wordpass_module

    monkeypatch.setattr(wordpass_module, "TOKEN_CACHE_SIZE", 3)
    for text in TRICKY:
        _check(text)
        _check(text.upper())
