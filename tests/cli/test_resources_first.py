"""SAFE-3 in the terminal for check-in notes and self-check answers: resources come first.

The entry and practice-reflection surfaces are covered in ``test_journal_commands.py`` and
``test_safety_check_command.py``; these run the real command in a subprocess, as a person
would, and read the first lines of what it prints.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest
from tests.analysis_texts import CRISIS_TEXT, ORDINARY_TEXT
from tests.forked_cli import run_cli

from reconnect.content import load_instrument

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

BANNER = "help is available now"


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", url, *args], env={**os.environ, "RECONNECT_COUNTRY": "US"}, timeout=120)


def checkin(url: str, level: str, note: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(url, "checkin", "--pleasantness", level, "--energy", level, "--note", note, *extra)


def _first_lines(text: str, count: int = 3) -> str:
    return "\n".join(line for line in text.splitlines()[:count])


def test_a_checkin_note_with_crisis_language_puts_resources_first(sqlite_url: str) -> None:
    result = run(
        sqlite_url, "checkin", "--pleasantness", "2", "--energy", "2", "--note", CRISIS_TEXT
    )
    assert result.returncode == 0, result.stderr
    assert BANNER in _first_lines(result.stdout)
    assert "988" in result.stdout.split("Checked in:")[0]
    assert result.stdout.index(BANNER) < result.stdout.index("Checked in:")


def test_a_checkin_note_with_crisis_language_carries_resources_in_json(sqlite_url: str) -> None:
    result = run(
        sqlite_url,
        "checkin",
        "--pleasantness",
        "2",
        "--energy",
        "2",
        "--note",
        CRISIS_TEXT,
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["crisis"] is True
    assert data["crisis_resources"]["country"] == "US"
    assert any("988" in str(s) for s in data["crisis_resources"]["services"])


def test_a_calm_checkin_note_has_no_resources(sqlite_url: str) -> None:
    text = run(
        sqlite_url, "checkin", "--pleasantness", "7", "--energy", "6", "--note", ORDINARY_TEXT
    )
    assert BANNER not in text.stdout
    data = json.loads(
        run(
            sqlite_url,
            "checkin",
            "--pleasantness",
            "7",
            "--energy",
            "6",
            "--note",
            ORDINARY_TEXT,
            "--json",
        ).stdout
    )
    assert data["crisis"] is False and not data.get("crisis_resources")


@pytest.fixture
def crisis_answers(tmp_path: Path) -> str:
    """An answers file where a person wrote crisis language instead of a number."""
    items = load_instrument().items
    answers: dict[str, object] = {item.id: 2 for item in items}
    answers[items[0].id] = CRISIS_TEXT
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), "utf-8")
    return str(path)


def test_crisis_language_in_selfcheck_answers_puts_resources_first(
    sqlite_url: str, crisis_answers: str
) -> None:
    result = run(sqlite_url, "check", "--answers", crisis_answers)
    assert BANNER in _first_lines(result.stdout)
    assert "988" in result.stdout
    # The text is still not an answer: refused in one line, nothing saved.
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    history = json.loads(run(sqlite_url, "check", "history", "--json").stdout)
    assert history == []


def test_crisis_language_in_selfcheck_answers_gives_resources_in_json(
    sqlite_url: str, crisis_answers: str
) -> None:
    result = run(sqlite_url, "check", "--answers", crisis_answers, "--json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["crisis"] is True
    assert data["crisis_resources"]["country"] == "US"


def test_ordinary_text_in_selfcheck_answers_is_only_refused(
    sqlite_url: str, tmp_path: Path
) -> None:
    items = load_instrument().items
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({items[0].id: ORDINARY_TEXT}), "utf-8")
    result = run(sqlite_url, "check", "--answers", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
