"""``reconnect help-now``: crisis resources at once, whatever state the database is in."""

import os
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import JsonOption

if TYPE_CHECKING:
    from reconnect.contracts import CrisisResourcesOut


def help_now(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="Two-letter country code (US, GB, CA, AU, IE, IN, ...). "
            "Default: RECONNECT_COUNTRY; unknown codes show the international list.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Show crisis lines and emergency numbers now. Works offline and without your journal."""
    from reconnect.cli import render

    settings = ctx.find_root().obj
    chosen = country or getattr(settings, "country", None) or os.environ.get("RECONNECT_COUNTRY")
    if json_output:
        render.print_json(help_now_resources(chosen))
        return
    print_help_now(chosen)


def help_now_resources(country: str | None) -> "CrisisResourcesOut":
    """The resources ``reconnect help-now`` shows for a country (no crisis was detected)."""
    from reconnect.contracts import crisis_resources_out
    from reconnect.services.safety import crisis_resources

    return crisis_resources_out(crisis_resources(country), detected=False)


def print_help_now(country: str | None) -> None:
    """Print exactly what ``reconnect help-now`` prints for this country."""
    from reconnect.cli import render

    render.console().print(render.resources_panel(help_now_resources(country)))
