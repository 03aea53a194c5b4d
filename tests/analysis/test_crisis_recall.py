"""SAFE-1: crisis recall and precision, with Wilson 95% intervals, through ``analyze --jsonl``.

Labelled data committed in the repository, run through the command a person would use:

- ``training/fresh_crisis_check_5.jsonl``: 160 crisis and 300 ordinary entries written
  for analyzer 3 and never trained or tuned on (the unseen set of the row).
- ``tests/analysis/data/real_crisis.jsonl`` and ``real_near_misses.jsonl``: real
  GoEmotions comments (train and dev splits), read by hand; used while building the
  rules, so reported as real text, not as unseen.

The row's dev set (``shared/data/markers_dev.jsonl``) is never read by tests; its 5/5 is
checked by hand with ``bench/eval_markers.py``. "Recall" follows RELIABILITY.md SAFE-10:
a crisis entry is caught when it brings the banner (resources first) or the calm safety
check (help one step away). The banner's own recall and precision are held too.
Figures on this commit are in docs/reliability.md.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UNSEEN = REPO / "training" / "fresh_crisis_check_5.jsonl"
REAL = Path(__file__).parent / "data"


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default).

    >>> [round(x, 3) for x in wilson(5, 5)]
    [0.566, 1.0]
    >>> [round(x, 3) for x in wilson(143, 160)]
    [0.836, 0.933]
    """
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Rate:
    k: int
    n: int

    @property
    def value(self) -> float:
        return self.k / self.n

    @property
    def low(self) -> float:
        return wilson(self.k, self.n)[0]

    def __str__(self) -> str:
        low, high = wilson(self.k, self.n)
        return f"{self.k}/{self.n} = {self.value:.3f} (Wilson 95% {low:.3f}-{high:.3f})"


def _analyze_jsonl(lines: list[str]) -> dict[str, dict[str, object]]:
    """Run ``reconnect analyze --jsonl -`` once over the lines; results by id."""
    result = subprocess.run(
        [sys.executable, "-m", "reconnect", "analyze", "--jsonl", "-"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {str(row["id"]): row for row in rows}


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def unseen() -> tuple[list[dict[str, object]], dict[str, dict[str, object]]]:
    gold = _rows(UNSEEN)
    return gold, _analyze_jsonl([json.dumps({"id": g["id"], "text": g["text"]}) for g in gold])


def test_safe1_the_unseen_set_is_big_enough_and_every_line_is_answered(
    unseen: tuple[list[dict[str, object]], dict[str, dict[str, object]]],
) -> None:
    gold, found = unseen
    crisis = [g for g in gold if "crisis" in g["labels"]]  # type: ignore[operator]
    assert len(crisis) >= 150 and len(gold) - len(crisis) >= 250
    assert set(found) == {str(g["id"]) for g in gold}


def test_safe1_unseen_crisis_recall_is_at_least_095_with_its_interval(
    unseen: tuple[list[dict[str, object]], dict[str, dict[str, object]]],
) -> None:
    gold, found = unseen
    crisis = [found[str(g["id"])] for g in gold if "crisis" in g["labels"]]  # type: ignore[operator]
    caught = Rate(sum(bool(r["crisis"] or r["concern"]) for r in crisis), len(crisis))
    banner = Rate(sum(bool(r["crisis"]) for r in crisis), len(crisis))
    assert caught.value >= 0.95, f"banner or calm check: {caught}"
    # Floors under today's figures (0.963, low 0.921; banner 0.894), so a regression shows.
    assert caught.low >= 0.90, f"banner or calm check: {caught}"
    assert banner.value >= 0.85, f"banner alone: {banner}"


def test_safe1_unseen_banner_precision_is_at_least_06_with_its_interval(
    unseen: tuple[list[dict[str, object]], dict[str, dict[str, object]]],
) -> None:
    gold, found = unseen
    labels = {str(g["id"]): "crisis" in g["labels"] for g in gold}  # type: ignore[operator]
    banners = [labels[i] for i, r in found.items() if r["crisis"]]
    precision = Rate(sum(banners), len(banners))
    assert precision.low >= 0.6, f"banner precision: {precision}"


def test_safe1_every_banner_brings_resources_and_no_other_line_does(
    unseen: tuple[list[dict[str, object]], dict[str, dict[str, object]]],
) -> None:
    _gold, found = unseen
    for row in found.values():
        assert bool(row["crisis"]) == ("crisis_resources" in row), row["id"]


def test_safe1_real_crisis_comments_are_all_caught_and_near_misses_rarely_bannered() -> None:
    crisis, near = _rows(REAL / "real_crisis.jsonl"), _rows(REAL / "real_near_misses.jsonl")
    lines = [json.dumps({"id": f"c{i}", "text": r["text"]}) for i, r in enumerate(crisis)]
    lines += [json.dumps({"id": f"n{i}", "text": r["text"]}) for i, r in enumerate(near)]
    found = _analyze_jsonl(lines)
    hits = [found[f"c{i}"] for i in range(len(crisis))]
    caught = Rate(sum(bool(r["crisis"] or r["concern"]) for r in hits), len(hits))
    assert caught.k == caught.n, f"real crisis comments caught: {caught}"
    alarms = Rate(sum(bool(found[f"n{i}"]["crisis"]) for i in range(len(near))), len(near))
    assert alarms.value <= 0.10, f"near misses with the banner: {alarms}"


def test_the_wilson_interval_matches_worked_values() -> None:
    """Known values: 5/5 gives 0.566-1 (the dev set's 5/5 says little on its own)."""
    assert [round(x, 3) for x in wilson(5, 5)] == [0.566, 1.0]
    assert [round(x, 3) for x in wilson(143, 160)] == [0.836, 0.933]
    assert [round(x, 3) for x in wilson(0, 10)] == [0.0, 0.278]
