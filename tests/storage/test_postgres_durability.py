"""DUR-4: reconnect warns (or refuses) when PostgreSQL would lose acknowledged commits.

Checked on the real server: ``synchronous_commit`` is set per session here (through the
connection's ``options``, as a user could by mistake), per role and per database, in a
database this test creates. ``fsync`` and ``full_page_writes`` are server-wide, so the
check's logic is tested on the values the real server reports, and on a mapping.
"""

from __future__ import annotations

import logging
import os
import uuid
from typing import TYPE_CHECKING

import psycopg
import pytest
from sqlalchemy import text
from tests.conftest import POSTGRES_ADMIN_URL
from tests.forked_cli import run_cli

from reconnect.errors import StorageError
from reconnect.storage.database import (
    make_engine,
    read_postgres_settings,
    unsafe_postgres_settings,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


def _with_option(url: str, option: str) -> str:
    """The URL with one more ``-c name=value`` server option for the session."""
    encoded = option.replace("=", "%3D")
    if "options=" in url:
        return url.replace("options=", f"options=-c{encoded}%20", 1)
    return f"{url}{'&' if '?' in url else '?'}options=-c{encoded}"


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "reconnect.storage" and r.levelno >= logging.WARNING
    ]


def _touch(url: str, caplog: pytest.LogCaptureFixture, *, refuse: bool = False) -> list[str]:
    caplog.clear()
    engine = make_engine(url, refuse_unsafe_postgres=refuse)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
        with engine.connect() as connection:  # a second checkout: still one warning
            connection.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    return _warnings(caplog)


def test_a_durable_server_gives_no_warning(
    empty_postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert _touch(empty_postgres_url, caplog) == []


def test_a_session_with_synchronous_commit_off_is_warned_once_by_name(
    empty_postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = _with_option(empty_postgres_url, "synchronous_commit=off")
    found = _touch(url, caplog)
    assert len(found) == 1
    assert "synchronous_commit=off" in found[0]
    assert "Set synchronous_commit=on" in found[0]


def test_synchronous_commit_local_is_still_durable_on_this_server(
    empty_postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert _touch(_with_option(empty_postgres_url, "synchronous_commit=local"), caplog) == []


def test_the_production_profile_refuses_and_names_the_setting(
    empty_postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = _with_option(empty_postgres_url, "synchronous_commit=off")
    with pytest.raises(StorageError, match=r"synchronous_commit=off") as caught:
        _touch(url, caplog, refuse=True)
    assert caught.value.hint is not None and "refuses" in caught.value.hint


@pytest.fixture
def careless_database() -> Iterator[str]:
    """A new database whose role and database both default to synchronous_commit=off."""
    name = f"dur4_{uuid.uuid4().hex[:12]}"
    role = f"{name}_role"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute(f'CREATE ROLE "{role}" LOGIN SUPERUSER')
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    host = POSTGRES_ADMIN_URL.split("@", 1)[1].rsplit("/", 1)[0]
    try:
        yield f"postgresql://{role}@{host}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE "{role}"')


def test_a_database_set_to_synchronous_commit_off_is_warned(
    careless_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    found = _touch(careless_database, caplog)
    assert len(found) == 1 and "synchronous_commit=off" in found[0]


def test_the_command_line_shows_the_warning_on_standard_error(careless_database: str) -> None:
    """What a person sees: the warning line on stderr, naming the setting; the command runs."""
    env = {**os.environ, "RECONNECT_DATABASE_URL": careless_database}
    result = run_cli(["init"], env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "synchronous_commit" in line]
    assert len(lines) == 1
    assert lines[0].startswith("Warning: PostgreSQL runs with synchronous_commit=off")
    assert "Traceback" not in result.stderr


def test_the_check_reads_the_servers_real_fsync_and_full_page_writes(
    empty_postgres_url: str,
) -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL) as direct:
        real = {
            name: str(direct.execute(f"SHOW {name}").fetchone()[0])  # type: ignore[index]
            for name in ("fsync", "full_page_writes", "synchronous_commit")
        }
    with psycopg.connect(empty_postgres_url.split("?", 1)[0]) as conn:
        read = read_postgres_settings(conn)
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert read == real
    expected = tuple(
        f"{name}=off"
        for name in ("synchronous_commit", "fsync", "full_page_writes")
        if real[name] == "off"
    )
    assert unsafe_postgres_settings(read) == expected


@pytest.mark.parametrize(
    ("values", "unsafe"),
    [
        pytest.param({"synchronous_commit": "on", "fsync": "on"}, (), id="durable"),
        pytest.param({"synchronous_commit": "remote_apply", "fsync": "on"}, (), id="remote"),
        pytest.param({"synchronous_commit": "on", "fsync": "off"}, ("fsync=off",), id="fsync"),
        pytest.param(
            {"synchronous_commit": "OFF", "fsync": "off", "full_page_writes": "off"},
            ("synchronous_commit=OFF", "fsync=off", "full_page_writes=off"),
            id="all-three",
        ),
    ],
)
def test_each_unsafe_setting_is_named(values: dict[str, str], unsafe: tuple[str, ...]) -> None:
    assert unsafe_postgres_settings(values) == unsafe


def test_sqlite_is_not_checked_for_postgres_settings(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert _touch(sqlite_url, caplog) == []
