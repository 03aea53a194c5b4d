"""The ``reconnect`` command line: the Typer app and ``main()``, its one exit point."""

import sys
from typing import Annotated

import typer

from reconnect import __version__
from reconnect.cli.options import DbOption
from reconnect.config import resolve
from reconnect.errors import ReconnectError

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
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
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
    """Settings are resolved once here and kept in the context for every command."""
    if ctx.invoked_subcommand in ("help-now", "settings"):
        # SAFE-4: help is reachable even when the settings or the database are broken,
        # and a broken settings file can be rewritten.
        try:
            ctx.obj = resolve(database_url=db, debug=debug or None)
        except ReconnectError:
            ctx.obj = None
        return
    ctx.obj = resolve(database_url=db, debug=debug or None)


def _register() -> None:
    from reconnect.cli import (
        analyze,
        check,
        checkin,
        demo,
        helpnow,
        insights,
        journal,
        practice,
        prompt,
        remind,
        report,
        serve,
        settings,
        transfer,
        vault,
    )

    app.command("init")(vault.init)
    app.command("unlock")(vault.unlock)
    app.command("lock")(vault.lock)
    app.add_typer(vault.passphrase_app, name="passphrase")
    app.add_typer(vault.keyring_app, name="keyring")
    app.command("recover")(vault.recover)
    app.command("encrypt")(vault.encrypt)
    app.command("backup")(vault.backup)
    app.command("write")(journal.write)
    app.command("log")(journal.log)
    app.command("show")(journal.show)
    app.command("edit")(journal.edit)
    app.command("delete")(journal.delete)
    app.command("reanalyze")(journal.reanalyze)
    app.command("checkin")(checkin.checkin)
    app.command("insights")(insights.insights)
    app.command("prompt")(prompt.prompt)
    app.command("demo")(demo.demo)
    app.add_typer(practice.practice_app, name="practice")
    app.add_typer(remind.remind_app, name="remind")
    app.command("report")(report.report)
    app.add_typer(settings.settings_app, name="settings")
    app.command("export")(transfer.export)
    app.add_typer(transfer.import_app, name="import")
    app.add_typer(check.check_app, name="check")
    app.command("analyze")(analyze.analyze_command)
    app.command("help-now")(helpnow.help_now)
    app.command("serve")(serve.serve)


_register()


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
