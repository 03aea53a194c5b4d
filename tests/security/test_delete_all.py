"""PRIV-3: ``reconnect delete --all`` removes this journal's backups and nothing else of yours."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import create_journal
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    import subprocess


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", url, *args], timeout=120)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _other_journal_backup(tmp_path: Path) -> Path:
    """A backup of a different journal: the person's, but not this journal's."""
    other = create_journal(f"sqlite:///{tmp_path / 'other' / 'other.db'}")
    target = tmp_path / "other-backup.db"
    assert _cli(other, "backup", str(target)).returncode == 0
    return target


@pytest.mark.parametrize("replacement", ["text", "another-journal", "link"])
def test_a_backup_path_that_now_holds_something_else_is_left_alone(
    sqlite_url: str, tmp_path: Path, replacement: str
) -> None:
    mine = tmp_path / "x" / "mine.db"
    mine.parent.mkdir()
    assert _cli(sqlite_url, "backup", str(mine)).returncode == 0
    kept_backup = tmp_path / "kept.db"
    assert _cli(sqlite_url, "backup", str(kept_backup)).returncode == 0

    mine.unlink()
    precious = tmp_path / "precious.txt"
    precious.write_text("the person's own notes, not reconnect's\n" * 100, encoding="utf-8")
    if replacement == "text":
        mine.write_bytes(precious.read_bytes())
    elif replacement == "another-journal":
        _other_journal_backup(tmp_path).rename(mine)
    else:
        mine.symlink_to(precious)
    before = {p: _digest(p) for p in (mine, precious)}

    result = _cli(sqlite_url, "delete", "--all", "--yes")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: _digest(p) for p in (mine, precious)} == before
    assert f"Left {mine} as it is" in result.stderr
    assert "1 file where reconnect once wrote a backup was left untouched" in result.stderr
    # The backup that still is this journal's is gone, and so is the journal.
    assert not kept_backup.exists()
    assert f"Removed {kept_backup}" in result.stderr
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()


def test_a_backup_still_of_this_journal_is_removed(sqlite_url: str, tmp_path: Path) -> None:
    mine = tmp_path / "mine.db"
    assert _cli(sqlite_url, "backup", str(mine)).returncode == 0
    result = _cli(sqlite_url, "delete", "--all", "--yes")
    assert result.returncode == 0, result.stderr
    assert not mine.exists()
    assert "Left" not in result.stderr
