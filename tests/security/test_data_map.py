"""PRIV-7: docs/data-map.md lists every database column, with its purpose and how it is stored."""

from __future__ import annotations

from sqlalchemy import inspect

from reconnect.storage.database import make_engine
from reconnect.storage.migrate import upgrade_to_head
from tests.conftest import REPO_ROOT


def _documented() -> dict[tuple[str, str], tuple[str, str]]:
    rows = {}
    for line in (REPO_ROOT / "docs" / "data-map.md").read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("table", "---"):
            rows[(cells[0], cells[1])] = (cells[2], cells[3])
    return rows


def test_every_column_of_the_migrated_database_is_in_the_data_map(empty_sqlite_url: str) -> None:
    engine = make_engine(empty_sqlite_url)
    upgrade_to_head(engine)
    inspector = inspect(engine)
    actual = {
        (table, column["name"])
        for table in inspector.get_table_names()
        for column in inspector.get_columns(table)
    }
    engine.dispose()
    documented = _documented()
    assert actual - set(documented) == set(), "columns missing from docs/data-map.md"
    assert set(documented) - actual == set(), "docs/data-map.md lists columns that do not exist"
    for (table, column), (purpose, stored) in documented.items():
        assert purpose, (table, column)
        assert stored.startswith(("plaintext", "sealed")), (table, column, stored)


def test_every_payload_column_is_sealed() -> None:
    documented = _documented()
    payloads = {key: value for key, value in documented.items() if key[1] in ("payload", "wrapped")}
    assert payloads and all(stored == "sealed" for _purpose, stored in payloads.values())
