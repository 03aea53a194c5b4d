"""``reconnect prompt``: a journaling prompt aimed at what your recent entries show."""

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings


def prompt(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Suggest something to write about, based on the signs in the last two weeks."""
    from reconnect.cli import render
    from reconnect.cli.session import open_services
    from reconnect.services.prompts import suggest_prompt

    services = open_services(command_settings(ctx, db))
    try:
        choice = suggest_prompt(services)
    finally:
        services.close()
    if json_output:
        render.print_json(
            {
                "id": choice.prompt.id,
                "text": choice.prompt.text,
                "for": choice.prompt.answers,
                "reason": choice.reason,
            }
        )
        return
    render.console().print(
        f"[bold]{choice.prompt.text}[/]\n[dim]Why this prompt: {choice.reason}.[/]"
    )
