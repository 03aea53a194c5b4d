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
STATUSES = ("met", "partial", "not yet", "not applicable")
NOT_APPLICABLE = "not applicable"
ASVS_ID = re.compile(r"^\d+(\.\d+)*\b")
CELLS = 5  # ASVS id | requirement | how reconnect meets it | tests | status
ROW_IDS = re.compile(r"\b\d+\.\d+\.\d+\b")

# Every level 1 and level 2 requirement of OWASP ASVS 5.0.0 (tag v5.0.0_release, 5.0/en/),
# copied from the standard's tables: 253 ids. WEB-1 asks for all of them to have a row.
_ASVS_5_L1_L2_TEXT = """
1.1.1 1.1.2 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 1.2.6 1.2.7 1.2.8 1.2.9 1.3.1 1.3.2 1.3.3 1.3.4
1.3.5 1.3.6 1.3.7 1.3.8 1.3.9 1.3.10 1.3.11 1.4.1 1.4.2 1.4.3 1.5.1 1.5.2 2.1.1 2.1.2 2.1.3
2.2.1 2.2.2 2.2.3 2.3.1 2.3.2 2.3.3 2.3.4 2.4.1 3.2.1 3.2.2 3.3.1 3.3.2 3.3.3 3.3.4 3.4.1
3.4.2 3.4.3 3.4.4 3.4.5 3.4.6 3.5.1 3.5.2 3.5.3 3.5.4 3.5.5 3.7.1 3.7.2 4.1.1 4.1.2 4.1.3
4.2.1 4.3.1 4.3.2 4.4.1 4.4.2 4.4.3 4.4.4 5.1.1 5.2.1 5.2.2 5.2.3 5.3.1 5.3.2 5.4.1 5.4.2
5.4.3 6.1.1 6.1.2 6.1.3 6.2.1 6.2.2 6.2.3 6.2.4 6.2.5 6.2.6 6.2.7 6.2.8 6.2.9 6.2.10 6.2.11
6.2.12 6.3.1 6.3.2 6.3.3 6.3.4 6.4.1 6.4.2 6.4.3 6.4.4 6.5.1 6.5.2 6.5.3 6.5.4 6.5.5 6.6.1
6.6.2 6.6.3 6.8.1 6.8.2 6.8.3 6.8.4 7.1.1 7.1.2 7.1.3 7.2.1 7.2.2 7.2.3 7.2.4 7.3.1 7.3.2
7.4.1 7.4.2 7.4.3 7.4.4 7.4.5 7.5.1 7.5.2 7.6.1 7.6.2 8.1.1 8.1.2 8.2.1 8.2.2 8.2.3 8.3.1
8.4.1 9.1.1 9.1.2 9.1.3 9.2.1 9.2.2 9.2.3 9.2.4 10.1.1 10.1.2 10.2.1 10.2.2 10.3.1 10.3.2
10.3.3 10.3.4 10.4.1 10.4.2 10.4.3 10.4.4 10.4.5 10.4.6 10.4.7 10.4.8 10.4.9 10.4.10 10.4.11
10.5.1 10.5.2 10.5.3 10.5.4 10.5.5 10.6.1 10.6.2 10.7.1 10.7.2 10.7.3 11.1.1 11.1.2 11.2.1
11.2.2 11.2.3 11.3.1 11.3.2 11.3.3 11.4.1 11.4.2 11.4.3 11.4.4 11.5.1 11.6.1 12.1.1 12.1.2
12.1.3 12.2.1 12.2.2 12.3.1 12.3.2 12.3.3 12.3.4 13.1.1 13.2.1 13.2.2 13.2.3 13.2.4 13.2.5
13.3.1 13.3.2 13.4.1 13.4.2 13.4.3 13.4.4 13.4.5 14.1.1 14.1.2 14.2.1 14.2.2 14.2.3 14.2.4
14.3.1 14.3.2 14.3.3 15.1.1 15.1.2 15.1.3 15.2.1 15.2.2 15.2.3 15.3.1 15.3.2 15.3.3 15.3.4
15.3.5 15.3.6 15.3.7 16.1.1 16.2.1 16.2.2 16.2.3 16.2.4 16.2.5 16.3.1 16.3.2 16.3.3 16.3.4
16.4.1 16.4.2 16.4.3 16.5.1 16.5.2 16.5.3 17.1.1 17.2.1 17.2.2 17.2.3 17.2.4 17.3.1 17.3.2
"""
ASVS_5_L1_L2 = tuple(_ASVS_5_L1_L2_TEXT.split())


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


def test_a_not_applicable_row_gives_a_reason_and_names_no_test() -> None:
    bad = [
        row[0]
        for row in _rows()
        if row[-1].startswith(NOT_APPLICABLE)
        and (row[2] in ("", "none") or TEST_ID.findall(row[3]) or row[3] != "none")
    ]
    assert bad == []


def test_the_id_list_is_the_standards_level_1_and_2_count() -> None:
    assert len(ASVS_5_L1_L2) == len(set(ASVS_5_L1_L2)) == 253


def test_every_level_1_and_2_requirement_has_a_row() -> None:
    covered = {found for row in _rows() for found in ROW_IDS.findall(row[0])}
    missing = [asvs_id for asvs_id in ASVS_5_L1_L2 if asvs_id not in covered]
    assert missing == []
