"""Server mode's job queue: procrastinate on the server's PostgreSQL, in a schema of its own.

The web processes defer jobs by name; ``reconnect worker`` (any number of them, on any
machine that reaches the database) runs them (``reconnect.worker``). A job's arguments
are stored in the database, so none ever carries a key or any journal content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from reconnect.errors import StorageError
from reconnect.storage.database import describe_db_error, normalise_url

if TYPE_CHECKING:
    import procrastinate
    from sqlalchemy import Engine

JOBS_SCHEMA = "jobs"


def conninfo(url: str) -> str:
    """A libpq connection string for the queue: the server's database, its schema first."""
    parsed = normalise_url(url).set(drivername="postgresql")
    query = dict(parsed.query)
    query["options"] = f"-csearch_path={JOBS_SCHEMA}"
    return parsed.set(query=query).render_as_string(hide_password=False)


def install_schema(engine: Engine) -> bool:
    """Create the queue's tables (once); True when they were made now."""
    from procrastinate.schema import SchemaManager

    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{JOBS_SCHEMA}"'))
            exists = connection.execute(
                text(
                    "SELECT 1 FROM information_schema.tables "
                    "WHERE table_schema = :schema AND table_name = 'procrastinate_jobs'"
                ),
                {"schema": JOBS_SCHEMA},
            ).first()
            if exists:
                return False
            connection.execute(text(f'SET LOCAL search_path TO "{JOBS_SCHEMA}"'))
            connection.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot prepare the job queue: {describe_db_error(exc)}") from None
    return True


def make_app(url: str) -> procrastinate.App:
    """A procrastinate app on the server's database (not opened)."""
    import procrastinate

    connector = procrastinate.PsycopgConnector(conninfo=conninfo(url))
    return procrastinate.App(connector=connector)


class JobQueue:
    """Defers jobs by task name through a synchronous connection pool."""

    def __init__(self, url: str) -> None:
        self._app = make_app(url)
        self._opened = False

    def defer(self, task: str, **arguments: Any) -> int:
        """Queue one job; its id. StorageError when the database refuses."""
        if not self._opened:
            self._app.open()
            self._opened = True
        try:
            job_id: int = self._app.configure_task(task).defer(**arguments)
        except Exception as exc:  # procrastinate wraps psycopg errors in its own
            raise StorageError(f"cannot queue a job: {type(exc).__name__}") from None
        return job_id

    def close(self) -> None:
        """Release the queue's connections."""
        if self._opened:
            self._app.close()
            self._opened = False
