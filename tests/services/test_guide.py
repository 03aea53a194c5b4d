"""The guide (issue 15): questions in a person's own words, crisis first, honest abstention.

The questions here are written for these tests, not taken from the evaluation sets under
``bench/data`` (``bench/eval_guide.py`` reports on those).
"""

from __future__ import annotations

import pytest
from tests.analysis_texts import CONCERN_TEXT

from reconnect.analysis import analyze
from reconnect.domain.guide import MAX_ANSWERS, MAX_QUESTION_CHARS
from reconnect.errors import InputError
from reconnect.services.guide import ask


@pytest.mark.parametrize(
    ("question", "card"),
    [
        (
            "what's the difference between dissociating and being emotionally detached",
            "dissociation-or-emotional-distance",
        ),
        ("can autism make it hard to show feelings", "autism-and-feeling-emotions"),
        ("does writing in a journal help me reconnect with my feelings", "journaling-to-reconnect"),
        (
            "how do I love someone who is emotionally unavailable",
            "loving-an-unavailable-partner-patiently",
        ),
        ("the more she chases me the more I back away", "pursue-withdraw-cycle"),
        (
            "is it normal to feel distant from my husband after the baby",
            "normal-to-feel-distant-sometimes",
        ),
    ],
)
def test_a_question_in_plain_words_finds_its_card_among_the_first_three(
    question: str, card: str
) -> None:
    reply = ask(question)
    assert not reply.crisis and not reply.abstained
    assert card in [c.id for c in reply.answers]
    assert 1 <= len(reply.answers) <= MAX_ANSWERS
    assert len({c.id for c in reply.answers}) == len(reply.answers)


@pytest.mark.parametrize(
    "question",
    [
        "how do I reset my router",
        "detached retina treatment",
        "what's the capital of France",
        "my foot went numb from sitting cross-legged",
        "?!",
        "the and of",
    ],
)
def test_a_question_outside_the_seeds_is_declined_not_answered_with_the_nearest_card(
    question: str,
) -> None:
    reply = ask(question)
    assert reply.abstained and reply.answers == () and not reply.crisis


@pytest.mark.parametrize(
    "question",
    [
        "I want to die, what's the point",
        "i'm not safe right now",
        "how do I stop wanting to kill myself",
    ],
)
def test_crisis_language_brings_no_card_at_all(question: str) -> None:
    reply = ask(question)
    assert reply.crisis
    assert reply.answers == () and not reply.abstained


def test_unsure_crisis_language_brings_resources_first_and_keeps_the_cards() -> None:
    question = (
        "Part of me just wants to sleep for a very long time. "
        "Why do I feel so numb around my partner?"
    )
    reading = analyze(question)
    assert reading.concern and not reading.crisis
    reply = ask(question)
    assert reply.crisis and reply.concern  # resources first
    assert reply.answers  # then the cards: it may only have sounded heavy
    other = ask(CONCERN_TEXT)
    assert other.crisis and other.concern


def test_the_same_question_gets_the_same_reply() -> None:
    question = "why do I shut down when my wife wants to talk about feelings"
    assert ask(question) == ask(question)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "the question is empty"),
        ("   \n\t ", "the question is empty"),
        ("\x00\x00", "the question is empty"),
        ("why " * 200, f"at most {MAX_QUESTION_CHARS} characters"),
        ("why do I feel numb \ud800", "not valid UTF-8"),
    ],
)
def test_bad_questions_get_a_clear_message(question: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        ask(question)


def test_spaces_and_nul_characters_are_tidied_before_reading() -> None:
    reply = ask("  can autism\x00 make it   hard to show feelings  ")
    assert reply.question == "can autism make it hard to show feelings"
    assert reply.answers[0].id == "autism-and-feeling-emotions"
