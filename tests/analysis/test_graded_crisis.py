"""Crisis is graded: a confident banner needs two signals that agree; the unsure get a calm check.

The real-text suites are GoEmotions comments (Demszky et al., ACL 2020, CC BY 4.0; train
and dev splits only) read by hand (training/GOEMOTIONS.md): ``real_crisis.jsonl`` holds
sincere crisis language, ``real_near_misses.jsonl`` ordinary comments that use crisis
words. The ordinary journal days are the ones the issue found raising the banner.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconnect.analysis import Analysis, analyze
from reconnect.analysis.crisis import find_crisis

DATA = Path(__file__).parent / "data"


def _texts(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


# Families their authors wrote as look-alikes that rule 10 of the labelling guidelines makes
# crisis: a crisis told as past or resolved, and someone else at risk (decision 0017).
RULE_10 = frozenset({"past_recovered", "past_over", "other", "other_person"})


def _read_set(name: str) -> tuple[list[Analysis], list[Analysis], list[Analysis]]:
    """A probe or held-out set, read: its statements, its look-alikes, and the look-alikes of
    the ``RULE_10`` families (crisis by the guidelines)."""
    rows = [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]
    statements = [analyze(r["text"]) for r in rows if r["crisis"]]
    look_alikes = [
        analyze(r["text"]) for r in rows if not r["crisis"] and r["family"] not in RULE_10
    ]
    rule_10 = [analyze(r["text"]) for r in rows if not r["crisis"] and r["family"] in RULE_10]
    return statements, look_alikes, rule_10


def _banners(readings: list[Analysis]) -> int:
    return sum(a.crisis for a in readings)


def _either(readings: list[Analysis]) -> int:
    return sum(a.crisis or a.concern for a in readings)


ORDINARY_DAYS = [
    "Gym in the morning +exercise, then a slow day. Fine, I think.",
    "Talked honestly with @alex tonight, told her I'd been scared. We hugged for a long time "
    "and I felt warm.",
    "Went to the library, picked up a paperback.",
    "I never want to die, I love my life.",
    "hello",
    "ok day",
    "Long shift, sore feet, tea and bed.",
    "Took the kids to the park, then pasta for dinner. Tired but happy.",
    "Bit flat today. Rain all afternoon, stayed in and watched a film.",
    "Argued with Sam about the dishes again. Made up before bed.",
    "Work was a lot. My manager keeps moving deadlines. Need a proper weekend.",
    "Missing Dad today, it would have been his birthday. Looked at old photos and smiled.",
    # A place that crisis statements name, on an ordinary day (the demo journal had one).
    "Walked by the river after work. The light on the water was lovely.",
    "Long walk by the river this morning, thinking about the week ahead.",
]


@pytest.mark.parametrize("text", ORDINARY_DAYS)
def test_ordinary_days_raise_no_banner(text: str) -> None:
    result = analyze(text)
    assert not result.crisis, [m for m in result.markers if m.name == "crisis"]


def test_ordinary_days_rarely_ask_the_calm_question_either() -> None:
    # Known: "Talked honestly ... hugged for a long time" reads to the learned layer like a
    # goodbye, and the two walks by the river name a place that crisis statements name; a
    # calm question, never the banner. ("I never want to die, I love my life." is a firm
    # denial since 3.9 and asks nothing.)
    asked = [t for t in ORDINARY_DAYS if analyze(t).concern]
    assert len(asked) <= 3, asked


@pytest.mark.parametrize(
    "text",
    ["Stood on the bridge for a long time tonight.", "Sat by the river until it got dark."],
)
def test_a_place_with_a_worrying_stay_still_brings_the_banner(text: str) -> None:
    assert analyze(text).crisis


def test_a_missed_dose_is_an_ordinary_day_not_a_banner() -> None:
    # Medication is everyday in a journal like this one: "pills" alone is not the second
    # signal a learned guess needs (3.14). Known still: "I'd keep taking it, the nausea
    # should go away soon..." gets the banner from the band head.
    assert not analyze("Forgot my pills again this morning, felt off all day.").crisis


def test_disappearing_for_a_week_is_a_break_not_a_banner() -> None:
    # A wish for a break: "disappear for a week" is not the crisis word the learned guess
    # needs beside it (3.14); the rules already left it alone.
    text = "Honestly some days I wish I could just disappear for a week and switch my phone off."
    assert not analyze(text).crisis
    assert analyze("I wish I could just disappear.").crisis


@pytest.mark.parametrize(
    "text",
    [
        "I've been saving my tablets for a while now.",
        "Counted my meds tonight. There's enough.",
        "I keep thinking about the pills in the cupboard and how many it would take.",
    ],
)
def test_pills_kept_or_counted_for_a_reason_still_bring_the_banner(text: str) -> None:
    assert analyze(text).crisis


EXPLICIT = [
    "I want to kill myself tonight.",
    "I don't want to be alive anymore.",
    "I've been cutting myself again.",
    "Everyone would be better off if I was dead.",
    "I wrote goodbye letters to my kids today.",
    "My sister told me she wants to end her life.",
]


@pytest.mark.parametrize("text", EXPLICIT)
def test_explicit_statements_bring_the_banner_with_the_words_as_evidence(text: str) -> None:
    result = analyze(text)
    assert result.crisis and not result.concern
    crisis = result.marker("crisis")
    assert crisis is not None and crisis.evidence
    for span in crisis.evidence:
        assert text[span.start : span.end] == span.text


def test_crisis_and_concern_never_both_hold() -> None:
    for text in [*ORDINARY_DAYS, *EXPLICIT, *_texts("real_near_misses.jsonl")]:
        result = analyze(text)
        assert not (result.crisis and result.concern), text


def test_real_crisis_comments_are_caught_by_the_banner_or_the_calm_check() -> None:
    texts = _texts("real_crisis.jsonl")
    assert len(texts) >= 20
    missed = [t for t in texts if not (analyze(t).crisis or analyze(t).concern)]
    assert len(missed) <= len(texts) // 10, missed


def test_real_near_misses_rarely_raise_the_banner() -> None:
    texts = _texts("real_near_misses.jsonl")
    assert len(texts) >= 100
    banners = [t for t in texts if analyze(t).crisis]
    assert len(banners) / len(texts) <= 0.15, banners


def test_the_most_worrying_sentence_comes_first_in_a_long_entry() -> None:
    day = "Dropped the kids at school and did the big shop. The car needs a service soon. "
    text = day * 6 + "I don't want to wake up tomorrow. " + day * 3
    result = analyze(text)
    assert result.crisis or result.concern
    crisis = result.marker("crisis")
    assert crisis is not None
    assert "wake up" in crisis.evidence[0].text


def test_many_plain_sentences_never_add_up_to_crisis() -> None:
    errands = [
        "Posted the parcel at lunch.",
        "Bought bread, milk and a birthday card for Jo.",
        "The bus was late again so I walked the last bit.",
        "Picked up the dry cleaning and a paperback from the library.",
        "Cooked a curry and watched two episodes of the quiz show.",
    ]
    text = " ".join(errands * 80)[:20_000]
    result = analyze(text)
    assert not result.crisis and not result.concern


def test_the_crisis_probe_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_probe5.jsonl``: 150 statements and 150 look-alikes a helper wrote to probe the
    rules (development data since rules were written from its misses). Measured when added:
    the banner on 110 statements and the banner or the calm check on 141 (135 before those
    rules). Of its look-alikes, 40 are crisis by rule 10 (someone else at risk, a crisis told
    as past): 3.8, which gave recovery stories the calm check, showed the banner on 14 of
    them; 3.9 on 27 (and the banner or the calm check on 33: its crisis head, fitted with the
    journal snippets of 3.8, gives fewer calm checks). 3.12: the calm check on one statement
    more, where the band head alone is sure (0.8 or more)."""
    statements, look_alikes, rule_10 = _read_set("crisis_probe5.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (150, 110, 40)
    # 3.7: 132, with the hedged warning signs (written from these statements' misses)
    assert _banners(statements) >= 142  # 3.15: a hotel not checked out of (rule)
    assert _either(statements) >= 149
    assert _banners(look_alikes) <= 5
    assert _banners(rule_10) >= 27
    # 3.15: the band head drops calm checks it finds unlikely in journal writing (decision 0019)
    assert _either(rule_10) >= 31
    assert _either(look_alikes) <= 11  # 3.14: 20


def test_the_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh6.jsonl``: 80 statements and 80 look-alikes written by a helper who saw no
    code, held out (counts only; never read while tuning). The session's start build (3.5)
    gave the banner on 52 statements and the banner or the calm check on 73, and the banner on
    15 look-alikes (6 of them recovery told in the past tense); 3.6: 53, 73 and 15; 3.7 (its
    rules and the band head), run at the end of its session: 67, 75 and 9. 3.9 reads its 11
    recovery stories by rule 10 (crisis): the banner on 6 (3.8: 3), 6 on the other 69; its
    crisis head, fitted with 3.8's journal snippets, gives the banner on 65 statements (the
    other 2 get the calm check); 3.10 (the band head confirms from 0.7): 66."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh6.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (80, 69, 11)
    assert _banners(statements) >= 66
    assert _either(statements) >= 75
    assert _banners(look_alikes) <= 6
    assert _banners(rule_10) >= 6


def test_the_second_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh7.jsonl``: 100 statements (explicit, indirect, means and plan, disguised)
    and 100 look-alikes (recovery told as past, goodbyes, dark jokes, hard days, idioms),
    written on 7 December 2026 by a helper who saw no code and no other set; held out like
    ``crisis_fresh6.jsonl``. 3.6 gave the banner on 73 statements, the banner or the calm
    check on 89, and the banner on 22 look-alikes; 3.7, run at the end of its session: 84,
    95 and 11. 3.9: the banner on 11 of the 20 recovery stories (crisis by rule 10; 3.8: 7)
    and on 4 of the other 80 look-alikes. 3.10 (the band head confirms from 0.7): the banner
    on 89 statements (3.9: 84)."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh7.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (100, 80, 20)
    assert _banners(statements) >= 89
    assert _either(statements) >= 95
    assert _banners(look_alikes) <= 4
    assert _banners(rule_10) >= 11


@pytest.mark.parametrize(
    "text",
    [
        # Rule 10 of the labelling guidelines: a crisis told as past or resolved is crisis.
        # 3.6 to 3.8 gave these the calm check instead; 3.9 follows the rule (decision 0017),
        # and the banner's words fit a past crisis too.
        "Three years ago I tried to kill myself. Today I ran my first 10k and I'm so glad I'm "
        "still here.",
        "18 months clean from cutting today, proud of me.",
        # written with curly apostrophes, as phones type them
        "A year ago I tried to end my life. I\u2019m in a much better place now.",
        "I used to write 'I want to die' in every entry. Flicking back through, I haven't "
        "written it once in two years.",
        "Two years ago today I was in hospital after trying to end my life. Today I went for "
        "a run and called mum. I'm really glad I'm still here.",
        # 3.9: "nearly ended it" and an attempt with its year are rules of their own
        "Walked across the bridge where I nearly ended it in 2016. Stopped, looked at the "
        "river, and felt nothing but gratitude.",
        "Spoke at the suicide prevention walk today about my attempt in 2015. My voice shook "
        "the whole way through. Proud of myself.",
        "Finally told my therapist about the night on the bridge in 2019. Cried a lot. I'm "
        "safe, just sad about how alone I was back then.",
        "Five years self-harm free today, bought myself a nice notebook to celebrate.",
        "Sam asked about the marks on my wrist at the pool. I told him it was a long time ago "
        "and I'm good now, which is true.",
        # the training set's own example (markers_train.jsonl, t0435)
        "Last year I was cutting most nights. Six months clean today and I'm proud of that.",
        # ...and all the more when the risk is back
        "Two years clean from cutting and I relapsed tonight.",
        "I tried to kill myself last year. I'm proud I got through it but I want to do it again.",
        'Back in 2019 I used to say "I want to die" a lot. Glad I\'m still here, but I want '
        "to die again now.",
        "I was proud of my progress, but the thoughts of killing myself came back.",
        "Last year I took an overdose. I'm safe for now but I took all my pills an hour ago.",
        "Haven't written in here in ages because I didn't think I'd still be alive to, honestly.",
    ],
)
def test_a_crisis_told_as_past_brings_the_banner_by_rule_10(text: str) -> None:
    reading = analyze(text)
    assert reading.crisis, text
    assert reading.marker("crisis") is not None, text


def test_an_event_with_its_year_is_no_attempt() -> None:
    assert not analyze("My attempt in 2015 at the marathon failed.").crisis
    assert not analyze("I nearly ended it with him last year but we worked it out.").crisis


@pytest.mark.parametrize(
    "text",
    [
        # 3.9: crisis words used only to say, firmly, that the writer is not at risk
        "I never want to die, I love my life.",
        "Do I want to die? No. Not even slightly. I want a new job and more sleep.",
        "Mum asked if I ever think of hurting myself. Nope, never have, never would.",
        "I'm safe. I'm sad about the breakup, but I've never thought about ending my life and "
        "that isn't changing.",
        "I have never once wanted to die. I just want a holiday.",
        "I'm not going to kill myself, I promise. I'm safe.",
    ],
)
def test_a_firm_denial_gets_neither_the_banner_nor_the_calm_check(text: str) -> None:
    reading = analyze(text)
    assert not reading.crisis and not reading.concern, text


@pytest.mark.parametrize(
    "text",
    [
        # ...but a hesitant one is crisis (rule 10), and so is anything left open after it
        "I'm not suicidal, but I wish I could disappear.",
        "I would never kill myself. Never. I just want the pain to stop.",
        "Do I want to die? Sometimes, yes.",
        "Do I want to die? No. Do I want to stop existing for a while? Yes.",
        "I'm not suicidal. I just don't want to be here.",
        "I would never hurt myself, I'm safe, I just feel so tired of everything.",
        "Never thought I'd want to die but here we are.",
        "Never have I wanted to die more than tonight.",
        "I've never wanted to die more. I love my life though.",
        "I'm safe for now. I have never wanted to die as much as I do today.",
        "I'm not going to do anything, I promise. The pills are in the drawer though.",
    ],
)
def test_a_hesitant_denial_still_brings_the_banner_or_the_calm_check(text: str) -> None:
    reading = analyze(text)
    assert reading.crisis or reading.concern, text


@pytest.mark.parametrize(
    ("text", "banner"),
    [
        # 3.7: hyperbole in the sentence hedges a rule hit; the learned layer then decides
        (
            "Going to throw myself off the nearest building if my group project partner says "
            "'let's circle back' one more time.",
            False,
        ),
        (
            "i'd literally jump off a bridge for a good croissant right now lol. the bakery's "
            "shut till tuesday",
            False,
        ),
        ("I want to jump off a bridge tonight.", True),
        ("If I get one more rejection email I am going to kill myself, I mean it this time.", True),
    ],
)
def test_hyperbole_is_hedged_but_a_plain_statement_is_not(text: str, banner: bool) -> None:
    reading = analyze(text)
    assert reading.crisis is banner, text
    assert reading.crisis or reading.concern, text


@pytest.mark.parametrize(
    "text",
    [
        # 3.7: warning signs told indirectly, hedged rules the learned layer backs
        "Got the blade ready. Tonight.",
        "There's no version of next year with me in it.",
        "Recorded a video for my son's 18th. He's 9. I won't be there to show him.",
        "Cancelled my dentist appointment for next month. There won't be a next month for me.",
        "Once the kids are at their dad's this weekend I'm going to take everything in the "
        "cabinet.",
    ],
)
def test_indirect_warning_signs_bring_the_banner(text: str) -> None:
    assert analyze(text).crisis, text


def test_a_work_absence_is_not_a_warning_sign() -> None:
    reading = analyze("I won't be around for the meeting on Friday, I'm on annual leave.")
    assert not reading.crisis


def test_the_second_crisis_probe_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_probe6.jsonl``: 130 statements (indirect, means and plan, disguised) and 130
    look-alikes another helper wrote, seeing no code (development data: the hyperbole cues of
    3.7 were checked on it, and the band head's thresholds chosen). 3.6 gave the banner on 62
    statements, the banner or the calm check on 95, and the banner on 39 look-alikes (18 of
    them recovery told in the past, 12 ordinary goodbyes). Its 35 recovery stories are crisis
    by rule 10: the banner on 18 in 3.9 (10 in 3.8); many name no act ("sectioned in 2018")."""
    statements, look_alikes, rule_10 = _read_set("crisis_probe6.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (130, 95, 35)
    assert _banners(statements) >= PROBE6_BANNERS
    assert _either(statements) >= PROBE6_EITHER
    assert _banners(look_alikes) <= PROBE6_LOOK_ALIKE_BANNERS
    assert _banners(rule_10) >= 18


# 3.7 (its rules: 62, 98, 36; with the band head, whose thresholds were chosen on the set):
# 78, 105 and 19, 10 of those 19 recovery stories; 3.9 with its crisis head fitted again on
# 3.8's journal snippets (decision 0017): 74, 101 and 8; 3.10, whose band head confirms the
# calm check from 0.7 (0.8 until 3.9): 80, 101 and 9 ("Couldn't face work this morning, sat in
# the car outside for ten minutes."); 3.12, with rules for slang said the way people type it
# ("self delete", going to the canal "and be done"): 81, 103 and 9
PROBE6_BANNERS, PROBE6_EITHER, PROBE6_LOOK_ALIKE_BANNERS = 81, 105, 9  # 3.15: 105


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        # 3.7: three firm rules narrowed on probe6's look-alikes, each beside a statement
        ("Wrote letters to each of my students for the end of term.", False),
        ("Tying up loose ends. Wrote letters to each of the kids.", True),
        ("Mr Ahmed said he won't be around much now I'm gone, he only came for my coffee.", False),
        ("I won't be around much longer.", True),
        ("Tying up loose ends before the wedding so I'm not stressed.", False),
    ],
)
def test_everyday_uses_of_final_acts_are_no_rule_hit(text: str, hit: bool) -> None:
    assert bool(find_crisis(text)) is hit, text


def test_the_third_crisis_probe_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_probe7.jsonl``: 150 statements (some buried in an ordinary day) and 150
    look-alikes a third helper wrote, seeing no code (development data: the band head's
    thresholds were chosen on it). 3.7 before them: the banner on 119 statements, the banner
    or the calm check on 137, the banner on 38 look-alikes (24 of them recovery told as past).
    Its 40 recovery stories are crisis by rule 10: the banner on 24 in 3.9 (11 in 3.8); 3.9's
    crisis head gives the calm check on one statement more (136). 3.10, whose band head
    confirms from 0.7: the banner on 126 statements and 13 look-alikes ("Walked along the
    railway path in the rain, trains going past, thinking about the redundancy"). 3.12, with
    rules written from its misses ("gonna go to the bridge n be done", "bye bye world",
    "nobdy will miss me"): 129 and 139."""
    statements, look_alikes, rule_10 = _read_set("crisis_probe7.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (150, 110, 40)
    assert _banners(statements) >= 133  # 3.15: three rule phrases written from its misses
    assert _either(statements) >= 139
    assert _banners(look_alikes) <= 13
    assert _banners(rule_10) >= 24


def test_the_third_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh8.jsonl``: 100 statements and 100 look-alikes (15 of them about someone
    else at risk, 25 recovery told as past: crisis by rule 10), written by a fourth helper who
    saw no code and no other set; held out, counts only. 3.6: the banner on 70 statements,
    the banner or the calm check on 85, the banner on 38 look-alikes; 3.7 before its last
    recovery cues and band head: 79, 90, 31; at the end of its session: 80, 91, 26. 3.9: the
    banner on 25 of the 40 rule-10 look-alikes (3.8: 19) and on 7 of the other 60; the banner
    or the calm check on 90 statements (one fewer). 3.10: the banner on 81 statements. 3.12:
    the banner or the calm check on 91."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh8.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (100, 60, 40)
    assert _banners(statements) >= 81
    assert _either(statements) >= 91
    assert _banners(look_alikes) <= 7
    assert _banners(rule_10) >= 25


def test_the_fourth_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh9.jsonl``: 100 statements (10 explicit, the rest indirect, a plan or a
    means, buried in an ordinary day, disguised, self-harm) and 100 look-alikes (10 about
    someone else at risk and 25 recovery stories: crisis by rule 10), written for 3.8 by a
    helper who saw no code and no other set; held out, counts only. 3.8: the banner on 77
    statements, the banner or the calm check on 89, the banner on 34 look-alikes (23 of them
    of the rule-10 families); 3.9: 78 and 90 (one statement more each, from the two rules
    written from probe8's misses), 24 of the 35 rule-10 look-alikes, 11 of the other 65;
    3.10: 79 and 90."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh9.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (100, 65, 35)
    assert _banners(statements) >= 79
    # 3.15: the band head drops calm checks it finds unlikely in journal writing (decision 0019)
    assert _either(statements) >= 87
    assert _banners(look_alikes) <= 10  # 3.15: 11 -> 10 (a will, idiom)
    assert _banners(rule_10) >= 24


def test_the_fourth_crisis_probe_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_probe8.jsonl`` (150 + 150), written for 3.9 by a helper who saw no code and no
    other set, labelled by rule 10 itself (a crisis told as past and someone else at risk are
    among its statements; firm statements of being safe among its look-alikes): development
    data, on which the firm denial (``crisis_denial.py``) was checked. 3.8: the banner on
    118 statements, the banner or the calm check on 140, the banner on 17 look-alikes (5 of
    the 10 firm statements of being safe); 3.9: 117, 140 and 13, then 119 and 141 with two
    rules written from its misses ("cannot see a single reason to keep going", "would be
    happier once I was gone"), which changed no other set and fire on no GoEmotions comment.
    3.10: 127 and 142, with the band head confirming from 0.7 and five rules written from its
    misses (a future the writer does not expect to be in, a sleep "you don't come back from",
    letters timed to arrive after it is over, not living to see something "and I'll make sure
    of that", planning it to look like an accident). 3.12: the calm check on 143, where the
    band head alone is sure ("Half the time I feel like a ghost already. Might as well make
    it official.")."""
    statements, look_alikes, rule_10 = _read_set("crisis_probe8.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (150, 150, 0)
    assert _banners(statements) >= 127
    # 3.15: the band head drops calm checks it finds unlikely in journal writing (decision 0019),
    # and two hedged rule phrases written from its misses ask the calm question (144)
    assert _either(statements) >= 144
    assert _banners(look_alikes) <= 12  # 3.15: 13 -> 12 (a will, idiom)


def test_the_fifth_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh10.jsonl`` (100 + 100), written for 3.9 at the same time by another helper
    who saw no code and no other set, labelled by rule 10 itself (12 crises told as past and
    8 about someone else among the statements; idioms, dark jokes, hard days, ordinary
    goodbyes, news, firm statements of being safe and ordinary medication among the
    look-alikes); held out, counts only. 3.8: the banner on 84 statements, the banner or the
    calm check on 96, the banner on 12 look-alikes (and the calm check on 22 more); 3.9 before
    its crisis head was fitted again: 85, 96 and 12; 3.9: 84, 96 and 12 (precision 0.88;
    the calm check on 15 more look-alikes); 3.10, whose band head confirms from 0.7: 85, 96
    and 13 (precision 0.87)."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh10.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (100, 100, 0)
    assert _banners(statements) >= 85
    # 3.15: the band head drops calm checks it finds unlikely in journal writing (decision 0019)
    assert _either(statements) >= 95
    assert _banners(look_alikes) <= 12  # 3.15: 13 -> 12 (a will, idiom)


def test_the_casual_held_out_crisis_set_is_read_at_least_as_well_as_when_measured() -> None:
    """``crisis_fresh11.jsonl`` (100 + 100), in casual voices (phone notes, texting slang,
    emoji, voice-to-text, second-language English), written for 3.12 by a helper who saw no
    code and no other set, labelled by rule 10; held out, counts only. 3.12: the banner on 79
    statements, the banner or the calm check on 90, the banner on 4 look-alikes (precision
    0.95)."""
    statements, look_alikes, rule_10 = _read_set("crisis_fresh11.jsonl")
    assert (len(statements), len(look_alikes), len(rule_10)) == (100, 100, 0)
    assert _banners(statements) >= 79
    # 3.15: the band head drops calm checks it finds unlikely in journal writing (decision 0019)
    assert _either(statements) >= 89
    assert _banners(look_alikes) <= 4


@pytest.mark.parametrize(
    ("text", "banner"),
    [
        # 3.9: no reason found to go on, and being gone as what would make others happier
        ("I'm 58 and I cannot see a single reason to keep going past this winter.", True),
        ("I can't see any reason to keep going with this project.", False),
        ("For years I believed my family would be happier once I was gone.", True),
        ("The office will be fine once I'm gone on holiday.", False),
    ],
)
def test_no_reason_to_go_on_and_happier_once_gone(text: str, banner: bool) -> None:
    assert analyze(text).crisis is banner, text


@pytest.mark.parametrize(
    ("text", "banner"),
    [
        # 3.10, from probe8's misses, each beside a look-alike that shares its words
        ("I've stopped thinking about the future because I don't expect to be in it.", True),
        ("I don't expect to be in it, the team is full this season.", False),
        ("I hope one day I get the kind of anaesthetic you don't come back from.", True),
        ("Put the letters in the post today. By the time they arrive it'll be finished.", True),
        ("Sent the invitations. By the time they arrive it'll be over, the post is slow.", False),
        ("Coffee with Tom, all wedding plans. I won't live to see it, I'll make sure of it.", True),
        ("Spent the evening working out how to do it so it looks like an accident.", True),
    ],
)
def test_a_future_without_the_writer_and_an_end_made_to_look_accidental(
    text: str, banner: bool
) -> None:
    assert analyze(text).crisis is banner, text


@pytest.mark.parametrize(
    "text",
    [
        # 3.10: everyday scenes the rules read as a method or a goodbye (the held-out slice)
        "Waited on the platform in the rain for an hour, trains cancelled again. Emailed a "
        "complaint to the rail company.",
        "Used to plan raid comps in a spreadsheet, colour-coded, with little notes for everyone.",
    ],
)
def test_a_cancelled_train_and_a_spreadsheet_note_are_no_rule_hit(text: str) -> None:
    assert not find_crisis(text), text


def test_the_band_head_needs_more_to_confirm_where_an_idiom_reads_the_words_as_everyday() -> None:
    """3.10: the band head confirms the calm check as the banner from 0.7, but from 0.8 where
    an everyday idiom borrows the crisis words (a leave, a trip)."""
    reading = analyze("I won't be around for the meeting on Friday, I'm on annual leave.")
    assert not reading.crisis and reading.concern


@pytest.mark.parametrize(
    ("text", "banner", "asked"),
    [
        # 3.12, from crisis_probe6's and probe7's misses, each beside a look-alike
        ("doing a little self delete this weekend. tell my plants i loved them", True, False),
        ("thinking about self deleting tbh", True, False),
        ("bruh i literally cant anymore. gonna go to the bridge n be done. sry", True, False),
        ("Going to the bridge to take photos of the sunset, then done for the day.", False, False),
        ("Heading up to the roof to finish it off before the rain, then a brew.", False, False),
        ("Going down to the river to be done with the fishing for the season.", False, False),
        ("bye bye world 👋 genuinely. not a vibe post. leaving the house at 2", True, False),
        (
            "ive had 8 pints and i cant do it anymore. going down the canal. nobdy will miss me",
            True,
            False,
        ),
        # joining someone who died: hedged, so the calm check unless the rest worries too
        ("i just wanna go be with my mum in heaven", False, True),
        ("gonna go meet grandpa early 🙂 he always said i was impatient", False, True),
        # (the learned layer asks here as it did before 3.12; no rule reads it)
        ("I want to see my grandma again in heaven one day, when I'm old and grey.", False, None),
        ("Going to meet my dad early for breakfast tomorrow before his shift.", False, False),
    ],
)
def test_slang_and_joining_the_dead_as_people_type_them(
    text: str, banner: bool, asked: bool | None
) -> None:
    reading = analyze(text)
    assert reading.crisis is banner, text
    if asked is None:
        assert not find_crisis(text), text
    else:
        assert reading.concern is asked, text


def test_the_band_head_alone_asks_where_it_is_sure() -> None:
    """3.12: the crisis head reads 0.004, the band head 0.90 (probe8): the calm check."""
    reading = analyze("Half the time I feel like a ghost already. Might as well make it official.")
    assert reading.concern and not reading.crisis


@pytest.mark.parametrize(
    "text",
    [
        # ordinary_days_dev.jsonl (development): the calm check until 3.15
        "25 years married today. He gave me a card with a terrible poem he wrote himself. "
        "Best present.",
        "Therapy graduation today! Last session after two years. My therapist said I did the "
        "work. I did.",
        "My rabbit Clover died this morning. She was nearly 10, which is really old for a "
        "rabbit. Buried her under the apple tree and the kids made a little sign.",
        "Took Mum to the garden centre. She bought three plants and a scone and told the "
        "cashier my entire life story. Classic.",
    ],
)
def test_an_ordinary_journal_day_the_band_head_finds_unlikely_asks_nothing(text: str) -> None:
    """3.15 (decision 0019): the crisis head alone read these as worrying; the band head,
    which learned journal statements and their look-alikes, reads each under 0.1."""
    reading = analyze(text)
    assert not reading.crisis and not reading.concern, text


@pytest.mark.parametrize(
    "text",
    [
        # forum writing keeps a learned calm check (real_crisis.jsonl: band head 0.01,
        # journal head 0.02)
        "I'll be shocked if humanity makes it to 2100. But yeah. It's a miracle I'm alive "
        "since I had the toe on the trigger.",
        # a rule hit is never dropped, whatever the band head reads (0.03 here)
        "Tidy day at the office. In the toilets at lunch I dug a compass point into my arm. "
        "Then back to my desk.",
    ],
)
def test_the_band_head_drops_only_a_learned_calm_check_in_journal_writing(text: str) -> None:
    reading = analyze(text)
    assert reading.crisis or reading.concern, text


@pytest.mark.parametrize(
    ("text", "banner"),
    [
        ("In the toilets at lunch I dug a compass point into my arm.", True),
        ("I pressed the blade into my arm until it stung.", True),
        ("She jabbed the knife into his arm in the film.", False),
        ("I pushed the pin into my corkboard.", False),
    ],
)
def test_a_sharp_thing_the_writer_pressed_into_their_body(text: str, banner: bool) -> None:
    assert analyze(text).crisis is banner, text


@pytest.mark.parametrize(
    "text",
    [
        # 3.15: development statements that had only the calm check (crisis probes 5, 7 and
        # fresh_crisis_check_5)
        "Booked a hotel room on the coast for one night. I'm not planning on checking out.",
        "id like to not be a person anymore please",
        "lol 'what are your plans for the weekend' mate my plans are to not exist by monday",
        "I pray every night that God takes me in my sleep. My husband thinks I am praying for "
        "the children.",
        "Lost the baby at 11 weeks. Everyone's being so gentle with me. I keep wishing I'd gone "
        "with her.",
    ],
)
def test_a_hotel_not_left_a_person_no_more_and_a_prayer_to_be_taken(text: str) -> None:
    reading = analyze(text)
    assert reading.crisis, text
    assert find_crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I need to stop being a person who says yes to everything.",
        "Booked the hotel for two nights, I'm not planning on checking out until noon on Sunday.",
        "The hotel room was lovely but we're not planning on checking out the spa.",
        "I'm not planning on being around for the speeches, I'll slip out after dinner.",
        "I deleted my whole existence from Facebook today, feels great.",
        "Everyone went to Ibiza last week, I wish I'd gone with them.",
        "God takes care of me, my nan used to say.",
    ],
)
def test_the_same_words_in_an_ordinary_sense_are_no_rule_hit(text: str) -> None:
    assert not find_crisis(text), text


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        # 3.15: a will made or affairs sorted for an everyday reason given beside it
        (
            "Finally made a will now Ruby's here. Solicitor was lovely. Responsible adult era.",
            False,
        ),
        (
            "Getting my affairs in order before the hip operation, just the usual: who has the "
            "spare key, who feeds the cat.",
            False,
        ),
        (
            "Updated my will after the divorce. Took him off everything. Satisfying in a grim way.",
            False,
        ),
        (
            "sorting out my affairs this weekend - by which i mean finally doing the filing box. "
            "pension letters, tax stuff, car insurance. thrilling",
            False,
        ),
        # no reason, or the reason denied: the warning sign stands
        (
            "Put my affairs in order this week. Will, passwords, who has the dog. I'm thirty-one "
            "and there's no operation coming.",
            True,
        ),
        (
            "Updated my will, wrote the passwords down for Steph, cleaned the flat top to bottom. "
            "It's almost over and I feel ready.",
            True,
        ),
    ],
)
def test_a_will_made_for_an_everyday_reason_is_no_warning_sign(text: str, hit: bool) -> None:
    assert bool(find_crisis(text)) is hit, text


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        # 3.15 (couple_days_dev.jsonl): someone else's joke about the writer's funeral
        ("She threatened to sing Dancing Queen at my funeral. Deal.", False),
        ("I want Always Look on the Bright Side at my funeral, and soonish please.", True),
    ],
)
def test_a_song_threatened_for_my_funeral_is_a_joke(text: str, hit: bool) -> None:
    assert bool(find_crisis(text)) is hit, text
