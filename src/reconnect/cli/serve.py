"""``reconnect serve``: run the local web app on a loopback address."""

from typing import Annotated

import typer

from reconnect.cli.options import DbOption, command_settings, root_database
from reconnect.errors import InputError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None,
        typer.Option(
            help=(
                "Loopback address to listen on (the app has no accounts yet). "
                "Default: RECONNECT_HOST, else the settings file, else 127.0.0.1."
            ),
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            help="Port to listen on. Default: RECONNECT_PORT, else the settings file, else 8765.",
            min=1,
            max=65535,
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the demo journal made by: reconnect demo")
    ] = False,
) -> None:
    """Run the local web app (self-check, history, JSON API under /api) on this machine only."""
    from reconnect.config import default_data_dir
    from reconnect.services.demo import demo_database_url

    demo_url = demo_database_url(str(default_data_dir()))
    if demo:
        # As for ``reconnect demo``: --db here or at the root, never RECONNECT_DATABASE_URL.
        db = db or root_database(ctx) or demo_url
    settings = command_settings(ctx, db)
    # The default demo file is the demo however it was named; every page then says so.
    demo = demo or settings.database_url == demo_url
    # --host/--port beat RECONNECT_HOST/RECONNECT_PORT, which beat the settings file and the
    # defaults; config.resolve has already applied that order to the settings.
    host = settings.host if host is None else host
    port = settings.port if port is None else port
    if host not in LOOPBACK:
        raise InputError(
            f"refusing to listen on {host}: the local app serves only this machine",
            hint="Use 127.0.0.1 (the default), localhost or ::1.",
        )
    settings = settings.model_copy(update={"host": host, "port": port})
    from reconnect.bootstrap import build_services
    from reconnect.web.app import run

    # Open and migrate the database first, so a bad --db fails here with one clear line.
    build_services(settings).close()
    where = f"[{host}]" if ":" in host else host
    what = (
        "Serving the demo journal (sample entries, not yours)" if demo else "reconnect is running"
    )
    run(
        settings,
        on_listening=lambda: typer.echo(
            f"{what} at http://{where}:{port}/ (Ctrl+C to stop)", err=True
        ),
        demo=demo,
    )
