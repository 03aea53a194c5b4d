"""A journal of 10,000 encrypted entries, made once per test run for the tests that need one.

Building it takes about 18 s of one core (10,000 inserts through the repository), so the
xdist workers share one copy: the first to ask builds it under a file lock in the run's
common temporary folder, and the others wait on that lock and reuse the finished file.
"""

from __future__ import annotations

import fcntl
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
def ten_thousand(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A journal file with 10,000 encrypted entries ("entry number N", tagged bulk), encrypted
    with the suite's passphrase. Tests copy it; none may change this file."""
    if worker_id == "master":  # no xdist: this process is the whole run
        return _build(tmp_path_factory.mktemp("big") / "big.db")
    shared = tmp_path_factory.getbasetemp().parent  # one folder for every worker of the run
    path = shared / "ten-thousand.db"
    with (shared / "ten-thousand.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.exists():
            _build(path.with_suffix(".partial")).rename(path)  # whole or absent
    return path


def _build(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a partial file left by an interrupted run
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
