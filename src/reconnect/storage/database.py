"""Engines for SQLite and PostgreSQL, their connection settings, and transactions."""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from reconnect.errors import StorageError
from reconnect.storage.tables import Base

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from sqlalchemy.engine import URL

log = logging.getLogger("reconnect.storage")

# DUR-1: the pragmas every SQLite connection gets (read back in the storage tests).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA secure_delete=ON",
)


def normalise_url(url: str) -> URL:
    """Parse a database URL; ``postgresql://`` is served by psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"cannot parse database URL {url!r}") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _prepare_sqlite_file(path: Path, ours: frozenset[str] | None = None) -> None:
    """Create the folder (0700) and check the file is usable before SQLite touches it."""
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder {folder}: {exc.strerror}",
            hint="Choose another location with --db or RECONNECT_DATABASE_URL.",
        ) from None
    if path.is_dir():
        raise StorageError(f"the database path {path} is a folder, not a file")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StorageError(f"cannot read the database file {path}: permission denied")
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise StorageError(
                f"{path} is not a SQLite database (it may be damaged); it was left untouched"
            )
        if header:
            _check_existing_sqlite(path, ours)
    else:
        # Create the file private (0600); SQLite gives -wal and -shm the same mode.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass
        except OSError as exc:
            raise StorageError(
                f"cannot create the database {path}: {exc.strerror}",
                hint="Choose another location with --db or RECONNECT_DATABASE_URL.",
            ) from None


def _check_existing_sqlite(path: Path, ours: frozenset[str] | None = None) -> None:
    """Open an existing file read-only and refuse it, unchanged, if damaged or not reconnect's.

    This runs before any pragma is set: switching to WAL would rewrite the header.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the database file {path}: {exc}") from None
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise StorageError(f"the database file {path} is damaged; it was left untouched")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"the database file {path} is damaged ({exc}); it was left untouched"
        ) from None
    finally:
        conn.close()
    known = ours if ours is not None else frozenset(Base.metadata.tables) | {"alembic_version"}
    foreign = tables - known - {"sqlite_sequence"}
    if foreign and not (known & tables & {"alembic_version", "server_alembic_version"}):
        raise StorageError(
            f"{path} holds tables that are not reconnect's "
            f"({', '.join(sorted(foreign)[:3])}); it was left untouched",
            hint="Point --db at a new file or an empty database.",
        )


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy manage transactions itself (pysqlite's implicit BEGIN is off).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


# DUR-4: PostgreSQL settings under which a commit reconnect has acknowledged can be lost.
# synchronous_commit=off loses up to 3 x wal_writer_delay of commits when the server
# crashes; fsync=off and full_page_writes=off can lose or corrupt data on power loss.
# ("local", "remote_write" and "remote_apply" still flush the local WAL: they are safe here.)
POSTGRES_DURABLE = {"synchronous_commit": "on", "fsync": "on", "full_page_writes": "on"}
POSTGRES_UNSAFE_VALUES = {
    "synchronous_commit": ("off",),
    "fsync": ("off",),
    "full_page_writes": ("off",),
}


def unsafe_postgres_settings(values: Mapping[str, str]) -> tuple[str, ...]:
    """The settings among ``values`` (name → value as ``SHOW`` prints it) that risk commits.

    >>> unsafe_postgres_settings({"synchronous_commit": "off", "fsync": "on"})
    ('synchronous_commit=off',)
    """
    return tuple(
        f"{name}={values[name]}"
        for name, unsafe in POSTGRES_UNSAFE_VALUES.items()
        if values.get(name, "").lower() in unsafe
    )


def read_postgres_settings(dbapi_connection: Any) -> dict[str, str]:
    """The durability settings a PostgreSQL session runs with, read with ``SHOW``."""
    values = {}
    with dbapi_connection.cursor() as cursor:
        for name in POSTGRES_DURABLE:
            cursor.execute(f"SHOW {name}")
            row = cursor.fetchone()
            values[name] = str(row[0]) if row else ""
    dbapi_connection.rollback()  # SHOW opened a transaction; hand the connection back clean
    return values


def durability_message(unsafe: tuple[str, ...]) -> str:
    """The warning (or refusal) that names each unsafe PostgreSQL setting."""
    fixes = ", ".join(
        f"{item.split('=')[0]}={POSTGRES_DURABLE[item.split('=')[0]]}" for item in unsafe
    )
    return (
        f"PostgreSQL runs with {', '.join(unsafe)}: entries reconnect has saved "
        f"can be lost if the server crashes or loses power. Set {fixes}."
    )


def _postgres_check(*, refuse: bool) -> Any:
    """A connect listener that warns once per engine (or refuses) on unsafe settings."""
    warned: set[tuple[str, ...]] = set()

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        unsafe = unsafe_postgres_settings(read_postgres_settings(dbapi_connection))
        if not unsafe:
            return
        if refuse:
            raise StorageError(
                durability_message(unsafe),
                hint="This profile refuses to run without durable commits.",
            )
        if unsafe not in warned:
            warned.add(unsafe)
            log.warning("Warning: %s", durability_message(unsafe))

    return on_connect


def make_engine(
    url: str, *, refuse_unsafe_postgres: bool = False, tables: frozenset[str] | None = None
) -> Engine:
    """An engine for the URL with reconnect's connection settings applied.

    SQLite files get WAL, ``synchronous=FULL``, foreign keys, a busy timeout and
    secure delete on every connection; their folder is created with mode 0700.
    PostgreSQL connections are checked for settings that lose commits (DUR-4): a
    visible warning naming the setting, or StorageError with ``refuse_unsafe_postgres``
    (for a production profile). ``tables`` names the tables an existing SQLite file may
    hold (default: a journal's); a file with others and no version table of ours is refused.
    """
    parsed = normalise_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        _prepare_sqlite_file(path, tables)
    try:
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ArgumentError, ImportError) as exc:
        raise StorageError(f"cannot use database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    elif parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _postgres_check(refuse=refuse_unsafe_postgres))
    return engine


MAX_ID = 2**63 - 1  # the largest id PostgreSQL's bigint and SQLite's integer can hold


def id_in_range(value: int) -> bool:
    """Whether an id could exist at all; larger or non-positive ids are simply not found."""
    return 0 < value <= MAX_ID


def aware_utc(moment: datetime) -> datetime:
    """A datetime read back from the database, as timezone-aware UTC.

    SQLite returns naive datetimes; everything is stored in UTC.
    """
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def describe_db_error(exc: SQLAlchemyError) -> str:
    """One line explaining a database failure, without SQL or parameters."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        text = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        return text or type(exc.orig).__name__
    return type(exc).__name__


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside one transaction; database failures become StorageError.

    A Ctrl+C in the middle can leave the connection needing a rollback, and the rollback's
    own error must not pass for a database failure: the interrupt is raised again.
    """
    try:
        with engine.begin() as connection:
            yield connection
    except SQLAlchemyError as exc:
        cause: BaseException | None = exc.__context__
        while cause is not None:
            if isinstance(cause, KeyboardInterrupt):
                raise cause from None
            cause = cause.__context__
        raise StorageError(f"database error: {describe_db_error(exc)}") from None
