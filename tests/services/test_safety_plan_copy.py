"""SAFE-9: the safety plan's opt-in copy that opens while the journal is locked.

Off by default: a locked journal's plan needs the passphrase. Turned on, the plan opens
without it, every later save keeps the copy in step, and turning it off deletes it. Runs
on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from alembic import command
from sqlalchemy import inspect, text

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.errors import LockedError
from reconnect.services import safety_plan
from reconnect.services.vault import lock
from reconnect.storage.database import make_engine
from reconnect.storage.migrate import alembic_config

if TYPE_CHECKING:
    from reconnect.services import Services


def locked(database_url: str) -> Services:
    """The journal as a process without the passphrase sees it (the web app after Lock)."""
    built = build_services(Settings(database_url=database_url), unlock_from_environment=False)
    lock(built)
    return built


def test_by_default_a_locked_journal_does_not_show_the_plan(
    services: Services, database_url: str
) -> None:
    safety_plan.save_plan(services, {"reasons": ["my dog Biscuit"]})
    assert not safety_plan.keeps_readable_copy(services)
    other = locked(database_url)
    try:
        with pytest.raises(LockedError):
            safety_plan.plan_or_readable_copy(other)
        assert safety_plan.readable_copy(other) is None
    finally:
        other.close()
    with services.engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM safety_plan_open")).scalar_one()
    assert rows == 0


def test_the_copy_opens_while_locked_and_follows_every_save(
    services: Services, database_url: str
) -> None:
    safety_plan.save_plan(services, {"reasons": ["my dog Biscuit"]})
    safety_plan.set_readable_copy(services, keep=True)
    safety_plan.save_plan(services, {"reasons": ["my dog Biscuit", "the sea in May"]})
    other = locked(database_url)
    try:
        plan, is_copy = safety_plan.plan_or_readable_copy(other)
        assert is_copy
        assert plan.section("reasons") == ("my dog Biscuit", "the sea in May")
        # Reading the copy did not open the journal.
        assert not other.keys.is_open
        with pytest.raises(LockedError):
            safety_plan.get_plan(other)
    finally:
        other.close()


def test_turning_the_copy_off_deletes_it(services: Services, database_url: str) -> None:
    safety_plan.save_plan(services, {"people": ["Ana 07700 900123"]})
    safety_plan.set_readable_copy(services, keep=True)
    with services.engine.connect() as connection:
        stored = connection.execute(text("SELECT readable_plan FROM safety_plan_open")).scalar_one()
    assert "Ana 07700 900123" in stored  # the trade-off the person agreed to
    safety_plan.set_readable_copy(services, keep=False)
    with services.engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM safety_plan_open")).scalar_one()
        sealed = connection.execute(text("SELECT payload FROM safety_plan")).scalar_one()
    assert rows == 0
    assert "Ana" not in sealed  # the plan itself stays encrypted either way
    other = locked(database_url)
    try:
        with pytest.raises(LockedError):
            safety_plan.plan_or_readable_copy(other)
    finally:
        other.close()


def test_an_open_journal_shows_the_plan_itself(services: Services) -> None:
    safety_plan.save_plan(services, {"coping": ["A long walk"]})
    safety_plan.set_readable_copy(services, keep=True)
    plan, is_copy = safety_plan.plan_or_readable_copy(services)
    assert plan.section("coping") == ("A long walk",)
    assert not is_copy


def test_delete_all_removes_the_copy(database_url: str) -> None:
    from tests.conftest import create_journal

    from reconnect.services.datafiles import delete_all

    first = build_services(Settings(database_url=database_url))
    safety_plan.save_plan(first, {"reasons": ["my sister"]})
    safety_plan.set_readable_copy(first, keep=True)
    delete_all(first)
    first.close()
    again = build_services(Settings(database_url=create_journal(database_url)))
    try:
        assert safety_plan.readable_copy(again) is None
        assert not safety_plan.keeps_readable_copy(again)
    finally:
        again.close()


def test_the_migration_adds_the_copy_table_and_takes_it_away(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0007")
            assert "safety_plan_open" not in inspect(connection).get_table_names()
            command.upgrade(config, "head")
            columns = {c["name"] for c in inspect(connection).get_columns("safety_plan_open")}
            assert columns == {"id", "updated_at", "readable_plan"}
            command.downgrade(config, "0007")
            assert "safety_plan_open" not in inspect(connection).get_table_names()
    finally:
        engine.dispose()
