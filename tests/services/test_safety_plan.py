"""SAFE-9: the safety plan is saved whole, encrypted, read back, and refused when hostile.

Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from alembic import command
from sqlalchemy import inspect, text

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.safety_plan import SECTION_KEYS
from reconnect.errors import InputError
from reconnect.services import safety_plan
from reconnect.storage.database import make_engine
from reconnect.storage.migrate import alembic_config, current_revision, head_revision

if TYPE_CHECKING:
    from reconnect.services import Services


def test_a_new_journal_has_an_empty_plan(services: Services) -> None:
    plan = safety_plan.get_plan(services)
    assert plan.is_empty and plan.updated_at is None


def test_a_saved_plan_reads_back_with_each_section_in_order(services: Services) -> None:
    saved = safety_plan.save_plan(
        services,
        {
            "warning_signs": ["  I stop answering   messages ", "", "Sleeping all day"],
            "people": ["Ana 07700 900123"],
            "reasons": ["My niece, Ünïcode ✨"],
        },
    )
    plan = safety_plan.get_plan(services)
    assert plan.section("warning_signs") == ("I stop answering messages", "Sleeping all day")
    assert plan.section("people") == ("Ana 07700 900123",)
    assert plan.section("reasons") == ("My niece, Ünïcode ✨",)
    assert plan.section("coping") == ()
    assert plan.updated_at == saved.updated_at is not None


def test_saving_again_replaces_the_whole_plan(services: Services) -> None:
    safety_plan.save_plan(services, {"coping": ["A long shower"], "people": ["Sam"]})
    safety_plan.save_plan(services, {"coping": ["Music, loud"]})
    plan = safety_plan.get_plan(services)
    assert plan.section("coping") == ("Music, loud",)
    assert plan.section("people") == ()


def test_the_plan_is_not_stored_as_readable_text(services: Services) -> None:
    safety_plan.save_plan(services, {"reasons": ["my dog Biscuit"]})
    with services.engine.connect() as connection:
        stored = connection.execute(text("SELECT payload FROM safety_plan")).scalar_one()
    assert "Biscuit" not in stored


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"coping": ["x" * 100_000]}, "at most 500"),
        ({"coping": ["fine", "bad\x00line"]}, "NUL"),
        ({"people": [f"person {n}" for n in range(21)]}, "at most 20"),
        ({"elsewhere": ["x"]}, "unknown safety-plan section"),
    ],
)
def test_hostile_input_is_refused_and_the_saved_plan_is_kept(
    services: Services, sections: dict[str, list[str]], message: str
) -> None:
    safety_plan.save_plan(services, {"reasons": ["kept"]})
    with pytest.raises(InputError, match=message):
        safety_plan.save_plan(services, sections)
    assert safety_plan.get_plan(services).section("reasons") == ("kept",)


def test_the_migration_adds_the_plan_table_to_an_existing_journal(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
            assert "safety_plan" not in inspect(connection).get_table_names()
            command.upgrade(config, "head")
            columns = {c["name"] for c in inspect(connection).get_columns("safety_plan")}
        assert current_revision(engine) == head_revision()
        assert columns == {"id", "updated_at", "payload", "uid"}
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
            assert "safety_plan" not in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_every_section_has_a_title_and_a_question() -> None:
    from reconnect.domain.safety_plan import SECTIONS

    assert len(SECTION_KEYS) == len(set(SECTION_KEYS)) == 7
    assert all(s.title and s.question.endswith((".", "?")) for s in SECTIONS)


def test_delete_all_removes_the_plan(database_url: str) -> None:
    from tests.conftest import create_journal

    from reconnect.services.datafiles import delete_all

    first = build_services(Settings(database_url=database_url))
    safety_plan.save_plan(first, {"reasons": ["my sister"]})
    delete_all(first)
    first.close()
    again = build_services(Settings(database_url=create_journal(database_url)))
    try:
        assert safety_plan.get_plan(again).is_empty
    finally:
        again.close()
