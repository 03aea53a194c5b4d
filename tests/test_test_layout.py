"""The test tree itself: pytest imports test modules by their base name, so names must differ."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).parent


def test_no_two_test_modules_share_a_name() -> None:
    # Folders without __init__.py put their modules in one namespace: a second
    # test_safety_plan_page.py stopped the whole run at collection.
    names = Counter(
        p.name for p in TESTS.rglob("test_*.py") if not (p.parent / "__init__.py").exists()
    )
    assert [name for name, count in names.items() if count > 1] == []
