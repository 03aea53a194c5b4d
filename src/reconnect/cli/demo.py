"""``reconnect demo``: a separate demo journal to explore insights straight away."""

from typing import Annotated

import typer


def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Where to create the demo; default: demo.db in your data folder."
        ),
    ] = None,
) -> None:
    """Fill a separate demo database with 120 days of entries and check-ins.

    Your own journal is not touched. Explore it with: reconnect serve --demo
    """
    from rich.progress import Progress

    from reconnect.cli.render import error_console
    from reconnect.cli.session import open_services
    from reconnect.config import default_data_dir, resolve
    from reconnect.errors import InputError
    from reconnect.services.demo import DAYS, demo_database_url, fill_demo

    url = db or demo_database_url(str(default_data_dir()))
    settings = resolve(database_url=url)
    services = open_services(settings)
    try:
        from reconnect.services.journal import list_entries
        from reconnect.services.vault import create_journal, journal_state

        if journal_state(services) == "none":
            # The demo journal is made-up text: it is stored unencrypted, on purpose.
            create_journal(services, None, encrypted=False)
        if list_entries(services):
            raise InputError(
                f"{url} already holds entries; the demo only fills an empty database",
                hint="Delete the demo file, or pass another --db.",
            )
        with Progress(console=error_console(), transient=True) as progress:
            task = progress.add_task("Writing the demo journal", total=DAYS)
            written = fill_demo(services, lambda done: progress.update(task, completed=done))
    finally:
        services.close()
    typer.echo(f"Wrote {written} demo entries to {url}. Run: reconnect serve --demo", err=True)
