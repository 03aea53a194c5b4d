"""tests/forked_cli.py answers as a real ``python -m reconnect`` start does."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.forked_cli import run_cli

if TYPE_CHECKING:
    from pathlib import Path


def real(
    args: list[str], *, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reconnect", *args],
        capture_output=True,
        text=True,
        input=input,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="help"),
        pytest.param(["write", "--nope"], id="usage-error"),
        pytest.param(["show", "404"], id="reconnect-error"),
        pytest.param(["help-now", "--json"], id="json"),
    ],
)
def test_output_and_exit_code_are_those_of_a_real_start(sqlite_url: str, args: list[str]) -> None:
    want = real(["--db", sqlite_url, *args])
    got = run_cli(["--db", sqlite_url, *args])
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_input_folder_umask_and_environment_reach_the_process(tmp_path: Path) -> None:
    (tmp_path / "here").mkdir()
    env = {**os.environ, "RECONNECT_PASSPHRASE": "another passphrase, long enough"}
    made = run_cli(["--db", "sqlite:///j.db", "init"], env=env, cwd=tmp_path / "here", umask=0)
    assert made.returncode == 0, made.stderr
    journal = tmp_path / "here" / "j.db"
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600  # private even with umask 0
    wrote = run_cli(
        ["--db", f"sqlite:///{journal}", "write", "--json"], env=env, input="from a pipe\n"
    )
    assert wrote.returncode == 0, wrote.stderr
    locked = run_cli(["--db", f"sqlite:///{journal}", "log"])  # the suite's passphrase
    assert locked.returncode == 1 and "wrong passphrase" in locked.stderr
    listed = run_cli(["--db", f"sqlite:///{journal}", "log", "--json"], env=env)
    assert [entry["text"] for entry in json.loads(listed.stdout)] == ["from a pipe\n"]


def test_a_setting_read_only_at_start_up_gets_a_real_start(tmp_path: Path) -> None:
    # sitecustomize runs only when an interpreter starts, and PYTHONPATH is read only then.
    (tmp_path / "sitecustomize.py").write_text(
        f"open({str(tmp_path / 'started')!r}, 'w').close()\n"
    )
    result = run_cli(["--version"], env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "started").exists()
