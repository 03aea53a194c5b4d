"""Another person's things are not the writer's: "every penny my mum earned", "my sister's
phone" (``harm.vetoes.anothers``, ``words.ANOTHERS``, ``harm_model._readable``). Every
sentence here was written for these tests and is in no set."""

from __future__ import annotations

import pytest

from reconnect.analysis.harm import find_harm

# Each about another person's money, phone or things, beside the same words about the
# writer's own, which are still found.
OTHERS = [
    (
        "My dad used to control every penny my mum earned.",
        "My dad used to control every penny I earned.",
    ),
    ("He took every penny my sister saved.", "He took every penny I saved."),
    ("My stepdad keeps every penny my mum makes.", "My stepdad keeps every penny I make."),
    ("My dad controlled all the money my mum earned.", "My dad controlled all the money."),
    (
        "My brother took my friend's money and laughed about it.",
        "My brother took my money and laughed about it.",
    ),
    (
        "Dad reads my little sister's messages and goes through her bag.",
        "Dad reads my messages and goes through my bag.",
    ),
    ("My dad scratched my brother's car with his keys.", "My dad scratched my arm with his keys."),
]


@pytest.mark.parametrize(("theirs", "mine"), OTHERS)
def test_another_persons_things_are_not_the_writers(theirs: str, mine: str) -> None:
    assert find_harm(mine), mine
    assert find_harm(theirs) == (), theirs


@pytest.mark.parametrize(
    "text",
    [
        "He controls every penny my mum sends me.",  # sent to the writer: the writer's
        "My husband controls every penny.",
        "My ex turned up at my mum's house at midnight and banged on the door.",
        "He hit me, my sister noticed the bruise the next day.",  # a new clause, not hers
    ],
)
def test_the_writers_own_stays_found(text: str) -> None:
    assert find_harm(text), text
