"""ENC-6 through a real terminal: three wrong passphrases, one clear line each, nothing changed.

The command runs in a pseudo-terminal that is its controlling terminal, so ``getpass``
really prompts on ``/dev/tty`` as it would for a person; no RECONNECT_PASSPHRASE is set.
"""

from __future__ import annotations

import hashlib
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.forked_cli import run_cli

# Make the pty the child's controlling terminal (it is a session leader), then run the CLI.
CHILD = (
    "import fcntl, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "from reconnect.cli import main\n"
    "sys.argv = ['reconnect', *sys.argv[1:]]\n"
    "main()\n"
)
PROMPT = b"Passphrase: "
STYLE = re.compile(r"\x1b\[[0-9;]*m")  # bold survives NO_COLOR; a reader sees plain text


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _in_terminal(url: str, answers: list[str], *args: str) -> tuple[int, str, int]:
    """Run ``reconnect --db URL ARGS`` on a pty, typing one answer at each prompt.

    Returns the exit code, everything the terminal showed, and how many prompts there were.
    """
    main_fd, child_fd = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "RECONNECT_PASSPHRASE"}
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, "--db", url, *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        start_new_session=True,
    )
    os.close(child_fd)
    shown = b""
    prompts = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main_fd, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
                while shown.count(PROMPT) > prompts:
                    prompts += 1
                    answer = answers[prompts - 1] if prompts <= len(answers) else ""
                    os.write(main_fd, answer.encode() + b"\n")
            elif process.poll() is not None:
                break
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_fd)
    plain = STYLE.sub("", shown.decode("utf-8", "replace")).replace("\r\n", "\n")
    return code, plain, prompts


@pytest.fixture
def written(sqlite_url: str) -> str:
    """A journal holding one entry, closed cleanly (the WAL checkpointed by the last close)."""
    env = {**os.environ, "RECONNECT_PASSPHRASE": TEST_PASSPHRASE}
    written = run_cli(["--db", sqlite_url, "write", "kept safe"], env=env, timeout=120)
    assert written.returncode == 0, written.stderr
    return sqlite_url


def test_enc6_three_wrong_passphrases_at_the_prompt_change_nothing(written: str) -> None:
    folder = Path(written.removeprefix("sqlite:///")).parent
    before = _tree_digest(folder)
    wrong = ["not it", "still not it", "nope, not it either", "a fourth that is never asked"]
    code, shown, prompts = _in_terminal(written, wrong, "log")
    assert prompts == 3, shown
    assert code == 1, shown
    assert "Traceback" not in shown
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    # After each of the first two: one line saying so; after the third: one error line.
    retries = [line for line in lines if line.startswith("Wrong passphrase.")]
    assert retries == ["Wrong passphrase. Try again."] * 2, shown
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and "wrong passphrase" in errors[0], shown
    assert "kept safe" not in shown
    for attempt in wrong:
        assert attempt not in shown  # nothing typed is echoed
    assert _tree_digest(folder) == before


def test_enc6_the_right_passphrase_on_the_second_prompt_opens_the_journal(written: str) -> None:
    code, shown, prompts = _in_terminal(written, ["not it", TEST_PASSPHRASE], "log")
    assert prompts == 2, shown
    assert code == 0, shown
    assert shown.count("Wrong passphrase. Try again.") == 1
    assert "kept safe" in shown
    assert TEST_PASSPHRASE not in shown
