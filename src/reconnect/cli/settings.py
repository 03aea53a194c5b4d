"""``reconnect settings``: choices you keep, such as the country for crisis resources."""

from typing import Annotated

import typer

settings_app = typer.Typer(
    help="Settings kept in your settings file (command-line options and RECONNECT_* win).",
    no_args_is_help=True,
)


@settings_app.command("set")
def set_command(
    name: Annotated[str, typer.Argument(help="The setting: country or timezone.")],
    value: Annotated[str, typer.Argument(help="The value, e.g. GB or Europe/London.")],
) -> None:
    """Store a setting, e.g. reconnect settings set country GB.

    timezone (an IANA name such as Europe/London) sets whose days and weeks the calendar,
    Home and insights count in; without it, this machine's zone is used.
    """
    from reconnect.config import load_zone, save_setting
    from reconnect.errors import InputError
    from reconnect.services.safety import crisis_resources

    if name == "country":
        value = value.strip().upper()
        choice = crisis_resources(value)
        if choice.fell_back:
            typer.echo(
                f"No crisis lines are listed for {value} yet; the international list is shown.",
                err=True,
            )
    if name == "timezone":
        value = value.strip()
        if load_zone(value) is None:
            raise InputError(
                f"unknown time zone {value!r}",
                hint="Use an IANA name such as Europe/London, America/New_York or UTC.",
            )
    path = save_setting(name, value)
    typer.echo(f"Saved {name} = {value} in {path}.", err=True)


@settings_app.command("show")
def show(ctx: typer.Context) -> None:
    """Show the settings in effect and where the settings file is."""
    from reconnect.cli.options import root_settings
    from reconnect.config import config_file
    from reconnect.errors import ReconnectError

    typer.echo(f"settings file: {config_file()}")
    try:
        settings = root_settings(ctx)
    except ReconnectError:  # a broken settings file can still be found and rewritten (SAFE-4)
        settings = None
    if settings is None:
        typer.echo("The settings cannot be read; fix or delete the file above.")
        raise typer.Exit(1)
    for name in ("database_url", "country", "host", "port"):
        typer.echo(f"{name}: {getattr(settings, name)}")
    zone = settings.zone
    typer.echo(f"timezone: {zone}" + ("" if settings.timezone else " (this machine's)"))
