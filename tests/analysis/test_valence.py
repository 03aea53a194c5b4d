"""The fast valence gives vaderSentiment's own compound score, text for text, quirks included."""

from __future__ import annotations

import doctest
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reconnect.analysis import valence as valence_module
from reconnect.analysis.valence import compound, valence

ROOT = Path(__file__).resolve().parents[2]
VADER = SentimentIntensityAnalyzer()

EDGE_CASES = [
    "",
    " ",
    "   \n\t ",
    "\u00a0\u3000",
    "good",
    "GOOD",
    "I feel GOOD today",
    "I FEEL GOOD TODAY",
    "I feel VERY good, but not GREAT",
    "The book was good, but the ending was bad and the cover was bad.",
    "good but bad but good",
    "but",
    "good, good, good but bad, bad",
    "It was ok but ok and ok",
    "The book was only kind of good.",
    "kind of",
    "KIND OF sad",
    "It's sort of nice, kinda nice, sorta nice",
    "just enough good",
    "no",
    "no good",
    "no no no",
    "no way this is good",
    "no love or hate",
    "There is no love nor joy",
    "I have never been so happy",
    "never this good",
    "I have never been this sad",
    "never so very bad",
    "so happy",
    "It was never good",
    "Without doubt, an excellent idea.",
    "Without a doubt, excellent idea.",
    "without any doubt excellent",
    "at least it isn't a horrible book",
    "the least compelling variation",
    "at the very least compelling",
    "least good",
    "not least happy",
    "Great!!!!",
    "Great!!!!!!!!",
    "Awful!",
    "Really???",
    "Really??",
    "Really????? bad",
    "What?! No!",
    "That party was the bomb",
    "this movie is the shit",
    "He is a bad ass",
    "what a badass",
    "yeah right, great",
    "the kiss of death for me",
    "a cake to die for",
    "my beating heart",
    "waiting at the bus stop happily",
    "I cut the mustard, it was good",
    "under the weather but fine",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "😁😁😁",
    "sad😢",
    "😢 sad",
    "I'm fine 🙂 really 🙂",
    "👩‍👩‍👧 family day, happy",
    ":) :( :D :-)",
    "Make sure you :) or :D today!",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "I don't feel anything",
    "I didnt hate it",
    "nothing good, nowhere nice, none happy",
    "It's not bad at all",
    "isn't it great? ... not really",
    "'good' \"bad\" (happy) [sad]",
    "!!!good!!!",
    "--bad--",
    "İstanbul is nice, Straße is nice",
    "ΑΓΑΠΗ love ΣΟΦΟΣ",
    "extremely HAPPY and totally SAD",
    "EXTREMELY happy",
    "the UTTERLY horrible day",
    "so so so good",
    "not not good",
    "hardly good, barely bad",
    "despite the good news",
    "uh-uh, that is bad",
    "fed up and screwed up",
    "0 0.0 -0 1",
    "good\ngood\nbad",
    "\tgood\t",
]

# Rules that read up to three words back and two ahead, crossed with lexicon words.
BEFORE = [
    "",
    "no",
    "not",
    "never so",
    "never this",
    "without doubt",
    "without a doubt",
    "at least",
    "very least",
    "least",
    "kind of",
    "sort of",
    "the",
    "VERY",
    "really really",
    "no one or",
]
WORDS = ["good", "BAD", "doubt", "kind", "no", "shit", "bomb", "happy"]
AFTER = ["", "for", "but it was sad", "stop", "!!!", "??", "heart 😁"]


def journal_texts() -> list[str]:
    """Every text committed under training/ and tests/analysis/data (a few thousand)."""
    texts: list[str] = []
    paths = sorted((ROOT / "training").rglob("*.jsonl"))
    paths += sorted((ROOT / "tests" / "analysis" / "data").glob("*.jsonl"))
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    for path in sorted((ROOT / "training" / "handwritten").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if line.count(" | ") >= 2:
                texts.append(line.split(" | ", 2)[2])
    return list(dict.fromkeys(texts))


def test_the_corpus_is_a_few_thousand_texts() -> None:
    assert len(journal_texts()) > 3000


def test_journal_texts_score_as_vader_does() -> None:
    texts = journal_texts()
    texts += [t.upper() for t in texts[::5]]  # shouted: every word in capitals
    texts += [f"{t} BUT 😢 sad" for t in texts[3::10]]
    wrong = [t for t in texts if compound(t) != VADER.polarity_scores(t)["compound"]]
    assert wrong == []


def test_rule_combinations_score_as_vader_does() -> None:
    texts = [
        " ".join(part for part in ("I was", before, word, "today", after) if part)
        for before, word, after in itertools.product(BEFORE, WORDS, AFTER)
    ]
    assert len(texts) > 800
    wrong = [t for t in texts if compound(t) != VADER.polarity_scores(t)["compound"]]
    assert wrong == []


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_score_as_vader_does(text: str) -> None:
    assert compound(text) == VADER.polarity_scores(text)["compound"]


@pytest.mark.parametrize("text", ["", " ", "\n\t"])
def test_blank_text_is_neutral(text: str) -> None:
    assert valence(text) == 0.0


def test_valence_is_the_compound_score_to_three_places() -> None:
    text = "I feel VERY good, but not GREAT"
    assert valence(text) == round(VADER.polarity_scores(text)["compound"], 3)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*WORDS, *BEFORE, "but", "BUT", "😁", "💔", "!", "?", ":)", " ", "\n"])
        | st.text(max_size=8),
        max_size=30,
    ).map(" ".join)
)
def test_any_text_scores_as_vader_does(text: str) -> None:
    assert compound(text) == VADER.polarity_scores(text)["compound"]


def test_the_module_examples_hold() -> None:
    result = doctest.testmod(valence_module)
    assert result.failed == 0
    assert result.attempted >= 1
