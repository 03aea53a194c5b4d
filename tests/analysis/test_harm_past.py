"""Harm the writer says is past and over is no sign; harm that goes on still is
(``analysis/harm/past.py``). Every sentence here was written for these tests and is in no set."""

from __future__ import annotations

import doctest

import pytest

from reconnect.analysis.harm import find_harm, past
from reconnect.analysis.harm.past import over_and_done

# Each a past frame (an ex, childhood, "used to", years ago, a past year) and a statement
# that it is over, beside the sign alone, which is still found.
OVER = [
    (
        "My ex used to check my phone every night. That was years ago and I'm safe now.",
        "My ex used to check my phone every night.",
    ),
    (
        "When I was a kid my dad hit me. I've worked through a lot of it in therapy.",
        "When I was a kid my dad hit me.",
    ),
    (
        "My ex-husband took my wages every month. I left him in 2019 and I'm safe now.",
        "My ex-husband took my wages every month.",
    ),
    (
        "Growing up, my stepdad called me worthless. We haven't spoken since 2015.",
        "Growing up, my stepdad called me worthless.",
    ),
    (
        "My ex went through my messages every night. No contact since 2020 and life is calm.",
        "My ex went through my messages every night.",
    ),
    (
        "When I was a teenager my mum slapped me. We're close now and she's apologised.",
        "When I was a teenager my mum slapped me.",
    ),
    (
        "Back in 2012 my ex wouldn't let me see my friends. It's all behind me now.",
        "Back in 2012 my ex wouldn't let me see my friends.",
    ),
    (
        "My first husband used to read my texts. That was decades ago, and I'm safe and "
        "happily remarried.",
        "My first husband used to read my texts.",
    ),
    (
        "When I was little my dad threw plates at me. I left home at eighteen and I'm safe now.",
        "When I was little my dad threw plates at me.",
    ),
    (
        "My ex used to threaten to take the kids if I left. I left him years ago and I'm safe now.",
        "My ex used to threaten to take the kids if I left.",
    ),
    (
        "My ex-girlfriend used to track my location. That ended years ago.",
        "My ex-girlfriend used to track my location.",
    ),
    (
        "When we were together he controlled all the money. I divorced him in 2018 and I'm "
        "safe now.",
        "When we were together he controlled all the money.",
    ),
    (
        "As a teen my dad called me useless. We're on good terms now.",
        "As a teen my dad called me useless.",
    ),
    (
        "My ex pushed me against the wall once. That was years ago and I got out.",
        "My ex pushed me against the wall once.",
    ),
    (
        "My dad hit me a lot. That was when I was a kid, and we're close now.",
        "My dad hit me a lot.",
    ),
    (
        "Therapy today. We talked about how my dad used to hit me when I was a kid. I've "
        "worked through a lot of it.",
        "We talked about how my dad used to hit me when I was a kid.",
    ),
    (
        "My ex used to check my phone every night. That was years ago and I'm safe now. I "
        "keep thinking about how small my life was then.",
        "My ex used to check my phone every night.",
    ),
]

# A past frame, and often a word of it being over, but the entry says it goes on.
GOES_ON = [
    "He used to hit me, now he just shouts.",
    "My ex still turns up outside my work.",
    "He hasn't hit me since March but I'm scared he will.",
    "I left him last year and he still texts threats.",
    "My ex used to check my phone every night. That was years ago, but he started again last week.",
    "My ex used to read my messages and now he logs into my email.",
    "I left him in 2019 but he keeps turning up at my flat uninvited.",
    "Dad used to hit me when I was a kid and he still does when he's drunk.",
    "I moved out years ago but my stepdad still calls me worthless.",
    "When I was a kid my dad hit me. We're close now, but lately he grabs my arm when he's angry.",
    "My ex hit me years ago. I thought I was safe now, but he found my new address.",
    "My ex used to check my phone. I'm safe now, I think, but I'm scared he'll find me.",
    "My ex used to hit me. I'm safe now. Today he turned up at my door.",
    "My ex checks my phone when he has the kids. I left him in 2020.",
    # a partner of now, or "we" still together, is still in reach
    "My husband used to hit me. That was years ago and I'm safe now.",
    "Back in 2012 my boyfriend wouldn't let me see my friends. It's all behind me now.",
    "He used to check my phone every night. We've worked through it and we're good now.",
    # it came back, safety has an exception or a doubt, or a partner of now is the same
    "My ex used to hit me. I left him last year. I'm not sure I'm safe now.",
    "My ex used to read my texts. I left him in 2021 and I hope I'm safe now.",
    "When I was a kid my dad hit me. I've worked through it, but my husband is the same.",
    "My ex used to hit me. I left him years ago. But he found my address and sent flowers.",
    "My ex used to hit me. I left him years ago, but last month he broke my window.",
    "My ex used to hit me. I left him last year. He turned up at my work on Friday.",
    "My ex used to hit me. That was years ago and I'm safe now, except when he drops the kids "
    "off drunk.",
]


@pytest.mark.parametrize(("text", "sign"), OVER)
def test_harm_said_to_be_past_and_over_is_no_sign(text: str, sign: str) -> None:
    assert find_harm(sign), sign
    assert find_harm(text) == (), text


@pytest.mark.parametrize("text", GOES_ON)
def test_harm_that_goes_on_is_still_found(text: str) -> None:
    assert find_harm(text), text


def test_only_the_sentences_that_are_over_are_set_aside() -> None:
    text = "My ex used to read my texts. That was years ago and I'm safe now. My husband hit me."
    assert [hit.text for hit in find_harm(text)] == ["My husband hit me"]
    folded = text.lower()
    assert [folded[a:b].strip() for a, b in over_and_done(folded)] == [
        "my ex used to read my texts",
        "that was years ago and i'm safe now",
    ]


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(past, raise_on_error=True).attempted >= 3
