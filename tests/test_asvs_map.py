"""docs/asvs.md stays true: every row has an ASVS id and a status, and every test it names exists.

This is the meta-test RELIABILITY WEB-1 asks for. Test ids are checked the way
tests/test_reliability_map.py checks them, by parsing the test files (no pytest run): a
``path::name`` must be a test function at module level, or a ``path::Class::name`` a
method of a test class.
"""

from __future__ import annotations

import re

import pytest

from tests.test_reliability_map import REPO, TEST_ID, _test_names

MAP = REPO / "docs" / "asvs.md"
HEADER = "| ASVS id |"
STATUSES = ("met", "partial", "not yet")
ASVS_ID = re.compile(r"^\d+(\.\d+)*\b")
CELLS = 5  # ASVS id | requirement | how reconnect meets it | tests | status


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _tables() -> list[list[list[str]]]:
    """Each ASVS table of the page: its body rows, each as its cells."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in MAP.read_text("utf-8").splitlines():
        if line.startswith(HEADER):
            current = []
            tables.append(current)
        elif current is not None and line.startswith("|"):
            if not set(line) <= set("|-: "):
                current.append(_cells(line))
        else:
            current = None
    return tables


def _rows() -> list[list[str]]:
    return [row for table in _tables() for row in table]


def test_every_chapter_table_has_rows() -> None:
    tables = _tables()
    assert len(tables) >= 8
    assert all(tables)
    bad = [row for row in _rows() if len(row) != CELLS]
    assert bad == []


def test_every_row_has_an_asvs_id_and_a_status() -> None:
    no_id = [row[0] for row in _rows() if not ASVS_ID.match(row[0])]
    assert no_id == []
    bad_status = [(row[0], row[-1]) for row in _rows() if not row[-1].startswith(STATUSES)]
    assert bad_status == []


def test_a_met_row_names_a_test() -> None:
    bare = [
        (row[0], row[1])
        for row in _rows()
        if row[-1].startswith("met") and not TEST_ID.findall(row[3])
    ]
    assert bare == []


def test_every_named_test_exists() -> None:
    named = TEST_ID.findall(MAP.read_text("utf-8"))
    assert named
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (REPO / path).is_file() or name not in _test_names(path)
    ]
    assert missing == []


def test_no_test_is_named_by_its_file_alone() -> None:
    text = MAP.read_text("utf-8")
    assert "file only" not in text
    bare_files = re.findall(r"`tests/[\w/]+\.py`", text)
    assert bare_files == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("| 6.2.1 | a | b | c | met |", "6.2.1", id="plain"),
        pytest.param("| 2.4 (id to verify) | a | b | c | partial |", "2.4", id="to-verify"),
        pytest.param("| 11.3.2 / 11.3.3 | a | b | c | met |", "11.3.2", id="two"),
    ],
)
def test_asvs_ids_are_read_as_written(line: str, expected: str) -> None:
    match = ASVS_ID.match(_cells(line)[0])
    assert match is not None
    assert match.group(0) == expected
