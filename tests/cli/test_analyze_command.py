"""``reconnect analyze``: readable view, JSON, JSON Lines streaming, crisis first, bad input."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli
from typer.testing import CliRunner

from reconnect.cli import app

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

runner = CliRunner()


def run_main(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(args, input=stdin)


def test_json_output_follows_the_contract() -> None:
    result = runner.invoke(app, ["analyze", "--json", "I feel nothing, just empty."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "1"
    assert "numbness" in [m["name"] for m in data["markers"]]
    assert data["crisis"] is False
    assert "crisis_resources" not in data


def test_the_readable_view_shows_the_evidence() -> None:
    result = runner.invoke(app, ["analyze", "Lately I'm on autopilot at work."])
    assert result.exit_code == 0
    assert "autopilot" in result.stdout
    assert "“on autopilot”" in result.stdout or "“autopilot”" in result.stdout
    assert "not a diagnosis" in result.stdout


def test_crisis_resources_come_first() -> None:
    result = runner.invoke(app, ["analyze", "I want to disappear forever."])
    first_lines = "\n".join(result.stdout.splitlines()[:4])
    assert "help is available now" in first_lines
    data = json.loads(runner.invoke(app, ["analyze", "--json", "I want to die."]).stdout)
    assert data["crisis"] is True
    assert "emergency number" in data["crisis_resources"]["message"]


def test_json_lines_stream_one_object_per_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "I keep everything bottled up."}\n\n'
        '{"id": "b", "text": "Lovely walk with my sister."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", "--jsonl", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert "suppression" in [m["name"] for m in lines[0]["markers"]]


def test_json_lines_from_standard_input() -> None:
    result = run_main("analyze", "--jsonl", "-", stdin='{"id": 7, "text": "I feel numb"}\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "7"


def test_a_bad_line_is_named_with_its_number(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "txt": "oops"}\n', "utf-8")
    result = run_main("analyze", "--jsonl", str(source))
    assert result.returncode == 2
    assert f'{source} line 2 needs an object with a "text" string' in result.stderr
    assert "Traceback" not in result.stderr
    broken = run_main("analyze", "--jsonl", "-", stdin="not json\n")
    assert broken.returncode == 2
    assert "standard input line 1 is not valid JSON" in broken.stderr


def test_missing_input_and_oversized_text_are_clear_errors(tmp_path: Path) -> None:
    nothing = run_main("analyze")
    assert nothing.returncode == 2
    assert "nothing to analyse" in nothing.stderr
    missing = run_main("analyze", "--jsonl", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"id": "x", "text": "a" * 100_001}) + "\n", "utf-8")
    oversized = run_main("analyze", "--jsonl", str(big))
    assert oversized.returncode == 2
    assert "limit is 100,000" in oversized.stderr
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage\n")
    assert "is not UTF-8 text" in run_main("analyze", "--jsonl", str(binary)).stderr
