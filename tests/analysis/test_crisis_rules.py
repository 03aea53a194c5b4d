"""The crisis rule layer (analysis/crisis/): precision on real text, recall floors, and its modules.

Rule hits are the strongest signal for a confident crisis banner, so besides
the project's own statements (tests/analysis/test_crisis.py) the rules are
held to real ordinary writing: GoEmotions comments. Every rule hit on its
train and dev splits was read by hand; the false ones that were fixed are
"must not fire" cases here, the genuine ones "must fire" cases. The dev set
of the markers and GoEmotions' test split are never read.

The comments quoted below are from GoEmotions (Demszky et al., ACL 2020,
Google Research), licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),
unchanged, with their split and Reddit comment id as the test id. Whether
each is crisis language is this project's judgement, not the dataset's.
"""

from __future__ import annotations

import dataclasses
import doctest
import gzip
import importlib
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reconnect.analysis.crisis as crisis
import reconnect.analysis.crisis.index as crisis_index
from reconnect.analysis.crisis import KINDS, CrisisHit, find_crisis, has_idiom
from reconnect.analysis.crisis.factors import necessary_strings, skeleton
from reconnect.analysis.crisis.firstchars import can_be_empty, first_chars
from reconnect.analysis.crisis.folding import _EXTRA, fold
from reconnect.analysis.crisis.index import INDEX_FILE, PATTERN_FILE, build, load
from reconnect.analysis.crisis.patterns import expand, group_at, rules
from reconnect.analysis.crisis.scanner import Bones, Scanner, Searcher, _searchable
from reconnect.analysis.crisis.tense import is_past
from reconnect.analysis.lexicon import read_data, read_manifest
from reconnect.analysis.subject import span_subject
from reconnect.analysis.tokens import normalise, sentence_bounds
from reconnect.errors import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterator

P = pytest.param
ROOT = Path(__file__).resolve().parents[2]
GOEMOTIONS_SAMPLE = ROOT / "tests" / "analysis" / "data" / "goemotions_sample.jsonl.gz"
CHECK_FILES = [ROOT / "training" / f"fresh_crisis_check{n}.jsonl" for n in ("", "_2", "_3", "_4")]
MODULES = [
    "reconnect.analysis.crisis",
    "reconnect.analysis.crisis.factors",
    "reconnect.analysis.crisis.firstchars",
    "reconnect.analysis.crisis.folding",
    "reconnect.analysis.crisis.hits",
    "reconnect.analysis.crisis.index",
    "reconnect.analysis.crisis.patterns",
    "reconnect.analysis.crisis.scanner",
    "reconnect.analysis.subject",
    "reconnect.analysis.crisis.tense",
]

# ---------------------------------------------------------------- real text

# Fixed false hits, one line of the pattern file each: "odd" read as OD'd (61 comments,
# the shortest 12 kept here); "X needs to die" / "gonna die" as a wish; "worried I'll"
# without anything the writer might do; sport, games, fiction and politics; idioms
# ("burning yourself out", "tell her off yourself", "not even with a gun to my head",
# "no reason not to", "here's my attempt"); another person's attempt on someone else.
REAL_FALSE_HITS = [
    P(
        "beautiful story arc. glad you decided to end it in my semi hometown of excelsior - "
        "really neat lil town.",
        id="train-eeo0tgr",
    ),
    P(
        "yo STOP going on your roof on dxm man you don't want to fall and hurt yourself",
        id="train-edmbu45",
    ),
    P(
        "Tell her off yourself (and poke her in the back) that she's way too old and way "
        "too heavy to be pulling this stuff.",
        id="train-ednr3yi",
    ),
    P("Play something else and come back later. You’re burning yourself out", id="train-ee2yef5"),
    P("He was cut yesterday, unfortunately", id="train-effsrc0"),
    P(
        "The entire generations thing needs to die. What are they useful for? Feeding the "
        "ego of some dumbass on the internet?",
        id="train-eek492h",
    ),
    P("I'm not sure how to post a picture lol. Here's my attempt.", id="train-ed9hm9b"),
    P(
        "I think he's showing the scissor cutting himself in half to illustrate the type of "
        "discourse it produces when it cuts populations in half",
        id="train-eeq3syi",
    ),
    P(
        "To be fair, [NAME] told her he had a gf. Also, barn girl tried to kill him. Very "
        "different situation. ",
        id="train-eetap0z",
    ),
    P(
        "Ew, this comment needs to die. Adultery is the most cowardly option you could ever pick.",
        id="train-edwzi7c",
    ),
    P(
        "By that logic the NDP need to stop existing to prevent the Liberals from going to "
        "the left.",
        id="train-eemqi9p",
    ),
    P(
        "That’s good to hear..I’m so worried I’ll be making the wrong choice by leaving my "
        "job I hate soon.",
        id="train-eef0nqv",
    ),
    P(
        "Thanks for sharing. I'm afraid I will start to squint, this way. Not sure if it's "
        "the case. ",
        id="train-edrrpw8",
    ),
    P(
        "I’d burn my hand for nothing if it meant keeping my family alive and safe.",
        id="train-edva872",
    ),
    P("They should get checked for everything. No reason not to.", id="train-edserw3"),
    P("The guy that started everything vs the guy who will end everything.", id="train-eeer9ys"),
    P(
        "Pistons gonna have to part with something the fans don't wanna give up. Haha",
        id="train-ee49cxn",
    ),
    P(
        "And I *can* physically drink over 12 beers in a sitting. And my cat *can* "
        "physically jump out of the open window if he wanted to. Sigh.",
        id="train-ee16twd",
    ),
    P(
        '"My sister and cousin got one. I\'ll probably say ""not even with a gun to my '
        'head"" if I get one."',
        id="train-eeqgtew",
    ),
    P("Damn, I'd better avoid you then. I don't wanna die.", id="train-eeat82c"),
    P(
        "Ok. Hang onto shit you can't change and be whiney about it. This is a reason why "
        "we catch shit. We can't take it",
        id="train-eekw4ac",
    ),
    P("It's never going to end unless you end it .", id="train-efev8nq"),
    P(
        "Some college professors and their teaching staff may need to die. Oh, wait... "
        "saying that is hate speech.",
        id="train-eesirne",
    ),
    P(
        "Thank you! Sorry if this is a silly question, but what is considered low for kms "
        "on a used car?",
        id="train-edb31xv",
    ),
    P(
        "Anyone know how high of a fall that was? Edit: ~4 seconds of falling. .5 X 9.8 X "
        "4^2 = ~78 feet.",
        id="train-ee9c01w",
    ),
    P("You're gonna die tomorrow.", id="train-ed9bogy"),
    P(
        "It's cool and fun and a nice change of pace but I want my hidden blades back next game.",
        id="train-eea7xxs",
    ),
    P("Thanks I was worried that I might die alone", id="train-edpai0k"),
    P(
        "Nothing matters. The world was burning when you came in to it and it will be "
        "burning when you leave it.",
        id="train-ee7zuwy",
    ),
    P(
        "Ugh I live in WA state and now I'm scared I'm going to get measles even though I'm "
        "vaccinated, I hate anti-vaxxers",
        id="train-ef201xo",
    ),
    P("Is [NAME] gonna die to a bucket of water at the end of the series?", id="train-eeoqitr"),
    P(
        "If your friend jumps off a cliff, will you let him die by himself, awkwardly? No, "
        "you take that jump.",
        id="train-ee4h1nx",
    ),
    P(
        "I know 😢 it’s one of my life’s goals to see a moose in real life despite how "
        "terrified I will be lol!!",
        id="train-eehpn6k",
    ),
    P(
        "I know you will make her proud. always appreciate your parents they won’t be here "
        "forever ❤️",
        id="train-ee92gd9",
    ),
    P(
        "I'm afraid I'm gonna have to go with what he said about an hour ago. Unicorns. He "
        "just ruled out any sort of",
        id="train-efdl0h3",
    ),
    P(
        "Thanks! I was actually considering that myself, but I'm scared that I'll just "
        "start rambling about it ",
        id="train-edqvg11",
    ),
    P("That's why imo [NAME] death is better.", id="train-eff9qjb"),
    P("If that mask could talk it would beg someone to end it's suffering.", id="train-eexubdp"),
    P(
        "tbh if I had to listen to [NAME] voice in person I would probably punch myself in "
        "the eardrums a la Asuelu",
        id="train-ee0nn9z",
    ),
    P(
        "Mate it's been nice the last couple weeks. You're gonna die when a stormy period arrives.",
        id="train-ed42dwr",
    ),
    P(
        "I think the drug site is supposed to help solve the overdose problem, not the "
        "housing problem.",
        id="train-edqqyt3",
    ),
    P(
        "Thanks for the advice. It does presuppose that I am able to have that conversation "
        "with him though. Will give some thought to how to do it.",
        id="train-ee3fyxn",
    ),
    P(
        "[NAME] hitting himself with the other guys stick. Palms with another 2 goal night!",
        id="train-ee3764p",
    ),
    P(
        "Takes r us...you literally make me want to overdose on drugs. Like you’re that "
        "insufferable.",
        id="dev-ed7ev0x",
    ),
    P("That is a face i do not want to wake up to in the morning", id="dev-ed47vne"),
    P(
        "Imagine spending the day having to hear excuses from people slowly killing "
        "themselves. He's too kind.",
        id="dev-edj5d91",
    ),
    P(
        "He’s also talking about pushing [NAME] in front of a train. Kid needs the old bill "
        "coming around for a stern chat.",
        id="dev-eev8kvj",
    ),
    P(
        "So no resignation or impeachment. Bummer. Naive me had high hopes the great [NAME] "
        "wouldn't escape the noose this time.",
        id="dev-eedl1hw",
    ),
    P("If they overdo it and burn themself out it may be.", id="dev-ee058nb"),
    P(
        "Rec and Red just need to die as teams. Fucking joke of a performance here "
        "considering how much funding they are both getting.",
        id="dev-eedu0jt",
    ),
    P("I thought about it before. But I'm afraid I might get in trouble.", id="dev-edjpjj1"),
    P(
        "The [NAME] excuse needs to die. [NAME] was on the bench for an extended period "
        "when the Raps defence made [NAME] freaking [NAME] look like an all-star.",
        id="dev-ee7mt84",
    ),
    P("That is odd.", id="dev-ee9vw9t"),
    P("Thats odd but ill check it 🤔", id="train-ef0641k"),
    P("With some odd cat-like appendages", id="train-efgqnzw"),
    P("seems like an odd time to post this", id="train-ef5wftw"),
    P("Always look to the odd years brother.", id="train-ee32wyh"),
    P("Which is odd, he was terrible on Sunday", id="train-edlqhtk"),
    P("Why, it'll be gone in 30 some odd games. ", id="train-efenbk0"),
    P('"That\'s an odd context for ""cockblocked"""', id="train-ed00a87"),
    P("Also 24 years old. I'm that old and it's odd.", id="train-eex5kbr"),
    P("Seems like an odd hypothetical question to ask.", id="train-eebgb0v"),
    P("I recommend reading it. What an odd duck/rabbit.", id="train-edtran8"),
    P("I agree it seemed very odd the whole live stream...", id="train-eeja2b2"),
]

# Genuine crisis language that must keep firing: sincere wishes to die, someone else's
# suicide, self-harm, warning signs ("It was nice knowing you all."). Comments whose crisis
# wording reads as exaggeration ("I actually want to die rn. I don't want to watch the SB")
# still fire and are left out of both lists: the rules cannot tell, and a miss costs more.
REAL_CRISIS = [
    P(
        "Now if he does off himself, everyone will think hes having a laugh screwing with "
        "people instead of actually dead",
        id="train-ed00q6i",
    ),
    P(
        "If I died I've always wondered who will be at my funeral. I imagine only my mom. "
        "Maybe one of these days I'll find out.",
        id="train-eden5qn",
    ),
    P(
        '"I\'m missing the ""funny"" part. This is just someone killing himself."',
        id="train-ed1ahyw",
    ),
    P(
        "Yeah...itd make people's lives easier if I was dead but didn't work out so here we are",
        id="train-ee057qn",
    ),
    P("I just want to die. I don't want to keep trying.", id="train-edsg5t7"),
    P(
        "I'm the exact opposite. The idea of not existing anymore relaxes me and makes me "
        "want to end it",
        id="train-eczub6k",
    ),
    P(
        "He gave his 20 year old ex herpies dumped her and she killed herself. He’s an "
        "awful person",
        id="train-eersl7f",
    ),
    P(
        "If you succeed at killing yourself you can't attempt it many more times.",
        id="train-edfib5q",
    ),
    P(
        "Had surgery at 3mnths old to fill a pinhole in my back (spinabifida) Cutting "
        "myself after some severe postpartum depression",
        id="train-edtybs0",
    ),
    P("I want to die", id="train-eery0wn"),
    P("I wanna die", id="dev-eeddy3z"),
    P(
        "I had did the same thing sometime in December. I hope you'll be fine and I'm very "
        "proud of you for not harming yourself after",
        id="dev-edkta22",
    ),
    P("this is why she killed herself you sick freaks", id="dev-ed9q34r"),
    P(
        "Get out more. Make more friends and better friends. Don’t self-harm. Write my "
        "journal more often.",
        id="dev-eexbv2s",
    ),
    P(
        "I feel like [NAME] had the right idea losing the will to live. Now if only I could "
        "learn this power...",
        id="dev-eejvjpm",
    ),
    P("It was nice knowing you all.", id="dev-edntz58"),
    P("why wont i just fucking die", id="train-edxhjeo"),
]


@pytest.mark.parametrize("text", REAL_FALSE_HITS)
def test_real_ordinary_comments_do_not_fire(text: str) -> None:
    assert find_crisis(text) == (), [hit.text for hit in find_crisis(text)]


@pytest.mark.parametrize("text", REAL_CRISIS)
def test_real_crisis_comments_fire(text: str) -> None:
    hits = find_crisis(text)
    assert hits
    assert all(text[h.start : h.end] == h.text and h.kind in KINDS for h in hits)


def _goemotions() -> list[dict[str, str]]:
    """GoEmotions comments kept in the repository (``python -m training.test_fixtures``): a
    fixed sample of 6,000 from the train and dev splits (never test.tsv: it is held out), and
    every comment of those splits the rules fired on when it was written (``fired``)."""
    raw = gzip.decompress(GOEMOTIONS_SAMPLE.read_bytes()).decode("utf-8")
    return [json.loads(line) for line in raw.splitlines()]


def test_few_real_comments_fire_at_all() -> None:
    # 155 of the 48,836 comments fired before the precision pass, 43 after it: 25 are crisis
    # language by the guidelines (17 sincere, 8 exaggerated), 10 borderline (jokes about
    # suicide, insults, euthanasia, drug overdoses) and 8 false in ways the words cannot show
    # ("a cousin that killed himself" with a chainsaw; a jump in a video game).
    rows = _goemotions()
    known = [row["text"] for row in rows if row["fired"] == "yes"]
    assert len(known) == 43
    fired_known = [text for text in known if find_crisis(text)]
    assert len(fired_known) <= 45, fired_known
    # The sample's other comments: none of them fired; a new pattern may add a handful.
    others = [row["text"] for row in rows if row["fired"] == "no"]
    assert len(others) >= 5900
    fired_new = [text for text in others if find_crisis(text)]
    assert len(fired_new) <= 6, fired_new


def test_ordinary_comments_mostly_skip_every_pattern() -> None:
    # What makes find_crisis fast: most texts lack some word every pattern needs.
    compiled = rules()
    texts = [row["text"] for row in _goemotions()][:5000]
    scanned = [t for t in texts if compiled.crisis.candidates(t) - compiled.companions]
    assert len(scanned) <= 0.03 * len(texts)


# ---------------------------------------------------------------- recall floors

# The rules alone, per check file: crisis statements caught (at least), false alarms (at most).
CHECK_FLOORS = {"": (26, 1), "_2": (28, 2), "_3": (71, 6), "_4": (76, 4)}
# Per hand-written file (training/handwritten, training/rules_only), as for the check files.
LINE_FLOORS = {
    "batch11_dark_not_crisis.txt": (12, 0),
    "batch14_crisis_lookalikes.txt": (0, 0),
    "batch15_crisis_indirect.txt": (107, 0),
    "batch16_crisis_lookalikes_more.txt": (0, 3),
    "batch17_crisis_voices.txt": (48, 0),
    "batch18_crisis_varied.txt": (66, 0),
    "batch19_crisis_lookalikes_varied.txt": (0, 6),
    "batch20_crisis_in_context.txt": (61, 0),
    "batch21_lookalikes_in_context.txt": (0, 8),
    "batch22_crisis_hard.txt": (42, 0),
    "batch23_lookalikes_hard.txt": (0, 5),
    "batch3_voices.txt": (16, 0),
    "batch4_subtle.txt": (11, 0),
    "batch5_crisis_and_negatives.txt": (29, 0),
    "crisis_more.txt": (39, 0),
}


def _counts(rows: list[tuple[str, bool]]) -> tuple[int, int]:
    caught = sum(1 for text, is_crisis in rows if is_crisis and find_crisis(text))
    alarms = sum(1 for text, is_crisis in rows if not is_crisis and find_crisis(text))
    return caught, alarms


@pytest.mark.parametrize(("suffix", "floor"), CHECK_FLOORS.items(), ids=lambda v: str(v))
def test_the_rules_keep_their_recall_on_the_check_files(
    suffix: str, floor: tuple[int, int]
) -> None:
    path = ROOT / "training" / f"fresh_crisis_check{suffix}.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    caught, alarms = _counts([(r["text"], "crisis" in r["labels"]) for r in rows])
    assert caught >= floor[0] and alarms <= floor[1], (caught, alarms)


@pytest.mark.parametrize(("name", "floor"), LINE_FLOORS.items(), ids=lambda v: str(v))
def test_the_rules_keep_their_recall_on_the_handwritten_lines(
    name: str, floor: tuple[int, int]
) -> None:
    folder = "rules_only" if name.startswith("batch17") else "handwritten"
    rows = []
    for line in (ROOT / "training" / folder / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            labels, _, text = line.split(" | ", 2)
            rows.append((text, "crisis" in labels.split(",")))
    caught, alarms = _counts(rows)
    assert caught >= floor[0] and alarms <= floor[1], (caught, alarms)


# ---------------------------------------------------------------- the package and its modules


def test_the_public_api_is_unchanged() -> None:
    # 3.7 adds FIRM_RULE_SCORE, which the analyzer reads (it moved here from analyzer.py)
    assert crisis.__all__ == ["FIRM_RULE_SCORE", "KINDS", "CrisisHit", "find_crisis", "has_idiom"]
    assert crisis.first_chars is first_chars  # tests and tools still import it from here
    hit = find_crisis("I want to die")[0]
    assert isinstance(hit, CrisisHit)
    assert (hit.start, hit.end, hit.text, hit.kind, hit.subject, hit.past, hit.score) == (
        2,
        13,
        "want to die",
        "passive",
        "self",
        False,
        0.9,
    )


@pytest.mark.parametrize("name", MODULES)
def test_every_module_says_what_it_does_is_small_and_its_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__ and module.__file__
    assert len(Path(module.__file__).read_text("utf-8").splitlines()) < 400
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 1


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80) | st.sampled_from(["I’m “fine” — really", "Straße Maß", "ʼ′´\u00a0\u3000"])
)
def test_folding_keeps_every_offset_and_agrees_with_normalise(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == normalise(text).translate(_EXTRA)


def test_sentence_bounds_stop_at_punctuation_and_line_breaks() -> None:
    text = "fine. i want to die\nreally"
    start = text.index("want")
    assert sentence_bounds(text, start, start + 11) == (5, 19)


def test_first_characters_and_empty_matches() -> None:
    assert first_chars(r"\b(?:kill|end) ?it") == frozenset("ke")
    assert first_chars(r"(?:a|b)?c") == frozenset("abc")
    assert first_chars(r"[^x]y") is None
    assert first_chars(r"\s+x") is None
    assert not can_be_empty(r"\bkill(?= me)")
    assert can_be_empty(r"(?:kill)?")
    assert can_be_empty(r"(?P<name>x)")  # not read: assumed the worst


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        P(r"\bkill ?myself\b", [{" kill myself ", " killmyself "}], id="space-optional"),
        P(r"\bo\.?d'd\b", [{" o d d ", " od d "}], id="punctuation-is-space"),
        P(r"\bsh\b(?= again)", [{" sh again"}], id="look-ahead"),
        P(r"\bsu+icide", [{"uicide"}, {" su"}], id="repeat"),
        P(r"\b(?:a|b)[^.]{0,9}\bdie\b", [{" die "}, {" a", " b"}], id="gap"),
        P(r"\w+", [], id="nothing-known"),
        P(r"(?i)die", [], id="flags-not-read"),
    ],
)
def test_the_strings_a_pattern_needs(pattern: str, needed: list[set[str]]) -> None:
    assert [set(group) for group in necessary_strings(pattern)] == needed


def test_a_skeleton_keeps_only_words() -> None:
    assert skeleton("i’m  so tired—really.") == " i m so tired really  "


def _file_patterns() -> tuple[list[str], list[str]]:
    raw = tomllib.loads(
        resources.files("reconnect.analysis")
        .joinpath("data", "crisis_patterns.toml")
        .read_text("utf-8")
    )
    variables = raw["vars"]
    groups = [expand(p, variables) for spec in raw["group"] for p in spec["patterns"]]
    return groups, [expand(p, variables) for p in raw["idioms"]["patterns"]]


def _guard_texts() -> list[str]:
    texts = []
    for path in CHECK_FILES:
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    for path in sorted((ROOT / "training").glob("*/*.txt")):
        lines = path.read_text("utf-8").splitlines()
        texts += [line.split(" | ", 2)[2] for line in lines if line.count(" | ") >= 2]
    return texts


def test_every_pattern_has_strings_to_look_for() -> None:
    patterns, idioms = _file_patterns()
    assert [p for p in patterns + idioms if not necessary_strings(p)] == []


def test_a_pattern_that_matches_a_text_is_never_skipped() -> None:
    # The prefilter may only skip patterns that cannot match: checked pattern by pattern.
    patterns, _ = _file_patterns()
    compiled = [re.compile(re.sub(r"^\\b", "(?<![a-z0-9_])", p)) for p in patterns]
    scanner = rules().crisis
    missed = []
    for text in _guard_texts() + [str(p.values[0]) for p in REAL_CRISIS]:
        folded = fold(text)
        candidates = scanner.candidates(text)
        missed += [
            (i, text) for i, rx in enumerate(compiled) if i not in candidates and rx.search(folded)
        ]
    assert missed == []


_WORD_START = r"(?<![a-z0-9_])"


def _one_alternation(patterns: list[str]) -> re.Pattern[str]:
    """All patterns as the single bucketed alternation find_crisis searched before the scanner."""

    def buckets(members: list[str]) -> str:
        by_char: dict[str, list[str]] = {}
        by_set: dict[str, list[str]] = {}
        for p in members:
            chars = first_chars(p)
            if chars is not None and len(chars) <= 5:
                for ch in chars:
                    by_char.setdefault(ch, []).append(p)
            else:
                by_set.setdefault("".join(sorted(chars or ())), []).append(p)
        branches = [(f"(?={re.escape(c)})", m) for c, m in sorted(by_char.items())]
        branches += [(f"(?=[{re.escape(k)}])" if k else "", m) for k, m in by_set.items()]
        return "|".join(f"{g}(?:{'|'.join(f'(?:{p})' for p in m)})" for g, m in branches)

    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    free = [p for p in patterns if not p.startswith(r"\b")]
    return re.compile(f"{_WORD_START}(?:{buckets(bounded)})|{buckets(free)}")


def _every_match(search: Searcher, length: int) -> list[tuple[int, int]]:
    found = []
    pos = 0
    while pos <= length and (m := search(pos)) is not None:
        found.append(m.span())
        pos = m.start() + 1
    return found


@pytest.fixture(scope="module")
def one_alternation() -> re.Pattern[str]:
    return _one_alternation(_file_patterns()[0])


def _assert_same_matches(reference: re.Pattern[str], text: str) -> None:
    folded = fold(text)
    scanner = rules().crisis
    search = scanner.searcher(folded, scanner.candidates(text))
    expected = _every_match(lambda pos: reference.search(folded, pos), len(folded))
    assert _every_match(search, len(folded)) == expected, text


def test_the_scanner_finds_what_one_alternation_finds(one_alternation: re.Pattern[str]) -> None:
    for text in _guard_texts()[:1500] + [str(p.values[0]) for p in REAL_FALSE_HITS + REAL_CRISIS]:
        _assert_same_matches(one_alternation, text)


PHRASES = st.sampled_from(
    [
        "i want to die",
        "killing it",
        " cut myself ",
        "better off without me",
        "kill myself laughing",
        "ended it with him",
        "odd",
        "'",
        ".",
        "\n",
        " ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), PHRASES), max_size=10).map("".join))
def test_the_scanner_agrees_on_any_text(one_alternation: re.Pattern[str], text: str) -> None:
    _assert_same_matches(one_alternation, text)


def test_at_one_place_a_word_start_pattern_wins_then_file_order() -> None:
    scanner = Scanner(["kill me", r"\bkill", r"\bkill me"])
    folded = "you kill me"
    first = scanner.searcher(folded, scanner.candidates(folded))(0)
    assert first is not None and first.span() == (4, 8)
    assert scanner.spans(folded, frozenset({0})) == [(4, 11)]
    assert scanner.candidates("nothing here") == frozenset()


def test_patterns_expand_variables_and_spaces() -> None:
    assert expand("kill {refl}", {"refl": "myself"}) == r"kill\s+myself"
    assert expand("kill ?it", {}) == r"kill\s*it"
    assert expand("(?<!wish i )die [a ]", {}) == r"(?<!wish i )die\s+[a ]"


def test_the_rules_load_with_known_kinds_and_name_a_hits_group() -> None:
    compiled = rules()
    assert compiled is rules()  # loaded once
    assert group_at(compiled, "i cut myself", 2, 12).kind == "self_harm"
    _, idioms = _file_patterns()
    assert not any(can_be_empty(p) for p in idioms)


def test_idioms_are_found_on_their_own() -> None:
    assert has_idiom("Killing it at work")
    assert has_idiom("You're burning yourself out")
    assert not has_idiom("I want to kill myself")
    assert not has_idiom("")


@pytest.mark.parametrize(
    ("text", "phrase", "subject"),
    [
        P("My brother said he wants to die.", "wants to die", "other", id="pronoun-before"),
        P("I told my wife I want to die.", "want to die", "self", id="object-is-not-subject"),
        P("She said 'I just want to disappear'.", "want to disappear", "other", id="quote"),
        P("Sat by the tracks tonight.", "by the tracks", "self", id="diary-style"),
        P("She keeps cutting herself.", "cutting herself", "other", id="reflexive"),
        P("Dad is low. Keeps saying he's a burden.", "a burden", "other", id="carried"),
    ],
)
def test_whose_crisis_a_span_describes(text: str, phrase: str, subject: str) -> None:
    start = text.lower().index(phrase)
    assert span_subject(text, fold(text), start, start + len(phrase)) == subject


@pytest.mark.parametrize(
    ("text", "phrase", "past"),
    [
        P("Last year I cut myself most nights.", "cut myself", True, id="last-year"),
        P("I used to self-harm.", "self-harm", True, id="used-to"),
        P("Years ago it was bad; I cut myself again tonight.", "cut myself", False, id="again"),
        P("I cut myself.", "cut myself", False, id="no-cue"),
    ],
)
def test_whether_a_span_lies_in_the_past(text: str, phrase: str, past: bool) -> None:
    folded = fold(text)
    start = folded.index(phrase.lower())
    compiled = rules()
    assert is_past(folded, start, start + len(phrase), compiled.past, compiled.present) is past


# ---------------------------------------------------------------- the index and lazy compiling


def test_the_index_is_what_the_pattern_file_gives() -> None:
    # Rebuild it with `python -m training.crisis_index` after editing the pattern file.
    assert read_manifest().get(INDEX_FILE)  # hash-checked like every artefact
    fresh = json.loads(json.dumps(build(read_data(PATTERN_FILE))))
    assert fresh == load()


@pytest.fixture
def fresh_rules() -> Iterator[None]:
    """Rules loaded anew with no pattern compiled yet, and loaded anew again afterwards."""
    rules.cache_clear()
    _searchable.cache_clear()
    yield
    rules.cache_clear()


@pytest.mark.usefixtures("fresh_rules")
def test_an_index_built_from_another_pattern_file_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    edited = read_data(PATTERN_FILE).replace(rb"\blast goodbye\b'''", rb"\blast farewell\b'''")
    assert edited != read_data(PATTERN_FILE)
    monkeypatch.setattr(
        crisis_index, "read_data", lambda name: edited if name == PATTERN_FILE else read_data(name)
    )
    with pytest.raises(ContentError, match=r"rebuild it with python -m training\.crisis_index"):
        load()
    with pytest.raises(ContentError):
        find_crisis("I want to die")


@pytest.mark.usefixtures("fresh_rules")
def test_a_text_without_trigger_words_compiles_nothing() -> None:
    text = "Lovely day by the sea, then pizza with Sam."
    assert find_crisis(text) == ()
    assert not has_idiom(text)
    assert _searchable.cache_info().currsize == 0  # no pattern compiled
    assert rules().crisis.opened_gates == rules().idioms.opened_gates == frozenset()


@pytest.mark.usefixtures("fresh_rules")
def test_a_text_compiles_only_the_patterns_it_could_match() -> None:
    text = "I want to die"
    compiled = rules()
    wanted = {compiled.crisis.patterns[i] for i in compiled.crisis.candidates(text)}
    wanted |= {compiled.idioms.patterns[i] for i in compiled.idioms.candidates(text)}
    assert 0 < len(wanted) <= 5
    assert _searchable.cache_info().currsize == 0  # finding the candidates compiles none
    assert find_crisis(text)
    assert _searchable.cache_info().currsize == len(wanted)
    assert compiled.crisis.opened_gates <= {"want", "die"}
    find_crisis(text)
    assert _searchable.cache_info().currsize == len(wanted)  # kept, not compiled again


class _EveryPattern(Scanner):
    """A scanner that lets every pattern through: the rules as written, without a prefilter."""

    def candidates(self, text: str, bones: Bones | None = None) -> frozenset[int]:  # noqa: ARG002 - any text alike
        return frozenset(range(len(self.patterns)))


def test_the_index_and_the_prefilter_change_no_result_on_the_guard_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _guard_texts() + [str(p.values[0]) for p in REAL_FALSE_HITS + REAL_CRISIS]
    found = [find_crisis(text) for text in texts]
    index = load()
    every_pattern = dataclasses.replace(
        rules(),
        crisis=_EveryPattern(index["patterns"], index["crisis"]),
        idioms=_EveryPattern(index["idioms"], index["idiom_scan"]),
    )
    monkeypatch.setattr(crisis, "rules", lambda: every_pattern)
    assert [find_crisis(text) for text in texts] == found
    assert sum(1 for hits in found if hits) > 600
