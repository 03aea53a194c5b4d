"""The abuse detector's sentence reader (``analysis/harm_reader.py``): a fine-tuned MiniLM run
with numpy, behind the same gates as the learned layer.

The sentences here were written for these tests, after the reader was trained, and are in no
training or evaluation set. The reader is a model: the tests ask for most of a group, not
every one, and for the rules' own look-alikes to stay quiet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconnect.analysis.harm import find_harm
from reconnect.analysis.harm.detector import fold
from reconnect.analysis.harm_model import learned_hits
from reconnect.analysis.harm_reader import load_reader

# Indirect descriptions of control by someone close, in wording no rule was written for.
UNSEEN_STATEMENTS = [
    "my boyfriend has to approve every outfit before I leave the flat or we don't go",
    "my husband keeps the bank cards and gives me twenty pounds on a friday if I've behaved",
    "she times my trips to the shop and wants a reason for every extra minute",
    "he has moved us three times so I never get to know any of the neighbours",
    "my partner listens in on my calls with my sister from the next room",
    "when I told my husband I wanted to see my old school friends he went silent for a week",
    "my wife reads my work emails at night and asks me about the women who wrote them",
    "my girlfriend changed the wifi password and won't tell me what it is until I apologise",
    "he says nobody else would put up with me so I should be grateful he stays",
    "my husband made me delete every photo of my ex from my phone while he watched",
]

# Ordinary writing about someone close that shares their words.
UNSEEN_LOOK_ALIKES = [
    "my boyfriend helped me choose an outfit for the interview and I got the job",
    "my husband and I keep a joint account for the bills and our own for everything else",
    "she texted to check I got home safe after the concert, which was sweet",
    "my wife reads me the news headlines every morning while I make the coffee",
    "my partner and I changed the wifi password together after the router reset",
    "my husband deleted the old photos from our laptop to make space, I asked him to",
    "he was quiet at dinner because his mum is ill and I just held his hand",
    "my girlfriend and I moved flats last month and I love the new neighbours",
]


def test_the_reader_finds_most_unseen_indirect_statements() -> None:
    found = [text for text in UNSEEN_STATEMENTS if find_harm(text)]
    assert len(found) >= 7, sorted(set(UNSEEN_STATEMENTS) - set(found))


def test_the_reader_adds_to_what_the_rules_and_heads_find() -> None:
    reader = load_reader()
    without = [t for t in UNSEEN_STATEMENTS if find_harm(t, learned=False)]
    added = [
        t
        for t in UNSEEN_STATEMENTS
        if t not in without and learned_hits(t, fold(t), (), None, reader)
    ]
    assert added, "the reader found nothing the rules had not"


def test_the_reader_leaves_ordinary_writing_about_someone_close_quiet() -> None:
    fired = [text for text in UNSEEN_LOOK_ALIKES if find_harm(text)]
    assert len(fired) <= 1, fired


def _ordinary_journal_entries() -> list[str]:
    """The journal entries of the two marker sets written by helpers who saw no code (no
    crisis among them): ordinary writing about partners, family and friends, which no abuse
    reader was trained on."""
    data = Path(__file__).parent / "data"
    rows = [
        json.loads(line)
        for name in ("markers_fresh2.jsonl", "markers_fresh3.jsonl")
        for line in (data / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    return [str(r["text"]) for r in rows if "crisis" not in r["labels"]]


def test_ordinary_journal_entries_about_people_close_rarely_fire() -> None:
    """Round four's reader, trained on statements, look-alikes and Reddit comments only, fired
    on 39 of these 584 entries ("Held hands with Dan on the walk home. First time in months I
    reached for him first."), and each would have paused a couple's shared check-ins. Round
    seven's reads 5,000 of the project's journal snippets as ordinary writing, and a bruise as
    a simile is no cue: 11."""
    entries = _ordinary_journal_entries()
    fired = [text for text in entries if find_harm(text)]
    assert len(entries) == 584
    assert len(fired) <= 11, fired


def test_a_probability_does_not_depend_on_the_batch_it_is_read_in() -> None:
    reader = load_reader()
    alone = [float(reader.probabilities([text])[0]) for text in UNSEEN_STATEMENTS[:4]]
    together = reader.probabilities(UNSEEN_STATEMENTS[:4]).tolist()
    assert together == pytest.approx(alone, abs=1e-5)
    assert all(0.0 <= p <= 1.0 for p in together)
    assert reader.probabilities([]).shape == (0,)


def test_the_threshold_shipped_with_the_weights_is_a_real_probability() -> None:
    assert 0.5 <= load_reader().threshold < 1.0


def test_a_sentence_past_the_token_limit_is_read_from_its_start() -> None:
    reader = load_reader()
    head = UNSEEN_STATEMENTS[0] + " and"
    long, longer = (head + " then we went to the shop" * n for n in (60, 90))
    # only the first MAX_TOKENS word pieces count: what comes after changes nothing
    assert reader.probabilities([long, longer]).tolist() == pytest.approx(
        [float(reader.probabilities([long])[0])] * 2, abs=1e-6
    )
