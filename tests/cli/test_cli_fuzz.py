"""FUZZ-4: generated command lines never end in an unexpected exception (a traceback)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import create_journal
from typer.testing import CliRunner

from reconnect.cli import app
from reconnect.errors import ReconnectError

if TYPE_CHECKING:
    from pathlib import Path

COMMANDS = [
    ["write"],
    ["log"],
    ["show"],
    ["edit"],
    ["delete", "--yes"],
    ["reanalyze"],
    ["checkin"],
    ["insights"],
    ["prompt"],
    ["export"],
    ["import", "json"],
    ["import", "jrnl"],
    ["import", "daylio"],
    ["check"],
    ["check", "history"],
    ["analyze"],
    ["help-now"],
    ["init"],
    ["unlock"],
    ["lock"],
    ["recover"],
    ["encrypt"],
    ["backup"],
    ["keyring", "on"],
    ["keyring", "off"],
]
OPTIONS = [
    "--json",
    "--tag",
    "--person",
    "--since",
    "--until",
    "--marker",
    "--search",
    "--date",
    "--pleasantness",
    "--energy",
    "--feeling",
    "--note",
    "--format",
    "--output",
    "--country",
    "--perspective",
    "--answers",
    "--list-items",
    "--list-feelings",
    "--jsonl",
    "--plot",
]
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["2026-02-30", "-", "numbness", "self", "csv", "US", "", "\x00", "{}", "🙂"]),
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted journal the commands open with RECONNECT_PASSPHRASE."""
    path = tmp_path_factory.mktemp("fuzz") / "cli.db"
    create_journal(f"sqlite:///{path}")
    return path


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    command=st.sampled_from(COMMANDS),
    extras=st.lists(st.one_of(st.sampled_from(OPTIONS), VALUES), max_size=5),
    stdin=st.text(max_size=40),
)
def test_no_command_line_ends_in_an_unexpected_exception(
    database: Path, command: list[str], extras: list[str], stdin: str
) -> None:
    runner = CliRunner()
    args = ["--db", f"sqlite:///{database}", *command, *extras]
    if "--output" in extras or "--plot" in extras or "--answers" in extras:
        return  # these write or read files named by the generated text; covered elsewhere
    with contextlib.chdir(database.parent):  # commands that write a default file write it here
        result = runner.invoke(app, args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert isinstance(result.exception, ReconnectError), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2, 130), (args, result.exit_code, result.output)
