"""``reconnect check``: the scriptable contract, the interactive flow, history and bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.forked_cli import run_cli
from typer.testing import CliRunner

from reconnect.cli import app
from reconnect.content import load_instrument

runner = CliRunner()
ITEMS = load_instrument().items


def invoke(*args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in its own process, as a person would (tests/forked_cli.py)."""
    return run_cli(args, env={**os.environ, **(env or {})})


def answers_file(tmp_path: Path, answers: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers))
    return str(path)


def test_list_items_json_gives_every_item_for_the_perspective() -> None:
    mine = json.loads(invoke("check", "--list-items", "--json").stdout)
    theirs = json.loads(
        invoke("check", "--list-items", "--json", "--perspective", "partner").stdout
    )
    assert len(mine) == len(ITEMS) >= 24
    assert set(mine[0]) == {"id", "dimension", "reverse", "scale", "text"}
    assert mine[0]["scale"] == [0, 1, 2, 3, 4]
    assert [i["id"] for i in mine] == [i["id"] for i in theirs]
    assert all(a["text"] != b["text"] for a, b in zip(mine, theirs, strict=True))
    assert any(item["reverse"] for item in mine)


def test_answers_file_is_scored_saved_and_printed_as_json(
    tmp_path: Path, database_url: str
) -> None:
    path = answers_file(tmp_path, {item.id: 4 if not item.reverse else 0 for item in ITEMS})
    result = invoke(
        "--db", database_url, "check", "--perspective", "self", "--answers", path, "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["instrument"] == "detachment-signs"
    assert data["perspective"] == "self"
    assert data["dimensions"]["numbness"]["score"] == 100.0
    assert data["dimensions"]["numbness"]["band"] == "strong"
    assert data["seek_help"], "the most detached answers must fire a seek-help rule"
    assert {"id", "condition", "suggestion"} <= set(data["seek_help"][0])
    assert "not a diagnosis" in data["disclaimer"]

    history = json.loads(invoke("--db", database_url, "check", "history", "--json").stdout)
    assert [h["id"] for h in history] == [data["id"]]


def test_history_is_oldest_first_and_shows_change(tmp_path: Path, sqlite_url: str) -> None:
    high = answers_file(tmp_path, {item.id: 4 if not item.reverse else 0 for item in ITEMS}, "a")
    low = answers_file(tmp_path, {item.id: 0 if not item.reverse else 4 for item in ITEMS}, "b")
    invoke("--db", sqlite_url, "check", "--answers", high, "--json")
    invoke("--db", sqlite_url, "check", "--answers", low, "--json")
    history = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)
    assert [h["dimensions"]["numbness"]["score"] for h in history] == [100.0, 0.0]
    table = invoke("--db", sqlite_url, "check", "history").stdout
    assert "-100" in table
    assert "█▁" in table


def test_history_with_nothing_saved_says_how_to_start(sqlite_url: str) -> None:
    result = invoke("--db", sqlite_url, "check", "history")
    assert result.exit_code == 0
    assert "No saved self-checks yet" in result.stdout


def test_skipped_items_are_reported_with_the_rule(tmp_path: Path, sqlite_url: str) -> None:
    path = answers_file(tmp_path, {ITEMS[0].id: 3})
    data = json.loads(invoke("--db", sqlite_url, "check", "--answers", path, "--json").stdout)
    assert len(data["missing"]) == len(ITEMS) - 1
    assert data["missing_rule"]
    assert any(d["score"] is None for d in data["dimensions"].values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{not json", "is not valid JSON (line 1, column 2", id="not-json"),
        pytest.param("[1, 2]", "must hold a JSON object", id="a-list"),
        pytest.param('{"zz_unknown": 1}', "unknown item id 'zz_unknown'", id="unknown-id"),
        pytest.param(json.dumps({ITEMS[0].id: 9}), "outside the scale", id="out-of-range"),
        pytest.param(json.dumps({ITEMS[0].id: 2.5}), "must be a whole number", id="a-float"),
        pytest.param(json.dumps({ITEMS[0].id: True}), "must be a whole number", id="a-boolean"),
        pytest.param("\xff\xfe", "is not UTF-8", id="not-utf8"),
        pytest.param("[" * 100_000, "nested too deeply", id="deep-nesting"),
    ],
)
def test_bad_answers_files_give_one_line_and_keep_saved_results(
    tmp_path: Path, sqlite_url: str, content: str, message: str
) -> None:
    good = answers_file(tmp_path, {item.id: 2 for item in ITEMS}, "good.json")
    assert invoke("--db", sqlite_url, "check", "--answers", good, "--json").exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_bytes(content.encode("latin-1") if content == "\xff\xfe" else content.encode())
    result = run_main("--db", sqlite_url, "check", "--answers", str(bad), "--json")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ")
    history = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)
    assert len(history) == 1


def test_a_missing_answers_file_is_named(sqlite_url: str) -> None:
    result = run_main("--db", sqlite_url, "check", "--answers", "/nonexistent/a.json")
    assert result.returncode == 2
    assert "answers file /nonexistent/a.json does not exist" in result.stderr


def test_an_oversized_answers_file_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"x": "' + "a" * 1_100_000 + '"}')
    result = run_main("--db", sqlite_url, "check", "--answers", str(big))
    assert result.returncode == 2
    assert "larger than 1,000,000 bytes" in result.stderr


def test_a_wrong_url_scheme_is_one_clear_line(tmp_path: Path) -> None:
    result = run_main("--db", "mysql://root@localhost/x", "check", "history")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "Error: invalid setting database_url: unsupported database URL scheme 'mysql'; "
        "use sqlite:///PATH or postgresql://USER@HOST/DB"
    )
    env_result = run_main("check", "history", env={"RECONNECT_DATABASE_URL": "ftp://x"})
    assert env_result.returncode == 2
    assert "unsupported database URL scheme 'ftp'" in env_result.stderr


def test_a_corrupt_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"this is not a database" * 200)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_main("--db", f"sqlite:///{path}", "check", "history")
    assert result.returncode == 1
    assert "is not a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_an_unwritable_database_path_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_main("--db", f"sqlite:///{blocker}/sub/r.db", "check", "history")
    assert result.returncode == 1
    assert "cannot create the data folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_default_database_lives_in_the_user_data_folder() -> None:
    assert run_main("init").returncode == 0
    result = run_main("check", "history", "--json")
    assert result.returncode == 0, result.stderr
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert (data_home / "reconnect" / "reconnect.db").is_file()


def test_the_interactive_check_asks_every_item_and_shows_the_result(sqlite_url: str) -> None:
    typed = "1\n" + "3\n" * len(ITEMS)
    result = invoke("--db", sqlite_url, "check", stdin=typed)
    assert result.exit_code == 0, result.output
    assert f"Question {len(ITEMS)} of {len(ITEMS)}" in result.stdout
    assert "Who is this self-check about?" in result.stdout
    assert "Detachment and healthy boundaries" in result.stdout
    assert "not a diagnosis" in result.stdout
    history = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)
    assert len(history) == 1
    assert history[0]["perspective"] == "self"


def test_quitting_saves_the_answers_and_the_next_run_resumes(sqlite_url: str) -> None:
    quit_early = invoke("--db", sqlite_url, "check", stdin="2\n4\n0\nq\n")
    assert quit_early.exit_code == 0
    assert "Saved 2 answers" in quit_early.stdout
    assert json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout) == []

    rest = "1\n" + "2\n" * (len(ITEMS) - 2)
    resumed = invoke("--db", sqlite_url, "check", stdin=rest)
    assert resumed.exit_code == 0, resumed.output
    assert "2 of" in resumed.stdout and "Resume where you left off?" in resumed.stdout
    assert f"Question 3 of {len(ITEMS)}" in resumed.stdout
    assert "Question 1 of" not in resumed.stdout
    history = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)
    assert len(history) == 1
    assert history[0]["perspective"] == "partner"


def test_back_and_skip_work_in_the_interactive_check(sqlite_url: str) -> None:
    typed = "1\n" + "4\nb\n1\ns\n" + "2\n" * (len(ITEMS) - 2)
    result = invoke("--db", sqlite_url, "check", stdin=typed)
    assert result.exit_code == 0, result.output
    saved = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)[0]
    assert saved["missing"] == [ITEMS[1].id]


def test_an_invalid_typed_answer_is_asked_again(sqlite_url: str) -> None:
    typed = "1\n" + "7\nmaybe\n" + "2\n" * len(ITEMS)
    result = invoke("--db", sqlite_url, "check", stdin=typed)
    assert result.exit_code == 0
    assert result.stdout.count("Please answer with one of 0, 1, 2, 3, 4") == 2


def test_json_without_answers_is_refused(sqlite_url: str) -> None:
    result = run_main("--db", sqlite_url, "check", "--json")
    assert result.returncode == 2
    assert "--json needs --answers FILE" in result.stderr


def test_help_explains_every_command() -> None:
    top = invoke("--help").stdout
    for command in ("check", "serve"):
        assert command in top
    for args in (["check", "--help"], ["check", "history", "--help"], ["serve", "--help"]):
        text = invoke(*args).stdout
        assert "Usage" in text
    check_help = invoke("check", "--help").stdout
    for option in ("--perspective", "--answers", "--list-items", "--json"):
        assert option in check_help


def test_help_does_not_import_heavy_modules() -> None:
    probe = (
        "import sys\n"
        "from reconnect.cli import main\n"
        "sys.argv = ['reconnect', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['sqlalchemy', 'fastapi', 'matplotlib', 'cryptography',"
        " 'vaderSentiment', 'uvicorn', 'onnxruntime', 'tokenizers', 'numpy']\n"
        "sys.stderr.write(repr([m for m in heavy if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stderr.strip() == "[]"


def test_serve_refuses_a_non_loopback_address(sqlite_url: str) -> None:
    result = run_main("--db", sqlite_url, "serve", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr
