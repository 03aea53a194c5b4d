"""Bring a database to the newest schema with Alembic, configured in code."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

from reconnect.errors import StorageError
from reconnect.storage.database import describe_db_error
from reconnect.storage.tables import Base

FILE_TEMPLATE = "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s"


def alembic_config() -> Config:
    """The Alembic configuration, with the migrations folder inside the package."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("reconnect.storage").joinpath("migrations"))
    )
    config.set_main_option("file_template", FILE_TEMPLATE)
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of reconnect."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StorageError("no database migrations are shipped (a packaging bug)")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Migrate the database to the newest schema, in one transaction where the backend allows.

    A database that holds tables but no reconnect revision is refused untouched.
    """
    ours = set(Base.metadata.tables) | {"alembic_version"}
    try:
        with engine.begin() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            if revision == head_revision():
                return
            if revision is None:
                foreign = set(inspect(connection).get_table_names()) - ours
                if foreign:
                    raise StorageError(
                        "this database holds tables that are not reconnect's "
                        f"({', '.join(sorted(foreign)[:3])}); it was left untouched",
                        hint="Point --db at a new file or an empty database.",
                    )
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot prepare the database: {describe_db_error(exc)}") from None
