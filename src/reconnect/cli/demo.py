"""``reconnect demo``: a separate demo journal to explore insights straight away."""

from contextlib import suppress
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pathlib import Path


def demo(
    ctx: typer.Context,
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

    from reconnect.cli.options import command_settings, root_database
    from reconnect.cli.render import error_console
    from reconnect.cli.session import open_services
    from reconnect.config import default_data_dir
    from reconnect.errors import InputError
    from reconnect.services.demo import DAYS, demo_database_url, fill_demo

    default = demo_database_url(str(default_data_dir()))
    # ``reconnect --db X demo`` means X too; RECONNECT_DATABASE_URL does not (it names your
    # own journal, which the demo must not fill).
    url = db or root_database(ctx) or default
    target = _new_sqlite_file(url)
    # A new SQLite demo is built beside its place and moved there whole, so that Ctrl+C
    # (or any failure) part way leaves nothing behind and the next run starts afresh.
    building = None if target is None else target.with_name(f".{target.name}.building")
    if building is not None:
        _remove_sqlite_file(building)
    settings = command_settings(ctx, url if building is None else f"sqlite:///{building}")
    services = open_services(settings)
    try:
        from reconnect.services.journal import list_entries
        from reconnect.services.vault import journal_state
        from reconnect.services.vault_setup import create_journal

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
    except BaseException:
        # Ctrl+C or a failure part way: nothing that closing says may hide it.
        with suppress(Exception):
            services.close()
        if building is not None:
            _remove_sqlite_file(building)
        raise
    services.close()
    if building is not None and target is not None:
        _move_into_place(building, target)
    # Plain --demo serves the default demo file; any other needs its --db again.
    import shlex

    serve = "reconnect serve --demo" + ("" if url == default else f" --db {shlex.quote(url)}")
    typer.echo(f"Wrote {written} demo entries to {url}. Run: {serve}", err=True)


def _new_sqlite_file(url: str) -> "Path | None":
    """The file of a ``sqlite:///`` URL that does not exist yet (None otherwise)."""
    from pathlib import Path

    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = Path(url.removeprefix(prefix))
    return None if path.exists() else path


def _remove_sqlite_file(path: "Path") -> None:
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)


def _move_into_place(building: "Path", target: "Path") -> None:
    """Fold the write-ahead log into the file, then rename it to its place (and sync)."""
    import os
    import sqlite3

    connection = sqlite3.connect(building)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    os.replace(building, target)
    for leftover in ("-wal", "-shm"):
        building.with_name(building.name + leftover).unlink(missing_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
