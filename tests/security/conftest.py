"""A journal of 10,000 encrypted entries, made once per test process for the tests that need one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.analysis import Analysis
from reconnect.services import vault_setup
from reconnect.storage import entries as entry_rows
from tests.conftest import TEST_PASSPHRASE

if TYPE_CHECKING:
    from pathlib import Path

START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal file with 10,000 encrypted entries ("entry number N", tagged bulk), encrypted
    with the suite's passphrase. Tests copy it; none may change this file."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    services = build_services(
        Settings(database_url=f"sqlite:///{path}", test_fast_kdf=True, passphrase=None)
    )
    try:
        vault_setup.create_journal(services, TEST_PASSPHRASE)
        # Straight through the repository (no analysis: these tests are about storage).
        with services.transaction() as connection:
            for i in range(10_000):
                entry_rows.add_entry(
                    connection,
                    written_at=START + timedelta(minutes=i),
                    text=f"entry number {i}",
                    tags=("bulk",),
                    people=(),
                    activities=(),
                    analysis=Analysis.from_dict({"analyzer_version": "test"}),
                )
    finally:
        services.close()
    assert not path.with_name(f"{path.name}-wal").exists()  # whole in the one file copied
    return path
