"""``reconnect export`` and ``reconnect import``: take your journal out, bring one in."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings

if TYPE_CHECKING:
    from reconnect.domain.entries import DamagedEntry
    from reconnect.reports.importers.duplicates import Skipped

import_app = typer.Typer(
    help="Bring entries in: jrnl JSON, Daylio CSV, or a reconnect JSON export. "
    "A file with a bad line imports nothing.",
    no_args_is_help=True,
)


def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (everything, importable again), csv (entries) or md (readable).",
        ),
    ] = "json",
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write; written whole or not at all.")
    ] = Path("reconnect-export.json"),
    all_data: Annotated[
        bool, typer.Option("--all", help="Everything (the default for json; kept for clarity).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export your journal, check-ins and self-checks. The file holds your words: keep it safe."""
    from reconnect.cli.session import open_services
    from reconnect.services import transfer
    from reconnect.services.journal import skipped_damaged_error

    services = open_services(command_settings(ctx, db))
    damaged: list[DamagedEntry] = []
    try:
        text = transfer.export_text(services, "json" if all_data else fmt, damaged)
    finally:
        services.close()
    transfer.write_atomically(output, text)
    typer.echo(f"Exported to {output}.", err=True)
    if damaged:
        # The file is written with everything readable; the exit code says it is partial.
        raise skipped_damaged_error(damaged, f"{output} holds every other entry")


def _import(ctx: typer.Context, kind: str, file: Path, db: str | None, json_output: bool) -> None:
    from reconnect.cli.session import open_services
    from reconnect.services import transfer

    batch = transfer.read_import(kind, file)
    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        done = transfer.import_batch(services, batch)
    finally:
        services.close()
    from reconnect.cli import render

    if json_output:
        from reconnect.contracts import import_out

        render.print_json(import_out(done, settings.country))
        return
    if done.crisis:
        # Every imported text was read again; crisis language among them comes first.
        render.console().print(render.crisis_panel(settings.country))
    from reconnect.domain.wording import counted

    typer.echo(
        f"Imported {counted(done.entries, 'entry', 'entries')}, "
        f"{counted(done.checkins, 'check-in')}, {counted(done.selfchecks, 'self-check')}, "
        f"{counted(done.practices, 'practice log')} and {counted(done.reminders, 'reminder')}.",
        err=True,
    )
    if done.safety_plan:
        typer.echo("Your safety plan from the file was saved.", err=True)
    if done.skipped.total:
        typer.echo(_skipped_line(done.skipped), err=True)


def _skipped_line(skipped: "Skipped") -> str:
    """One line naming what was already in the journal, e.g. 'Skipped 4 entries and 1 check-in'."""
    kinds = (
        (skipped.entries, "entry", "entries"),
        (skipped.checkins, "check-in", "check-ins"),
        (skipped.selfchecks, "self-check", "self-checks"),
        (skipped.practices, "practice log", "practice logs"),
        (skipped.reminders, "reminder", "reminders"),
    )
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in kinds if n]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return (
        f"Skipped {listed} already in this journal (the same time and the same words); "
        "nothing was added twice."
    )


FileArgument = Annotated[Path, typer.Argument(help="The file to import.")]


@import_app.command("json")
def import_json(
    ctx: typer.Context, file: FileArgument, db: DbOption = None, json_output: JsonOption = False
) -> None:
    """Import a reconnect JSON export: entries, check-ins, self-checks, practices, reminders."""
    _import(ctx, "json", file, db, json_output)


@import_app.command("jrnl")
def import_jrnl(
    ctx: typer.Context, file: FileArgument, db: DbOption = None, json_output: JsonOption = False
) -> None:
    """Import a jrnl JSON export (jrnl --export json); @tags become tags."""
    _import(ctx, "jrnl", file, db, json_output)


@import_app.command("daylio")
def import_daylio(
    ctx: typer.Context, file: FileArgument, db: DbOption = None, json_output: JsonOption = False
) -> None:
    """Import a Daylio CSV export: moods become check-ins, notes become entries."""
    _import(ctx, "daylio", file, db, json_output)
