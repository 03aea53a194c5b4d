"""``reconnect help-now``: crisis resources at once, whatever state the database is in."""

import os
from typing import Annotated

import typer

from reconnect.cli.options import JsonOption


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
    from reconnect.contracts import crisis_resources_out
    from reconnect.services.safety import crisis_resources

    settings = ctx.find_root().obj
    chosen = country or getattr(settings, "country", None) or os.environ.get("RECONNECT_COUNTRY")
    out = crisis_resources_out(crisis_resources(chosen), detected=False)
    if json_output:
        render.print_json(out)
        return
    render.console().print(render.resources_panel(out))
