"""The calm safety check in the terminal: asked in a terminal, printed in a pipe, crisis first."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT, ORDINARY_TEXT
from tests.forked_cli import run_cli
from typer.testing import CliRunner

from reconnect.cli import app
from reconnect.content import load_texts

if TYPE_CHECKING:
    from pathlib import Path

    from typer.testing import Result

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WORDS = load_texts().safety_check


def invoke(db: str, *args: str) -> Result:
    return runner.invoke(app, ["--db", db, *args], catch_exceptions=False)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, env={**os.environ, "RECONNECT_COUNTRY": "GB"})


def _read_until(fd: int, wanted: bytes | None, deadline: float) -> bytes:
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal closed: the program has exited
            return seen
        if not chunk:
            return seen
        seen += chunk
        if wanted is not None and wanted in seen:
            return seen
    raise AssertionError(f"timed out; the terminal showed:\n{seen.decode(errors='replace')}")


def in_terminal(db: str, *args: str, typed: str) -> str:
    """Run reconnect in a real pseudo-terminal, answer the prompt, return what it showed."""
    main, other = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reconnect", "--db", db, *args],
        stdin=other,
        stdout=other,
        stderr=other,
        env={**os.environ, "RECONNECT_COUNTRY": "GB"},
        close_fds=True,
    )
    os.close(other)
    try:
        deadline = time.monotonic() + 60
        shown = _read_until(main, WORDS.choose.encode(), deadline)
        os.write(main, typed.encode() + b"\r")
        shown += _read_until(main, None, deadline)
        assert process.wait(timeout=30) == 0, shown.decode(errors="replace")
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    # Styles (bold, dim) still reach a terminal under NO_COLOR; the words are what count.
    return ANSI.sub("", shown.decode().replace("\r\n", "\n"))


def test_in_a_pipe_the_check_is_printed_and_nothing_is_kept(sqlite_url: str) -> None:
    result = invoke(sqlite_url, "write", CONCERN_TEXT)
    assert result.exit_code == 0, result.output
    assert WORDS.question in result.stdout
    assert "reconnect help-now shows help for your country." in result.stdout
    assert "help is available now" not in result.stdout  # calm, not the crisis panel
    shown = json.loads(invoke(sqlite_url, "show", "1", "--json").stdout)
    assert shown["concern"] is True and shown["crisis"] is False
    assert shown["safety_check"] is None and shown["analysis"]["concern"] is True


def test_json_output_says_concern_and_asks_nothing(sqlite_url: str) -> None:
    result = invoke(sqlite_url, "write", "--json", CONCERN_TEXT)
    data = json.loads(result.stdout)
    assert data["concern"] is True and data["crisis_resources"] is None
    assert data["analysis"]["language"] == "en"
    assert WORDS.question not in result.stdout
    checkin = json.loads(
        invoke(
            sqlite_url,
            "checkin",
            "--pleasantness",
            "4",
            "--energy",
            "3",
            "--note",
            CONCERN_TEXT,
            "--json",
        ).stdout
    )
    assert checkin["concern"] is True and checkin["safety_check"] is None
    done = json.loads(
        invoke(
            sqlite_url, "practice", "done", "body-scan", "--reflection", CONCERN_TEXT, "--json"
        ).stdout
    )
    assert done["concern"] is True and done["crisis"] is False
    analysed = json.loads(runner.invoke(app, ["analyze", "--json", CONCERN_TEXT]).stdout)
    assert analysed["concern"] is True and "crisis_resources" not in analysed


def test_checkin_practice_and_analyze_print_the_check_after_their_own_lines(
    sqlite_url: str,
) -> None:
    checkin = invoke(
        sqlite_url, "checkin", "--pleasantness", "4", "--energy", "3", "--note", CONCERN_TEXT
    )
    assert checkin.stdout.index("Checked in:") < checkin.stdout.index(WORDS.question)
    done = invoke(sqlite_url, "practice", "done", "body-scan", "--reflection", CONCERN_TEXT)
    assert done.stdout.index("Logged body-scan.") < done.stdout.index(WORDS.question)
    analysed = runner.invoke(app, ["analyze", CONCERN_TEXT])
    assert WORDS.question in analysed.stdout and WORDS.later in analysed.stdout
    for calm in (
        invoke(sqlite_url, "write", ORDINARY_TEXT),
        invoke(sqlite_url, "practice", "done", "body-scan", "--reflection", ORDINARY_TEXT),
        runner.invoke(app, ["analyze", ORDINARY_TEXT]),
    ):
        assert WORDS.question not in calm.stdout


def test_crisis_language_still_puts_resources_first_and_asks_nothing(sqlite_url: str) -> None:
    for result in (
        invoke(sqlite_url, "write", CRISIS_TEXT),
        invoke(sqlite_url, "practice", "done", "body-scan", "--reflection", CRISIS_TEXT),
        runner.invoke(app, ["analyze", CRISIS_TEXT, CONCERN_TEXT]),
    ):
        assert "help is available now" in "\n".join(result.stdout.splitlines()[:4])
        assert WORDS.question not in result.stdout


def test_show_me_help_prints_exactly_what_help_now_prints_and_keeps_the_answer(
    sqlite_url: str,
) -> None:
    shown = in_terminal(sqlite_url, "write", CONCERN_TEXT, typed="2")
    help_now = run("help-now").stdout
    assert "Samaritans" in help_now
    assert help_now in shown
    assert shown.index(WORDS.question) < shown.index(help_now)
    check = json.loads(run("--db", sqlite_url, "show", "1", "--json").stdout)["safety_check"]
    assert check["answer"] == "help" and check["answered_at"]


def test_im_safe_thanks_keeps_the_answer_and_never_silences_a_later_crisis(
    sqlite_url: str,
) -> None:
    shown = in_terminal(sqlite_url, "write", CONCERN_TEXT, typed="1")
    assert WORDS.thanks in shown and WORDS.later in shown
    assert "help is available now" not in shown
    entry = json.loads(run("--db", sqlite_url, "show", "1", "--json").stdout)
    assert entry["safety_check"]["answer"] == "safe"

    later = run("--db", sqlite_url, "write", CRISIS_TEXT)
    assert later.returncode == 0
    assert "help is available now" in "\n".join(later.stdout.splitlines()[:4])
    assert WORDS.question not in later.stdout


def exported(db: str, folder: Path) -> dict[str, Any]:
    path = folder / "export.json"
    assert run("--db", db, "export", "--output", str(path)).returncode == 0
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_a_checkin_answer_is_kept_and_a_skipped_question_keeps_nothing(
    sqlite_url: str, tmp_path: Path
) -> None:
    args = ("checkin", "--pleasantness", "4", "--energy", "3", "--note", CONCERN_TEXT)
    in_terminal(sqlite_url, *args, typed="safe")
    skipped = in_terminal(sqlite_url, *args, typed="")
    assert WORDS.later in skipped
    saved = exported(sqlite_url, tmp_path)
    assert [c["safety_check"] and c["safety_check"]["answer"] for c in saved["checkins"]] == [
        "safe",
        None,
    ]


def test_a_practice_reflection_answer_is_kept(sqlite_url: str, tmp_path: Path) -> None:
    shown = in_terminal(
        sqlite_url, "practice", "done", "body-scan", "--reflection", CONCERN_TEXT, typed="2"
    )
    assert "Samaritans" in shown
    saved = exported(sqlite_url, tmp_path)
    assert saved["practice_log"][0]["safety_check"]["answer"] == "help"


def _damage_analysis(db: str, entry_id: int) -> None:
    """Store an analysis that is not the contract's shape, inside a valid envelope."""
    from sqlalchemy import select, update

    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.storage.codec import open_payload, seal_payload
    from reconnect.storage.tables import EntryRow

    services = build_services(Settings(database_url=db))
    try:
        with services.transaction() as connection:
            row = connection.execute(
                select(EntryRow.payload, EntryRow.uid).where(EntryRow.id == entry_id)
            ).one()
            payload = json.loads(
                open_payload(connection, "entries", entry_id, row.payload, row.uid)
            )
            payload["analysis"]["markers"] = [{"name": "numbness", "score": "high"}]
            sealed = seal_payload(connection, "entries", entry_id, json.dumps(payload))
            connection.execute(update(EntryRow).where(EntryRow.id == entry_id).values(**sealed))
    finally:
        services.close()


def test_a_damaged_analysis_does_not_stop_log_show_insights_or_report(
    sqlite_url: str, tmp_path: Path
) -> None:
    invoke(sqlite_url, "write", "--date", "2026-01-02", "I feel nothing #work")
    invoke(sqlite_url, "write", "--date", "2026-01-03", "Numb again, nothing at all #work")
    _damage_analysis(sqlite_url, 2)
    words = load_texts().not_analysed

    listed = run("--db", sqlite_url, "log")
    assert listed.returncode == 0, listed.stderr
    assert words.short in listed.stdout
    assert f"{words.several} 2." in listed.stderr
    shown = run("--db", sqlite_url, "show", "2")
    assert shown.returncode == 0, shown.stderr
    assert words.message in shown.stdout and words.hint in shown.stdout
    data = json.loads(run("--db", sqlite_url, "show", "2", "--json").stdout)
    assert (data["analysis"], data["needs_reanalysis"], data["crisis"]) == (None, True, False)
    found = run("--db", sqlite_url, "insights", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["entries"] == 1
    assert f"1 entry is {words.in_insights}" in found.stderr
    report = tmp_path / "r.html"
    made = run("--db", sqlite_url, "report", "-o", str(report), "--entry", "2")
    assert made.returncode == 0, made.stderr
    assert "Numb again" in report.read_text(encoding="utf-8")

    again = run("--db", sqlite_url, "reanalyze")
    assert "Read 1 entry again" in again.stderr
    mended = json.loads(run("--db", sqlite_url, "show", "2", "--json").stdout)
    assert mended["needs_reanalysis"] is False
    assert "numbness" in [m["name"] for m in mended["analysis"]["markers"]]


def test_an_import_with_crisis_language_shows_resources_first(
    sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "jrnl.json"
    forged = {"entries": [{"title": CRISIS_TEXT, "body": "", "date": "2026-01-02"}]}
    path.write_text(json.dumps(forged), encoding="utf-8")
    result = run("--db", sqlite_url, "import", "jrnl", str(path))
    assert result.returncode == 0, result.stderr
    assert "help is available now" in "\n".join(result.stdout.splitlines()[:4])
    assert "Imported 1 entry," in result.stderr
    calm = tmp_path / "calm.json"
    calm.write_text(json.dumps({"entries": [{"title": ORDINARY_TEXT, "date": "2026-01-03"}]}))
    assert "help is available" not in run("--db", sqlite_url, "import", "jrnl", str(calm)).stdout
