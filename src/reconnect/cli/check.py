"""``reconnect check``: take the self-check interactively or from a file, and see its history."""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconnect.cli.options import DbOption, JsonOption, command_settings
from reconnect.domain.selfcheck_choices import DEFAULT_INSTRUMENT, Perspective
from reconnect.errors import InputError

if TYPE_CHECKING:
    from reconnect.services import Services

MAX_ANSWERS_BYTES = 1_000_000

check_app = typer.Typer(
    help="Take the self-check about yourself or your partner, and see how it changes over time.",
    no_args_is_help=False,
)

PerspectiveOption = Annotated[
    Perspective | None,
    typer.Option(
        "--perspective",
        "-p",
        help="Who the self-check is about: self (you) or partner. Asked when not given.",
        case_sensitive=False,
    ),
]
InstrumentOption = Annotated[
    str, typer.Option("--instrument", help="Which self-check instrument to use.")
]


def _services(ctx: typer.Context, db: str | None) -> "Services":
    from reconnect.cli.session import open_services

    return open_services(command_settings(ctx, db))


def read_answers_file(path: str) -> dict[str, Any]:
    """Read a JSON object of answers from a file or ``-`` (stdin); InputError when it is not one."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with Path(path).open("rb") as handle:
                raw = handle.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"answers file {path} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"answers file {path} is a folder") from None
    except OSError as exc:
        raise InputError(f"cannot read answers file {path}: {exc.strerror}") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise InputError(f"answers file {path} is larger than {MAX_ANSWERS_BYTES:,} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"answers file {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"answers file {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg})",
            hint='Expected an object such as {"nb1": 3, "nb2": 0}.',
        ) from None
    except RecursionError:
        raise InputError(f"answers file {path} is nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(
            f"answers file {path} must hold a JSON object mapping item ids to values, "
            f"not {type(data).__name__}",
            hint='Expected an object such as {"nb1": 3, "nb2": 0}.',
        )
    return data


@check_app.callback(invoke_without_command=True)
def check(
    ctx: typer.Context,
    perspective: PerspectiveOption = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Score a JSON file mapping item id to a value on the scale ('-' for stdin) "
            "instead of asking.",
        ),
    ] = None,
    list_items: Annotated[
        bool, typer.Option("--list-items", help="List the items (for --perspective) and exit.")
    ] = False,
    json_output: JsonOption = False,
    instrument: InstrumentOption = DEFAULT_INSTRUMENT,
    db: DbOption = None,
) -> None:
    """Take the self-check.

    Without options it asks each question in the terminal (arrow keys or numbers;
    q saves and quits, so you can resume later). Results are saved.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reconnect.cli import render
    from reconnect.contracts import instrument_out, selfcheck_result_out
    from reconnect.services import selfcheck

    chosen = selfcheck.get_instrument(instrument)
    if list_items:
        listing = instrument_out(chosen, perspective or Perspective.SELF)
        if json_output:
            render.print_json([item.model_dump() for item in listing.items])
        else:
            render.console().print(render.item_list(listing))
        return

    services = _services(ctx, db)
    try:
        if answers is not None:
            given = read_answers_file(answers)
            if selfcheck.answers_hold_crisis_language(given):
                # SAFE-3: resources first, before the refusal of text where a number belongs.
                _resources_first(command_settings(ctx, db).country, json_output=json_output)
            result = selfcheck.take_selfcheck(
                services,
                perspective=perspective or Perspective.SELF,
                answers=given,
                instrument_id=chosen.id,
            )
        else:
            if json_output:
                raise InputError("--json needs --answers FILE (the interactive check asks you)")
            from reconnect.cli.interactive import run_selfcheck

            maybe = run_selfcheck(services, chosen, perspective)
            if maybe is None:
                return
            result = maybe
        out = selfcheck_result_out(chosen, result)
        if json_output:
            render.print_json(out)
        else:
            render.console().print(render.selfcheck_result(out))
    finally:
        services.close()


def _resources_first(country: str | None, *, json_output: bool) -> None:
    """Crisis resources on standard output: the panel, or JSON with ``crisis_resources``."""
    from reconnect.cli import render
    from reconnect.contracts import crisis_resources_out
    from reconnect.services.safety import crisis_resources

    if json_output:
        resources = crisis_resources_out(crisis_resources(country))
        render.print_json({"crisis": True, "crisis_resources": resources.model_dump(mode="json")})
    else:
        render.console().print(render.crisis_panel(country))


HistoryPerspectiveOption = Annotated[
    Perspective | None,
    typer.Option(
        "--perspective",
        "-p",
        help="Only the results about: self (you) or partner. Without it, both, each as its "
        "own history.",
        case_sensitive=False,
    ),
]


@check_app.command("history")
def history(
    ctx: typer.Context,
    perspective: HistoryPerspectiveOption = None,
    json_output: JsonOption = False,
    instrument: InstrumentOption = DEFAULT_INSTRUMENT,
    db: DbOption = None,
) -> None:
    """Show saved self-check results and how each dimension changed.

    Results about you and about your partner are two histories, each with its own trend
    and changes; the latest of each are shown side by side. With --json: every result,
    oldest first, with previous_id and change (since the previous one about the same person).
    """
    from reconnect.cli import render
    from reconnect.cli.selfcheck_view import history_view
    from reconnect.contracts import history_result_out, perspective_history_out
    from reconnect.services import selfcheck

    chosen = selfcheck.get_instrument(instrument)
    services = _services(ctx, db)
    try:
        if json_output:
            entries = selfcheck.history_with_changes(
                services, instrument_id=chosen.id, perspective=perspective
            )
        else:
            split = selfcheck.histories_by_perspective(services, instrument_id=chosen.id)
    finally:
        services.close()
    if json_output:
        render.print_json([history_result_out(chosen, e).model_dump(mode="json") for e in entries])
        return
    histories = [
        perspective_history_out(chosen, h)
        for p, h in split.items()
        if perspective is None or p is perspective
    ]
    if not any(h.results for h in histories):
        render.console().print(_nothing_yet(perspective))
        return
    render.console().print(history_view(chosen, histories))


def _nothing_yet(perspective: Perspective | None) -> str:
    if perspective is Perspective.PARTNER:
        return (
            "No saved self-checks about your partner yet. "
            "Take one with: reconnect check --perspective partner"
        )
    if perspective is Perspective.SELF:
        return (
            "No saved self-checks about you yet. Take one with: reconnect check --perspective self"
        )
    return "No saved self-checks yet. Take one with: reconnect check"
