"""FUZZ-4: no generated command line, stdin or environment makes the CLI show a traceback.

Every command found in the Typer app runs in a process of its own (``python -m reconnect``,
forked from a warm interpreter unless the case sets its own locale: tests/forked_cli.py) with
generated arguments, standard input, RECONNECT_* settings, locale, terminal and editor
variables, a settings file and an input file, its HOME and XDG folders inside a temporary
folder. No stderr line may hold "Traceback" or the "unexpected problem" line that stands in
for one, and the exit code is one of the documented ones. CI runs a short derandomized run;
``bench/fuzz_cli.py`` is the run by hand (>= 300 cases, ``docs/fuzz-cli-results.md``).
"""

from __future__ import annotations

import itertools
import shutil
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from tests.cli.cli_fuzzing import Case, Command, cases, cli_commands, describe, run_case
from tests.conftest import TEST_PASSPHRASE, create_journal

if TYPE_CHECKING:
    from pathlib import Path

COMMANDS = cli_commands()
_numbers = itertools.count()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An encrypted and an unencrypted journal, copied into each case's folder."""
    folder = tmp_path_factory.mktemp("journals")
    made = {"encrypted": folder / "encrypted.db", "plain": folder / "plain.db"}
    create_journal(f"sqlite:///{made['encrypted']}")
    create_journal(f"sqlite:///{made['plain']}", encrypted=False)
    return made


def check(case: Case, folder: Path, templates: dict[str, Path]) -> None:
    """Run one case in its own folder, then remove the folder."""
    own = folder / f"case-{next(_numbers)}"
    try:
        outcome = run_case(case, own, templates)
    finally:
        shutil.rmtree(own, ignore_errors=True)
    assert outcome.problems() == [], describe(outcome)


FUZZ_SETTINGS = settings(
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def test_every_command_is_fuzzed() -> None:
    names = {command.name for command in COMMANDS}
    assert {"(no command)", "write", "import jrnl", "check", "check history", "serve"} <= names
    assert len(names) == len(COMMANDS) >= 40


@pytest.mark.parametrize("command", COMMANDS, ids=[command.name for command in COMMANDS])
def test_the_command_never_shows_a_traceback(
    command: Command, templates: dict[str, Path], tmp_path: Path
) -> None:
    @settings(FUZZ_SETTINGS, max_examples=1)
    @given(case=cases((command,)))
    def run(case: Case) -> None:
        check(case, tmp_path, templates)

    run()


@settings(FUZZ_SETTINGS, max_examples=10)
@given(case=cases(COMMANDS))
def test_no_command_shows_a_traceback(
    case: Case, templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    check(case, tmp_path_factory.getbasetemp() / "mixed", templates)


# Found by bench/fuzz_cli.py: a byte that is not UTF-8 in an argument reaches Python as a
# lone surrogate, and the analyzer's tokenizer refused that string with a TypeError, which
# main() showed as "Error: unexpected problem (TypeError)". Now: one clear line, exit 2.
NOT_UTF8 = [
    pytest.param(("analyze", b"a\xff"), id="analyze"),
    pytest.param(("write", b"a\xff"), id="write"),
    pytest.param(
        ("checkin", "--pleasantness", "5", "--energy", "5", "--note", b"a\xff"), id="checkin-note"
    ),
    pytest.param(
        ("practice", "done", "box-breathing", "--reflection", b"a\xff"), id="practice-reflection"
    ),
]


@pytest.mark.parametrize("argv", NOT_UTF8)
def test_text_that_is_not_utf8_gets_a_clear_answer(
    argv: tuple[str | bytes, ...], templates: dict[str, Path], tmp_path: Path
) -> None:
    by_name = {command.name: command for command in COMMANDS}
    command = by_name.get(f"{argv[0]!s} {argv[1]!s}", by_name[str(argv[0])])
    env: dict[str, str | bytes] = {
        "RECONNECT_PASSPHRASE": TEST_PASSPHRASE,
        "RECONNECT_TEST_FAST_KDF": "1",
    }
    case = Case(command, argv, b"", env, "encrypted", b"", None)
    outcome = run_case(case, tmp_path, templates)
    assert outcome.problems() == [], describe(outcome)
    assert outcome.exit_code == 2, describe(outcome)
    assert "not valid UTF-8" in outcome.stderr, describe(outcome)
