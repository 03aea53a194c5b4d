"""The self-check in a real terminal (a pty), where keys choose and Enter confirms.

Issue 11, item 13: the hint says "a number to choose, Enter to confirm", but a number used to
answer at once, so the Enter that followed answered "Never" to the next question.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import termios
import time
from typing import Any

from typer.testing import CliRunner

from reconnect.cli import app
from reconnect.content import load_instrument

ITEMS = load_instrument().items
CHILD = (
    "import fcntl, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "from reconnect.cli import main\n"
    "sys.argv = ['reconnect', *sys.argv[1:]]\n"
    "main()\n"
)


def _history(url: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["--db", url, "check", "history", "--json"])
    assert result.exit_code == 0, result.output
    history: list[dict[str, Any]] = json.loads(result.stdout)
    return history


def _in_terminal(url: str, steps: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """Run ``reconnect check`` on a pty; at each step wait until the screen shows the first
    bytes, then type the second. Returns the exit code and everything shown."""
    main_fd, child_fd = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, "--db", url, "check"],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"},
        start_new_session=True,
    )
    os.close(child_fd)
    shown = b""
    seen = 0  # where in ``shown`` the next awaited text may start
    matched = False  # the screen shows what the next step awaits
    pending = list(steps)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            elif process.poll() is not None:
                break
            if pending and not matched and (found := shown.find(pending[0][0], seen)) >= 0:
                seen, matched = found + len(pending[0][0]), True
            # Type only while the program reads keys (the terminal is raw): a key typed while
            # it is cooked is echoed and then dropped when the next read turns it raw.
            if matched and not termios.tcgetattr(main_fd)[3] & termios.ICANON:
                os.write(main_fd, pending.pop(0)[1])
                matched = False
        if pending:  # the screen never showed what was awaited: stop it and say what it showed
            process.kill()
        code = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_fd)
    assert not pending, f"the terminal never showed {pending[0][0]!r}: {shown[-800:]!r}"
    return code, shown


def test_a_number_chooses_and_enter_confirms_in_a_terminal(sqlite_url: str) -> None:
    # Each number is typed on its own, and Enter only once the screen shows it chosen.
    steps = [(b"Who is this self-check about?", b"\r")]  # the cursor starts on "Me"
    for n in (1, 2, 3):
        steps += [(f"Question {n} of {len(ITEMS)}".encode(), b"3"), ("\u276f 3".encode(), b"\r")]
    steps.append((f"Question 4 of {len(ITEMS)}".encode(), b"q"))
    code, shown = _in_terminal(sqlite_url, steps)
    assert code == 0, shown[-2000:]
    assert b"Saved 3 answers" in shown
    assert _history(sqlite_url) == []  # quitting keeps a draft, not a result

    # The draft holds the three answers: resuming asks question 4 next.
    typed = "1\n" + "3\n" * (len(ITEMS) - 3)
    resumed = CliRunner().invoke(app, ["--db", sqlite_url, "check"], input=typed)
    assert resumed.exit_code == 0, resumed.output
    assert "3 of" in resumed.stdout and f"Question 4 of {len(ITEMS)}" in resumed.stdout
    assert "Question 3 of" not in resumed.stdout
    (saved,) = _history(sqlite_url)
    assert saved["missing"] == []


def test_skipping_every_question_saves_no_result(sqlite_url: str) -> None:
    # Issue 11, item 11: an empty self-check was saved and became "Your latest result".
    typed = "1\n" + "s\n" * len(ITEMS)
    result = CliRunner().invoke(app, ["--db", sqlite_url, "check"], input=typed)
    assert result.exit_code == 0, result.output
    assert "no result to save" in result.stdout
    assert _history(sqlite_url) == []
