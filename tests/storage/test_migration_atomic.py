"""DUR-9: a migration step that fails leaves the database at its old revision, data intact."""

from __future__ import annotations

import shutil
from importlib import resources
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import inspect

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.errors import StorageError
from reconnect.services import journal
from reconnect.storage import migrate
from reconnect.storage.database import make_engine

if TYPE_CHECKING:
    from pathlib import Path

    from alembic.config import Config

FAILING_STEP = '''"""A step that creates a table, then fails.

Revision ID: 9999
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    op.execute("UPDATE entries SET payload = 'overwritten'")
    op.execute("SELECT no_such_column FROM no_such_table")


def downgrade() -> None:
    op.drop_table("half_done")
'''


def test_a_failing_migration_changes_nothing(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = build_services(Settings(database_url=database_url))
    journal.write_entry(services, "written before the upgrade")
    services.close()
    old_head = migrate.head_revision()

    shipped = resources.files("reconnect.storage").joinpath("migrations")
    copy = tmp_path / "migrations"
    shutil.copytree(str(shipped), copy)
    (copy / "versions" / "9999_failing.py").write_text(FAILING_STEP.format(down=old_head))

    real = migrate.alembic_config
    monkeypatch.setattr(migrate, "alembic_config", lambda: _with_location(real(), copy))
    engine = make_engine(database_url)
    with pytest.raises(StorageError, match="cannot prepare the database"):
        migrate.upgrade_to_head(engine)
    assert migrate.current_revision(engine) == old_head
    with engine.connect() as connection:
        assert "half_done" not in inspect(connection).get_table_names()
    engine.dispose()
    monkeypatch.setattr(migrate, "alembic_config", real)
    services = build_services(Settings(database_url=database_url))
    assert [e.text for e in journal.list_entries(services)] == ["written before the upgrade"]
    services.close()


def _with_location(config: Config, folder: Path) -> Config:
    config.set_main_option("script_location", str(folder))
    return config
