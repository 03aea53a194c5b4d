"""A one-text ``reconnect analyze`` imports only what analysing and printing need."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
