"""docs/reliability.md stays true: every row is there, and every test it names exists.

The row ids are listed here, not read from the shared goals file: the test suite reads
nothing outside the repository. Test ids are checked by parsing the test files (no
pytest run): a ``path::name`` must be a test function at module level, or a
``path::Class::name`` a method of a test class.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAP = REPO / "docs" / "reliability.md"

# The rows of the reliability goals (RELIABILITY.md), by family and count.
ROWS = {"ENC": 12, "DUR": 10, "WEB": 13, "FUZZ": 5, "SAFE": 11, "PRIV": 8, "PAIR": 6}
EXPECTED_IDS = [f"{family}-{n}" for family, count in ROWS.items() for n in range(1, count + 1)]
STATUSES = ("covered", "partial", "not built")
ROW = re.compile(r"^\|\s*(?P<id>[A-Z]+-\d+)\s*\|\s*(?P<status>[^|]*?)\s*\|(?P<rest>.*)\|\s*$")
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+)(?:\[[^\]`]*\])?`")


def _rows() -> list[tuple[str, str, list[tuple[str, str]], str]]:
    """(row id, status, [(path, name)], the whole line) for each table row of the map."""
    found = []
    for line in MAP.read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            tests = TEST_ID.findall(match["rest"])
            found.append((match["id"], match["status"], tests, line))
    return found


@cache
def _test_names(path: str) -> frozenset[str]:
    """Test functions (``name``) and test methods (``Class::name``) defined in a file."""
    tree = ast.parse((REPO / path).read_text("utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and item.name.startswith("test")
            )
    return frozenset(names)


def test_the_expected_ids_are_the_sixty_five_rows() -> None:
    assert len(EXPECTED_IDS) == len(set(EXPECTED_IDS)) == 65


def test_every_row_is_in_the_map_exactly_once() -> None:
    ids = [row_id for row_id, _status, _tests, _line in _rows()]
    assert sorted(set(EXPECTED_IDS) - set(ids)) == []
    assert sorted(set(ids) - set(EXPECTED_IDS)) == []
    assert len(ids) == len(set(ids))


def test_every_status_is_one_of_the_three() -> None:
    bad = [(row_id, status) for row_id, status, _t, _l in _rows() if status not in STATUSES]
    assert bad == []


def test_no_row_is_covered_without_a_test() -> None:
    bare = [row_id for row_id, status, tests, _l in _rows() if status == "covered" and not tests]
    assert bare == []


def test_a_partial_or_unbuilt_row_says_what_is_missing() -> None:
    silent = [
        row_id
        for row_id, status, _tests, line in _rows()
        if status != "covered" and not line.rstrip(" |").rsplit("|", 1)[-1].strip()
    ]
    assert silent == []


def test_every_named_test_exists() -> None:
    missing = []
    for row_id, _status, tests, _line in _rows():
        for path, name in tests:
            if not (REPO / path).is_file() or name not in _test_names(path):
                missing.append(f"{row_id}: {path}::{name}")
    assert missing == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("`tests/a.py::test_x`", [("tests/a.py", "test_x")], id="plain"),
        pytest.param("`tests/b/c.py::test_y[sqlite]`", [("tests/b/c.py", "test_y")], id="param"),
        pytest.param("`tests/d.py::TestZ::test_w`", [("tests/d.py", "TestZ::test_w")], id="class"),
    ],
)
def test_test_ids_are_read_as_written(line: str, expected: list[tuple[str, str]]) -> None:
    assert TEST_ID.findall(line) == expected
