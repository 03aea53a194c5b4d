"""A user's fresh clone has nothing beside it: no test reads ``../shared`` or anything else
outside the repository (issue 11, item 16). What the tests need from the shared folder is kept
in the repository, built by ``python -m training.test_fixtures``."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# A path built out of the repository: "../shared", parents[N] / "shared", .parent / "shared".
OUTSIDE = re.compile(r"\.\./shared|\.parent\s*/\s*\"shared\"|parents\[\d\]\s*/\s*\"shared\"")


def test_no_test_builds_a_path_to_the_shared_folder() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_pattern_finds_what_it_is_for() -> None:
    assert OUTSIDE.search('SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"')
    assert OUTSIDE.search('GOEMOTIONS = ROOT.parent / "shared" / "data"')
    assert OUTSIDE.search("read ../shared/data/markers_dev.jsonl")
    assert not OUTSIDE.search('"shared-walk"')
