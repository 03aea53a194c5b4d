"""The pursue–withdraw pattern (issue 004): weeks read from both sides, a pattern only after
three weeks, suggestions for each role, and wording that is the project's own, without blame."""

from __future__ import annotations

import doctest
import re

from tests.content.seeds import copied_runs
from tests.test_result_surfaces import DIAGNOSIS

from reconnect.domain import pursue_withdraw
from reconnect.domain.pursue_withdraw import (
    HOW_COMPUTED,
    LOOP_NOTE,
    SUGGESTIONS,
    EntrySignals,
    WeekPair,
    entries_line,
    entry_signals,
    read_pattern,
    read_week,
)
from reconnect.domain.safety import BANNED_PHRASES

# A keeps wanting closeness and reaching out; B wants space and feels pushed.
A = {"closeness": 2, "heard": 2, "want": 5, "reached_out": 5, "pressured": 1}
B = {"closeness": 3, "heard": 3, "want": 2, "reached_out": 1, "pressured": 4}
EVEN = {"closeness": 4, "heard": 4, "want": 3, "reached_out": 3, "pressured": 1}
WEEKS = ("2026-W49", "2026-W50", "2026-W51", "2026-W52")


def _as_a(count: int) -> list[WeekPair]:
    return [WeekPair(w, A, B) for w in WEEKS[:count]]


def _as_b(count: int) -> list[WeekPair]:
    return [WeekPair(w, B, A) for w in WEEKS[:count]]


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(pursue_withdraw, raise_on_error=True).attempted >= 2


def test_fewer_than_three_weeks_says_not_enough_weeks_yet() -> None:
    for count in (0, 1, 2):
        reading = read_pattern(_as_a(count))
        assert reading.status == "not_enough_weeks"
        assert reading.sentence.startswith("Not enough weeks yet")
        assert len(reading.weeks) == count
    assert "so far there is 1 week." in read_pattern(_as_a(1)).sentence


def test_a_four_week_loop_reads_as_seeking_closeness_for_the_one_reaching() -> None:
    reading = read_pattern(_as_a(4))
    assert reading.status == "you_seek_closeness"
    assert "you seem to be the one seeking closeness" in reading.sentence
    assert "4 of 4 weeks" in reading.sentence
    told = " ".join(reading.suggestions).lower()
    assert "stop chasing" in told
    assert "reconnect internally" in told
    week = reading.weeks[0]
    assert (week.wanted_closeness, week.reached_out, week.felt_pressured) == (
        "you", "you", "your_partner"
    )  # fmt: skip


def test_the_same_weeks_from_the_other_side_read_as_mirrored() -> None:
    reading = read_pattern(_as_b(4))
    assert reading.status == "partner_seeks_closeness"
    assert "your partner seems to be the one seeking closeness while you seek space" in (
        reading.sentence
    )
    told = " ".join(reading.suggestions).lower()
    assert "small, safe step" in told
    assert "stop chasing" not in told
    week = reading.weeks[0]
    assert (week.wanted_closeness, week.reached_out, week.felt_pressured) == (
        "your_partner", "your_partner", "you"
    )  # fmt: skip
    assert week.summary.startswith("Your partner wanted more closeness than you")


def test_reaching_out_is_read_from_both_answers_mirrored() -> None:
    # I say "I did, mostly" (5); my partner says "my partner, mostly" (1): both agree on me.
    mine = {**EVEN, "reached_out": 5}
    agree = read_week(WeekPair("2026-W49", mine, {**EVEN, "reached_out": 1}))
    assert agree.reached_out == "you"
    # We both claim to have done the reaching: the answers cancel out.
    disagree = read_week(WeekPair("2026-W49", mine, {**EVEN, "reached_out": 5}))
    assert disagree.reached_out == "both"


def test_one_sign_alone_does_not_make_a_week_lean() -> None:
    week = read_week(WeekPair("2026-W49", {**EVEN, "want": 4}, EVEN))
    assert week.wanted_closeness == "you"
    assert week.sought_closeness == "neither"


def test_mixed_weeks_read_as_balanced() -> None:
    pairs = [
        WeekPair("2026-W49", A, B),
        WeekPair("2026-W50", B, A),
        WeekPair("2026-W51", A, B),
        WeekPair("2026-W52", B, A),
    ]
    reading = read_pattern(pairs)
    assert reading.status == "balanced"  # two weeks each way: the roles take turns
    assert "balanced" in reading.sentence


def test_only_the_latest_weeks_are_read_and_an_even_latest_week_is_noted() -> None:
    old = [WeekPair(f"2026-W{n:02d}", B, A) for n in range(30, 40)]
    recent = [WeekPair(w, A, B) for w in WEEKS[:3]] + [WeekPair("2027-W01", EVEN, EVEN)]
    reading = read_pattern(old + recent)
    assert len(reading.weeks) == pursue_withdraw.WINDOW
    assert reading.weeks[-1].week == "2027-W01"
    assert reading.status == "balanced"  # 3 weeks one way, 4 the other: no steady loop
    reading = read_pattern(recent)
    assert reading.status == "you_seek_closeness"
    assert reading.sentence.endswith("The latest week looked more even.")


def test_entry_signals_count_entries_not_markers() -> None:
    signals = entry_signals(
        [frozenset({"withdrawal", "numbness"}), frozenset({"reconnection"}), frozenset()]
    )
    assert signals == EntrySignals(entries=3, away=1, toward=1)
    line = entries_line(EntrySignals(entries=5, away=3, toward=1), 4)
    assert "3 of 5 showed signs of pulling away" in line
    assert "1 of 5 showed signs of reconnecting" in line
    assert "the 4 weeks read here" in line
    assert "no entries" in entries_line(EntrySignals(0, 0, 0), 4)
    assert "no weeks" in entries_line(EntrySignals(0, 0, 0), 0)


def _all_wording() -> list[str]:
    texts = [LOOP_NOTE, *HOW_COMPUTED, *(s for group in SUGGESTIONS.values() for s in group)]
    for pairs in (_as_a(1), _as_a(4), _as_b(4), [WeekPair(w, EVEN, EVEN) for w in WEEKS]):
        reading = read_pattern(pairs)
        texts += [reading.sentence, *(w.summary for w in reading.weeks)]
    for signals in (EntrySignals(4, 3, 1), EntrySignals(4, 1, 3), EntrySignals(0, 0, 0)):
        texts.append(entries_line(signals, 4))
    return texts


def test_the_wording_is_the_projects_own_and_names_no_diagnosis_or_blame() -> None:
    texts = _all_wording()
    assert [(t, copied_runs(t)) for t in texts if copied_runs(t)] == []
    blame = re.compile(r"\b(?:fault|blame|needy|aloof|clingy|cold|your problem)\b", re.I)
    for text in texts:
        assert not DIAGNOSIS.search(text), text
        assert not BANNED_PHRASES.search(text), text
        assert not blame.search(text), text
    assert "not a verdict" in LOOP_NOTE
    assert "both partners" in LOOP_NOTE
    assert "roles" in LOOP_NOTE
