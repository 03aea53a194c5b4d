"""The journal commands: write, log, show, edit, delete, checkin; contracts and bad input."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli
from typer.testing import CliRunner

from reconnect.cli import app

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()


def invoke(db: str, *args: str, stdin: str | None = None) -> object:
    return runner.invoke(app, ["--db", db, *args], input=stdin, catch_exceptions=False)


def run(db: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", db, *args], env={**os.environ, **(env or {})})


def test_write_json_prints_the_saved_entry_with_its_analysis(sqlite_url: str) -> None:
    result = runner.invoke(
        app, ["--db", sqlite_url, "write", "--json", "--tag", "work", "I feel nothing #late"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == 1
    assert data["tags"] == ["late", "work"]
    assert "numbness" in [m["name"] for m in data["analysis"]["markers"]]
    assert data["crisis_resources"] is None


def test_write_reads_standard_input(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "write", "--json"], input="from a pipe @jo\n")
    assert json.loads(result.stdout)["people"] == ["jo"]


def test_write_through_an_editor_leaves_no_file(sqlite_url: str, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    mode = tmp_path / "mode"
    editor.write_text(
        f'#!/bin/sh\nstat -c %a "$1" > {mode}; touch "$1~"; echo "from the editor" > "$1"\n'
    )
    editor.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    script = (
        "import pty, os, sys\n"
        f"os.environ['EDITOR'] = {str(editor)!r}\n"
        f"os.environ['TMPDIR'] = {str(temp)!r}\n"
        f"pty.spawn([sys.executable, '-m', 'reconnect', '--db', {sqlite_url!r}, 'write'])\n"
    )
    subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=True)
    entries = json.loads(run(sqlite_url, "log", "--json").stdout)
    assert [e["text"] for e in entries] == ["from the editor\n"]
    assert mode.read_text().strip() == "600"
    assert list(temp.iterdir()) == []


def test_crisis_resources_are_the_first_lines(sqlite_url: str) -> None:
    result = run(sqlite_url, "write", "I want to kill myself", env={"RECONNECT_COUNTRY": "US"})
    assert result.returncode == 0
    first = "\n".join(result.stdout.splitlines()[:8])
    assert "help is available now" in first and "988" in first
    data = json.loads(run(sqlite_url, "show", "1", "--json").stdout)
    assert data["crisis"] is True and data["crisis_resources"]["services"]


def test_log_filters_and_lists_oldest_first(sqlite_url: str) -> None:
    invoke(sqlite_url, "write", "--date", "2026-01-01", "numb again #work")
    invoke(sqlite_url, "write", "--date", "2026-01-05", "walk with @ana")
    invoke(sqlite_url, "write", "--date", "2026-01-03", "I feel nothing")
    listed = json.loads(invoke(sqlite_url, "log", "--json").stdout)  # type: ignore[attr-defined]
    assert [e["written_at"][:10] for e in listed] == ["2026-01-01", "2026-01-03", "2026-01-05"]
    tagged = json.loads(invoke(sqlite_url, "log", "--json", "--tag", "work").stdout)  # type: ignore[attr-defined]
    assert len(tagged) == 1
    ranged = json.loads(
        invoke(sqlite_url, "log", "--json", "--since", "2026-01-02", "--until", "2026-01-03").stdout  # type: ignore[attr-defined]
    )
    assert [e["written_at"][:10] for e in ranged] == ["2026-01-03"]


def test_log_takes_the_first_and_last_days_there_are(sqlite_url: str) -> None:
    # Issue 11, item 6: --until 9999-12-31 ended in "unexpected problem (OverflowError)".
    invoke(sqlite_url, "write", "--date", "2026-01-01", "a quiet day")
    for args in (
        ("--until", "9999-12-31"),
        ("--since", "0001-01-01"),
        ("--since", "0001-01-01", "--until", "9999-12-31"),
    ):
        result = run(sqlite_url, "log", "--json", *args)
        assert result.returncode == 0, result.stderr
        assert [e["text"] for e in json.loads(result.stdout)] == ["a quiet day"], args
    for args in (("--since", "9999-12-31"), ("--until", "0001-01-01T00:00:00-12:00")):
        result = run(sqlite_url, "log", "--json", *args)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == [], args


def test_edit_and_delete(sqlite_url: str) -> None:
    invoke(sqlite_url, "write", "first try")
    edited = json.loads(invoke(sqlite_url, "edit", "1", "second try", "--json").stdout)  # type: ignore[attr-defined]
    assert edited["text"] == "second try"
    assert run(sqlite_url, "delete", "1", "--yes").returncode == 0
    assert json.loads(invoke(sqlite_url, "log", "--json").stdout) == []  # type: ignore[attr-defined]


def test_bad_input_gives_one_line_and_keeps_saved_entries(sqlite_url: str, tmp_path: Path) -> None:
    invoke(sqlite_url, "write", "kept")
    cases = [
        (["show", "42"], 1, "Error: no entry with id 42"),
        (["show", "99999999999999999999"], 1, "Error: no entry with id 99999999999999999999"),
        (["delete", "42", "--yes"], 1, "Error: no entry with id 42"),
        (["log", "--since", "yesterday"], 2, "is not a date like"),
        (["log", "--marker", "sadness"], 2, "unknown marker 'sadness'"),
        (["write", "x" * 20_001], 2, "the limit is 20,000"),
        (["write", "--date", "31/12/2026", "x"], 2, "is not a date like"),
        (["checkin", "--pleasantness", "11", "--energy", "3"], 2, "--pleasantness"),
        (
            ["checkin", "--pleasantness", "5", "--energy", "3", "--feeling", "zz"],
            2,
            "unknown feeling",
        ),
    ]
    for args, code, message in cases:
        result = run(sqlite_url, *args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert len(json.loads(run(sqlite_url, "log", "--json").stdout)) == 1


def test_checkin_without_prompts_and_its_contract(sqlite_url: str) -> None:
    result = runner.invoke(
        app,
        [
            "--db",
            sqlite_url,
            "checkin",
            "--pleasantness",
            "3",
            "--energy",
            "8",
            "--feeling",
            "anxious",
            "--feeling",
            "restless",
            "--note",
            "big day",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["quadrant"], data["granularity"], data["crisis"]) == ("red", 2, False)


def test_the_feelings_list_has_four_quadrants() -> None:
    result = runner.invoke(app, ["checkin", "--list-feelings"])
    assert result.exit_code == 0
    for word in ("calm", "anxious", "excited", "numb", "cannot-name-it"):
        assert word in result.stdout


def test_insights_json_has_associations_per_tag_person_and_weekday(sqlite_url: str) -> None:
    for day in range(1, 22):
        text = (
            "Long shift #work, I feel nothing, numb"
            if day % 2
            else "Walk with @ana, opened up to her about how I feel"
        )
        invoke(sqlite_url, "write", "--date", f"2026-02-{day:02d}", text)
    data = json.loads(invoke(sqlite_url, "insights", "--json").stdout)  # type: ignore[attr-defined]
    work = data["associations"]["tag"]["work"]["numbness"]
    assert set(work) == {"count", "rate", "baseline_rate", "lift", "with_factor"}
    assert work["rate"] > work["baseline_rate"]
    assert "ana" in data["associations"]["person"]
    assert data["associations"]["weekday"]
    assert data["entries"] == 21 and data["weekly"]
    assert "baseline_rate" in data["method"]
    ranged = json.loads(invoke(sqlite_url, "insights", "--json", "--since", "2026-02-10").stdout)  # type: ignore[attr-defined]
    assert ranged["entries"] == 12
    table = invoke(sqlite_url, "insights").stdout  # type: ignore[attr-defined]
    assert "What goes with numbness or reconnection" in table


def test_demo_fills_a_separate_database_and_refuses_a_full_one(tmp_path: Path) -> None:
    demo_db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run(demo_db, "demo", "--db", demo_db)
    assert result.returncode == 0, result.stderr
    assert "Wrote 120 demo entries" in result.stderr
    data = json.loads(run(demo_db, "insights", "--json").stdout)
    assert data["entries"] == 120
    work = data["associations"]["tag"]["work"]["numbness"]
    assert work["lift"] is not None and work["lift"] > 1.5
    assert data["associations"]["person"]["ana"]["reconnection"]["rate"] == 1.0
    assert len(json.loads(run(demo_db, "check", "history", "--json").stdout)) == 2
    again = run(demo_db, "demo", "--db", demo_db)
    assert again.returncode == 2 and "already holds entries" in again.stderr


def test_prompt_is_aimed_at_recent_signs(sqlite_url: str) -> None:
    general = json.loads(invoke(sqlite_url, "prompt", "--json").stdout)  # type: ignore[attr-defined]
    assert general["for"] == "any"
    for _ in range(3):
        invoke(sqlite_url, "write", "I feel nothing at all, numb and empty.")
    aimed = json.loads(invoke(sqlite_url, "prompt", "--json").stdout)  # type: ignore[attr-defined]
    assert aimed["for"] == "numbness"
    assert aimed["reason"] == "numbness came up in 3 recent entries"


def test_export_and_import_commands_round_trip(sqlite_url: str, tmp_path: Path) -> None:
    invoke(sqlite_url, "write", "--date", "2026-01-02", "I feel nothing #work")
    invoke(sqlite_url, "checkin", "--pleasantness", "4", "--energy", "4")
    out = tmp_path / "all.json"
    assert run(sqlite_url, "export", "--format", "json", "--output", str(out)).returncode == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run(other, "init").returncode == 0
    result = run(other, "import", "json", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        "Imported 1 entry, 1 check-in, 0 self-checks, 0 practice logs and 0 reminders."
        in result.stderr
    )
    again = tmp_path / "again.json"
    run(other, "export", "--output", str(again))
    assert again.read_text() == out.read_text()
    for fmt, expected in (("csv", "id,written_at,text"), ("md", "# My reconnect journal")):
        target = tmp_path / f"x.{fmt}"
        run(sqlite_url, "export", "--format", fmt, "--output", str(target))
        assert expected in target.read_text()
    bad = run(sqlite_url, "export", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "unknown export format 'pdf'" in bad.stderr
    broken = tmp_path / "broken.csv"
    broken.write_text("full_date,time,mood\n2026-01-01,10:00,good\n2026-01-02,10:00,great\n")
    failed = run(sqlite_url, "import", "daylio", str(broken))
    assert failed.returncode == 2 and "line 3, field mood: unknown mood 'great'" in failed.stderr
    assert len(json.loads(run(sqlite_url, "log", "--json").stdout)) == 1


def test_insights_can_be_plotted_to_png_and_svg(sqlite_url: str, tmp_path: Path) -> None:
    for day in range(1, 15):
        invoke(sqlite_url, "write", "--date", f"2026-03-{day:02d}", "numb again #work")
    for name in ("trends.png", "trends.svg"):
        target = tmp_path / name
        result = run(sqlite_url, "insights", "--plot", str(target))
        assert result.returncode == 0, result.stderr
        head = target.read_bytes()[:200]
        assert (
            head.startswith(b"\x89PNG") if name.endswith("png") else b"<svg" in target.read_bytes()
        )
    wrong = run(sqlite_url, "insights", "--plot", str(tmp_path / "trends.gif"))
    assert wrong.returncode == 2 and "needs a .png or .svg" in wrong.stderr


def test_practice_list_and_suggest_contracts(sqlite_url: str) -> None:
    listed = json.loads(invoke(sqlite_url, "practice", "list", "--json").stdout)  # type: ignore[attr-defined]
    assert len(listed) >= 25
    assert {"id", "title", "addresses", "for", "duration_minutes", "seed"} <= set(listed[0])
    calm = json.loads(invoke(sqlite_url, "practice", "suggest", "--json").stdout)  # type: ignore[attr-defined]
    assert all({"id", "reasons"} <= set(s) for s in calm)
    for _ in range(3):
        invoke(sqlite_url, "write", "On autopilot again, days blurring together.")
    busy = json.loads(invoke(sqlite_url, "practice", "suggest", "--json").stdout)  # type: ignore[attr-defined]
    assert busy != calm
    assert any("autopilot showed up in 3 of your last 3 entries" in r for r in busy[0]["reasons"])


def test_practice_done_with_a_crisis_reflection_shows_resources(sqlite_url: str) -> None:
    result = run(
        sqlite_url, "practice", "done", "body-scan", "--reflection", "I don't want to be alive"
    )
    assert result.returncode == 0
    assert "help is available now" in "\n".join(result.stdout.splitlines()[:6])
    logged = json.loads(run(sqlite_url, "practice", "history", "--json").stdout)
    assert [g["practice"] for g in logged] == ["body-scan"]
    unknown = run(sqlite_url, "practice", "done", "no-such-thing")
    assert unknown.returncode == 1 and "no practice 'no-such-thing'" in unknown.stderr


def test_report_command_writes_html_and_pdf(sqlite_url: str, tmp_path: Path) -> None:
    invoke(sqlite_url, "write", "--date", "2026-01-02", "I feel nothing #work")
    html = tmp_path / "r.html"
    assert run(sqlite_url, "report", "--output", str(html)).returncode == 0
    assert "My reconnect report" in html.read_text()
    pdf = tmp_path / "r.pdf"
    assert run(sqlite_url, "report", "--format", "pdf", "--output", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = run(sqlite_url, "report", "--format", "docx", "--output", str(tmp_path / "r.docx"))
    assert bad.returncode == 2 and "--format must be html or pdf" in bad.stderr
    missing = run(sqlite_url, "report", "--output", str(tmp_path / "no" / "r.html"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    unknown = run(sqlite_url, "report", "--output", str(html), "--entry", "999")
    assert unknown.returncode == 1 and "no entry with id 999" in unknown.stderr


def test_the_boundary_planner_writes_the_boundary_and_logs_it(sqlite_url: str) -> None:
    result = run(
        sqlite_url,
        "practice",
        "boundary",
        "--situation",
        "Sunday calls",
        "--need",
        "rest",
        "--can",
        "talk for an hour",
        "--wont",
        "stay on all afternoon",
        "--care",
        "ring midweek",
    )
    assert result.returncode == 0, result.stderr
    assert "I can talk for an hour, and I won't stay on all afternoon." in result.stdout
    logged = json.loads(run(sqlite_url, "practice", "history", "--json").stdout)
    assert logged[0]["practice"] == "boundary-planner"
    assert "I will still ring midweek." in logged[0]["reflection"]
    empty = run(
        sqlite_url,
        "practice",
        "boundary",
        "--situation",
        " ",
        "--need",
        "x",
        "--can",
        "x",
        "--wont",
        "x",
        "--care",
        "x",
    )
    assert empty.returncode == 2 and "needs an answer for 'situation'" in empty.stderr


def test_an_editor_killed_mid_edit_leaves_nothing_after_the_next_start(
    sqlite_url: str, tmp_path: Path
) -> None:
    """ENC-11 (b): the private editing folder of a killed reconnect is removed next time."""
    editor = tmp_path / "slow-editor.sh"
    # The editor becomes its sleep (exec), so killing its pid leaves nothing holding the pty.
    editor.write_text(
        '#!/bin/sh\necho "half a thought" > "$1"\necho $$ > "$1.pid"\nexec sleep 300\n'
    )
    editor.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "EDITOR": str(editor), "TMPDIR": str(temp)}
    script = (
        "import pty, sys\n"
        f"pty.spawn([sys.executable, '-m', 'reconnect', '--db', {sqlite_url!r}, 'write'])\n"
    )
    with subprocess.Popen([sys.executable, "-c", script], env=env) as child:
        try:
            deadline = time.monotonic() + 120
            while not _editor_pid(temp) and time.monotonic() < deadline:
                time.sleep(0.1)
            leftover = list(temp.glob("reconnect-edit-*"))
            assert leftover, "the editor never started"
            assert oct((leftover[0] / "entry.md").stat().st_mode & 0o777) == oct(0o600)
            editor_pid = _editor_pid(temp)
            assert editor_pid > 1
            subprocess.run(["pkill", "-KILL", "-f", "reconnect --db " + sqlite_url], check=False)
            os.kill(editor_pid, signal.SIGKILL)
            child.wait(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
    assert list(temp.glob("reconnect-edit-*")), "the killed run should have left its folder"
    result = run(sqlite_url, "write", "the next start", env={"TMPDIR": str(temp)})
    assert result.returncode == 0, result.stderr
    assert list(temp.iterdir()) == []


def test_reanalyze_reads_old_entries_again_and_shows_resources_for_new_signs(
    sqlite_url: str,
) -> None:
    from dataclasses import replace

    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.storage import entries as entry_rows

    assert run(sqlite_url, "write", "I don't want to be here anymore.").returncode == 0
    services = build_services(Settings(database_url=sqlite_url))
    try:
        with services.transaction() as connection:
            entry = entry_rows.get_entry(connection, 1)
            assert entry.analysis is not None
            old = replace(entry.analysis, analyzer_version="2.2", markers=(), crisis=False)
            entry_rows.replace_entry(connection, replace(entry, analysis=old))
    finally:
        services.close()

    result = run(sqlite_url, "reanalyze", env={"RECONNECT_COUNTRY": "US"})
    assert result.returncode == 0, result.stderr
    assert "help is available now" in result.stdout and "988" in result.stdout
    assert "entry 1 now shows signs of crisis language." in result.stderr
    assert "Read 1 entry again" in result.stderr

    data = json.loads(run(sqlite_url, "reanalyze", "--all", "--json").stdout)
    assert data["read"] == 1 and data["newly_flagged"] == [] and data["crisis_resources"] is None
    assert json.loads(run(sqlite_url, "show", "1", "--json").stdout)["crisis"] is True


def test_insights_say_when_entries_were_read_by_an_older_analyzer(sqlite_url: str) -> None:
    from dataclasses import replace

    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.storage import entries as entry_rows

    assert run(sqlite_url, "write", "Quiet evening, read a book.").returncode == 0
    assert "older version of the analyzer" not in run(sqlite_url, "insights").stderr
    services = build_services(Settings(database_url=sqlite_url))
    try:
        with services.transaction() as connection:
            entry = entry_rows.get_entry(connection, 1)
            assert entry.analysis is not None
            old = replace(entry.analysis, analyzer_version="2.2")
            entry_rows.replace_entry(connection, replace(entry, analysis=old))
    finally:
        services.close()
    result = run(sqlite_url, "insights")
    assert result.returncode == 0
    assert "1 of your entries was read by an older version of the analyzer" in result.stderr
    assert run(sqlite_url, "reanalyze").returncode == 0
    assert "older version" not in run(sqlite_url, "insights").stderr


def test_ctrl_c_during_the_demo_leaves_nothing_and_the_next_run_starts_afresh(
    tmp_path: Path,
) -> None:
    # Issue 11, item 12: Ctrl-C left 38 of 120 entries, and running it again refused.
    target = tmp_path / "demo.db"
    building = tmp_path / ".demo.db.building"
    demo = subprocess.Popen(
        [sys.executable, "-m", "reconnect", "demo", "--db", f"sqlite:///{target}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A person's shell lets Ctrl-C through; a pytest-xdist worker ignores SIGINT, and an
        # ignored signal stays ignored across exec unless the child is given the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    written = 0
    while written < 5 and demo.poll() is None:  # wait until the demo is part way through
        if building.exists():
            written = _entries_so_far(building)
        if written < 5:
            with contextlib.suppress(subprocess.TimeoutExpired):
                demo.wait(timeout=0.05)
    assert demo.poll() is None, "the demo finished before it could be interrupted"
    demo.send_signal(signal.SIGINT)
    _, err = demo.communicate(timeout=60)
    assert demo.returncode == 130, err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []

    again = run(f"sqlite:///{target}", "demo", "--db", f"sqlite:///{target}")
    assert again.returncode == 0, again.stderr
    assert "Wrote 120 demo entries" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def _entries_so_far(path: Path) -> int:
    """How many entries a journal being written holds now (0 while it cannot be read yet)."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return int(db.execute("select count(*) from entries").fetchone()[0])
    except sqlite3.Error:
        return 0


def _editor_pid(temp: Path) -> int:
    """The pid the slow editor wrote beside the entry it opened (0 until it is all there)."""
    for path in temp.glob("reconnect-edit-*/entry.md.pid"):
        written = path.read_text()
        if written.endswith("\n") and written.strip().isdigit():
            return int(written)
    return 0
