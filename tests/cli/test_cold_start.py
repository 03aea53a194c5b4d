"""Start-up: help and a one-text ``reconnect analyze`` import only what they need."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = (
    "sqlalchemy",
    "fastapi",
    "starlette",
    "uvicorn",
    "matplotlib",
    "cryptography",
    "argon2",
    "keyring",
    "onnxruntime",
    "reconnect.storage",
    "reconnect.services",
    "reconnect.content",
    "reconnect.contracts",
    "reconnect.web",
    "reconnect.config",  # analyze resolves the settings only for crisis resources
    "pydantic_settings",
    # A plain text is tokenized from the fast tokenizer's table, without the HF tokenizer;
    # the rule scanners' build-time code and the self-check rules are not needed either.
    "tokenizers",
    "reconnect.analysis.rule_scanner",
    "reconnect.analysis.crisis.factors",
    "reconnect.domain.selfcheck",
)


# Not needed to print help: validation, Rich's help panels (Markdown, syntax highlighting),
# the analyzer and its numpy, the content files, the settings and the scoring rules.
HEAVY_FOR_HELP = (
    *HEAVY,
    "numpy",
    "tokenizers",
    "vaderSentiment",
    "pydantic",
    "rich",
    "reconnect.analysis",
)


def run_reconnect(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m reconnect ARGS`` in a new process, as a person would run it."""
    return subprocess.run(
        [sys.executable, "-m", "reconnect", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def imported_after(*args: str) -> set[str]:
    """The module names loaded by running ``reconnect ARGS`` through ``main()`` in a new process."""
    probe = (
        "import json, sys\n"
        "from reconnect.cli import main\n"
        f"sys.argv = ['reconnect', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(result.stderr.rsplit("MODULES ", 1)[1]))


def test_analyzing_one_text_imports_no_heavy_module() -> None:
    loaded = imported_after("analyze", "I feel numb lately")
    assert "reconnect.analysis" in loaded, "the text was analysed"
    heavy = [m for m in HEAVY if any(n == m or n.startswith(f"{m}.") for n in loaded)]
    assert heavy == []


def test_analyzing_one_text_imports_only_the_analyze_command() -> None:
    loaded = imported_after("analyze", "I feel numb lately", "--json")
    commands = {m for m in loaded if m.startswith("reconnect.cli.")}
    assert "reconnect.cli.analyze" in commands
    for other in ("vault", "journal", "check", "checkin", "practice", "serve", "transfer"):
        assert f"reconnect.cli.{other}" not in commands


def test_help_still_lists_every_command() -> None:
    from typer.testing import CliRunner

    from reconnect.cli import COMMANDS, app

    result = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    for name, _, _ in COMMANDS:
        assert name in result.stdout, name


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--help",), id="help"),
        pytest.param((), id="no-arguments"),
        pytest.param(("check", "--help"), id="check-help"),
        pytest.param(("insights", "--help"), id="insights-help"),
        pytest.param(("practice", "run", "--help"), id="practice-run-help"),
        pytest.param(("--db", "sqlite:///x.db", "serve", "--help"), id="serve-help"),
    ],
)
def test_help_imports_no_heavy_module(args: tuple[str, ...]) -> None:
    loaded = imported_after(*args)
    heavy = [m for m in HEAVY_FOR_HELP if any(n == m or n.startswith(f"{m}.") for n in loaded)]
    assert heavy == []


def test_listing_entries_loads_no_analyzer(sqlite_url: str) -> None:
    loaded = imported_after("--db", sqlite_url, "log", "--marker", "numbness")
    assert "reconnect.services.journal" in loaded, "the entries were listed"
    assert [m for m in loaded if m == "numpy" or m.startswith("reconnect.analysis")] == []
    # Nor the JSON shapes (pydantic's models), which only --json prints.
    assert [m for m in loaded if m.startswith("reconnect.contracts")] == []


def test_help_lists_each_command_with_its_whole_summary() -> None:
    shown = run_reconnect("--help")
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split("Commands:", 1)[1].split())
    # The whole first paragraph, wrapped, not cut at its first full stop or with "...".
    assert (
        "export Export your journal, check-ins and self-checks. "
        "The file holds your words: keep it safe. import" in text
    )
    assert "..." not in text


def test_reconnect_alone_prints_its_help_on_standard_output() -> None:
    shown = run_reconnect()
    assert shown.returncode == 2
    assert shown.stdout.startswith("Usage: ")
    assert "help-now" in shown.stdout


def test_a_broken_setting_does_not_hide_a_commands_help() -> None:
    shown = run_reconnect("serve", "--help", env={"RECONNECT_PORT": "abc"})
    assert shown.returncode == 0, shown.stderr
    assert "--port" in shown.stdout
    # The command itself still refuses the setting, in one line.
    served = run_reconnect("serve", env={"RECONNECT_PORT": "abc"})
    assert served.returncode == 2
    assert served.stderr.startswith("Error: invalid setting port")


def test_crisis_resources_still_follow_the_country_setting() -> None:
    text = "I want to kill myself"
    env = {**os.environ, "RECONNECT_COUNTRY": "GB"}
    command = [sys.executable, "-m", "reconnect", "analyze", text, "--json"]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert json.loads(result.stdout)["crisis_resources"]["country"] == "GB"
    broken = subprocess.run(
        command, capture_output=True, text=True, env={**env, "RECONNECT_PORT": "0"}, timeout=60
    )
    assert broken.returncode != 0
    assert "invalid setting port" in broken.stderr
