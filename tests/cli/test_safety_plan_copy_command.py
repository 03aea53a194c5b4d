"""SAFE-9: ``safety-plan open-copy``, ``show`` and ``help-now`` while locked, and ``export``."""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli

if TYPE_CHECKING:
    from pathlib import Path

PLAN = (
    "Going quiet for days\n\nA cold shower\n\nThe allotment\n\nAna 07700 900123\n\n\n\nMy niece\n"
)


def run(
    *args: str, input: str | None = None, passphrase: bool = True
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if not passphrase:
        env.pop("RECONNECT_PASSPHRASE", None)  # as a person at a locked journal, no terminal
    return run_cli(args, input=input, env=env)


def test_without_the_copy_a_locked_plan_is_refused_plainly(sqlite_url: str) -> None:
    assert run("--db", sqlite_url, "safety-plan", "edit", input=PLAN).returncode == 0
    shown = run("--db", sqlite_url, "safety-plan", "show", passphrase=False)
    assert shown.returncode != 0
    assert "locked" in shown.stderr and "Traceback" not in shown.stderr
    assert "Ana" not in shown.stdout
    state = run("--db", sqlite_url, "safety-plan", "open-copy")
    assert "No readable copy is kept" in state.stdout


def test_turning_the_copy_on_states_the_trade_off_and_needs_a_yes(sqlite_url: str) -> None:
    run("--db", sqlite_url, "safety-plan", "edit", input=PLAN)
    asked = run("--db", sqlite_url, "safety-plan", "open-copy", "on")
    assert asked.returncode == 2
    assert "Anyone who can open this computer's reconnect files can read that copy" in asked.stderr
    assert "Nothing was changed" in asked.stderr
    assert run("--db", sqlite_url, "safety-plan", "show", passphrase=False).returncode != 0

    on = run("--db", sqlite_url, "safety-plan", "open-copy", "on", "--yes")
    assert on.returncode == 0, on.stderr
    shown = run("--db", sqlite_url, "safety-plan", "show", passphrase=False)
    assert shown.returncode == 0, shown.stderr
    assert "copy you chose to keep readable" in shown.stdout
    assert "  • Ana 07700 900123" in shown.stdout
    assert "  • My niece" in shown.stdout
    helped = run("--db", sqlite_url, "help-now", "--country", "GB", passphrase=False)
    assert helped.returncode == 0
    assert "Ana 07700 900123" in helped.stdout  # the people to ask, without unlocking

    off = run("--db", sqlite_url, "safety-plan", "open-copy", "off")
    assert off.returncode == 0 and "deleted" in off.stdout
    assert run("--db", sqlite_url, "safety-plan", "show", passphrase=False).returncode != 0
    helped = run("--db", sqlite_url, "help-now", "--country", "GB", passphrase=False)
    assert helped.returncode == 0 and "Ana" not in helped.stdout


def test_open_copy_refuses_a_word_it_does_not_know(sqlite_url: str) -> None:
    done = run("--db", sqlite_url, "safety-plan", "open-copy", "maybe")
    assert done.returncode == 2
    assert "say on or off" in done.stderr and "Traceback" not in done.stderr


def test_export_txt_prints_a_card_with_every_step(sqlite_url: str) -> None:
    run("--db", sqlite_url, "safety-plan", "edit", input=PLAN)
    done = run("--db", sqlite_url, "safety-plan", "export", "--format", "txt")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "My safety plan"
    assert "1. My warning signs" in lines and "7. My reasons for living" in lines
    assert "  - Going quiet for days" in lines and "  - My niece" in lines
    assert lines[-1] == "If you are in danger now, call your local emergency number."


def test_export_pdf_writes_a_printable_card(sqlite_url: str, tmp_path: Path) -> None:
    run("--db", sqlite_url, "safety-plan", "edit", input=PLAN)
    target = tmp_path / "plan.pdf"
    done = run("--db", sqlite_url, "safety-plan", "export", "--format", "pdf", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "My safety plan" in text
    assert "Ana 07700 900123" in text and "The allotment" in text
    assert "5. Professionals and crisis lines" in text
    assert oct(target.stat().st_mode & 0o777) == "0o600"  # it holds personal words


def test_export_refuses_bad_requests_without_writing(sqlite_url: str, tmp_path: Path) -> None:
    unknown = run("--db", sqlite_url, "safety-plan", "export", "--format", "docx")
    assert unknown.returncode == 2 and "choose pdf or txt" in unknown.stderr
    nowhere = run("--db", sqlite_url, "safety-plan", "export", "--format", "pdf")
    assert nowhere.returncode == 2 and "--output" in nowhere.stderr
    missing = tmp_path / "no" / "such" / "plan.pdf"
    folder = run("--db", sqlite_url, "safety-plan", "export", "--format", "pdf", "-o", str(missing))
    assert folder.returncode == 2 and "does not exist" in folder.stderr
    assert not missing.exists()
