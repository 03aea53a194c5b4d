"""``reconnect report``: a report to bring to a professional, as HTML or PDF."""

from pathlib import Path
from typing import Annotated

import typer

from reconnect.cli.options import DbOption, SinceOption, command_settings, parse_moment
from reconnect.errors import InputError


def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", help="html or pdf.")] = "html",
    since: SinceOption = None,
    entry: Annotated[
        list[int] | None,
        typer.Option("--entry", help="An entry to include (repeat); none are included by default."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a report: self-checks over time, trends as charts, practices, chosen entries."""
    from reconnect.cli.session import open_services
    from reconnect.services.report import gather_report

    if fmt not in ("html", "pdf"):
        raise InputError(f"--format must be html or pdf, not {fmt!r}")
    if not output.parent.is_dir():
        raise InputError(f"the folder {output.parent} does not exist")
    services = open_services(command_settings(ctx, db))
    try:
        data = gather_report(
            services,
            since=parse_moment(since, "--since", zone=services.settings.zone),
            entry_ids=entry or (),
        )
    finally:
        services.close()
    from reconnect.services.transfer import write_atomically

    if fmt == "html":
        from reconnect.reports.report_html import render_html

        write_atomically(output, render_html(data))
    else:
        from reconnect.reports.report_pdf import render_pdf

        write_atomically(output, render_pdf(data))
    typer.echo(f"Wrote {output}. It holds personal information: share it with care.", err=True)
