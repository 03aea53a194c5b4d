"""SAFE-4: ``reconnect help-now`` works whatever state the journal is in."""

from __future__ import annotations

import json
import os
import subprocess
from typing import TYPE_CHECKING

import pytest
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    from pathlib import Path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(args, env={**os.environ, **(env or {})})


def test_help_now_shows_the_numbers_for_a_country() -> None:
    result = run("help-now", "--country", "GB")
    assert result.returncode == 0
    assert "Samaritans" in result.stdout and "116 123" in result.stdout
    assert "999" in result.stdout


def test_help_now_json_has_the_contract_fields() -> None:
    data = json.loads(run("help-now", "--country", "US", "--json").stdout)
    assert data["country"] == "US"
    assert data["services"][0]["phone"] == "988"
    assert data["fell_back"] is False


def test_an_unknown_country_falls_back_and_says_so() -> None:
    data = json.loads(run("help-now", "--country", "FR", "--json").stdout)
    assert data["country"] == "INTL"
    assert data["fell_back"] is True
    assert "'FR'" in data["note"]


def test_the_configured_country_is_used() -> None:
    data = json.loads(run("help-now", "--json", env={"RECONNECT_COUNTRY": "AU"}).stdout)
    assert data["services"][0]["phone"] == "13 11 14"


@pytest.mark.parametrize("state", ["corrupt", "missing-folder", "bad-url", "folder-not-file"])
def test_help_now_works_when_the_database_is_broken(tmp_path: Path, state: str) -> None:
    db = tmp_path / "journal.db"
    if state == "corrupt":
        db.write_bytes(b"\x00garbage" * 500)
        url = f"sqlite:///{db}"
    elif state == "missing-folder":
        url = f"sqlite:///{tmp_path / 'nowhere' / 'deeper' / 'j.db'}"
    elif state == "bad-url":
        url = "mysql://nobody@nowhere/none"
    else:
        url = f"sqlite:///{tmp_path}"
    result = run("--db", url, "help-now", env={"RECONNECT_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "help is available now" in result.stdout
    assert not (tmp_path / "nowhere").exists()


def test_help_now_works_while_the_journal_is_locked(sqlite_url: str) -> None:
    """SAFE-4: an encrypted journal and no passphrase anywhere: help is still there."""
    env = {k: v for k, v in os.environ.items() if k != "RECONNECT_PASSPHRASE"}

    def bare(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(["--db", sqlite_url, *args], env=env, stdin=subprocess.DEVNULL)

    locked = bare("log")
    assert locked.returncode == 1 and "locked" in locked.stderr
    helped = bare("help-now", "--country", "US")
    assert helped.returncode == 0 and "988" in helped.stdout


def settings_file() -> Path:
    from reconnect.config import config_file

    return config_file()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("RECONNECT_PORT", "abc", id="port"),
        pytest.param("RECONNECT_DATABASE_URL", "mysql://nobody@nowhere/none", id="database-url"),
        pytest.param("RECONNECT_AUTO_LOCK_MINUTES", "0", id="auto-lock"),
        pytest.param("RECONNECT_DEBUG", "perhaps", id="debug"),
    ],
)
def test_the_stored_country_is_used_when_another_setting_is_broken(name: str, value: str) -> None:
    """Defect 6: a bad unrelated setting once made help-now show the international list."""
    assert run("settings", "set", "country", "GB").returncode == 0
    assert run("log", env={name: value}).returncode == 2  # the setting really is broken
    shown = run("help-now", env={name: value})
    assert shown.returncode == 0, shown.stderr
    assert "Samaritans" in shown.stdout and "116 123" in shown.stdout
    assert "international list" not in shown.stdout
    data = json.loads(run("help-now", "--json", env={name: value}).stdout)
    assert (data["country"], data["fell_back"], data["note"]) == ("GB", False, None)


def test_the_environment_country_wins_over_a_broken_settings_file() -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("country = \n")
    data = json.loads(run("help-now", "--json", env={"RECONNECT_COUNTRY": "GB"}).stdout)
    assert data["country"] == "GB" and data["note"] is None


def test_an_unreadable_settings_file_falls_back_and_says_why() -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("country = \n")
    shown = run("help-now", env={"RECONNECT_PORT": "abc"})
    assert shown.returncode == 0, shown.stderr
    assert "Find A Helpline" in shown.stdout or "findahelpline" in shown.stdout
    data = json.loads(run("help-now", "--json").stdout)
    assert data["country"] == "INTL"
    assert data["note"] == (
        f"The settings file {settings_file()} cannot be read, so this is the international list."
    )


def test_no_country_at_all_falls_back_and_says_so_in_one_line() -> None:
    shown = run("help-now", env={"RECONNECT_PORT": "abc"})
    assert shown.returncode == 0, shown.stderr
    assert "No country is set, so this is the international list" in " ".join(shown.stdout.split())
    data = json.loads(run("help-now", "--json").stdout)
    assert data["country"] == "INTL" and data["fell_back"] is False
    assert data["note"] == (
        "No country is set, so this is the international list; "
        "set yours with: reconnect settings set country GB"
    )
