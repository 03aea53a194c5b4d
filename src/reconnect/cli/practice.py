"""``reconnect practice``: browse, run and log practices, and get suggestions with reasons."""

import time
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings

if TYPE_CHECKING:
    from rich.text import Text

    from reconnect.domain.practices import PracticeLog
    from reconnect.services import Services

practice_app = typer.Typer(
    help="Practices from the source articles: list, show, run, log them, and get suggestions.",
    no_args_is_help=True,
)
IdArgument = Annotated[
    str, typer.Argument(help="The practice's id (see: reconnect practice list).")
]


@practice_app.command("list")
def list_command(
    audience: Annotated[
        str | None, typer.Option("--for", help="Only practices for self, partner or couple.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the practices: id, title, who they are for, minutes, and what they address."""
    from rich.table import Table

    from reconnect.cli import render
    from reconnect.contracts import practice_out
    from reconnect.domain.wording import counted
    from reconnect.errors import InputError
    from reconnect.services.practices import list_practices

    if audience is not None and audience not in ("self", "partner", "couple"):
        raise InputError(f"--for must be self, partner or couple, not {audience!r}")
    practices = list_practices(audience)
    if json_output:
        render.print_json([practice_out(p).model_dump(by_alias=True) for p in practices])
        return
    table = Table(title=counted(len(practices), "practice"), title_justify="left")
    for column in ("Id", "Title", "For", "Minutes", "Addresses"):
        table.add_column(column)
    for p in practices:
        table.add_row(p.id, p.title, p.audience, str(p.duration_minutes), ", ".join(p.addresses))
    render.console().print(table)


@practice_app.command("show")
def show(practice_id: IdArgument, json_output: JsonOption = False) -> None:
    """Show a practice: why it helps, where the idea comes from, and its steps."""
    from reconnect.cli import render
    from reconnect.contracts import practice_out
    from reconnect.services.practices import get_practice

    practice = get_practice(practice_id)
    if json_output:
        render.print_json(practice_out(practice).model_dump(by_alias=True))
        return
    console = render.console()
    console.print(
        f"[bold]{practice.title}[/] ({practice.duration_minutes} min, for {practice.audience})"
    )
    console.print(practice.why)
    for number, step in enumerate(practice.steps, start=1):
        console.print(f"  {number}. {step}")


@practice_app.command("run")
def run(
    practice_id: IdArgument,
    minutes: Annotated[
        float | None,
        typer.Option(help="Length of the timer (default: the practice's own).", min=0.01, max=120),
    ] = None,
) -> None:
    """Walk through a practice; timed ones show a timer with a progress bar."""
    from rich.progress import BarColumn, Progress, TimeRemainingColumn

    from reconnect.cli import render
    from reconnect.services.practices import get_practice

    practice = get_practice(practice_id)
    show(practice_id)
    if not practice.timed:
        render.console().print("When you are done: reconnect practice done " + practice.id)
        return
    seconds = (minutes if minutes is not None else practice.duration_minutes) * 60
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        TimeRemainingColumn(),
        console=render.console(),
    ) as progress:
        task = progress.add_task(practice.title, total=seconds)
        start = time.monotonic()
        while (elapsed := time.monotonic() - start) < seconds:
            progress.update(task, completed=elapsed)
            time.sleep(min(0.25, seconds - elapsed))
        progress.update(task, completed=seconds)
    render.console().print("Time is up. Log it with: reconnect practice done " + practice.id)


@practice_app.command("done")
def done(
    ctx: typer.Context,
    practice_id: IdArgument,
    reflection: Annotated[str, typer.Option(help="A few words on how it went.")] = "",
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Log a practice as done, with an optional reflection."""
    from rich.text import Text

    from reconnect.cli import render
    from reconnect.cli.session import open_services
    from reconnect.contracts import PracticeLogOut, resources_if, safety_check_out
    from reconnect.services.practices import current_streak, log_practice

    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        logged = log_practice(services, practice_id, reflection)
        streak = current_streak(services)
        if json_output:
            render.print_json(
                PracticeLogOut(
                    id=logged.id,
                    practice=logged.practice_id,
                    done_at=logged.done_at,
                    reflection=logged.reflection,
                    crisis=logged.crisis,
                    concern=logged.concern,
                    safety_check=safety_check_out(logged.safety_check),
                    crisis_resources=resources_if(logged.crisis, settings.country),
                )
            )
            return
        confirmation = Text(f"Logged {practice_id}. Practice days in a row: {streak}.")
        _after_logging(services, logged, settings.country, confirmation)
    finally:
        services.close()


def _after_logging(
    services: "Services", logged: "PracticeLog", country: str | None, confirmation: "Text"
) -> None:
    """Crisis resources first when the reflection needs them, the confirmation, then the
    calm safety check when the reflection's analysis is unsure."""
    from reconnect.cli import render
    from reconnect.cli.safetycheck import ask_safety_check
    from reconnect.services.safety_checks import answer_practice_check

    if logged.crisis:
        render.console().print(render.crisis_panel(country))
    render.console().print(confirmation)
    if logged.concern:
        ask_safety_check(country, lambda answer: answer_practice_check(services, logged.id, answer))


@practice_app.command("suggest")
def suggest(
    ctx: typer.Context,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Suggest practices from your latest self-check and recent entries, saying why."""
    from reconnect.cli import render
    from reconnect.cli.session import open_services
    from reconnect.contracts import SuggestionOut
    from reconnect.services.practices import suggest_practices

    services = open_services(command_settings(ctx, db))
    try:
        ranked = suggest_practices(services)
    finally:
        services.close()
    outs = [
        SuggestionOut(
            id=s.practice.id, title=s.practice.title, score=s.score, reasons=list(s.reasons)
        )
        for s in ranked
    ]
    if json_output:
        render.print_json([o.model_dump() for o in outs])
        return
    for number, o in enumerate(outs, start=1):
        render.console().print(f"{number}. [bold]{o.title}[/] ({o.id}) — {'; '.join(o.reasons)}")


@practice_app.command("history")
def history(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Practices you have done, oldest first."""
    from reconnect.cli import render
    from reconnect.cli.session import open_services
    from reconnect.services.practices import practice_history

    services = open_services(command_settings(ctx, db))
    try:
        logs = practice_history(services)
    finally:
        services.close()
    if json_output:
        render.print_json(
            [
                {
                    "id": g.id,
                    "practice": g.practice_id,
                    "done_at": g.done_at.isoformat(),
                    "reflection": g.reflection,
                }
                for g in logs
            ]
        )
        return
    for g in logs:
        render.console().print(f"{g.done_at:%Y-%m-%d %H:%M}  {g.practice_id}  {g.reflection}")
    if not logs:
        render.console().print("No practices logged yet. Try: reconnect practice suggest")


@practice_app.command("boundary")
def boundary(
    ctx: typer.Context,
    situation: Annotated[str | None, typer.Option(help="What drains you.")] = None,
    need: Annotated[str | None, typer.Option(help="What you need.")] = None,
    can: Annotated[str | None, typer.Option(help="What you can do.")] = None,
    wont: Annotated[str | None, typer.Option("--wont", help="What you won't do.")] = None,
    care: Annotated[str | None, typer.Option(help="How you will still show care.")] = None,
    db: DbOption = None,
) -> None:
    """Plan a boundary: answer five questions and get it written out, logged as a practice."""
    from rich.text import Text

    from reconnect.cli.session import open_services
    from reconnect.domain.practices import write_boundary
    from reconnect.services.practices import log_practice

    def ask(value: str | None, question: str) -> str:
        return value if value is not None else str(typer.prompt(question, err=True))

    text = write_boundary(
        ask(situation, "What situation drains you?"),
        ask(need, "What do you need?"),
        ask(can, "What can you do?"),
        ask(wont, "What won't you do?"),
        ask(care, "How will you still show you care?"),
    )
    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        logged = log_practice(services, "boundary-planner", text)
        plan = Text.assemble(("Your boundary", "bold"), "\n", text)
        _after_logging(services, logged, settings.country, plan)
    finally:
        services.close()
