"""``reconnect import`` into a journal that already holds the file's records (issue 11, item 5).

Importing the same export twice once doubled every entry and said nothing; now what the
journal already holds is skipped, counted and named, and a bad file still saves nothing.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tests.forked_cli import run_cli
from typer.testing import CliRunner

from reconnect.bootstrap import build_services
from reconnect.cli import app
from reconnect.config import Settings
from reconnect.domain.selfcheck import Perspective
from reconnect.services import checkins, journal, practices, reminders, selfcheck

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

WORDS = ["I feel nothing at #work", "A walk with @sam", "Numb again.", "Laughed at dinner"]


class Done:
    """What a command printed and its exit code."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def invoke(db: str, *args: str) -> Done:
    """A command through the CLI's entry point, in this process (fast)."""
    result = CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=False)
    return Done(result.exit_code, result.stdout, result.stderr)


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A command as a user runs it, in its own process (errors become one line and a code)."""
    return run_cli(["--db", db, *args], env={**os.environ, "RECONNECT_COUNTRY": "US"}, timeout=120)


def fill(db: str) -> None:
    """Four entries, a check-in, a self-check, a practice and a reminder."""
    services = build_services(Settings(database_url=db))
    try:
        start = datetime(2026, 1, 5, 20, 15, 7, 123456, tzinfo=UTC)
        for day, text in enumerate(WORDS):
            journal.write_entry(services, text, written_at=start + timedelta(days=day))
        checkins.record_checkin(services, pleasantness=3, energy=2, feelings=["numb"], note="meh")
        answers = {item.id: 2 for item in selfcheck.get_instrument().items}
        selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=answers)
        practices.log_practice(services, "body-scan", reflection="felt my feet")
        reminders.add_reminder(services, "box-breathing", days="mon,thu", at="21:15")
    finally:
        services.close()


def export(db: str, path: Path) -> dict[str, Any]:
    done = invoke(db, "export", "--output", str(path))
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def entry_texts(db: str) -> list[str]:
    listed = invoke(db, "log", "--json")
    assert listed.returncode == 0, listed.stderr
    return [e["text"] for e in json.loads(listed.stdout)]


def test_importing_an_export_into_its_own_journal_adds_nothing_and_says_so(
    sqlite_url: str, tmp_path: Path
) -> None:
    fill(sqlite_url)
    first = export(sqlite_url, tmp_path / "export.json")

    done = invoke(sqlite_url, "import", "json", str(tmp_path / "export.json"))
    assert done.returncode == 0, done.stderr
    assert (
        "Imported 0 entries, 0 check-ins, 0 self-checks, 0 practice logs and 0 reminders."
        in done.stderr
    )
    assert (
        "Skipped 4 entries, 1 check-in, 1 self-check, 1 practice log and 1 reminder "
        "already in this journal (the same time and the same words); nothing was added twice."
    ) in done.stderr
    assert entry_texts(sqlite_url) == WORDS
    assert export(sqlite_url, tmp_path / "again.json") == first


def test_only_what_the_journal_lacks_is_imported(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url)
    document = export(sqlite_url, tmp_path / "export.json")
    # A new entry, and an older version of an entry at the same moment: both are kept.
    document["entries"].append({**document["entries"][0], "text": "Written somewhere else"})
    document["entries"].append({**document["entries"][1], "written_at": "2026-03-01T08:00:00Z"})
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), "utf-8")

    done = invoke(sqlite_url, "import", "json", "--json", str(changed))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["entries"], data["checkins"], data["reminders"]) == (2, 0, 0)
    assert data["skipped"] == {
        "entries": 4,
        "checkins": 1,
        "selfchecks": 1,
        "practice_logs": 1,
        "reminders": 1,
    }
    assert sorted(entry_texts(sqlite_url)) == sorted([*WORDS, "Written somewhere else", WORDS[1]])


def test_a_jrnl_file_imported_twice_is_imported_once(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "jrnl.json"
    jrnl = {
        "entries": [
            {"date": "2025-03-01", "time": "08:15", "title": "Slept badly.", "body": "Numb."},
            {"date": "2025-03-02", "time": "21:00", "title": "A good call with mum."},
        ]
    }
    path.write_text(json.dumps(jrnl), "utf-8")
    assert invoke(sqlite_url, "import", "jrnl", str(path)).returncode == 0

    again = invoke(sqlite_url, "import", "jrnl", str(path))
    assert again.returncode == 0, again.stderr
    assert "Imported 0 entries" in again.stderr
    assert "Skipped 2 entries already in this journal" in again.stderr
    assert len(entry_texts(sqlite_url)) == 2


def test_pleasantness_off_the_scale_refuses_the_file_and_saves_nothing(
    sqlite_url: str, tmp_path: Path
) -> None:
    """An edited export: new entries first, then a check-in at 42 on the 1 to 10 scale."""
    document = {
        "format": "reconnect-export",
        "version": 1,
        "entries": [{"written_at": "2026-02-01T09:00:00+00:00", "text": "A new morning"}],
        "checkins": [
            {"checked_at": "2026-02-01T10:00:00+00:00", "pleasantness": 5, "energy": 5},
            {"checked_at": "2026-02-02T10:00:00+00:00", "pleasantness": 42, "energy": 5},
        ],
    }
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), "utf-8")

    done = run(sqlite_url, "import", "json", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "Error: checkins[1].pleasantness: expected a whole number from 1 to 10, not 42"
    )
    assert entry_texts(sqlite_url) == []
    saved = export(sqlite_url, tmp_path / "after.json")
    assert (saved["entries"], saved["checkins"]) == ([], [])
