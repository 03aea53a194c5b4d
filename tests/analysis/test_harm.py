"""Signs of abuse or coercive control in the writer's own words (``analysis/harm/``).

Journal-style statements and look-alikes (``data/coercion_*.jsonl``). Four sets were
written by helpers who did not write the rules; the fifth by the one who widened them:

- ``dev`` (35 + 35) and ``dev2`` (150 + 150): tuning data, the rules were written against these;
- ``dev3`` (80 + 82): tuning data too, written with the indirect patterns (phrasings of the
  same signs, and look-alikes aimed at each new pattern: the writer's own choice, a boss or
  a pet, fiction, play, other people);
- ``suite`` (50 + 50): held out, first run on an early version (8 of 50 found), then on the
  first rules (26 of 50, 1 look-alike);
- ``holdout`` (60 + 60): held out, first run on the first rules (25 of 60 found, 5 of 60
  look-alikes fired).

The indirect patterns were then tuned on dev, dev2 and dev3 only, and ``suite`` and
``holdout`` were run once after that tuning, counts only: 34 of 50 found with 1 look-alike
firing, and 31 of 60 found with 6 of 60 look-alikes firing (one more than before, accepted
unseen). The thresholds below are those measurements, kept as floors so the rules cannot
quietly get worse. They are still far from enough: many indirect descriptions of control are
missed, which is why the help is shown when the rules are sure and nothing is said when they
are not.

``find_harm`` now adds a small learned layer (``analysis/harm_model.py``, trained by
``training/harm.py`` on dev, dev2 and dev3, the project's own statements and GoEmotions'
train split; never on suite or holdout). ``suite`` and ``holdout`` were then run once, counts
only: 40 of 50 found with 1 look-alike firing (rules alone: 34 and 1), and 35 of 60 found
with 7 of 60 look-alikes firing (rules alone: 31 and 6; the learned layer added that one,
unseen). The floors below are those measurements. The tests at the end hold the layer to what
a user sees: a few indirect statements written for these tests are found, their look-alikes
and denials are not, and it fires on none of the real comments of the sample.

Round two: ``fresh`` (100 + 100, written 2026-12-06 by a helper who saw no code) was run once,
counts only, with suite and holdout: 45 of 100 found with 3 of 100 look-alikes firing. Then
suite, holdout and fresh became development data: their misses were read and the rules were
widened by families of indirect wording (threats with a condition, lying about injuries,
hiding marks, dozens of calls, an ex who turns up or knows where the writer lives, keys
taken so the writer cannot go, timing the day around moods, "saying no makes it worse",
quoted insults), with a veto for things asked for or done out of care; the learned layer was
retrained with 31 new statements and 31 look-alikes of the project's own (still never on
suite, holdout or fresh). After that: suite 50 of 50 with 0 look-alikes, holdout 60 of 60 and
0, fresh 100 of 100 and 0 (rules alone: 48, 58 and 90, all with 0 firing). These three are no
longer held out, so those counts say little about unseen writing; a new held-out set is the
measure. The floors below are the counts after round two.

``fresh2`` (100 + 100, written 2026-12-06 by another helper who saw no code, after round two
was finished) is that held-out set. Run once for counts: 40 of 100 found with 3 of 100
look-alikes firing (rules alone: 32 and 3; the code before round two: 39 and 4). So on
unseen writing the detector finds about four in ten statements; its texts and misses are not
to be read while the detector is tuned, so that it can measure the next round too.

Then the sentence reader (``analysis/harm_reader.py``, a fine-tuned MiniLM trained on every
set here but fresh2) was added and fresh2 run once more, for counts only: 68 of 100 found,
7 of 100 look-alikes firing. ``fresh3`` (100 + 100) and its training twin
(``training/handwritten/harm_round3.jsonl``, 150 + 150) were then written by a helper who saw
no code and no set; the reader was retrained with the twin (decided before measuring) and
both held-out sets run once: fresh2 69 and 7, fresh3 60 and 10.

Two vetoes followed, written from hand-found false alarms and tested on sentences of their
own (``test_harm_past.py``, ``test_harm_others.py``): harm said to be past and over, and
another person's things read as the writer's. No statement or look-alike of the development
sets, the handwritten training sets or the GoEmotions sample changed, and the held-out sets
were run for counts only: fresh2 69 and 7, fresh3 60 and 10 (a first version of the second
veto, applied after every pattern, found 59 in fresh3 and was narrowed to the cues).

Round four: ``dev4`` (120 + 120) and a training twin (``training/handwritten/harm_round4.jsonl``,
200 + 200 less 13 that shared seven words in a row with dev4, fresh2 or fresh3) were written by
helpers who saw no code and no set. dev4 is development data: it showed that most statements
the detector missed never reached the learned layers (no "he" or "my husband" in the
sentence, but a name; the writer only in the next sentence), so the gate now reads names and
the writer either side, and the reader (retrained with the twin, as was the logistic layer)
needs at least 0.97. On dev4: 55 found and 11 look-alikes before, 70 and 11 after. Then both
held-out sets were run once, counts only: fresh2 74 and 6, fresh3 68 and 8.

Round five changed no model, only the gate and vetoes, chosen on dev4: a sentence with no
writer in it or either side is read when exactly one other person is (a he or a she, no "my
sister"), since diaries drop the "I"; five vetoes from dev4's look-alikes that fired. dev4:
77 found and 7 look-alikes (70 and 11 before). Held out, run once, counts only: fresh2 74
and 6 (the same), fresh3 69 and 8 (68 and 8): the gains on dev4 barely carry to unseen sets.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from reconnect.analysis.harm import HARM_KINDS, find_harm
from reconnect.analysis.harm.detector import fold
from reconnect.analysis.harm_model import reading_windows

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, object]]:
    path = DATA / f"coercion_{name}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _score(name: str) -> tuple[int, int, int, int]:
    rows = _rows(name)
    harm = [str(r["text"]) for r in rows if r["harm"]]
    alike = [str(r["text"]) for r in rows if not r["harm"]]
    found = sum(bool(find_harm(t)) for t in harm)
    alarms = sum(bool(find_harm(t)) for t in alike)
    return found, len(harm), alarms, len(alike)


@pytest.mark.parametrize(
    ("name", "least_found", "most_alarms"),
    [
        ("dev", 35, 0),
        ("dev2", 148, 0),  # 144 until round seven's families
        ("dev3", 78, 0),
        ("suite", 50, 0),
        ("holdout", 60, 0),
        # round four fires on one look-alike here: a friend's bruise the writer does not
        # believe she got from a door, read with "i don't believe her" in the next sentence
        # round seven's reader (ordinary journal writing read as ordinary) loses one statement
        # here, a dress put back for fear of explaining £15 to her
        ("fresh", 99, 1),
        # development data for round four's gates and threshold (55 and 11 before it, 70 and
        # 11 after); round five's gate for a diary line with no "I" (one other person) and
        # its vetoes (a bare "he doesn't", play, leave given, still angry at the dead): 77, 7;
        # marks and cover stories: 78, 7; round seven's families 87, 7, and with its reader
        # 84 and 3; with its second families 86 and 3
        ("dev4", 86, 3),
        # round five's probe set (development data: rules were written from its misses): 102
        # found and 7 look-alikes at the session's start, 110 and 9 after the gate and vetoes;
        # 126 and 9 with its rule families, 126 and 6 with three more look-alike vetoes
        # 127 since a name opening a sentence counts before plain violence ("Mark kicked me");
        # round seven's reader: 123 and 3; with round seven's second families (written from
        # its misses) 127 and 3
        ("probe5", 127, 3),
        # held out (80 + 80): the session's start build found 56 and fired on 5; its end, 58
        # and 7 (rules alone 31 and 2, then 31 and 4); counts only, texts never read
        # ... and 59 after that (the same 7), counts only; round seven, read twice (after its
        # reader, then after three last rules; counted a third time after the second
        # families): 59 and 5
        ("fresh4", 59, 5),
        # held out: measured once with the rules and logistic layer (40 found, 3 look-alikes),
        # once for each sentence reader (68 and 7, 69 and 7, then round four's 74 and 6);
        # round five, measured once: 74 and 6; round seven, whose reader reads ordinary
        # journal writing as ordinary, read three times (counts only): 71 and 4
        ("fresh2", 71, 4),
        # held out: the detector before its reader was retrained with this set's training
        # twin found 57 and fired on 9 (rules alone 14 and 5, with the logistic layer 22 and
        # 6); the retrained reader 60 and 10; round four, measured once, 68 and 8; round
        # five, measured once, 69 and 8; round seven, read three times: 62 and 8
        ("fresh3", 62, 8),
        # held out (100 + 100, 12 statements with no one named), written for round six: the
        # round's first build found 59 and fired on 12 (rules alone 26 and 8); a reader fitted
        # with its training twin found 63 and fired on 13, and was not shipped (it lost as
        # many on fresh3 and fresh4); counts only, texts never read; round seven's reader,
        # trained on that twin and on ordinary journal writing, read three times: 53 and 11
        ("fresh5", 53, 11),
        # held out (77 + 93), written for round eight by a helper who saw no code and no set,
        # less the 30 lines that shared seven words in a row with another set (23 statements,
        # 17 of them found: writers of these sets meet on the same turns of phrase, and a
        # set that shares them reads better than unseen writing is read); counts only,
        # texts never read: round seven's reader 38 and 4 (rules alone 19 and 2)
        ("fresh6", 38, 4),
    ],
)
def test_each_set_is_read_at_least_as_well_as_when_measured(
    name: str, least_found: int, most_alarms: int
) -> None:
    found, harm, alarms, alike = _score(name)
    assert harm >= 35 and alike >= 35, (name, harm, alike)
    assert found >= least_found, f"{name}: {found} of {harm} found"
    assert alarms <= most_alarms, f"{name}: {alarms} of {alike} look-alikes fired"


def test_the_sets_do_not_share_a_sentence() -> None:
    seen: dict[str, str] = {}
    for name in (
        "dev",
        "dev2",
        "dev3",
        "dev4",
        "probe5",
        "suite",
        "holdout",
        "fresh",
        "fresh2",
        "fresh3",
        "fresh4",
        "fresh5",
        "fresh6",
    ):
        for row in _rows(name):
            text = str(row["text"]).casefold()
            assert text not in seen, (text, seen.get(text), name)
            seen[text] = name


def _sample() -> list[str]:
    with gzip.open(DATA / "goemotions_sample.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


@lru_cache(maxsize=1)
def _fired_on_sample() -> tuple[list[str], list[str]]:
    """The sample comments the rules alone fire on, then those the whole detector fires on."""
    texts = _sample()
    return [t for t in texts if find_harm(t, learned=False)], [t for t in texts if find_harm(t)]


def test_real_comments_almost_never_fire() -> None:
    texts = _sample()
    _, fired = _fired_on_sample()
    assert len(texts) > 6000
    assert len(fired) <= 0.001 * len(texts), fired


def test_the_learned_layers_fire_on_very_few_real_comments() -> None:
    rules, both = _fired_on_sample()
    assert len(rules) <= 1, rules  # one when the logistic layer was added
    # The sentence reader (``harm_reader.py``) adds two of these 6,035 comments, both about
    # a "him" the writer has feelings about ("I haven't seen him in a few days now, and his
    # car hasn't been there so I've been going outside more"): ambiguous on a hand check.
    # Round seven's reader adds three: that one, "I did it to myself, I knew he slept with
    # multiple women..." and "What comment.. When he...d I cant say" (neither is harm).
    added = [t for t in both if t not in rules]
    assert len(added) <= 3, added


@pytest.mark.parametrize(
    "text",
    [
        "he would never hit me",
        "She doesn't check my phone, we trust each other.",
        "my brother punched me in the arm when his team scored, we're both idiots",
        "She said she'll kill me if I spoil the finale.",
        "He grabbed my arm to stop me stepping into traffic.",
        "I keep checking my phone for his texts.",
        "My boss is so controlling about deadlines.",
    ],
)
def test_denials_play_and_other_people_stay_quiet(text: str) -> None:
    assert find_harm(text) == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("he hit me again last night", "physical"),
        ("my husband won't let me see my friends", "isolation"),
        ("she threatened to take the kids if I leave", "threats"),
        ("I said no and he didn't stop", "sexual_coercion"),
        ("he takes my wages and gives me an allowance", "financial"),
        ("my wife goes through my messages when I sleep", "monitoring"),
    ],
)
def test_plain_statements_are_found_with_their_kind_and_words(text: str, kind: str) -> None:
    hits = find_harm(text)
    assert kind in {h.kind for h in hits}
    for hit in hits:
        assert hit.kind in HARM_KINDS
        assert text[hit.start : hit.end] == hit.text


# Round two's families of indirect wording, with a look-alike for each; written for these
# tests and in no set.
INDIRECT_RULES = [
    ("My brother says he'll smash my phone if I tell mum about the money.", "threats"),
    ("I told the doctor I walked into a cupboard door.", "physical"),
    ("Put concealer on so nobody would see the bruises on my cheek.", "physical"),
    ("My ex was parked across from my work again today.", "monitoring"),
    ("I moved flats so he wouldn't find where I live.", "monitoring"),
    ("Mum took my door keys so I can't leave the house on weekends.", "isolation"),
    ("I have to beg her for my own money every week.", "financial"),
    ("She posted a video of me crying in the group chat and everyone laughed.", "humiliation"),
]
ROUND_TWO_LOOK_ALIKES = [
    "My husband took the car keys so I can't drive after my eye surgery.",
    "She wanted to see the receipt so she could return the jumper.",
    "My ex turned up at my house to drop off the kids.",
    "I told the nurse I fell down the stairs because I did, I'm so clumsy.",
    "Wore long sleeves so mum wouldn't see my new tattoo.",
    "My sister called me 12 times because she got engaged!",
    "My husband made me keep my location on during the hike so he could see I was safe.",
    "She beat me at chess three times in a row.",
]


@pytest.mark.parametrize(("text", "kind"), INDIRECT_RULES)
def test_the_rules_read_families_of_indirect_wording(text: str, kind: str) -> None:
    hits = find_harm(text, learned=False)
    assert kind in {h.kind for h in hits}, text
    assert all(text[h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize("text", ROUND_TWO_LOOK_ALIKES)
def test_care_play_and_plain_reasons_keep_the_new_families_quiet(text: str) -> None:
    assert find_harm(text) == ()


def test_a_long_entry_is_read_and_spans_stay_in_bounds() -> None:
    text = ("We had a quiet dinner and watched a film. " * 400) + "Then he hit me again."
    hits = find_harm(text)
    assert [h.kind for h in hits] == ["physical"]
    assert text[hits[0].start : hits[0].end] == hits[0].text


# The learned layer (``analysis/harm_model.py``). These sentences were written for these
# tests and are in no training or evaluation set.
INDIRECT = [
    "my wife tells me which of my friends I'm allowed to keep",
    "he hid my insulin and said I'd get it back when I apologised",
    "I have to be in bed when he says and up when he says",
    "she decides when I sleep, when I eat and who I speak to",
]
LEARNED_LOOK_ALIKES = [
    "my wife tells me which of my friends she likes best and it's always the funny one",
    "he took the battery out of my phone to replace it because it was swelling",
    "my husband makes me read out the crossword clues to him every friday night, our ritual",
    "he keeps my car keys in his pocket at festivals because I lose everything, I asked him to",
    "my friend's girlfriend phones her mum to check where she is and I worry about her",
    "my husband says I'm a terrible driver and he's right, I hit the bin again",
    "he would never read my messages, he doesn't even know my passcode",
]


@pytest.mark.parametrize("text", INDIRECT)
def test_the_learned_layer_finds_indirect_statements_the_rules_miss(text: str) -> None:
    assert find_harm(text, learned=False) == ()
    hits = find_harm(text)
    assert hits, text
    for hit in hits:
        assert hit.kind in (*HARM_KINDS, "other")
        assert hit.text == text[hit.start : hit.end]


@pytest.mark.parametrize("text", LEARNED_LOOK_ALIKES)
def test_the_learned_layer_leaves_look_alikes_and_denials_quiet(text: str) -> None:
    assert find_harm(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "my boss tells me which of my friends I'm allowed to keep",  # not someone close
        "the app tells me which of my friends I'm allowed to keep",  # no one at all
        "my wife tells him which of his friends he is allowed to keep",  # not the writer
    ],
)
def test_the_learned_layer_needs_someone_close_acting_on_the_writer(text: str) -> None:
    assert find_harm(text) == ()


def test_a_learned_hit_is_the_whole_sentence_it_was_read_in() -> None:
    text = f"We went to the park today. {INDIRECT[0].capitalize()}. Then tea."
    hits = find_harm(text)
    assert [hit.text for hit in hits] == [INDIRECT[0].capitalize() + "."]
    assert text[hits[0].start : hits[0].end] == hits[0].text


def test_the_learned_layer_reads_a_long_entry_to_the_end() -> None:
    text = ("My husband and I had a quiet dinner and watched a film. " * 360) + INDIRECT[1]
    assert len(text) > 20_000
    hits = find_harm(text)
    assert [hit.text for hit in hits] == [INDIRECT[1]]
    assert hits[0].end == len(text)


def _gated(text: str) -> list[str]:
    """The sentences of ``text`` the learned layers may read (before any score)."""
    return [span.text for span, _ in reading_windows(text, fold(text))]


def test_the_gate_reads_a_name_as_someone_who_may_be_close() -> None:
    # Round four: most missed statements of coercion_dev4 named the person ("Mark", "Rob")
    # and so never reached the learned layers.
    text = "Came home and Mark had already gone through my call log and asked who every number was."
    assert _gated(text) == [fold(text)]
    assert find_harm(text)
    # GoEmotions writes every name as [NAME], so its comments test the gate with names too
    assert _gated("I think [NAME] reads my messages when I'm asleep.")
    # a day, a month or a sentence's first word is not a name; nor is anyone in no sentence
    assert _gated("On Monday my dentist moved the appointment to the morning.") == []
    assert _gated("Came home and the dog had been through my bag again, crisps everywhere.") == []


def test_the_gate_finds_the_writer_in_the_next_sentence() -> None:
    first = "he has been driving past her house at night, slowly."
    assert _gated(f"{first} I keep the curtains shut now.") == [first]
    # with no writer near, "he" and "her" may be two other people
    assert _gated(f"{first} The neighbours keep the curtains shut now.") == []


def test_the_gate_reads_a_diary_line_with_one_other_person_and_no_i() -> None:
    # Diaries drop the "I": with exactly one other person, a he or a she, the sentence is read
    line = "the mark on the side of my neck is from where he held on."
    alone = "bruise on the arm from where he held on, wearing long sleeves all week."
    assert _gated(line) == [line]
    assert _gated(alone) == [alone]
    # two other people, or "they" alone, still need the writer near
    assert _gated("bruise on her arm from where he held on, she wore long sleeves all week.") == []
    assert _gated("they said the new rules were going to be enforced from monday.") == []


# Round five's vetoes, each written from a look-alike of coercion_dev4 that fired, in words of
# these tests' own; each of these fired before. Beside each, a statement that must still be
# found: the veto reads only what makes the look-alike one.
ROUND_FIVE = [
    (
        "It's not that she checks my phone, she doesn't, ever. I show her things because I "
        "like to.",
        "She checks my phone, she doesn't trust me.",
    ),
    (
        "My brother sent me threatening gifs all afternoon after I ate his chips.",
        "My brother sends me threatening messages every time I go out.",
    ),
    (
        "He grabbed me by the waist and threw me in the pool before I could take my shoes off.",
        "He threw me against the wall when I got home late.",
    ),
    (
        "Told my sister she can check my bank app every week because I'm trying to quit betting.",
        "My husband checks my bank app every day and asks about every penny.",
    ),
    (
        "My stepdad used to hit me when I was a kid. He died in 2010. Funny how I'm still angry "
        "about it.",
        "My stepdad used to hit me when I was a kid. He died in 2010 but my mum still hits me.",
    ),
]


@pytest.mark.parametrize(("look_alike", "statement"), ROUND_FIVE)
def test_round_five_vetoes_quiet_a_look_alike_and_keep_the_statement(
    look_alike: str, statement: str
) -> None:
    assert find_harm(look_alike) == (), look_alike
    assert find_harm(statement), statement


# Found in review, round five: plain statements that the look-alike vetoes silenced whole. A
# plea to stop read as "I asked him to", drink read as a reason for care, the one doing it
# calling it a joke or an accident read as play, "episode" or "tickle" read as play beside
# distress. Written for this test; each was missed before.
SILENCED_BY_A_VETO = [
    "I asked him to stop and he hit me harder.",
    "He grabbed my wrist when I asked him to stop.",
    "He kept pushing me even after I asked him to stop.",
    "She slapped me because I asked her to leave.",
    "He hit me again last night when I asked him to put the phone down.",
    "My husband checks my phone every night, I asked him to stop but he won't.",
    "He hit me after the wine at dinner.",
    "He hits me when he's had drinks.",
    "My husband hits me after a few drinks.",
    "He shoved me into the wall after the beers at the match.",
    "He says he broke my wrist by accident.",
    "He hit me when I got home from training.",
    "He pushed me down the stairs and then said he was only joking.",
    "He choked me during the argument and said he was just kidding.",
    "He had another episode last night and punched me.",
    "She hit me by accident, she says, but it's the third time this week.",
    "He makes me text him when I get home safe, and if I forget he screams at me.",
    "He pinned me down and tickled me until I couldn't breathe and I begged him to stop.",
    # a choice made under a threat is no choice
    "It was my choice to give him my bank card, he said he'd leave otherwise and take the kids.",
    # a boss or a colleague beside a partner who does it is not the one doing it
    "My husband times how long I take at the shops, my boss has noticed I'm always rushing.",
]
# ...while what those vetoes are for stays quiet
STILL_CARE_OR_PLAY = [
    "My wife hid my phone so I'd actually relax on holiday, I asked her to.",
    "He took my car keys after the wine at dinner, good thing too.",
    "My brother punched me in the arm and said he was only joking, we both laughed.",
    "He punched me in the ribs at boxing training tonight, my own fault for dropping my guard.",
    "He keeps my bank card because I asked him to, I'm trying to stop gambling.",
    "He says he'll kill me if I watch the next episode without him.",
    "We agreed he'd look after my bank card while I'm off the betting, fair enough.",
    # a refusal respected, someone else's partner, a neighbour's bruises
    "Said I wasn't in the mood tonight and he stopped straight away, gave me a cuddle instead.",
    "My mate's boyfriend keeps threatening her over text and I'm scared for her.",
    "My neighbour had a black eye again this morning, I'm worried about her.",
]


@pytest.mark.parametrize("text", SILENCED_BY_A_VETO)
def test_a_plea_to_stop_drink_or_a_joke_claimed_silences_no_statement(text: str) -> None:
    assert find_harm(text), text


@pytest.mark.parametrize("text", STILL_CARE_OR_PLAY)
def test_asking_for_it_care_and_play_stay_quiet(text: str) -> None:
    assert find_harm(text) == (), text


# Marks and the stories told about them (``harm/injuries.py``) and names where the rules say
# who (``harm/names.py``); from a probe set a helper wrote for this session, in new words.
MARKS_AND_NAMES = [
    "Fat lip this morning. Told the children I walked into the bathroom door.",
    "Told my manager the bruise came from hockey. It wasn't hockey.",
    "Bought concealer for the bruise on my jaw before the school run.",
    "Fingermarks on my upper arm again, wearing long sleeves to Jess's barbecue.",
    "The black eye should be gone before Mum visits on Sunday.",
    "That's his fourth 'accident' this month and my wrist still won't bend.",
    "Got home late and Tom shoved me into the radiator.",
]
MARKS_LOOK_ALIKES = [
    "Bruise on my shin from netball, wearing long sleeves anyway because it's freezing.",
    "Bought concealer for the spots on my chin before the interview.",
    "Told the kids I fell over at the park and they laughed for ages, I really did fall.",
    "My toddler had three 'accidents' on the carpet this week, potty training is hard.",
]


@pytest.mark.parametrize("text", MARKS_AND_NAMES)
def test_marks_cover_stories_and_named_people_are_read(text: str) -> None:
    assert find_harm(text, learned=False), text


@pytest.mark.parametrize("text", MARKS_LOOK_ALIKES)
def test_plain_marks_and_true_stories_stay_quiet(text: str) -> None:
    assert find_harm(text) == (), text


# More families from the probe set, in new words, each with a look-alike that stays quiet.
PROBE_FAMILIES = [
    ("He says he'll kill me if I ever leave him, then asks what's for tea.", "threats"),
    ("My stepdad said he'd put me in the ground if I brought my boyfriend home.", "threats"),
    ("Not that he's violent, but he checks my phone every night.", "monitoring"),
    ("I'm still not allowed out on my own, even to the corner shop.", "isolation"),
    ("He doesn't like me having friends, so I stopped replying to the group chat.", "isolation"),
    ("Had to ask permission to buy new school shoes for the kids.", "financial"),
    ("He froze my card because I argued with him in front of his mum.", "financial"),
    ("He sulks for days if I don't have sex with him, so I do.", "sexual_coercion"),
    ("Bag packed by the door in case tonight goes the way last Friday did.", "fear"),
]
PROBE_LOOK_ALIKES = [
    "My sister says she'll kill me if I spoil the finale.",
    "I'm not allowed to leave the house until the plumber comes.",
    "Husband has my location and I have his, handy for the school run.",
    "Husband read my emails with me to help me answer the council.",
]


@pytest.mark.parametrize(("text", "kind"), PROBE_FAMILIES)
def test_probe_families_are_read(text: str, kind: str) -> None:
    hits = find_harm(text, learned=False)
    assert kind in {h.kind for h in hits}, (text, hits)


@pytest.mark.parametrize("text", PROBE_LOOK_ALIKES)
def test_probe_look_alikes_stay_quiet(text: str) -> None:
    assert find_harm(text) == (), text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a name opening a sentence, right before plain violence to the writer
        ("Mark kicked me.", True),
        ("Mark kicked me while I was on the floor. I'm writing this from the bathroom.", True),
        ("Dee slapped me in front of her mum.", True),
        # ...but not an animal, a small child or a word that opens sentences
        ("Rabbit kicked me and drew blood. Small but mighty.", False),
        ("Toddler hit me in the face with a wooden spoon.", False),
        ("Life kicked me while I was down this year.", False),
        ("Nobody pushed me, I slipped on the ice.", False),
    ],
)
def test_a_name_opening_a_sentence_before_violence(text: str, found: bool) -> None:
    assert bool(find_harm(text)) is found, text


# Round seven's families (``harm/minimised.py``, and a cover story and a packed escape in
# the writer's own words), each from a development miss and written here in new words.
PLAYED_DOWN_AND_SIDEWAYS = [
    ("She only shoves me when the rent's late. Today it was only a shove.", "physical"),
    (
        "Tom grabbed the back of my neck in the car park because I'd laughed at his friend.",
        "physical",
    ),
    ("Told him no on Saturday. Didn't matter, same as always.", "sexual_coercion"),
    ("Funny how he's 'lost' my debit card again the week my wages came in.", "financial"),
    ("She 'forgot' to pass on my sister's message about the christening. Third time.", "financial"),
    (
        "He turned up at my flat at midnight. I told him it's over, twice, in writing.",
        "monitoring",
    ),
    ("My boyfriend snapped my glasses in half because I was late back from the pub.", "threats"),
    (
        "I'm always apologising for things I didn't do. Last night it was the weather.",
        "humiliation",
    ),
    (
        "Said I walked into the kitchen door. The nurse wrote it down without looking up.",
        "physical",
    ),
    ("Keys and shoes by the bed. In case I have to go quickly.", "fear"),
    # the second families, from probe5's and dev4's misses
    ("She checks the odometer every night to make sure I only drove to the shop.", "monitoring"),
    ("My wife phoned my office twice to check I was really at my desk.", "monitoring"),
    ("He goes through the recently deleted photos as well now.", "monitoring"),
    (
        "All through the party I wasn't allowed to leave his side, not even for the loo.",
        "isolation",
    ),
    ("He won't let me sleep until I've given in. Every night this week.", "sexual_coercion"),
    ("I blocked his number and my ex texted 'I know where you work.'", "threats"),
]
PLAYED_DOWN_LOOK_ALIKES = [
    "He only pushes himself when there's a deadline.",
    "She grabbed my hair and tied it up for me before the wedding photos.",
    "Said no to the second bottle, it didn't matter, we still had a laugh.",
    "He 'borrowed' my charger again, cheeky sod.",
    "She turned up at my flat with a cake. We've been married nine years.",
    "My toddler snapped my glasses because I left them on the sofa.",
    "I said I walked into the door, which I did, I'm that clumsy.",
    "I'm always apologising for things I didn't do at work, my manager's a nightmare.",
    # a bruise as a simile (markers_fresh2 held one that fired)
    "Dad rang about the scan. I keep pressing on it like a bruise, checking if it still hurts.",
    # round seven's second families, about care, a baby, a service or a neighbour
    "My husband called my work to check I was ok after the fire alarm.",
    "The baby wouldn't let me sleep until I'd fed her twice.",
    "He said 'I know where you live' when I won the quiz, lol, he's my neighbour.",
    "Dad checks the mileage on the car to make sure I'm not overdue a service.",
]


@pytest.mark.parametrize(("text", "kind"), PLAYED_DOWN_AND_SIDEWAYS)
def test_harm_played_down_or_told_sideways_is_read(text: str, kind: str) -> None:
    hits = find_harm(text, learned=False)
    assert kind in {h.kind for h in hits}, (text, hits)


@pytest.mark.parametrize("text", PLAYED_DOWN_LOOK_ALIKES)
def test_the_same_words_about_ordinary_things_stay_quiet(text: str) -> None:
    assert find_harm(text) == (), text


@pytest.mark.parametrize(
    ("text", "paused"),
    [
        # ordinary_days_dev.jsonl: a game's score is no violence
        ("Shot some hoops with my son after tea. He beat me 10-4. I'm getting old.", False),
        ("He beat me 21-3 at ping pong again.", False),
        ("He beat me 3 times last week.", True),
        ("He beat me again last night.", True),
    ],
)
def test_a_score_is_a_game_not_a_beating(text: str, paused: bool) -> None:
    assert bool(find_harm(text)) is paused, text


@pytest.mark.parametrize(
    ("text", "paused"),
    [
        # couple_days_dev.jsonl: a threat made in play
        (
            "Mock-threatened my husband with a wooden spoon for stealing chips off my plate. He "
            "ran. I chased. We're 40.",
            False,
        ),
        (
            "Told my wife her karaoke was an assault on ABBA. She threatened to sing Dancing Queen "
            "at my funeral. Deal.",
            False,
        ),
        ("He threatened to kill me if I left.", True),
        ("He threatened me with a knife.", True),
    ],
)
def test_a_threat_made_in_play_is_no_threat(text: str, paused: bool) -> None:
    assert bool(find_harm(text)) is paused, text
