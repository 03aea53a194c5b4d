"""Shared options for the commands (``--db``, ``--json``, dates) and the settings they give."""

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

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


# Root ctx.meta key: the root options as resolve() arguments, until a command needs settings.
SETTINGS_REQUEST = "reconnect.settings_request"


def _request(ctx: typer.Context) -> dict[str, str | bool | None]:
    request: dict[str, str | bool | None] = ctx.find_root().meta.get(SETTINGS_REQUEST, {})
    return request


def root_settings(ctx: typer.Context) -> "Settings":
    """The settings from the root options, resolved the first time a command asks for them.

    The root callback only records its options, so ``--help``, ``analyze`` and the commands
    that read no setting load no pydantic, and a broken setting cannot hide them (SAFE-4).
    """
    root = ctx.find_root()
    if root.obj is None:
        from reconnect.config import resolve

        root.obj = resolve(**_request(ctx))
    settings: Settings = root.obj
    return settings


def root_database(ctx: typer.Context) -> str | None:
    """The root ``--db`` as given (None without it): not the environment's, nor the default."""
    value = _request(ctx).get("database_url")
    return value if isinstance(value, str) else None


def command_settings(ctx: typer.Context, db: str | None) -> "Settings":
    """The settings from the root options, with a command-level ``--db`` taking precedence."""
    if db is None:
        return root_settings(ctx)
    from reconnect.config import resolve

    return resolve(**{**_request(ctx), "database_url": db})


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


def parse_moment(
    value: str | None, name: str, end_of_day: bool = False, zone: "tzinfo | None" = None
) -> "datetime | None":
    """An ISO date or date-time given on the command line; InputError when invalid.

    Without an offset it is a time in ``zone`` (the person's zone; UTC when None). A plain
    date means the start of that day, or the end of it for ``--until``.
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
        moment = moment.replace(tzinfo=zone or UTC)
    if end_of_day and len(value.strip()) == 10:
        # The next day's start, or the last moment there is for the last day there is.
        last = datetime.max.replace(tzinfo=moment.tzinfo)
        moment = last if moment.date() == last.date() else moment + timedelta(days=1)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # the first or last day there is, east or west of UTC
        edge = datetime.min if moment.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)
