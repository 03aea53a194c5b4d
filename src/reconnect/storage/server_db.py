"""Where server mode keeps things: its own tables, and one journal per account.

On PostgreSQL the server's tables live in the schema ``server`` and each account's journal
in its own schema (``j_<random>``), reached through one shared connection pool: a
journal's engine is the shared engine with a ``schema_translate_map``, so every statement
it runs names that schema and no other (docs/decisions/0010-*). On SQLite (one process,
a household) the server's tables are one file and each journal is a file beside it.
"""

from __future__ import annotations

import re
import secrets
from collections import OrderedDict
from contextlib import contextmanager
from importlib import resources
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from reconnect.errors import StorageError
from reconnect.storage import together_tables as _together  # noqa: F401 - registers tables
from reconnect.storage.database import describe_db_error, make_engine, normalise_url, sqlite_path
from reconnect.storage.migrate import alembic_config, upgrade_to_head
from reconnect.storage.server_tables import ServerBase

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SERVER_SCHEMA = "server"
JOURNAL_NAME = re.compile(r"^j_[0-9a-f]{24}$")
MAX_OPEN_SQLITE_JOURNALS = 64
SERVER_TABLES = frozenset(ServerBase.metadata.tables) | {"server_alembic_version"}


def new_journal_name() -> str:
    """A fresh, unguessable name for an account's journal (schema or file stem)."""
    return f"j_{secrets.token_hex(12)}"


def _check_name(name: str) -> str:
    # Names go into DDL (CREATE SCHEMA) and file paths: only our own shape is accepted.
    if not JOURNAL_NAME.fullmatch(name):
        raise StorageError(f"not a journal name: {name[:50]!r}")
    return name


def server_alembic_config() -> Config:
    """The Alembic configuration of the server's own tables."""
    config = Config()
    config.set_main_option(
        "script_location",
        str(resources.files("reconnect.storage").joinpath("server_migrations")),
    )
    return config


def server_head() -> str:
    """The newest server-table revision shipped with this version."""
    head = ScriptDirectory.from_config(server_alembic_config()).get_current_head()
    if head is None:
        raise StorageError("no server migrations are shipped (a packaging bug)")
    return head


class ServerDatabase:
    """The server's engine, its migrations, and an engine per account journal."""

    def __init__(self, url: str) -> None:
        parsed = normalise_url(url)
        self.backend = parsed.get_backend_name()
        if self.backend not in ("sqlite", "postgresql"):
            raise StorageError(f"server mode runs on SQLite or PostgreSQL, not {self.backend}")
        self._base = make_engine(url, tables=SERVER_TABLES)
        self._folder: Path | None = None
        self._open_journals: OrderedDict[str, Engine] = OrderedDict()
        if self.backend == "sqlite":
            path = sqlite_path(parsed)
            if path is None:
                self._base.dispose()
                raise StorageError("server mode on SQLite needs a file, not an in-memory database")
            self._folder = path.parent / "journals"
            self.engine = self._base
        else:
            self.engine = self._base.execution_options(schema_translate_map={None: SERVER_SCHEMA})

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgresql"

    @contextmanager
    def _scoped(self, engine: Engine, schema: str | None) -> Iterator[Connection]:
        """A transaction whose unqualified names resolve in ``schema`` (migrations and checks,
        which inspect the catalog and so cannot rely on the translate map alone)."""
        with engine.begin() as connection:
            if schema is not None:
                connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
            yield connection

    def migrate(self) -> None:
        """Bring the server's tables to the newest revision."""
        try:
            if self.is_postgres:
                with self._base.begin() as connection:
                    connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{SERVER_SCHEMA}"'))
            with self._scoped(self._base, SERVER_SCHEMA if self.is_postgres else None) as conn:
                if self._revision(conn, "server_alembic_version") == server_head():
                    return
                config = server_alembic_config()
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot prepare the server: {describe_db_error(exc)}") from None

    @staticmethod
    def _revision(connection: Connection, table: str) -> str | None:
        context = MigrationContext.configure(connection, opts={"version_table": table})
        return context.get_current_revision()

    def install_job_queue(self) -> None:
        """PostgreSQL: make the job queue's tables in their own schema (once)."""
        from reconnect.storage.job_queue import install_schema

        install_schema(self._base)

    def server_revision(self) -> str | None:
        """The server tables' revision, or None before the first migration."""
        try:
            with self._scoped(self._base, SERVER_SCHEMA if self.is_postgres else None) as conn:
                return self._revision(conn, "server_alembic_version")
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot read the server: {describe_db_error(exc)}") from None

    def journal_engine(self, name: str) -> Engine:
        """The engine an account's journal is read and written through."""
        _check_name(name)
        if self.is_postgres:
            return self._base.execution_options(schema_translate_map={None: name})
        engine = self._open_journals.get(name)
        if engine is None:
            assert self._folder is not None
            engine = make_engine(f"sqlite:///{self._folder / f'{name}.sqlite3'}")
            self._open_journals[name] = engine
            while len(self._open_journals) > MAX_OPEN_SQLITE_JOURNALS:
                self._open_journals.popitem(last=False)[1].dispose()
        else:
            self._open_journals.move_to_end(name)
        return engine

    def create_journal_storage(self, name: str) -> Engine:
        """Make an empty journal for a new account, migrated to the newest schema."""
        engine = self.journal_engine(name)
        if not self.is_postgres:
            upgrade_to_head(engine)
            return engine
        try:
            with self._scoped(self._base, None) as connection:
                connection.execute(text(f'CREATE SCHEMA "{name}"'))
                connection.execute(text(f'SET LOCAL search_path TO "{name}"'))
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot create a journal: {describe_db_error(exc)}") from None
        return engine

    def upgrade_journal(self, name: str) -> bool:
        """Bring an account's journal to the newest schema (after an upgrade of reconnect);
        True when it had to be migrated. Runs at login, before the journal is opened."""
        _check_name(name)
        if not self.is_postgres:
            engine = self.journal_engine(name)
            from reconnect.storage.migrate import current_revision, head_revision

            if current_revision(engine) == head_revision():
                return False
            upgrade_to_head(engine)
            return True
        from reconnect.storage.migrate import head_revision

        try:
            with self._scoped(self._base, name) as connection:
                if self._revision(connection, "alembic_version") == head_revision():
                    return False
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot migrate a journal: {describe_db_error(exc)}") from None
        return True

    def drop_journal_storage(self, name: str) -> None:
        """Delete an account's journal and everything in it."""
        _check_name(name)
        if self.is_postgres:
            try:
                with self._base.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            except SQLAlchemyError as exc:
                raise StorageError(f"cannot delete a journal: {describe_db_error(exc)}") from None
            return
        engine = self._open_journals.pop(name, None)
        if engine is not None:
            engine.dispose()
        assert self._folder is not None
        for suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm"):
            (self._folder / f"{name}{suffix}").unlink(missing_ok=True)

    def journal_names(self) -> list[str]:
        """Every journal this database holds (schemas or files), for checks and clean-up."""
        if self.is_postgres:
            with self._base.connect() as connection:
                rows = connection.execute(
                    text("SELECT schema_name FROM information_schema.schemata")
                ).scalars()
                return sorted(name for name in rows if JOURNAL_NAME.fullmatch(name))
        assert self._folder is not None
        if not self._folder.is_dir():
            return []
        return sorted(
            p.stem for p in self._folder.glob("j_*.sqlite3") if JOURNAL_NAME.fullmatch(p.stem)
        )

    def ping(self) -> None:
        """StorageError unless the database answers."""
        try:
            with self._base.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise StorageError(f"the database does not answer: {describe_db_error(exc)}") from None

    def dispose(self) -> None:
        """Release every connection."""
        for engine in self._open_journals.values():
            engine.dispose()
        self._open_journals.clear()
        self._base.dispose()
