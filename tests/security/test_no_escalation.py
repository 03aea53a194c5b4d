"""SAFE-8 for the local app: crisis language is shown to the writer and goes nowhere else.

No share, notification, reminder or outbound message is created by a crisis entry, a
crisis check-in note or a crisis reflection: the only rows that change are the ones
the person asked to save. (Coach alerts don't exist; when they do, they must be off by
default and this test must grow to say so.) Nothing can leave the machine anyway:
``test_privacy.py`` finds no network client in the source, and the whole suite runs
behind the loopback-only guard.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect.storage.tables import Base
from tests.analysis_texts import CRISIS_TEXT
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    import subprocess


def _counts(url: str) -> dict[str, int]:
    with sqlite3.connect(Path(url.removeprefix("sqlite:///"))) as db:
        return {
            table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in sorted(Base.metadata.tables)
        }


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", url, *args], env={**os.environ, "RECONNECT_COUNTRY": "GB"}, timeout=120)


def test_safe8_crisis_language_adds_only_the_rows_the_person_saved(sqlite_url: str) -> None:
    before = _counts(sqlite_url)
    steps = [
        (("write", CRISIS_TEXT), "entries"),
        (("checkin", "--pleasantness", "1", "--energy", "1", "--note", CRISIS_TEXT), "checkins"),
        (("practice", "done", "body-scan", "--reflection", CRISIS_TEXT), "practice_log"),
    ]
    for args, table in steps:
        result = _run(sqlite_url, *args)
        assert result.returncode == 0, result.stderr
        assert "help is available now" in result.stdout  # shown to the writer, first
        after = _counts(sqlite_url)
        changed = {
            name: after[name] - before[name] for name in after if after[name] != before[name]
        }
        assert changed == {table: 1}, (args[0], changed)
        before = after
    assert before["reminders"] == 0
