"""Ordinary days: how often the analyzer raises something on a day when nothing is wrong.

``data/ordinary_days.jsonl``: 300 journal entries written on 7 December 2026 by a helper who
saw no code and no set, 30 of each kind (errands, work and study, family, partner and friends,
ordinary places such as rivers, bridges and rooftops, ordinary goodbyes, ordinary health,
films and games, figures of speech such as "dying to see it", two-word notes), in many voices.
None is about crisis or abuse. Held out: read for counts only, never to choose anything. The
ceilings are what analyzer 3.12 and round seven of the abuse reading did on their first read;
a change that raises any of them puts more alarms into ordinary days.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from reconnect.analysis import analyze
from reconnect.analysis.harm import find_harm

DATA = Path(__file__).parent / "data" / "ordinary_days.jsonl"


@lru_cache(maxsize=1)
def _days() -> tuple[str, ...]:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return tuple(str(row["text"]) for row in rows)


def test_the_set_is_three_hundred_distinct_days() -> None:
    days = _days()
    assert len(days) == 300
    assert len(set(days)) == 300


def test_crisis_resources_almost_never_come_first_on_an_ordinary_day() -> None:
    banners = [day for day in _days() if analyze(day).crisis]
    # 3.12: 2 of 300 (0.7 in 100)
    assert len(banners) <= 2, banners


def test_the_calm_check_comes_on_fewer_than_one_ordinary_day_in_ten() -> None:
    asked = [day for day in _days() if analyze(day).concern]
    # 3.12: 26 of 300 (8.7 in 100), 8 of them on ordinary goodbyes; 3.15, whose band head drops
    # a learned calm check it finds unlikely in journal writing (decision 0019): 14 (4.7 in 100)
    assert len(asked) <= 14, asked


def test_an_ordinary_day_almost_never_pauses_shared_check_ins() -> None:
    paused = [day for day in _days() if find_harm(day)]
    # round seven: 1 of 300
    assert len(paused) <= 1, paused


def test_an_ordinary_day_rarely_gets_a_sign_of_detachment() -> None:
    signs = [day for day in _days() if any(m.name != "crisis" for m in analyze(day).markers)]
    # 3.12: 7 of 300
    assert len(signs) <= 7, signs
