"""``reconnect safety-plan``: a personal plan for hard moments, written ahead of time."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from reconnect.domain.safety_plan import SafetyPlan

MAX_STDIN_BYTES = 1_000_000
COPY_NOTE = (
    "This is the copy you chose to keep readable while your journal is locked "
    "(reconnect safety-plan open-copy off removes it)."
)
TRADE_OFF = (
    "A copy of your safety plan will be kept that opens without your passphrase, so you can "
    "read it in a hard moment without unlocking. Anyone who can open this computer's "
    "reconnect files can read that copy. Your journal and everything else stay encrypted."
)
CLEAR = "-"

safety_plan_app = typer.Typer(
    help="Your safety plan: warning signs, ways through, people to ask, reasons to hold on to.",
    no_args_is_help=True,
)


def _stdin_lines() -> "Iterator[str]":
    from reconnect.errors import InputError

    raw = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(raw) > MAX_STDIN_BYTES:
        raise InputError(
            f"more than {MAX_STDIN_BYTES:,} bytes on standard input. Nothing was saved."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the text on standard input is not UTF-8. Nothing was saved.") from None
    yield from text.splitlines()


def _terminal_lines() -> "Iterator[str]":
    while True:
        try:
            yield input("  > ")
        except EOFError:
            return


def _walk(
    plan: "SafetyPlan", next_line: "Callable[[], str | None]", tty: bool
) -> dict[str, list[str]]:
    """Each section's new lines: a blank first line keeps what is there, ``-`` empties it."""
    from reconnect.cli import render
    from reconnect.domain.safety_plan import SECTIONS

    out = render.error_console()
    sections: dict[str, list[str]] = {}
    for number, section in enumerate(SECTIONS, start=1):
        current = list(plan.section(section.key))
        if tty:
            out.print(f"\n[bold]{number}. {section.title}[/]", highlight=False)
            out.print(section.question, highlight=False)
            for item in current:
                out.print(f"  • {item}", highlight=False, markup=False)
            out.print(
                "[dim]One thing per line; an empty line ends this step"
                + (" (and keeps what is above; '-' clears it)." if current else ".")
                + "[/]",
                highlight=False,
            )
        typed: list[str] = []
        while True:
            line = next_line()
            if line is None or not line.strip():
                break
            typed.append(line)
        if typed == [CLEAR]:
            typed = []
        elif not typed:
            typed = current
        sections[section.key] = typed
    return sections


@safety_plan_app.command("edit")
def edit(ctx: typer.Context, db: DbOption = None) -> None:
    """Go through each step of your plan. One thing per line; an empty line ends a step.

    On a step that already has lines, an empty line keeps them and '-' clears them.
    Without a terminal, lines are read from standard input. Ctrl-C saves nothing.
    """
    from reconnect.cli.session import open_services
    from reconnect.services.safety_plan import plan_for_editing, save_plan

    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        plan = plan_for_editing(services, settings.country)
        tty = sys.stdin.isatty()
        lines = _terminal_lines() if tty else _stdin_lines()
        sections = _walk(plan, lambda: next(lines, None), tty)
        saved = save_plan(services, sections)
    finally:
        services.close()
    count = sum(len(saved.section(key)) for key in saved.items)
    typer.echo(
        f"Safety plan saved ({count} {'line' if count == 1 else 'lines'}). "
        "See it any time with: reconnect safety-plan show",
        err=True,
    )


def _plan_to_show(ctx: typer.Context, db: str | None) -> "tuple[SafetyPlan, bool]":
    """The plan (or, while locked, the readable copy) with the country's crisis lines."""
    from reconnect.cli.session import open_services
    from reconnect.services.safety_plan import plan_for_showing

    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        return plan_for_showing(services, settings.country)
    finally:
        services.close()


@safety_plan_app.command("show")
def show(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Show your safety plan. An empty professionals step shows your country's crisis lines."""
    from reconnect.cli import render
    from reconnect.contracts import safety_plan_out

    plan, is_copy = _plan_to_show(ctx, db)
    out = safety_plan_out(plan)
    if json_output:
        render.print_json(out)
        return
    console = render.console()
    console.print("[bold]My safety plan[/]", highlight=False)
    if is_copy:
        console.print(f"[dim]{COPY_NOTE}[/]", highlight=False, soft_wrap=True)
    for number, section in enumerate(out.sections, start=1):
        console.print(f"\n[bold]{number}. {section.title}[/]", highlight=False)
        for item in section.items:
            console.print(f"  • {item}", highlight=False, markup=False)
        if not section.items:
            console.print("  [dim](nothing written yet)[/]", highlight=False)
    if not out.saved:
        console.print(
            "\nNothing is saved yet. Write your plan with: reconnect safety-plan edit",
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        "\nIf you are in danger now, call your local emergency number or run: reconnect help-now",
        highlight=False,
        soft_wrap=True,
    )


@safety_plan_app.command("open-copy")
def open_copy(
    ctx: typer.Context,
    state: Annotated[
        str | None,
        typer.Argument(
            metavar="[on|off]",
            help="on: keep a copy readable without the passphrase; off: delete it. "
            "Without it: say which is set.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Turn it on without asking.")] = False,
    db: DbOption = None,
) -> None:
    """Keep a copy of your plan that opens while the journal is locked (off by default).

    A passphrase can be a wall in a crisis. With the copy on, ``safety-plan show``,
    ``help-now`` and the web's safety-plan page show the plan without unlocking.
    """
    from reconnect.cli.session import open_services
    from reconnect.errors import InputError
    from reconnect.services.safety_plan import keeps_readable_copy, set_readable_copy

    if state not in (None, "on", "off"):
        raise InputError(f"say on or off, not {state!r}")
    settings = command_settings(ctx, db)
    services = open_services(settings)
    try:
        if state is None:
            kept = keeps_readable_copy(services)
            typer.echo(
                "A readable copy is kept: your plan opens without the passphrase."
                if kept
                else "No readable copy is kept: your plan opens only with the passphrase."
            )
            return
        if state == "on" and not yes:
            typer.echo(TRADE_OFF, err=True)
            if not sys.stdin.isatty():
                raise InputError("confirm with --yes to keep the copy. Nothing was changed.")
            if not typer.confirm("Keep the readable copy?", default=False, err=True):
                typer.echo("Nothing was changed.", err=True)
                return
        set_readable_copy(services, state == "on")
    finally:
        services.close()
    typer.echo(
        "Your plan now opens while the journal is locked."
        if state == "on"
        else "The readable copy is deleted: your plan opens only with the passphrase."
    )


@safety_plan_app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", metavar="pdf|txt", help="pdf: a printable card; txt: text.")
    ] = "txt",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output for txt)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Save your plan as a printable card (PDF) or plain text, to print or photograph."""
    from reconnect.errors import InputError

    if fmt not in ("pdf", "txt"):
        raise InputError(f"unknown format {fmt!r}: choose pdf or txt")
    if fmt == "pdf" and output is None:
        raise InputError("a PDF needs a file: add --output plan.pdf")
    if output is not None and not output.parent.is_dir():
        raise InputError(f"the folder {output.parent} does not exist")
    plan, _ = _plan_to_show(ctx, db)
    if fmt == "txt":
        from reconnect.domain.safety_plan import plan_as_text

        data = plan_as_text(plan).encode("utf-8")
    else:
        from reconnect.reports.safety_plan_pdf import plan_pdf

        data = plan_pdf(plan)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    from reconnect.services.transfer import write_atomically

    write_atomically(output, data)
    typer.echo(f"Saved your safety plan to {output}", err=True)
