"""``reconnect settings``: the country for crisis lines is kept, and a broken file is survivable."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli

if TYPE_CHECKING:
    import subprocess


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args)


def settings_file() -> Path:
    return Path(os.environ["HOME"]) / ".config" / "reconnect" / "settings.toml"


def test_the_country_is_kept_and_used_by_help_now() -> None:
    saved = run("settings", "set", "country", "au")
    assert saved.returncode == 0 and "Saved country = AU" in saved.stderr
    assert settings_file().read_text() == 'country = "AU"\n'
    assert oct(settings_file().stat().st_mode & 0o777) == oct(0o600)
    assert "country: AU" in run("settings", "show").stdout
    assert json.loads(run("help-now", "--json").stdout)["services"][0]["phone"] == "13 11 14"
    override = json.loads(run("help-now", "--json", "--country", "US").stdout)
    assert override["country"] == "US"


def test_an_unlisted_country_is_saved_with_a_warning() -> None:
    result = run("settings", "set", "country", "fr")
    assert result.returncode == 0 and "international list" in result.stderr


def test_unknown_settings_are_refused() -> None:
    result = run("settings", "set", "colour", "blue")
    assert result.returncode == 2 and "unknown setting 'colour'" in result.stderr


def test_a_broken_settings_file_is_named_help_still_works_and_it_can_be_rewritten() -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("country = \n")
    broken = run("log")
    assert broken.returncode == 2 and "cannot be read" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert run("help-now").returncode == 0
    assert run("settings", "set", "country", "IE").returncode == 0
    assert run("init").returncode == 0
    assert run("log").returncode == 0
