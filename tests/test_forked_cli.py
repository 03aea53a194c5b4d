"""tests/forked_cli.py answers as a real ``python -m reconnect`` start does."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import free_port
from tests.forked_cli import run_cli, run_raw

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


def test_bytes_that_are_not_utf8_reach_a_raw_run_as_a_real_start_sees_them(
    sqlite_url: str, tmp_path: Path
) -> None:
    # What the CLI fuzz sends: argv and environment as bytes, standard input as bytes.
    argv = [b"--db", os.fsencode(sqlite_url), b"analyze", b"caf\xe9 \xff"]
    env = {**os.environb, b"COLUMNS": b"\xff"}
    want = subprocess.run(
        [sys.executable.encode(), b"-m", b"reconnect", *argv],
        capture_output=True,
        env=env,
        input=b"\xfe",
        cwd=tmp_path,
        timeout=120,
        check=False,
        start_new_session=True,
    )
    got = run_raw(
        [os.fsdecode(token) for token in argv],
        env={os.fsdecode(k): os.fsdecode(v) for k, v in env.items()},
        input=b"\xfe",
        cwd=tmp_path,
        timeout=120,
        new_session=True,
    )
    assert got is not None, "this environment should have been forked"
    assert want.returncode == 2 and b"not valid UTF-8" in want.stderr
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_a_raw_run_in_its_own_session_is_stopped_at_the_timeout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONNECT_")}
    env |= {"RECONNECT_TEST_FAST_KDF": "1", "RECONNECT_COUNTRY": "US"}
    db = f"sqlite:///{tmp_path / 'j.db'}"
    got = run_raw(
        ["--db", db, "serve", "--port", str(free_port())],
        env=env,
        input=b"",
        cwd=tmp_path,
        timeout=3,
        new_session=True,
    )
    assert got is not None
    assert got.returncode is None, got.stderr  # still serving at the timeout, then killed
    assert b"Traceback" not in got.stderr


def test_a_raw_run_with_a_locale_of_its_own_is_left_to_a_real_start(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LC_ALL": "tr_TR.UTF-8" if os.environ.get("LC_ALL") != "tr_TR.UTF-8" else "C",
    }
    assert run_raw(["--version"], env=env, input=b"", cwd=tmp_path, timeout=60) is None
