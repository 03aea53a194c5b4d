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
    server_mode: Annotated[
        bool,
        typer.Option(
            "--server",
            help=(
                "Serve the multi-user app: accounts (reconnect users), each with their own "
                "encrypted journal. See docs/deploy.md."
            ),
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            help="Server mode on PostgreSQL: this many processes share the port.", min=1, max=64
        ),
    ] = 1,
    server_db: Annotated[
        str | None,
        typer.Option(
            "--server-db",
            help="Server mode's database. Default: RECONNECT_SERVER_DATABASE_URL.",
            show_default=False,
        ),
    ] = None,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy",
            help="Server mode: a TLS reverse proxy stands in front, so a non-loopback --host "
            "is allowed.",
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Server mode: a public host name to answer to (repeatable).",
            show_default=False,
        ),
    ] = None,
    open_signup: Annotated[
        bool, typer.Option("--open-signup", help="Server mode: anyone may sign up, no invite.")
    ] = False,
    ssl_certfile: Annotated[
        str | None, typer.Option(help="Server mode: serve TLS with this certificate file.")
    ] = None,
    ssl_keyfile: Annotated[
        str | None, typer.Option(help="Server mode: the TLS certificate's key file.")
    ] = None,
) -> None:
    """Run the local web app (self-check, history, JSON API under /api) on this machine only.

    With --server, the multi-user app for a household or a practice.
    """
    if server_mode:
        _serve_server(
            ctx,
            host=host,
            port=port,
            workers=workers,
            server_db=server_db,
            behind_proxy=behind_proxy,
            allowed_hosts=allowed_host or [],
            open_signup=open_signup,
            tls=(ssl_certfile, ssl_keyfile),
        )
        return
    if workers != 1 or server_db or behind_proxy or allowed_host or open_signup or ssl_certfile:
        raise InputError(
            "--workers, --server-db, --behind-proxy, --allowed-host, --open-signup and TLS "
            "are for server mode",
            hint="Add --server, or leave them out for the local app.",
        )
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


def _serve_server(
    ctx: typer.Context,
    *,
    host: str | None,
    port: int | None,
    workers: int,
    server_db: str | None,
    behind_proxy: bool,
    allowed_hosts: list[str],
    open_signup: bool,
    tls: tuple[str | None, str | None],
) -> None:
    """``reconnect serve --server``: check the options, migrate, then serve."""
    from pathlib import Path

    from reconnect.cli.options import root_settings

    settings = root_settings(ctx)
    update: dict[str, object] = {
        "host": settings.host if host is None else host,
        "port": settings.port if port is None else port,
        "open_signup": open_signup or settings.open_signup,
        "allowed_hosts": [*settings.allowed_hosts, *(h.strip().lower() for h in allowed_hosts)],
    }
    if server_db is not None:
        update["server_database_url"] = server_db
    settings = settings.model_copy(update=update)
    certificate, key = tls
    if (certificate is None) != (key is None):
        raise InputError("TLS needs both --ssl-certfile and --ssl-keyfile")
    for path in (certificate, key):
        if path is not None and not Path(path).is_file():
            raise InputError(f"no such file: {path}")
    if settings.host not in LOOPBACK and not behind_proxy and certificate is None:
        raise InputError(
            f"refusing to listen on {settings.host} without TLS: passwords and journals would "
            "cross the network in the clear",
            hint="Put a TLS proxy in front and add --behind-proxy (docs/deploy.md), or give "
            "--ssl-certfile and --ssl-keyfile.",
        )
    from reconnect.bootstrap import build_server
    from reconnect.web.app import run

    # Open and migrate first: a bad --server-db fails here with one clear line.
    server = build_server(settings)
    is_postgres = server.db.is_postgres
    server.close()
    if workers > 1 and not is_postgres:
        raise InputError(
            "several worker processes need PostgreSQL; SQLite serves one process",
            hint="Use --workers 1, or a postgresql:// --server-db.",
        )
    scheme = "https" if certificate is not None else "http"
    where = f"[{settings.host}]" if ":" in settings.host else settings.host
    run(
        settings,
        on_listening=lambda: typer.echo(
            f"reconnect (server mode, {workers} process{'es' if workers > 1 else ''}) is "
            f"running at {scheme}://{where}:{settings.port}/ (Ctrl+C to stop)",
            err=True,
        ),
        server_mode=True,
        workers=workers,
        tls=(certificate, key) if certificate is not None and key is not None else None,
    )
