"""``reconnect remind``: few reminders, chosen by you, exportable to any calendar."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings

if TYPE_CHECKING:
    from reconnect.services import Services

remind_app = typer.Typer(
    help="Reminders you choose (days, time, practice); export them to your calendar.",
    no_args_is_help=True,
)


def _services(ctx: typer.Context, db: str | None) -> "Services":
    from reconnect.cli.session import open_services

    return open_services(command_settings(ctx, db))


@remind_app.command("add")
def add(
    ctx: typer.Context,
    practice_id: Annotated[str, typer.Argument(help="The practice to be reminded of.")],
    days: Annotated[str, typer.Option(help="mon,wed,fri or daily, weekdays, weekends.")] = "daily",
    at: Annotated[str, typer.Option("--at", help="Local time, like 19:30.")] = "19:00",
    db: DbOption = None,
) -> None:
    """Add a weekly reminder for a practice."""
    from reconnect.services.reminders import add_reminder

    services = _services(ctx, db)
    try:
        reminder = add_reminder(services, practice_id, days, at)
    finally:
        services.close()
    typer.echo(
        f"Reminder {reminder.id}: {practice_id} on {','.join(reminder.days)} at "
        f"{reminder.at:%H:%M}.",
        err=True,
    )


@remind_app.command("list")
def list_command(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """List your reminders."""
    from reconnect.cli import render
    from reconnect.services.reminders import list_reminders

    services = _services(ctx, db)
    try:
        reminders = list_reminders(services)
    finally:
        services.close()
    if json_output:
        render.print_json(
            [
                {
                    "id": r.id,
                    "practice": r.practice_id,
                    "days": list(r.days),
                    "at": r.at.strftime("%H:%M"),
                }
                for r in reminders
            ]
        )
        return
    for r in reminders:
        render.console().print(f"{r.id}. {r.practice_id} — {','.join(r.days)} at {r.at:%H:%M}")
    if not reminders:
        render.console().print(
            "No reminders. Add one with: reconnect remind add body-scan --at 21:00"
        )


@remind_app.command("remove")
def remove(
    ctx: typer.Context,
    reminder_id: Annotated[int, typer.Argument(help="The reminder's id (see remind list).")],
    db: DbOption = None,
) -> None:
    """Remove a reminder."""
    from reconnect.services.reminders import remove_reminder

    services = _services(ctx, db)
    try:
        remove_reminder(services, reminder_id)
    finally:
        services.close()
    typer.echo(f"Removed reminder {reminder_id}.", err=True)


@remind_app.command("export")
def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .ics file to write.")],
    db: DbOption = None,
) -> None:
    """Export your reminders as an iCalendar (.ics) file any calendar can import."""
    from reconnect.services.reminders import reminders_ics
    from reconnect.services.transfer import write_atomically

    services = _services(ctx, db)
    try:
        text = reminders_ics(services)
    finally:
        services.close()
    write_atomically(file, text)
    typer.echo(f"Wrote {file}.", err=True)
