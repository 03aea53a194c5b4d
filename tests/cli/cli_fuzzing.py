"""FUZZ-4 engine: generated argv, stdin, environment and files for every CLI command.

Shared by ``tests/cli/test_cli_fuzz.py`` (a short run in CI) and ``bench/fuzz_cli.py`` (the
run by hand, >= 300 cases, whose summary is ``docs/fuzz-cli-results.md``). The commands are
read from the Click tree Typer builds, so a new command is fuzzed without editing this file.

Each case runs ``python -m reconnect`` in a new process whose HOME, XDG folders, TMPDIR and
working directory are inside the case's own temporary folder. Generated text never holds a
``/``, so a generated file name stays in that folder; the database URLs are SQLite files in
it or a PostgreSQL address on a closed loopback port, so nothing outside it is touched.
"""

from __future__ import annotations

import enum
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import typer.main
from hypothesis import strategies as st
from tests.conftest import TEST_PASSPHRASE
from tests.forked_cli import launch_startup_values, run_raw

from reconnect.cli import registered_app
from reconnect.config import Settings
from reconnect.content import load_feelings, load_instruments, load_practices
from reconnect.domain.markers import MARKER_NAMES

# The documented exit codes: 0 success, 1 an error (ReconnectError, click.Abort), 2 a usage
# or input error (click, InputError), 130 interrupted (errors.py, cli.main()).
DOCUMENTED_EXIT_CODES = frozenset({0, 1, 2, 130})
# Commands that run until stopped when their input is good: a timeout is their success.
LONG_RUNNING = frozenset({("serve",), ("practice", "run")})
TIMEOUT = 60.0
LONG_RUNNING_TIMEOUT = 4.0
TMP = "@TMP@"  # replaced by the case's temporary folder when the case runs

# ---------------------------------------------------------------- the commands


@dataclass(frozen=True)
class Param:
    """One option or argument of a command, as the generator needs it."""

    names: tuple[str, ...]  # empty for an argument
    kind: str  # "flag", "int", "float", "path", "choice" or "text"
    choices: tuple[str, ...] = ()
    variadic: bool = False  # an argument taking any number of values


@dataclass(frozen=True)
class Command:
    """A command path (``("import", "jrnl")``) and its parameters."""

    path: tuple[str, ...]
    params: tuple[Param, ...]

    @property
    def name(self) -> str:
        """The command as typed: ``import jrnl``."""
        return " ".join(self.path) or "(no command)"


def _kind(param: Any) -> tuple[str, tuple[str, ...]]:
    if getattr(param, "is_flag", False):
        return "flag", ()
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:  # Typer before 0.29 builds plain Click parameter types
        click_type = param.type
        choices = tuple(str(choice) for choice in getattr(click_type, "choices", ()))
        kinds = {"integer": "int", "float": "float", "path": "path", "boolean": "flag"}
        if choices:
            return "choice", choices
        return kinds.get(click_type.name.split()[0], "text"), ()
    annotation = descriptor.annotation
    inner = getattr(annotation, "__args__", (annotation,))
    base = next((arg for arg in inner if arg is not type(None)), str)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return "choice", tuple(str(member.value) for member in base)
    if base is bool:
        return "flag", ()
    if base is int:
        return "int", ()
    if base is float:
        return "float", ()
    if base is Path:
        return "path", ()
    return "text", ()


def _params(click_command: Any) -> tuple[Param, ...]:
    found = []
    for param in click_command.params:
        kind, choices = _kind(param)
        is_option = param.param_type_name == "option"
        names = tuple(param.opts) + tuple(param.secondary_opts) if is_option else ()
        found.append(Param(names, kind, choices, variadic=not is_option and param.nargs == -1))
    return tuple(found)


def cli_commands() -> tuple[Command, ...]:
    """Every command and group in the CLI, the root included, from Typer's Click tree."""
    found: list[Command] = []

    def walk(click_command: Any, path: tuple[str, ...]) -> None:
        found.append(Command(path, _params(click_command)))
        for name, sub in getattr(click_command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(registered_app()), ())
    return tuple(found)


# ---------------------------------------------------------------- generated values

JUNK_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
    max_size=24,
)
# Bytes that are not UTF-8 reach argv and the environment as surrogate escapes.
JUNK_BYTES = st.binary(max_size=12).map(lambda raw: raw.replace(b"/", b"").replace(b"\x00", b""))
DATES = st.sampled_from(
    ["2026-03-31", "2026-02-30", "1899-12-31", "9999-12-31", "0001-01-01", "2026-03-31T25:00"]
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0", "-1", "1e309", "0x10", "١", "½"]),
)
DB_URLS = st.one_of(
    st.sampled_from(
        [
            f"sqlite:///{TMP}/journal.db",  # the journal the case starts with
            f"sqlite:///{TMP}/new.db",
            f"sqlite:///{TMP}/input.bin",  # not a database
            f"sqlite:///{TMP}",  # a folder
            f"sqlite:///{TMP}/missing/folder/x.db",
            "sqlite:///:memory:",
            "sqlite://",
            "sqlite:",
            "postgresql://nobody@127.0.0.1:1/none",  # nothing listens on port 1
            "mysql://nobody@127.0.0.1:1/none",
            "",
        ]
    ),
    JUNK_TEXT.map(lambda junk: f"sqlite:///{junk}"),  # a file in the working folder
    JUNK_TEXT,  # no scheme
)
PATHS = st.one_of(
    st.sampled_from(
        [
            f"{TMP}/input.bin",  # generated content, see Case.input_file
            f"{TMP}/out.file",
            f"{TMP}/journal.db",
            TMP,  # a folder
            f"{TMP}/missing/folder/x",
            "-",
            "",
        ]
    ),
    JUNK_TEXT,  # a name in the working folder
)
KNOWN_WORDS = st.sampled_from(
    [
        *(practice.id for practice in load_practices()),
        *(instrument.id for instrument in load_instruments()),
        *(feeling for quadrant in load_feelings() for feeling in quadrant.feelings),
        *MARKER_NAMES,
        *Settings.model_fields,
        "US",
        "GB",
        "IN",
        "ZZ",
        "json",
        "csv",
        "markdown",
        "html",
        "pdf",
        "self",
        "partner",
        "daily",
        "mon,wed",
        "19:30",
        "25:61",
        "127.0.0.1",
        "0.0.0.0",
        "I feel numb and far away from everyone.",
        "I want to end my life.",
    ]
)
TEXT_VALUES = st.one_of(JUNK_TEXT, JUNK_BYTES, KNOWN_WORDS, DATES, NUMBERS, PATHS)


def _value(param: Param, name: str) -> st.SearchStrategy[str | bytes]:
    if name == "--db":
        return DB_URLS
    if param.kind == "int":
        return st.one_of(NUMBERS, st.integers(min_value=-3, max_value=70000).map(str))
    if param.kind == "float":
        return st.one_of(NUMBERS, st.sampled_from(["0.01", "0.005", "0.02"]))
    if param.kind == "path":
        return PATHS
    if param.kind == "choice":
        return st.one_of(st.sampled_from(param.choices), JUNK_TEXT)
    return TEXT_VALUES


def _pair(name: str, value: str | bytes) -> list[str | bytes]:
    return [name, value]


def _token_groups(command: Command, tidy: bool) -> st.SearchStrategy[list[str | bytes]]:
    """One option with its value or a flag; untidy runs add stray words and tokens."""
    choices: list[st.SearchStrategy[list[str | bytes]]] = []
    if not tidy:
        choices.append(TEXT_VALUES.map(lambda value: [value]))
        choices.append(
            st.sampled_from(["--", "-h", "--help", "--nope", "-", "-x", "--json=1"]).map(
                lambda token: [token]
            )
        )
    for param in command.params:
        for name in param.names:
            if param.kind == "flag":
                choices.append(st.just([name]))
            else:
                choices.append(_value(param, name).map(partial(_pair, name)))
    if not choices:
        return st.just([])
    return st.one_of(choices)


@st.composite
def argvs(draw: st.DrawFn, command: Command) -> list[str | bytes]:
    """``[global options] command path [arguments] [options]`` for one command.

    Half the runs are tidy: the command's own arguments and options with generated values,
    so they get past parsing; the other half add global options, stray words and tokens.
    """
    untidy = draw(st.booleans())
    root: list[str | bytes] = []
    if untidy:
        root = draw(
            st.one_of(st.just([]), DB_URLS.map(lambda url: ["--db", url]), st.just(["--version"]))
        )
    arguments: list[str | bytes] = []
    for param in command.params:
        if not param.names:
            count = draw(st.integers(0, 3)) if param.variadic else 1
            arguments += [draw(_value(param, "")) for _ in range(count)]
    groups = draw(st.lists(_token_groups(command, tidy=not untidy), max_size=4))
    tokens = [token for group in groups for token in group]
    return [*root, *command.path, *arguments, *tokens]


SETTING_VALUES = st.one_of(
    JUNK_TEXT,
    JUNK_BYTES,
    NUMBERS,
    st.sampled_from(["true", "false", "1", "0", "yes", "", "US", "localhost", "::1"]),
)


@st.composite
def environments(draw: st.DrawFn) -> dict[str, str | bytes]:
    """RECONNECT_* settings (junk or plausible), locale, terminal and editor variables."""
    env: dict[str, str | bytes] = {}
    # The passphrase of the journal the case starts with, a wrong one, or none.
    passphrase = draw(st.sampled_from([TEST_PASSPHRASE, TEST_PASSPHRASE, "wrong", None]))
    if passphrase is not None:
        env["RECONNECT_PASSPHRASE"] = passphrase
    env["RECONNECT_TEST_FAST_KDF"] = "1"
    if not draw(st.booleans()):
        return env  # half the runs have only the passphrase, so settings do not stop them
    for field in Settings.model_fields:
        if draw(st.integers(0, 4)) == 0:
            strategy = DB_URLS if field == "database_url" else SETTING_VALUES
            env[f"RECONNECT_{field.upper()}"] = draw(strategy)
    if draw(st.booleans()):
        env["RECONNECT_" + draw(st.sampled_from(["NOPE", "DATABASE", "PASS", "Debug"]))] = draw(
            SETTING_VALUES
        )
    locale_names = ["C", "C.UTF-8", "POSIX", "en_US.UTF-8", "tr_TR.UTF-8", "ja_JP.SJIS", "xx"]
    for name in ("LANG", "LC_ALL", "LC_CTYPE"):
        if draw(st.booleans()):
            env[name] = draw(st.one_of(st.sampled_from(locale_names), JUNK_TEXT))
    optional = {
        "TZ": st.one_of(st.sampled_from(["UTC", "Pacific/Chatham", "Nowhere", ""]), JUNK_TEXT),
        "COLUMNS": st.one_of(st.sampled_from(["0", "1", "-5", "abc", "100000"]), NUMBERS),
        "LINES": st.sampled_from(["0", "-1", "x"]),
        "TERM": st.sampled_from(["dumb", "xterm-256color", "", "junk"]),
        "NO_COLOR": st.sampled_from(["1", ""]),
        "FORCE_COLOR": st.sampled_from(["1", "0", "x"]),
        # An editor that cannot run; junk after the folder name tests the quoting.
        "EDITOR": st.one_of(st.just("true"), JUNK_TEXT.map(lambda junk: f"/nonexistent/{junk}")),
        "VISUAL": st.sampled_from(["false", "/nonexistent/editor"]),
    }
    for name, strategy in optional.items():
        if draw(st.integers(0, 3)) == 0:
            env[name] = draw(strategy)
    return env


@dataclass(frozen=True)
class Case:
    """One generated run: the argv after ``reconnect``, stdin, environment and files."""

    command: Command
    argv: tuple[str | bytes, ...]
    stdin: bytes
    env: dict[str, str | bytes]
    journal: str  # "encrypted", "plain" or "none": what is at the default location
    input_file: bytes  # the content of TMP/input.bin
    settings_file: bytes | None  # the content of the settings file, if there is one


SETTINGS_FILES = st.one_of(
    st.none(),
    st.sampled_from([b'country = "US"\n', b"country = 5\n", b"[[[\n", b"\xff\xfe", b""]),
    st.binary(max_size=40),
)
FILE_CONTENTS = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"[]",
            b"{}",
            b'{"entries": [{"text": "x"}]}',
            b'{"entries": {"1": {"date": "2026-01-01", "time": "10:00", "body": "x"}}}',
            b"full_date,date,weekday,time,mood,activities,note_title,note\n",
            b"2026-01-01,,,,rad,,,x\n",
            b'{"answers": {"numb-1": 9}}',
            b'{"text": "I feel numb"}\n{"text": 5}\n',
        ]
    ),
)


@st.composite
def cases(draw: st.DrawFn, commands: tuple[Command, ...]) -> Case:
    """A case for one of ``commands``."""
    command = draw(st.sampled_from(commands))
    return Case(
        command=command,
        argv=tuple(draw(argvs(command))),
        stdin=draw(st.one_of(st.binary(max_size=80), st.text(max_size=80).map(str.encode))),
        env=draw(environments()),
        journal=draw(st.sampled_from(["encrypted", "encrypted", "plain", "none"])),
        input_file=draw(FILE_CONTENTS),
        settings_file=draw(SETTINGS_FILES),
    )


# ---------------------------------------------------------------- running a case


@dataclass(frozen=True)
class Outcome:
    """What a case did: exit code (None when stopped at the timeout), output, duration."""

    case: Case
    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float

    def problems(self) -> list[str]:
        """Why this outcome breaks FUZZ-4 (empty when it is fine)."""
        found = [
            f"stderr line {number}: {line[:200]}"
            for number, line in enumerate(self.stderr.splitlines(), 1)
            if "Traceback" in line or "unexpected problem" in line
        ]
        if self.exit_code is None:
            long_running = any(self.case.command.path[: len(p)] == p for p in LONG_RUNNING)
            if not long_running:
                found.append(f"still running after {TIMEOUT:.0f} s")
        elif self.exit_code not in DOCUMENTED_EXIT_CODES:
            allowed = sorted(DOCUMENTED_EXIT_CODES)
            found.append(f"exit code {self.exit_code} is not one of {allowed}")
        return found


def _fill(value: str | bytes, folder: Path) -> str | bytes:
    if isinstance(value, bytes):
        return value
    return value.replace(TMP, str(folder))


def prepare(
    case: Case, folder: Path, templates: dict[str, Path]
) -> tuple[dict[bytes, bytes], Path]:
    """Lay out the case's folder; the environment and working directory for its process."""
    home = folder / "home"
    work = folder / "work"  # the working directory, one level down so ".." stays inside
    for path in (home / "data", home / "config", home / "cache", home / "state", work):
        path.mkdir(parents=True, exist_ok=True)
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(templates["encrypted"], folder / "journal.db")
    (folder / "input.bin").write_bytes(case.input_file)
    if case.journal != "none":
        data = home / "data" / "reconnect"
        data.mkdir(exist_ok=True)
        shutil.copyfile(templates[case.journal], data / "reconnect.db")
    if case.settings_file is not None:
        (home / "config" / "reconnect").mkdir(exist_ok=True)
        (home / "config" / "reconnect" / "settings.toml").write_bytes(case.settings_file)
    env: dict[str, Any] = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
        "TMPDIR": str(folder),
        "MPLCONFIGDIR": str(home / "cache" / "matplotlib"),
        # The keyring is a file under HOME, never the desktop's keyring.
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        # The test run's own locale and interpreter variables (LANG, LC_*, PYTHON*), as a
        # user's shell passes them on; a case may set its own LANG, LC_ALL or LC_CTYPE.
        **launch_startup_values(),
    }
    for name, value in case.env.items():
        env[name] = _fill(value, folder)
    encoded = {
        os.fsencode(name): value if isinstance(value, bytes) else os.fsencode(value)
        for name, value in env.items()
    }
    return encoded, work


def run_case(case: Case, folder: Path, templates: dict[str, Path]) -> Outcome:
    """Run ``python -m reconnect`` for the case in its own session, stopping it at the timeout.

    The process is forked from a warm interpreter (tests/forked_cli.py) unless the case sets
    a variable the interpreter reads only at its start (a LANG of its own, say): then it is
    a real start. Either way its argv and environment reach it as bytes that are not UTF-8
    would from a shell, as surrogate escapes.
    """
    env, work = prepare(case, folder, templates)
    args = [os.fsdecode(_fill(token, folder)) for token in case.argv]
    long_running = any(case.command.path[: len(p)] == p for p in LONG_RUNNING)
    timeout = LONG_RUNNING_TIMEOUT if long_running else TIMEOUT
    started = time.monotonic()
    forked = run_raw(
        args,
        env={os.fsdecode(name): os.fsdecode(value) for name, value in env.items()},
        input=case.stdin,
        cwd=work,
        timeout=timeout,
        new_session=True,
    )
    if forked is not None:
        code, stdout, stderr = forked.returncode, forked.stdout, forked.stderr
    else:
        code, stdout, stderr = _real_start(args, env, work, case.stdin, timeout)
    return Outcome(
        case=case,
        exit_code=code,
        stdout=stdout.decode("utf-8", "replace"),
        stderr=stderr.decode("utf-8", "replace"),
        seconds=time.monotonic() - started,
    )


def _real_start(
    args: list[str], env: dict[bytes, bytes], work: Path, stdin: bytes, timeout: float
) -> tuple[int | None, bytes, bytes]:
    argv: list[str | bytes] = [sys.executable, "-m", "reconnect"]
    argv += [os.fsencode(token) for token in args]
    # A new session has no controlling terminal, so prompts read stdin instead of /dev/tty.
    with subprocess.Popen(
        argv,
        cwd=work,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(stdin, timeout=timeout)
            return process.returncode, stdout, stderr
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            return None, stdout, stderr


def describe(outcome: Outcome) -> str:
    """The case and what went wrong, enough to reproduce it by hand."""
    case = outcome.case
    return (
        f"reconnect {' '.join(repr(token) for token in case.argv)}\n"
        f"  env: {case.env!r}\n  stdin: {case.stdin!r}\n"
        f"  journal: {case.journal}; input.bin: {case.input_file[:80]!r}; "
        f"settings file: {case.settings_file!r}\n"
        f"  exit {outcome.exit_code}; stderr: {outcome.stderr[-800:]!r}\n"
        f"  problems: {outcome.problems()}"
    )
