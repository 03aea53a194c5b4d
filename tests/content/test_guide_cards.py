"""The guide's answer cards: enough of them, every seed FAQ answered, own words, safe links.

The seeds' FAQ questions (headings only) are kept in ``data/seed_faq_questions.json``,
read once from the shared folder; the articles themselves are not read (a fresh clone has
nothing beside it). Copying is checked against the seeds' six-word fingerprints.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from tests.content.seeds import copied_runs, seed_ids

from reconnect.content import load_practices
from reconnect.content.guide_cards import load_cards, load_off_topic
from reconnect.domain.guide import SEED_FILES

DATA = Path(__file__).resolve().parent / "data"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"


def test_there_are_at_least_sixty_cards_from_every_seed() -> None:
    cards = load_cards()
    assert len(cards) >= 60
    per_seed = Counter(card.seed for card in cards)
    assert set(per_seed) == seed_ids() == set(SEED_FILES)
    assert all(count >= 5 for count in per_seed.values()), per_seed


def test_every_faq_question_of_the_seeds_has_a_card() -> None:
    questions = json.loads((DATA / "seed_faq_questions.json").read_text("utf-8"))
    sections = {(card.seed, card.section) for card in load_cards()}
    missing = [(seed, q) for seed, listed in questions.items() for q in listed]
    missing = [(seed, q) for seed, q in missing if (seed, q) not in sections]
    assert missing == []
    assert sum(len(listed) for listed in questions.values()) >= 45


def test_cards_are_in_the_projects_own_words() -> None:
    copied = [
        (card.id, runs)
        for card in load_cards()
        for text in (card.title, card.answer, *card.asks)
        for runs in [copied_runs(text)]
        if runs
    ]
    assert copied == []


def test_every_card_names_its_seed_file_and_links_real_practices() -> None:
    practices = {p.id for p in load_practices()}
    for card in load_cards():
        assert card.seed_file == SEED_FILES[card.seed]
        assert card.seed_file.startswith(card.seed) and card.seed_file.endswith(".txt")
        assert set(card.practices) <= practices, card.id
        assert len(card.asks) >= 3, card.id
        assert len(card.answer.split()) >= 40, card.id


def test_ids_are_unique_and_answers_render_as_paragraphs_and_lists() -> None:
    cards = load_cards()
    assert len({card.id for card in cards}) == len(cards)
    for card in cards:
        blocks = card.blocks()
        assert blocks, card.id
        assert all(block.lines and all(line.strip() for line in block.lines) for block in blocks)
        assert not any(line.startswith("- ") for b in blocks for line in b.lines)


def test_off_topic_anchors_are_many_and_none_is_a_card_ask() -> None:
    anchors = load_off_topic()
    asks = {ask.casefold() for card in load_cards() for ask in card.asks}
    assert len(anchors) >= 200
    assert not asks & {a.casefold() for a in anchors}


@pytest.mark.parametrize("name", ["guide_dev.jsonl", "guide_eval.jsonl"])
def test_the_question_sets_point_at_cards_that_exist(name: str) -> None:
    ids = {card.id for card in load_cards()}
    rows = [json.loads(line) for line in (BENCH / name).read_text("utf-8").splitlines() if line]
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["off_topic"] >= 40 and kinds["crisis"] >= 20
    assert kinds["on_topic"] >= (150 if name == "guide_eval.jsonl" else 90)
    for row in rows:
        assert set(row.get("cards", [])) <= ids, row
        assert (row["kind"] == "on_topic") == bool(row.get("cards")), row
