"""``reconnect report``: the file holds entry text, so it is private and never half-written."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    from collections.abc import Callable


def run(
    url: str, *args: str, umask: int | None = None, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    if preexec is None:  # a forked process (tests/forked_cli.py); limits need a real start
        return run_cli(["--db", url, *args], umask=umask, timeout=180)
    return subprocess.run(
        [sys.executable, "-m", "reconnect", "--db", url, *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=180,
        check=False,
        preexec_fn=preexec,
    )


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_the_report_is_private_whatever_the_umask(
    sqlite_url: str, tmp_path: Path, fmt: str
) -> None:
    assert run(sqlite_url, "write", "a walk by the river").returncode == 0
    target = tmp_path / f"report.{fmt}"
    result = run(
        sqlite_url,
        "report",
        "--format",
        fmt,
        "-o",
        str(target),
        "--entry",
        "1",
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reconnect-")]


def test_a_pdf_report_that_cannot_be_finished_leaves_the_previous_one_whole(
    sqlite_url: str, tmp_path: Path
) -> None:
    """DUR-8 for the PDF: the disk fills while writing; the last report is still there, whole."""
    assert run(sqlite_url, "write", "a walk by the river").returncode == 0
    target = tmp_path / "report.pdf"
    assert run(sqlite_url, "report", "--format", "pdf", "-o", str(target)).returncode == 0
    previous = target.read_bytes()
    limit = len(previous) // 2  # the new report is about as large: it cannot be written whole

    def disk_fills() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    # Hold the journal open so its shared-memory file already exists at full size: only the
    # report itself then meets the limit.
    with sqlite3.connect(Path(sqlite_url.removeprefix("sqlite:///"))) as holder:
        holder.execute("SELECT count(*) FROM entries").fetchone()
        result = run(sqlite_url, "report", "--format", "pdf", "-o", str(target), preexec=disk_fills)
    holder.close()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"cannot write {target}" in result.stderr
    assert target.read_bytes() == previous
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reconnect-")]
