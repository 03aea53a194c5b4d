"""``reconnect insights``: patterns over time in what you wrote."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconnect.cli.options import (
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    command_settings,
    parse_moment,
)
from reconnect.errors import InputError

if TYPE_CHECKING:
    from reconnect.domain.entries import DamagedEntry

PLOTTED = ("numbness", "autopilot", "withdrawal", "avoidance", "reconnection")


def _plot(out: Any, path: Path) -> None:
    from reconnect.reports.charts import few_weeks_note, plot_insights

    if path.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot needs a .png or .svg file name, not {path.name!r}")
    if not out.weekly:
        raise InputError("there are no entries in this period to plot")
    if not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist")
    plot_insights(
        [w.week_start for w in out.weekly],
        {m: [w.marker_rates[m] for w in out.weekly] for m in PLOTTED},
        [w.mean_valence for w in out.weekly],
        [w.mean_granularity for w in out.weekly],
        str(path),
    )
    note = few_weeks_note(len(out.weekly), "entries")
    if note is not None:
        typer.echo(f"{path}: {note}", err=True)


def insights(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    json_output: JsonOption = False,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot", metavar="FILE", help="Also draw the weekly trends to FILE.png or FILE.svg."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Show weekly trends of each sign, what goes with more numbness or reconnection, and streaks.

    A tag, person, activity or weekday is only compared once there are at least three
    entries with it and three without; every figure says how it was computed.
    """
    from reconnect.cli import render
    from reconnect.cli.session import open_services
    from reconnect.contracts import insights_out
    from reconnect.services.insights import compute_insights
    from reconnect.services.journal import count_read_by_older_analyzers, skipped_damaged_error

    services = open_services(command_settings(ctx, db))
    damaged: list[DamagedEntry] = []
    try:
        found = compute_insights(
            services,
            since=parse_moment(since, "--since", zone=services.settings.zone),
            until=parse_moment(until, "--until", end_of_day=True, zone=services.settings.zone),
            damaged=damaged,
        )
        older = count_read_by_older_analyzers(services)
    finally:
        services.close()
    if older:
        typer.echo(
            f"{older} of your entries {'was' if older == 1 else 'were'} read by an older "
            "version of the analyzer; "
            "`reconnect reanalyze` reads them again.",
            err=True,
        )
    if found.not_analysed:
        from reconnect.content import load_texts
        from reconnect.domain.wording import counted

        left_out = counted(found.not_analysed, "entry is", "entries are")
        typer.echo(f"{left_out} {load_texts().not_analysed.in_insights}", err=True)
    out = insights_out(found)
    if plot is not None:
        _plot(out, plot)
    if json_output:
        render.print_json(out)
    else:
        render.console().print(render.insights_view(out, found.notable))
    if damaged:
        # The insights above cover the readable entries; the exit code says they are partial.
        raise skipped_damaged_error(damaged, "the insights above cover every other entry")
