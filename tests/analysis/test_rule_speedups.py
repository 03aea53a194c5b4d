"""The fast rule layer finds exactly what one ``finditer`` per marker finds.

``markers.find_rule_evidence`` scans a text once for every marker (a prefix
tree of the patterns' literal starts) and ``subject`` folds each sentence once
and skips searches whose literal words are absent. These tests pin real outputs
on the tricky cases (negation, recovery, hypotheticals, body numbness,
overlapping phrases, odd characters) and check the one-pass scan against the
plain per-marker ``finditer`` on generated text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis.crisis.folding import fold
from reconnect.analysis.markers import (
    PATTERNS,
    _RuleReader,
    _scanner,
    compiled_patterns,
    find_rule_evidence,
)
from reconnect.analysis.rule_scanner import atoms as _atoms
from reconnect.analysis.rule_scanner import branches as _branches
from reconnect.analysis.rule_scanner import build_scanner as _build_scanner
from reconnect.analysis.rule_scanner import matches as _matches
from reconnect.analysis.subject import (
    FIRST_PERSON,
    OTHER_STATE,
    OTHER_SUBJECT,
    _first_person,
    _other_state,
    span_subject,
    text_subject,
)
from reconnect.analysis.tokens import normalise, sentences

Found = dict[str, list[tuple[int, int, str]]]


def evidence(text: str) -> tuple[Found, list[str]]:
    """The rule evidence for ``text`` as plain values: spans per marker (in order), cancelled."""
    found = find_rule_evidence(text, normalise(text))
    plain = {m: [(s.start, s.end, s.text) for s in spans] for m, spans in found.plain.items()}
    return plain, sorted(found.cancelled)


def one_finditer_per_marker(
    folded: str, patterns: dict[str, re.Pattern[str]]
) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for marker, pattern in patterns.items():
        spans = [m.span() for m in pattern.finditer(folded)]
        if spans:
            found[marker] = spans
    return found


PINNED: list[tuple[str, Found, list[str]]] = [
    # Recovery: a negated state with "anymore"/"these days"/"used to" is reconnection.
    ("I'm not numb anymore.", {"reconnection": [(8, 12, "numb")]}, ["numbness"]),
    (
        "I don't feel numb these days, I feel things again.",
        {"reconnection": [(8, 17, "feel numb")]},
        ["numbness"],
    ),
    ("I used to feel numb all the time.", {"reconnection": [(10, 19, "feel numb")]}, ["numbness"]),
    (
        "No longer avoiding my sister's calls.",
        {"reconnection": [(10, 18, "avoiding")]},
        ["avoidance"],
    ),
    ("Not avoiding anything these days.", {"reconnection": [(4, 12, "avoiding")]}, ["avoidance"]),
    # The negation reaches across the comma, so "reached out" is negated too.
    (
        "I'm not isolating anymore, I reached out to a friend.",
        {"reconnection": [(8, 17, "isolating")]},
        ["withdrawal"],
    ),
    # Plain negation only cancels.
    ("I'm not numb.", {}, ["numbness"]),
    ("I wasn't numb, just tired.", {}, ["numbness"]),
    ("I would never hide my feelings from you", {}, ["suppression"]),
    ("I don't want to talk about it, I just avoid her.", {}, ["avoidance"]),
    # A negation inside the match is part of the sign; a clause joined by a bare "and"
    # keeps the negation of the first part.
    (
        "I can't feel anything and I feel empty inside.",
        {"numbness": [(2, 21, "can't feel anything")]},
        [],
    ),
    (
        "I can’t cry and I don’t feel anything.",
        {"numbness": [(2, 11, "can’t cry"), (18, 37, "don’t feel anything")]},
        [],
    ),
    # Hypotheticals cancel.
    ("If I ever felt numb again I'd call someone.", {}, ["numbness"]),
    ("Imagine if I felt nothing at all", {}, ["numbness"]),
    ("What if I stopped caring about everyone?", {}, ["anhedonia"]),
    # Numbness of the body, and within 40 characters of it even a feeling.
    ("My jaw's still numb from the dentist.", {}, ["numbness"]),
    ("My feet went numb in the cold but I feel nothing about the news.", {}, ["numbness"]),
    # Several phrases of one marker, none overlapping; at the very start of the text.
    (
        "I feel nothing. Numb, empty inside, and I can't cry.",
        {
            "numbness": [
                (2, 14, "feel nothing"),
                (16, 20, "Numb"),
                (22, 34, "empty inside"),
                (42, 51, "can't cry"),
            ]
        },
        [],
    ),
    ("Feel nothing, honestly.", {"numbness": [(0, 12, "Feel nothing")]}, []),
    ("Numb", {"numbness": [(0, 4, "Numb")]}, []),
    # Within one marker the first match wins ("numb" inside "feel numb" is not found again).
    ("I feel numb.", {"numbness": [(2, 11, "feel numb")]}, []),
    (
        "I felt nothing, felt nothing at all.",
        {"numbness": [(2, 14, "felt nothing"), (16, 28, "felt nothing")]},
        [],
    ),
    # Across markers matches overlap: numbness and autopilot both hold "like a robot".
    (
        "I feel like a robot going through the motions, days blur together.",
        {
            "numbness": [(2, 19, "feel like a robot")],
            "autopilot": [
                (7, 19, "like a robot"),
                (20, 45, "going through the motions"),
                (47, 65, "days blur together"),
            ],
        },
        [],
    ),
    # Three markers start with "keep"; the dict follows the order of PATTERNS.
    (
        "I keep to myself, keep it all in, keep people at arm's length.",
        {
            "withdrawal": [(2, 16, "keep to myself")],
            "suppression": [(18, 32, "keep it all in")],
            "intimacy_fear": [(34, 61, "keep people at arm's length")],
        },
        [],
    ),
    # Quoted "fine": the one pattern that does not start at a word; curly quotes fold.
    (
        'I said "I\'m fine" and smiled through it.',
        {"suppression": [(7, 17, '"I\'m fine"'), (22, 36, "smiled through")]},
        [],
    ),
    (
        "She asked and I said “fine.” Pushed it all down.",
        {"suppression": [(21, 28, "“fine.”")]},
        [],
    ),
    ("i'm fine. i'm FINE.", {"suppression": [(0, 8, "i'm fine"), (10, 18, "i'm FINE")]}, []),
    # Word boundaries: a letter (even "é"), "_" or a digit before "numb" is no word start.
    ("énumb _numb numbness 9numb", {"numbness": [(12, 20, "numbness")]}, []),
    # casefold("ß") is "ss": offsets still hold.
    ("Straße. I feel numb ß", {"numbness": [(10, 19, "feel numb")]}, []),
    (
        "I've been withdrawn and isolating, cancelled plans again.",
        {
            "withdrawal": [
                (10, 19, "withdrawn"),
                (24, 33, "isolating"),
                (35, 50, "cancelled plans"),
            ]
        },
        [],
    ),
    (
        "I set a boundary and said no to the extra shift, then hugged my partner for the first "
        "time in ages.",
        {
            "healthy_boundary": [(2, 16, "set a boundary"), (21, 31, "said no to")],
            "reconnection": [(72, 98, "for the first time in ages")],
        },
        [],
    ),
    (
        "It's not your fault. I left a note in the drawer",
        {"crisis": [(5, 48, "not your fault. I left a note in the drawer")]},
        [],
    ),
    ("", {}, []),
]


@pytest.mark.parametrize(("text", "plain", "cancelled"), PINNED)
def test_rule_evidence_is_pinned(text: str, plain: Found, cancelled: list[str]) -> None:
    found, gone = evidence(text)
    assert found == plain
    assert list(found) == list(plain)  # the order of markers too
    assert gone == cancelled


SUBJECTS = [
    # (text, text_subject, a phrase of it, whose state the phrase shows: span_subject)
    ("My brother said he feels numb. He has stopped going out.", "other", "numb", "other"),
    ('Mum told me: "I feel empty inside".', "self", "empty inside", "other"),
    ("She said \"I'm fine\" but I know she isn't.", "self", "i know", "self"),
    ("My partner seems so distant. I feel like I'm losing her.", "other", "distant", "other"),
    ("My partner seems so distant. I feel like I'm losing her.", "other", "losing", "self"),
    (
        "He's been so withdrawn lately and I don't know how to reach him.",
        "other",
        "withdrawn",
        "other",
    ),
    # A capitalised word and "is" reads as someone else for the whole text, not for a phrase.
    (
        "Everything is such a chore, I'm running on empty and dreading Monday.",
        "other",
        "running on empty",
        "self",
    ),
    ('I said "I\'m fine" and smiled through it.', "self", "smiled through", "self"),
    ("I feel nothing. Numb, empty inside, and I can't cry.", "self", "empty inside", "self"),
    ("Straße. My dad is numb ß", "other", "numb", "other"),
    ("", "self", "", "self"),
]


@pytest.mark.parametrize(("text", "whole", "phrase", "subject"), SUBJECTS)
def test_subject_is_pinned(text: str, whole: str, phrase: str, subject: str) -> None:
    assert text_subject(text) == whole
    folded = fold(text)
    at = folded.index(phrase)
    assert span_subject(text, folded, at, at + len(phrase)) == subject


# Generated text: the patterns' own words with spaces, punctuation, quotes and odd characters.
WORDS = sorted(
    {w for patterns in PATTERNS.values() for p in patterns for w in re.findall(r"[a-z']+", p)}
    - {"b", "w"}
    | {"I", "My", "He", "Mum", "é", "ß", "İ", "x_y", "9", "😶", "NUMB", "I'M", "Don’t", "“fine”"}
)
GLUE = st.sampled_from(
    [" ", " ", " ", "  ", ", ", ". ", "! ", "? ", "\n", ";", '"', "'", "“", "”", "’", "", "_", "é"]
)
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), GLUE), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_one_scan_finds_what_each_markers_finditer_finds(text: str) -> None:
    for folded in (normalise(text), text, text.upper()):
        assert _matches(_scanner(), folded) == one_finditer_per_marker(folded, compiled_patterns())


def test_one_scan_on_the_pinned_texts() -> None:
    for text, _, _ in PINNED:
        folded = normalise(text)
        assert _matches(_scanner(), folded) == one_finditer_per_marker(folded, compiled_patterns())


# Constructs the reader splits or leaves alone: optional atoms (greedy, lazy, possessive),
# counted repeats, classes and ranges, look-arounds, escapes, a \b before a non-word
# character, alternatives without a literal start (run on their own).
ODD_PATTERNS: dict[str, tuple[str, ...]] = {
    "optional": (r"\b(?:a )?numbe?r\b", r"\bno?t(?: really)?? numb\b", r"\bfeel(?:s|ing)?+ odd"),
    "counted": (r"\bab{0,2}c", r"\bnumb(?:er){1,2}\b"),
    "classes": (r"\b[fg]eel [^ ]+ odd", r"\b[0-9a-b]\d\b", r"[\"'“]ok[,.!]?[\"'”]"),
    "looks": (r"\bnumb(?!ness)", r"\bi(?=')'m\b"),
    "escapes": (r"\bdot\.com\b", r"\bcan\'t\b", r"\btab\tx"),
    "captures": (r"\bdef(a)b|\bghi(a)",),
    # Run on their own: a counted start, a \b before "'", look-behinds (the text is
    # scanned with a space in front), no literal start at all.
    "counted_start": (r"\bx{2,3}y\b", r"\b[a-c]{2}d\b"),
    "odd_bound": (r"\b'em\b", r"\bnumb"),
    "behind": (r"\bthe (?<=the )end", r"\bnumb"),
    "behind_start": (r"\b(?<!x)numb",),
    "unread": (r"\b[\x61]bc\b", r"\b(?P<w>ab)c", r"\b(a)\1b", r"\bfoo(?i:bar)"),
    "free_word": (r"numb", r"\bfeel"),
    "no_literal": (r"\b\w+ numb\b",),
    "anything": (r".{0,3}numb", r"\bnumb"),
}
ODD_WORDS = st.sampled_from(
    [
        "a", "numb", "number", "numer", "not", "nt", "really", "feel", "feels", "feeling",
        "odd", "xx", "xxx", "xxxxy", "y", "abbc", "ac", "abbbc", "abd", "cad", "a1", "1b",
        "b9", "ok", "numbness", "the", "end", "i'm", "dot.com", "dotxcom", "can't", "tab",
        "'em", "em", "x", "é", "9", "_", "defab", "ghia", "aab", "fooBAR", "foobar",
    ]
)  # fmt: skip
ODD_TEXTS = st.lists(st.tuples(ODD_WORDS, GLUE | st.just("\t")), max_size=20).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@settings(max_examples=300, deadline=None)
@given(ODD_TEXTS)
def test_the_scan_handles_odd_constructs(text: str) -> None:
    scanner = _build_scanner(ODD_PATTERNS)
    reference = {m: re.compile("|".join(f"(?:{p})" for p in ps)) for m, ps in ODD_PATTERNS.items()}
    assert _matches(scanner, text) == one_finditer_per_marker(text, reference)


def test_alternatives_the_reader_cannot_split_run_on_their_own() -> None:
    scanner = _build_scanner(ODD_PATTERNS)
    assert {m for m, _ in scanner.separate} == {
        "counted_start",
        "odd_bound",
        "behind",
        "behind_start",
        "unread",
        "no_literal",
        "anything",
    }
    assert _scanner().separate == ()  # every marker pattern is split


def test_the_reader_reads_every_marker_pattern_back() -> None:
    for patterns in PATTERNS.values():
        for pattern in patterns:
            branches = _branches(pattern)
            assert "|".join(branches) == pattern
            for branch in branches:
                atoms = _atoms(branch)
                assert "".join(a.text for a in atoms) == branch
                assert len(atoms) > 1  # read, not left whole


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_fresh_process_finds_the_same_matches_before_the_scanner_takes_over(text: str) -> None:
    folded = normalise(text)
    reader = _RuleReader()
    expected = _matches(_scanner(), folded)
    # the first texts go through each marker's own alternation, then the scanner
    assert [reader.find(folded) for _ in range(_RuleReader.DIRECT_TEXTS + 1)] == [expected] * (
        _RuleReader.DIRECT_TEXTS + 1
    )


# What may stand before a word: the start, a space, a line break, punctuation, a curly
# quote, a dash, an emoji (none of them word characters); and word characters: a letter
# outside ASCII, "_", a digit, a letter.
BEFORE = ["", " ", "\n", "(", '"', "“", "—", "😶", "\t", "é", "_", "9", "x"]


@pytest.mark.parametrize("before", BEFORE)
def test_every_kind_of_word_start(before: str) -> None:
    for phrase in ("my partner seems numb", "I feel nothing", "me, myself", "numbness"):
        for text in (before + phrase, f"ok.{before}{phrase}"):
            folded = normalise(text)
            hit = FIRST_PERSON.search(folded)
            assert _first_person(folded) == (-1 if hit is None else hit.start())
            assert _other_state(folded) == (OTHER_STATE.search(folded) is not None)
            assert _matches(_scanner(), folded) == one_finditer_per_marker(
                folded, compiled_patterns()
            )


SUBJECT_WORDS = sorted(
    {
        w
        for pattern in (OTHER_SUBJECT, OTHER_STATE, FIRST_PERSON)
        for w in re.findall(r"[a-z']+", pattern.pattern)
    }
    - {"b", "w"}
    | {"I", "My", "Tom", "She", "é", "ß", "İ", "x_y", "9", "😶", "“"}
    | {"my partner seems", "our mum is", "my best friend just", "My in-laws never", "_my dad is"}
)
SUBJECT_TEXTS = st.lists(st.tuples(st.sampled_from(SUBJECT_WORDS), GLUE), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@settings(max_examples=300, deadline=None)
@given(SUBJECT_TEXTS)
def test_the_subject_searches_match_where_the_plain_ones_do(text: str) -> None:
    folded = normalise(text)
    hit = FIRST_PERSON.search(folded)
    assert _first_person(folded) == (-1 if hit is None else hit.start())
    assert _other_state(folded) == (OTHER_STATE.search(folded) is not None)
    for s in sentences(text):  # each sentence's folded text is a slice of the folded text
        assert folded[s.start : s.end] == normalise(s.text)
