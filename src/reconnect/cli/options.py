"""Shared option types for the commands (``--db``, ``--json``, ``--perspective``)."""

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.config import Settings

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=(
            "Database to use: sqlite:///PATH or postgresql://USER@HOST/DB. "
            "Default: RECONNECT_DATABASE_URL, else a SQLite file in your user data folder."
        ),
        show_default=False,
    ),
]

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")
]


def command_settings(ctx: typer.Context, db: str | None) -> "Settings":
    """The settings resolved at the root, with a command-level ``--db`` taking precedence."""
    settings: Settings = ctx.find_root().obj
    if db is None:
        return settings
    from reconnect.config import resolve

    return resolve(database_url=db, debug=settings.debug or None)


SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Only from this date on (YYYY-MM-DD)."),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="Only up to and including this date (YYYY-MM-DD)."
    ),
]


def parse_moment(value: str | None, name: str, end_of_day: bool = False) -> "datetime | None":
    """An ISO date or date-time given on the command line, as UTC; InputError when invalid.

    A plain date means the start of that day, or the end of it for ``--until``.
    """
    from datetime import UTC, datetime, timedelta

    from reconnect.errors import InputError

    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date like 2026-03-31") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if end_of_day and len(value.strip()) == 10:
        # The next day's start, or the last moment there is for the last day there is.
        last = datetime.max.replace(tzinfo=UTC)
        moment = last if moment.date() == last.date() else moment + timedelta(days=1)
    return moment
