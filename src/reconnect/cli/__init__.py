"""The ``reconnect`` command line: the Typer app and ``main()``, its one exit point."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main

from reconnect import __version__
from reconnect.cli.groups import MAX_HELP_WIDTH, Group
from reconnect.cli.options import (
    SETTINGS_REQUEST,
    DbOption,
)
from reconnect.errors import ReconnectError

if TYPE_CHECKING:
    from typer._click import Command

# Every command: (name, module in reconnect.cli, attribute). A function is a command, a
# Typer app a group. ``reconnect analyze`` imports only analyze.py; ``--help`` imports them all.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "vault", "init"),
    ("unlock", "vault", "unlock"),
    ("lock", "vault", "lock"),
    ("passphrase", "vault", "passphrase_app"),
    ("keyring", "vault", "keyring_app"),
    ("recover", "vault", "recover"),
    ("encrypt", "vault", "encrypt"),
    ("backup", "vault", "backup"),
    ("write", "journal", "write"),
    ("log", "journal", "log"),
    ("show", "journal", "show"),
    ("edit", "journal", "edit"),
    ("delete", "journal", "delete"),
    ("reanalyze", "journal", "reanalyze"),
    ("checkin", "checkin", "checkin"),
    ("insights", "insights", "insights"),
    ("prompt", "prompt", "prompt"),
    ("demo", "demo", "demo"),
    ("practice", "practice", "practice_app"),
    ("remind", "remind", "remind_app"),
    ("report", "report", "report"),
    ("settings", "settings", "settings_app"),
    ("export", "transfer", "export"),
    ("import", "transfer", "import_app"),
    ("check", "check", "check_app"),
    ("analyze", "analyze", "analyze_command"),
    ("ask", "ask", "ask_command"),
    ("help-now", "helpnow", "help_now"),
    ("safety-plan", "safety_plan", "safety_plan_app"),
    ("serve", "serve", "serve"),
    ("users", "users", "users_app"),
    ("worker", "worker", "worker"),
)
_WHERE = {name: (module, attribute) for name, module, attribute in COMMANDS}


def _register(target: typer.Typer, name: str) -> None:
    """Add the command or group called ``name`` to ``target``, importing its module."""
    module, attribute = _WHERE[name]
    found = getattr(importlib.import_module(f"reconnect.cli.{module}"), attribute)
    if isinstance(found, typer.Typer):
        target.add_typer(found, name=name, cls=Group)
    else:
        target.command(name)(found)


def _load(name: str) -> Command:
    """The Click command for ``name``, built as it would be inside the full app."""
    holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    holder.callback()(_nothing)  # a callback makes a group, so the command keeps its name
    _register(holder, name)
    return typer.main.get_group(holder).commands[name]


def _nothing() -> None:
    """Placeholder root for ``_load``."""


class _Commands(MutableMapping[str, "Command"]):
    """The group's commands, each imported and built the first time it is looked up."""

    def __init__(self, built: Mapping[str, Command]) -> None:
        self._built = dict(built)

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in _WHERE:
                raise KeyError(name)
            self._built[name] = _load(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from _WHERE
        yield from (name for name in self._built if name not in _WHERE)

    def __len__(self) -> int:
        return len(_WHERE) + sum(name not in _WHERE for name in self._built)


class LazyGroup(Group):
    """The root group: lists every command, imports a command's module only when it is used."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.commands)


app = typer.Typer(
    name="reconnect",
    help=(
        "reconnect: notice and work through emotional detachment — numbness, withdrawal, "
        "going through the motions — privately, on your own machine.\n\n"
        "Results describe signs and patterns; they are not a diagnosis."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help, without importing Rich (cli/groups.py)
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": MAX_HELP_WIDTH},
    cls=LazyGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reconnect {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: DbOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")
    ] = False,
    version: Annotated[  # noqa: ARG001 - handled eagerly by _version
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep the root options for the settings, which are resolved once, when first needed.

    ``root_settings`` (cli/options.py) resolves them for the first command that reads one,
    so help, ``analyze`` and ``help-now`` work, and load no pydantic, whatever the settings.
    """
    ctx.obj = None
    ctx.meta[SETTINGS_REQUEST] = {"database_url": db, "debug": debug or None}


def registered_app() -> typer.Typer:
    """The app with every command registered up front (for tests that read Typer's records)."""
    full = typer.Typer(
        name=app.info.name,
        help=app.info.help,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        context_settings=app.info.context_settings,
        cls=Group,
    )
    full.callback()(root)
    for name in _WHERE:
        _register(full, name)
    return full


def show_error(error: ReconnectError) -> None:
    """Print a ReconnectError as one red line, and its hint, on standard error."""
    from reconnect.cli.render import error_console

    console = error_console()
    console.print(
        f"[bold red]Error:[/] {error.message}", markup=True, highlight=False, soft_wrap=True
    )
    if error.hint:
        console.print(f"[dim]{error.hint}[/]", highlight=False, soft_wrap=True)


def main() -> None:
    """Run the CLI; the single place where errors become one line and an exit code."""
    try:
        app()
    except ReconnectError as error:
        show_error(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)
    except Exception as error:
        if "--debug" in sys.argv:
            raise
        sys.stderr.write(
            f"Error: unexpected problem ({type(error).__name__}). "
            "Run again with --debug for details.\n"
        )
        sys.exit(1)
