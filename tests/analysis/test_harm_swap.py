"""The abuse reader's training copies with someone else close doing it (``training.harm_swap``).

The copies must keep what is done and to whom, change who does it, keep the pronouns in
agreement, and never turn a small child's bite into a partner's.
"""

from __future__ import annotations

import random

import pytest
from training.harm_swap import swap_people


def _copies(text: str, n: int = 40) -> list[str]:
    found = [swap_people(text, random.Random(seed)) for seed in range(n)]
    return [copy for copy in found if copy is not None]


def test_the_one_who_does_it_changes_and_the_deed_stays() -> None:
    text = "My husband takes my wages and gives me twenty quid on a Friday."
    copies = _copies(text)
    assert len(copies) == 40
    assert all("takes my wages and gives me twenty quid on a Friday." in c for c in copies)
    assert all(not c.startswith("My husband") for c in copies)
    # partners, parents, adult children and names all take a turn
    openings = {c.split(" takes")[0] for c in copies}
    assert {"Mum", "My son", "Mark"} & openings
    assert len(openings) >= 10


def test_every_mention_of_that_person_is_swapped_alike() -> None:
    copies = _copies("Mum reads my texts. I told Mum to stop and Mum laughed.")
    assert all(c.count(c.split(" reads")[0]) == 3 for c in copies), copies


def test_pronouns_follow_the_new_person() -> None:
    text = "My husband checks my phone when he gets home and he asks who I texted."
    for copy in _copies(text):
        if copy.startswith(("My wife ", "My mum ", "My sister ", "My daughter ", "Mum ")):
            assert " she gets home and she asks " in copy, copy
        elif copy.startswith(("My dad ", "My brother ", "My son ", "Dad ", "Mark ")):
            assert " he gets home and he asks " in copy, copy


def test_with_no_one_named_the_pronoun_becomes_someone_or_flips() -> None:
    copies = set(_copies("he goes through my bag every night and asks about every receipt"))
    assert "she goes through my bag every night and asks about every receipt" in copies
    named = [c for c in copies if not c.startswith(("he ", "she "))]
    assert named
    assert all(
        c.endswith(" goes through my bag every night and asks about every receipt") for c in named
    )


@pytest.mark.parametrize(
    "text",
    [
        "my son keeps hitting me with his toy car, toddlers",
        "my daughter bit me during teething again, tiny shark",
        "My son screamed that he hates me because I said no more iPad. He's 5.",
    ],
)
def test_a_small_child_is_never_swapped_for_an_adult(text: str) -> None:
    assert _copies(text) == []


@pytest.mark.parametrize("text", ["Long day at work, then pasta.", "The bus was late again.", ""])
def test_text_with_no_one_in_it_has_no_copy(text: str) -> None:
    assert _copies(text) == []
