"""``reconnect worker`` on the real PostgreSQL: a deleted account's journal is deleted by a
job, and a worker killed mid-job loses nothing (another worker finishes the job)."""

from __future__ import annotations

import signal
import time
from typing import TYPE_CHECKING

import psycopg
import pytest

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.services import accounts
from tests.forked_cli import run_cli, start_cli
from tests.server.conftest import People

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from reconnect.services.server import ServerServices

DEADLINE = 90.0


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll until ``condition`` holds (an event, not a fixed sleep), failing at the deadline."""
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _job_states(url: str, task: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT status FROM jobs.procrastinate_jobs WHERE task_name = %s ORDER BY id", (task,)
        ).fetchall()
    return [str(row[0]) for row in rows]


@pytest.fixture
def pg_server(server_postgres_url: str) -> Iterator[ServerServices]:
    """Server-mode services on a fresh PostgreSQL database (the worker needs PostgreSQL)."""
    built = build_server(Settings(server_database_url=server_postgres_url, test_fast_kdf=True))
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def pg_people(pg_server: ServerServices) -> People:
    return People(pg_server, {})


def _start_worker(url: str, log: Path) -> object:
    with log.open("a") as handle:  # the child has its own copy of the descriptor
        return start_cli(
            ["worker", "--server-db", url, "--stalled-after", "2"],
            stdout=handle.fileno(),
            stderr=handle.fileno(),
        )


def test_a_deleted_accounts_journal_is_deleted_by_the_worker(
    server_postgres_url: str, pg_server: ServerServices, pg_people: People, tmp_path: Path
) -> None:
    pg_people.add("alex")
    journal = accounts.find_account(pg_server, "alex").journal
    deleted = run_cli(["users", "delete", "alex", "--yes", "--server-db", server_postgres_url])
    assert deleted.returncode == 0, deleted.stderr
    assert "reconnect worker" in deleted.stdout
    assert journal in pg_server.db.journal_names()  # unreachable, but not gone until a job runs

    worker = _start_worker(server_postgres_url, tmp_path / "worker.log")
    try:
        _wait_until(lambda: journal not in pg_server.db.journal_names(), "the journal to go")
        _wait_until(
            lambda: _job_states(server_postgres_url, "reconnect.drop_journal") == ["succeeded"],
            "the job to be marked done",
        )
    finally:
        worker.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        worker.wait(30)  # type: ignore[attr-defined]


def test_a_worker_killed_mid_job_loses_nothing(
    server_postgres_url: str, pg_server: ServerServices, pg_people: People, tmp_path: Path
) -> None:
    pg_people.add("alex")
    pg_people.add("sam")
    journal = accounts.find_account(pg_server, "alex").journal
    log = tmp_path / "worker.log"
    # Hold a table of alex's journal, so the job's DROP SCHEMA waits: the job is "doing".
    blocker = psycopg.connect(server_postgres_url)
    blocker.execute(f'LOCK TABLE "{journal}".entries IN ACCESS SHARE MODE')
    first = _start_worker(server_postgres_url, log)
    try:
        assert not accounts.delete_account(pg_server, "alex")  # queued, not done
        _wait_until(
            lambda: _job_states(server_postgres_url, "reconnect.drop_journal") == ["doing"],
            "the job to start",
        )
        first.kill()  # type: ignore[attr-defined]
        first.wait(30)  # type: ignore[attr-defined]
    finally:
        blocker.rollback()
        blocker.close()
    assert journal in pg_server.db.journal_names()  # the killed worker did not finish

    second = _start_worker(server_postgres_url, log)
    try:
        _wait_until(lambda: journal not in pg_server.db.journal_names(), "the retried job")
        assert accounts.find_account(pg_server, "sam").journal in pg_server.db.journal_names()
    finally:
        second.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        second.wait(30)  # type: ignore[attr-defined]


def test_the_worker_refuses_sqlite_with_a_clear_message(server_sqlite_url: str) -> None:
    result = run_cli(["worker", "--server-db", server_sqlite_url])
    assert result.returncode == 2
    assert "needs PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr
