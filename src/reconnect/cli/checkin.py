"""``reconnect checkin``: a quick mood check-in on the mood meter, with named feelings."""

from typing import Annotated

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings


def checkin(
    ctx: typer.Context,
    pleasantness: Annotated[
        int | None,
        typer.Option(
            "--pleasantness",
            min=1,
            max=10,
            help="How pleasant you feel: 1 (very unpleasant) to 10.",
        ),
    ] = None,
    energy: Annotated[
        int | None,
        typer.Option("--energy", min=1, max=10, help="How much energy you have: 1 (none) to 10."),
    ] = None,
    feeling: Annotated[
        list[str] | None,
        typer.Option(
            "--feeling",
            "-f",
            help="A feeling you can name (repeat for more); 'cannot-name-it' is fine too.",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A few words, if you like.")] = "",
    list_feelings: Annotated[
        bool, typer.Option("--list-feelings", help="Show the feelings to choose from and exit.")
    ] = False,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Check in: how pleasant and how energetic you feel, and which feelings you can name.

    Pleasantness and energy run from 1 to 10; 6 and above counts as high.
    A check-in then reads as, say, "low energy, unpleasant". Naming a precise feeling is the point.
    """
    from reconnect.cli import render
    from reconnect.services import checkins

    if list_feelings:
        render.console().print(render.feelings_table(checkins.feelings_vocabulary()))
        return
    if pleasantness is None:
        pleasantness = typer.prompt("Pleasantness, 1-10", type=int, err=True)
    if energy is None:
        energy = typer.prompt("Energy, 1-10", type=int, err=True)
    from reconnect.cli.safetycheck import ask_safety_check
    from reconnect.cli.session import open_services
    from reconnect.contracts import checkin_out
    from reconnect.services.safety_checks import answer_checkin_check

    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        saved = checkins.record_checkin(
            services,
            pleasantness=pleasantness,
            energy=energy,
            feelings=feeling or (),
            note=note,
        )
        out = checkin_out(saved, settings.country)
        if json_output:
            render.print_json(out)
            return
        if saved.crisis:
            render.console().print(render.crisis_panel(settings.country))
        names = ", ".join(saved.feelings) or "no feeling named"
        # The quadrant's label ("low energy, unpleasant"), never its colour id ("blue").
        where = {q.id: q.label for q in checkins.feelings_vocabulary()}[saved.quadrant]
        render.console().print(
            f"Checked in: pleasantness {saved.pleasantness}, energy {saved.energy} "
            f"({where.lower()}) · {names}.",
            highlight=False,
        )
        if saved.concern:
            ask_safety_check(
                settings.country, lambda answer: answer_checkin_check(services, saved.id, answer)
            )
    finally:
        services.close()
