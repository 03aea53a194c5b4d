"""Ordinary days with a partner or family: what the analyzer and the stand-down make of them.

``data/couple_days.jsonl``: 200 journal entries written on 8 December 2026 by a helper who saw
no code and no set, 20 of each kind (kind acts, arrangements agreed together such as shared
locations, ordinary arguments, the writer's own numbness or fear of closeness beside a kind
partner, a partner's or parent's worry, play and teasing, caregiving, household rules,
decent endings, plain days), in many voices. None is abuse and none is a crisis. Held out:
read for counts only, never to choose anything.

The ceilings are analyzer 3.15's first read, and they are a known gap, not a goal: 9 entries
(4.5 in 100) would pause a couple's shared check-ins and show the writer abuse help (8 from
the learned layer), 6 get crisis resources (4 of them the writer's own detachment beside a
kind partner, the kind of entry reconnect is for), and 15 the calm check. A change may only
lower them.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from reconnect.analysis import Analysis, analyze_many
from reconnect.analysis.harm import find_harm

DATA = Path(__file__).parent / "data" / "couple_days.jsonl"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str], ...]:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return tuple((str(row["text"]), str(row["kind"])) for row in rows)


@lru_cache(maxsize=1)
def _readings() -> tuple[Analysis, ...]:
    return tuple(analyze_many([text for text, _ in _rows()]))


def test_the_set_is_two_hundred_distinct_entries_of_ten_kinds() -> None:
    rows = _rows()
    assert len({text for text, _ in rows}) == 200
    assert set(Counter(kind for _, kind in rows).values()) == {20}


def test_an_ordinary_day_with_a_partner_rarely_pauses_shared_check_ins() -> None:
    paused = [text for text, _ in _rows() if find_harm(text)]
    assert len(paused) <= 9, len(paused)


def test_an_ordinary_day_with_a_partner_rarely_brings_crisis_resources() -> None:
    banners = [r for r in _readings() if r.crisis]
    assert len(banners) <= 6, len(banners)


def test_an_ordinary_day_with_a_partner_rarely_asks_the_calm_question() -> None:
    asked = [r for r in _readings() if r.concern]
    assert len(asked) <= 15, len(asked)
