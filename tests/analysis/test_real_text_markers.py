"""Markers on real writing: a learned guess needs the marker's own words, and a phrase said of
"you" is a reply to someone, not the writer's sign.

The comments are GoEmotions' (Demszky et al., ACL 2020, CC BY 4.0; train and dev splits only,
``data/README.md``) that analyzer 3.2 flagged, every one of them wrongly on a hand check.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reconnect.analysis import analyze
from reconnect.analysis.marker_vocabulary import VOCABULARY, has_vocabulary

DATA = Path(__file__).parent / "data"

WRONGLY_FLAGGED_BY_3_2 = [
    "My heart just melted.",
    "It wasn't about your syllable count. It was about how nobody ever calls it "
    '"text-interpretation." It\'s called "reading comprehension."',
    "Look at a calendar. Look at the 14th. Look at the week that contains the 14th. That "
    "week, any of the days on that week. ",
    "Implying you didn\u2019t cry over [NAME]",
    "You're analogies are terrible and prove the opposite of what you were arguing, numb "
    "skull \U0001f602",
]


# GoEmotions train comments whose rule phrase read a topic, not a state.
PHRASES_THAT_READ_TOPIC = [
    "I used to love watching that show.",
    "I used to enjoy it and grew out of it.",
    "Lol this ockanikin! I used to love coming here for summer camp when I was in cub/Boy Scouts!",
    "I'm fine, how about you?",
    "Honestly i'm fine with any picture as long as it contains at least one dog",
]


# GoEmotions train comments that analyzer 3.3 flagged when its heads had not seen them (read
# out of fold, ``training/oof_markers.py``), every one wrongly on a hand check.
WRONGLY_FLAGGED_BY_3_3_UNSEEN = [
    ("The last book feels like a dream. It's ridiculously bad, imo ", "disconnection"),
    ("Fuck those people, there's no point thinking about them", "hopelessness"),
    (
        "He's just getting kicks from pushing buttons. Keep fighting and never give up. It will "
        "get better eventually.",
        "hopelessness",
    ),
    (
        "I guess I am totally alone but I am really enjoying the audiobook and haven’t had "
        "a single complaint. I’m half way through now",
        "withdrawal",
    ),
    ("I guess learning French in school helped me for once", "reconnection"),
    (
        'Your feelings have nothing at all to do with the question "What is actually true?"',
        "numbness",
    ),
    ("He wants to speak to the manager", "avoidance"),
    ("I should call him up so we can talk about our mutual problems.", "avoidance"),
    (
        "Everyone is a little toxic inside. I feel like killers being toxic comes from survivors "
        "being toxic and vice versa. It's a vicious cycle.",
        "burdened",
    ),
    (
        "I told their kid that it was okay to be upset. (He was anxious and I was validating his "
        "feelings.)",
        "low_empathy",
    ),
]


# GoEmotions train comments that analyzer 3.10 flagged out of fold on a rule phrase alone,
# each wrongly: a word of everyday talk ("commitment"), a saying ("nothing will change",
# "why bother", "it's exhausting") or someone who would see the writer in the street.
WRONGLY_FLAGGED_BY_3_10_UNSEEN = [
    ("That's a lot of commitment there. 10/10", "intimacy_fear"),
    (
        "Love takes work and commitment. If it's not worth the work it isn't love. Learned that "
        "one from my blood family.",
        "intimacy_fear",
    ),
    (
        "He has made threats saying if he sees me on the street he will attack me that\u2019s "
        "what the situation boiled down to",
        "intimacy_fear",
    ),
    ("CIA and MIC are now controlled by women. And nothing will change. Progress!", "hopelessness"),
    (
        "Why bother getting upset when straight people stereotype gays, when gays willingly "
        "stereotype themselves. ;)",
        "hopelessness",
    ),
    ("Absolutely. It's exhausting.", "burdened"),
    (
        "Mmmm traveling for work often isn't exactly the most desirable situation. It can be "
        "exhausting.",
        "burdened",
    ),
]


@pytest.mark.parametrize(("text", "marker"), WRONGLY_FLAGGED_BY_3_10_UNSEEN)
def test_everyday_words_and_sayings_in_real_comments_are_not_signs(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is None


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("I'm terrified of commitment, so I end it before it gets serious.", "intimacy_fear"),
        ("I've always had commitment issues and now she wants to move in.", "intimacy_fear"),
        ("If she really knew me she'd leave.", "intimacy_fear"),
        ("Living is exhausting.", "burdened"),
        ("Nothing is going to change. I feel stuck like this for good.", "hopelessness"),
    ],
)
def test_those_words_stated_as_the_writers_own_are_still_signs(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is not None


@pytest.mark.parametrize(("text", "marker"), WRONGLY_FLAGGED_BY_3_3_UNSEEN)
def test_sayings_similes_and_topics_in_real_comments_are_not_signs(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is None


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Nothing is going to get better for me.", "hopelessness"),
        ("Things are never going to get better for me.", "hopelessness"),
        ("I haven't spoken to a single soul since Friday.", "withdrawal"),
        ("I felt nothing at all when she hugged me.", "numbness"),
        ("I'm feeling hope for the first time in a long time.", "reconnection"),
        (
            "Left the work do early so I didn't have to talk to anyone about the divorce.",
            "avoidance",
        ),
        ("Every phone call with my mum leaves me wiped out for the rest of the day.", "burdened"),
        ("Kai had a bad day and wanted to talk. I couldn't bring myself to care.", "low_empathy"),
    ],
)
def test_the_plain_forms_of_those_phrases_are_still_signs(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is not None


@pytest.mark.parametrize("text", PHRASES_THAT_READ_TOPIC)
def test_a_phrase_about_a_topic_is_not_a_sign(text: str) -> None:
    assert [m.name for m in analyze(text).markers] == []


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("I used to love painting. Now I can't be bothered to open the box.", "anhedonia"),
        ("Took the kids to the beach, which I used to love, and wanted to go home.", "anhedonia"),
        ("All week I've felt miles away from everyone, even at dinner.", "disconnection"),
        ("Everything feels like a dream lately, like I'm watching from outside.", "disconnection"),
    ],
)
def test_the_same_phrases_about_a_state_are_signs(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is not None


@pytest.mark.parametrize("text", WRONGLY_FLAGGED_BY_3_2)
def test_real_comments_that_3_2_misread_get_no_marker(text: str) -> None:
    assert [m.name for m in analyze(text).markers] == []


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("I feel dead inside.", "numbness"),
        ("My partner seems numb and distant lately.", "numbness"),
        ("Been going through the motions all week, same routine, nothing sticks.", "autopilot"),
        ("Haven't answered anyone's messages in a week. Staying in my room.", "withdrawal"),
        ("Told everyone I'm fine and smiled through dinner.", "suppression"),
    ],
)
def test_the_writers_own_signs_are_still_read(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is not None


def test_a_phrase_said_of_you_is_a_reply_not_a_sign() -> None:
    assert analyze("You look dead inside lol").marker("numbness") is None
    assert analyze("I look dead inside lol").marker("numbness") is not None


def test_the_vocabulary_is_a_second_signal_only() -> None:
    assert has_vocabulary("numbness", "i felt nothing at all")
    assert not has_vocabulary("numbness", "my heart just melted.")
    # numbness and anhedonia need both parts: a feeling or pleasure, and its absence or loss
    assert not has_vocabulary("numbness", "your feelings have nothing to do with it")
    assert not has_vocabulary("anhedonia", "i used to love watching that show.")
    assert has_vocabulary("anhedonia", "i used to love that show, now i can't sit through it")
    # markers whose heads read state rather than topic need no second signal
    assert "hopelessness" not in VOCABULARY
    assert has_vocabulary("hopelessness", "anything at all")


def test_real_comments_rarely_get_a_marker() -> None:
    with gzip.open(DATA / "goemotions_sample.jsonl.gz", "rt", encoding="utf-8") as lines:
        texts = [str(json.loads(line)["text"]) for line in lines]
    flagged = [t for t in texts if any(m.name != "crisis" for m in analyze(t).markers)]
    # 3.2 flagged 7 of these 6,035 comments (3 right on a hand check); 3.3 flags 6, and 3
    # of them are right ("I don't feel anything. I'm just numb all over", "taken any joy out
    # of my life", "I've isolated myself"). 3.8, fitted on twice as much journal writing,
    # flags 7, the same 3 right; the new one is "Absolutely. It's exhausting." (burdened).
    # 3.9, whose learned guesses need a word of their marker's vocabulary only under 0.85
    # (was 0.95; 19 of the 27 signs it adds on development journal sets are right), flags 8:
    # the new one, "I haven't seen him in a few days now ... so I've been going outside
    # more." (withdrawal), is wrong.
    # 3.12, whose heads' guesses alone count only in writing that reads like a journal
    # entry, flags 5: "I'm just numb all over" and "I've isolated myself" still (right), and
    # "taken any joy out of my life" no longer (the journal head reads "Man being
    # unattractive..." as a forum comment).
    assert len(texts) >= 6000
    assert len(flagged) <= 5, flagged


# GoEmotions dev comments (never trained on) that 3.11 flagged by a head's guess alone, and a
# forum reply whose saying 3.11 counted on its head's support: none reads like a journal
# entry to the journal head, so 3.12 gives none of them a sign.
FORUM_GUESSES_3_11 = [
    ("Orange kitty has a bit of concern in his face.", "suppression"),
    (
        "I haven't seen him in a few days now, and his car hasn't been there so I've been "
        "going outside more.",
        "withdrawal",
    ),
    (
        "Lol no point arguing with that sub, they downvote anything that isn't the hivemind",
        "hopelessness",
    ),
]


@pytest.mark.parametrize(("text", "marker"), FORUM_GUESSES_3_11)
def test_a_heads_guess_counts_only_in_writing_that_reads_like_a_journal(
    text: str, marker: str
) -> None:
    assert analyze(text).marker(marker) is None


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Brushed my teeth twice this morning. Only clocked it the second time.", "autopilot"),
        ("Drove to work and couldn't remember a single junction of the drive in.", "autopilot"),
        ("Mum rang again. I let it ring out and put the telly up louder.", "avoidance"),
        (
            "Got the job offer today. Read it, closed the laptop, made dinner. Felt nothing "
            "much either way.",
            "numbness",
        ),
        ("What's the point anymore. I keep trying and nothing changes.", "hopelessness"),
    ],
)
def test_journal_entries_keep_the_signs_only_the_heads_read(text: str, marker: str) -> None:
    assert analyze(text).marker(marker) is not None
