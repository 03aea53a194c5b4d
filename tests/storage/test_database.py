"""The database layer: connection settings, migrations, and refusing files that are not ours."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from reconnect.errors import StorageError
from reconnect.storage.database import make_engine, normalise_url
from reconnect.storage.migrate import current_revision, head_revision, upgrade_to_head
from reconnect.storage.tables import Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlite_connections_get_the_durable_pragmas(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        values = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "secure_delete",
            )
        }
    engine.dispose()
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "secure_delete": 1,
    }


def test_the_data_folder_is_created_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    engine = make_engine(f"sqlite:///{folder / 'r.db'}")
    upgrade_to_head(engine)
    engine.dispose()
    assert folder.is_dir()
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_the_database_files_are_private(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade_to_head(engine)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with engine.connect() as connection:  # keeps -wal and -shm in place
        connection.exec_driver_sql("SELECT count(*) FROM selfcheck_results")
        modes = {
            p.name: oct(p.stat().st_mode & 0o777)
            for p in path.parent.iterdir()
            if p.name.startswith(path.name)
        }
    engine.dispose()
    assert modes == {
        name: oct(0o600) for name in (path.name, f"{path.name}-wal", f"{path.name}-shm")
    }


def test_migrating_a_blank_database_reaches_head_and_matches_the_models(
    empty_database_url: str,
) -> None:
    database_url = empty_database_url
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert differences == []
    assert tables == {
        "alembic_version",
        "selfcheck_results",
        "selfcheck_drafts",
        "entries",
        "checkins",
        "practice_log",
        "reminders",
        "safety_plan",
        "safety_plan_open",
        "vault",
        "key_slots",
        "data_keys",
    }


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_both_postgres_url_spellings_use_psycopg() -> None:
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(os.urandom(4096))
    before = _digest(path)
    with pytest.raises(StorageError, match="not a SQLite database"):
        make_engine(f"sqlite:///{path}")
    assert _digest(path) == before


def test_a_truncated_database_is_refused_untouched(tmp_path: Path, sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade_to_head(engine)
    engine.dispose()
    source = Path(sqlite_url.removeprefix("sqlite:///"))
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(source.read_bytes()[:1500])
    before = _digest(damaged)
    with pytest.raises(StorageError):
        upgrade_to_head(make_engine(f"sqlite:///{damaged}"))
    assert _digest(damaged) == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    before = _digest(path)
    with pytest.raises(StorageError, match="not reconnect's"):
        upgrade_to_head(make_engine(f"sqlite:///{path}"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == [
            ("recipes",)
        ]
    assert _digest(path) == before


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        make_engine(f"sqlite:///{tmp_path}")


def test_a_folder_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        make_engine(f"sqlite:///{blocker / 'data' / 'r.db'}")


def test_a_read_only_filesystem_is_refused() -> None:
    # /proc is read-only even for root, so this holds whoever runs the tests.
    with pytest.raises(StorageError):
        make_engine("sqlite:////proc/reconnect-test/r.db")


def test_an_unreachable_postgres_server_is_one_clear_error() -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(StorageError, match="cannot prepare the database"):
        upgrade_to_head(engine)


def test_writes_are_visible_to_a_second_connection(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO selfcheck_drafts (instrument_id, updated_at, payload) "
                "VALUES ('x', CURRENT_TIMESTAMP, '{}')"
            )
        )
    other = make_engine(database_url)
    with other.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM selfcheck_drafts")).scalar() == 1
    other.dispose()
    engine.dispose()
