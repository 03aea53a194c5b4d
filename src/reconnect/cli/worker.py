"""``reconnect worker``: run server mode's background jobs (PostgreSQL only)."""

from typing import Annotated

import typer

from reconnect.cli.options import root_settings
from reconnect.cli.users import ServerDbOption


def worker(
    ctx: typer.Context,
    server_db: ServerDbOption = None,
    concurrency: Annotated[
        int, typer.Option(help="Jobs run at once in this process.", min=1, max=32)
    ] = 1,
    stalled_after: Annotated[
        float,
        typer.Option(
            help="Seconds without a heartbeat after which another worker's jobs are retried.",
            min=2.0,
            max=3600.0,
        ),
    ] = 30.0,
) -> None:
    """Run server mode's background jobs: journal deletion and session upkeep. Run as many
    as you like, on any machine that reaches the database; Ctrl+C stops after the jobs in
    hand."""
    from reconnect.bootstrap import build_server
    from reconnect.errors import InputError

    settings = root_settings(ctx)
    if server_db is not None:
        settings = settings.model_copy(update={"server_database_url": server_db})
    server = build_server(settings)
    try:
        if not server.db.is_postgres:
            raise InputError(
                "the worker needs PostgreSQL; with SQLite the web app does its own upkeep",
                hint="Use a postgresql:// --server-db, or run no worker.",
            )
        from reconnect.worker import run

        typer.echo("reconnect worker is running (Ctrl+C to stop)", err=True)
        run(server, concurrency=concurrency, stalled_after=stalled_after)
    finally:
        server.close()
