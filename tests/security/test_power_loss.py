"""DUR-10, as far as it can be simulated here: what reaches the disk before reconnect says "done".

LazyFS (which drops the page cache after a crash) is not available, so these tests read
the system calls instead, with ``strace``: a power cut keeps exactly what was synced.
With ``synchronous=FULL`` the WAL must be synced after its last write and before the
entry is shown; with ``NORMAL`` SQLite returns first (that is what NORMAL can lose).
Files written by replacing a temporary file must sync the file before the rename and
the folder after it. docs/durability.md says what power loss can and cannot cost.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.storage.database import SQLITE_PRAGMAS
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from pathlib import Path

# scripts/test installs strace; without it these tests fail rather than skip.
STRACE = shutil.which("strace")
CALLS = "write,pwrite64,fsync,fdatasync,rename,renameat,renameat2"
LINE = re.compile(r"^(?P<pid>\d+)\s+(?P<call>\w+)\((?P<args>.*)\)\s+=\s+(?P<result>-?\d+)")
SYNC = ("fsync", "fdatasync")


@dataclass(frozen=True)
class Call:
    pid: int
    name: str
    args: str

    def on(self, suffix: str) -> bool:
        """Whether the call's first argument is a descriptor whose path ends with ``suffix``."""
        first = self.args.split(",", 1)[0]
        return first.endswith(f"{suffix}>")


def _trace(tmp_path: Path, argv: list[str]) -> list[Call]:
    """Run argv under strace (-f, paths shown for descriptors); the calls that succeeded."""
    log = tmp_path / "strace.txt"
    assert STRACE is not None, "strace is not installed (scripts/test installs it)"
    result = subprocess.run(
        [STRACE, "-f", "-y", "-qq", "-s", "64", "-e", f"trace={CALLS}", "-o", str(log), *argv],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    calls = []
    for line in log.read_text("utf-8", "replace").splitlines():
        found = LINE.match(line)
        if found and int(found["result"]) >= 0:
            calls.append(Call(int(found["pid"]), found["call"], found["args"]))
    return calls


def _cli(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "reconnect", "--db", url, *args]


def _acknowledged(calls: list[Call], fd: int, words: str) -> int:
    """The index of the write that tells the person it is done."""
    for index, call in enumerate(calls):
        if call.name == "write" and call.args.startswith(f"{fd}<") and words in call.args:
            return index
    raise AssertionError(f"no write of {words!r} on fd {fd}")


def _wal_synced_before(calls: list[Call], ack: int) -> bool:
    """Whether the WAL was synced after its last write and before ``ack``."""
    pid = calls[ack].pid
    mine = [(i, c) for i, c in enumerate(calls[:ack]) if c.pid == pid]
    writes = [i for i, c in mine if c.name == "pwrite64" and c.on("-wal")]
    assert writes, "the commit wrote nothing to the WAL"
    return any(c.name in SYNC and c.on("-wal") and i > writes[-1] for i, c in mine)


def test_dur10_an_entry_is_synced_to_disk_before_it_is_shown(
    sqlite_url: str, tmp_path: Path
) -> None:
    calls = _trace(tmp_path, _cli(sqlite_url, "write", "kept through a power cut"))
    ack = _acknowledged(calls, 1, "Entry 1")
    assert _wal_synced_before(calls, ack)


@pytest.mark.parametrize(
    ("level", "synced"),
    [pytest.param("FULL", True, id="full"), pytest.param("NORMAL", False, id="normal")],
)
def test_dur10_what_normal_would_lose(tmp_path: Path, level: str, synced: bool) -> None:
    """The report RELIABILITY.md asks for: under NORMAL a WAL commit returns unsynced."""
    probe = (
        "import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA journal_mode=WAL')\n"
        f"db.execute('PRAGMA synchronous={level}')\n"
        "db.execute('CREATE TABLE t (x TEXT)')\n"
        "db.execute(\"INSERT INTO t VALUES ('committed')\")\n"
        "sys.stdout.write('acknowledged\\n'); sys.stdout.flush()\n"
        "db.close()\n"
    )
    calls = _trace(tmp_path, [sys.executable, "-c", probe, str(tmp_path / "probe.db")])
    ack = _acknowledged(calls, 1, "acknowledged")
    assert _wal_synced_before(calls, ack) is synced


def _replaced_durably(calls: list[Call], target: Path, ack: int) -> None:
    """The temp file synced before its rename onto target; the folder synced after; then ack."""
    renames = [
        (i, c)
        for i, c in enumerate(calls[:ack])
        if c.name.startswith("rename") and f'"{target}"' in c.args
    ]
    assert len(renames) == 1, [c for _, c in renames]
    at, rename = renames[0]
    temp = re.findall(r'"([^"]+)"', rename.args)[0]
    assert any(c.name in SYNC and c.on(temp) for c in calls[:at]), "file not synced before rename"
    folder = str(target.parent)
    assert any(c.name in SYNC and c.on(folder) for c in calls[at:ack]), "folder not synced"


def test_dur10_an_export_is_on_disk_with_its_name_before_it_is_announced(
    sqlite_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    calls = _trace(tmp_path, _cli(sqlite_url, "export", "--format", "json", "-o", str(target)))
    _replaced_durably(calls, target, _acknowledged(calls, 2, "Exported"))


def test_dur10_a_backup_is_on_disk_with_its_name_before_it_is_announced(
    sqlite_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "copy.db"
    target.parent.mkdir()
    calls = _trace(tmp_path, _cli(sqlite_url, "backup", str(target)))
    _replaced_durably(calls, target, _acknowledged(calls, 2, "Backup written"))


EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "secure_delete": 1,
}


def _pragmas(connection: object) -> dict[str, object]:
    return {
        name: connection.execute(text(f"PRAGMA {name}")).scalar()  # type: ignore[attr-defined]
        for name in EXPECTED
    }


def test_dur10_the_pragmas_list_is_what_the_tests_expect() -> None:
    set_ = {p.split()[1].split("=")[0].lower() for p in SQLITE_PRAGMAS}
    assert set_ == set(EXPECTED)


def test_dur10_every_connection_of_the_cli_and_web_engines_is_durable(sqlite_url: str) -> None:
    """DUR-1 on every pooled connection: several open at once, and new ones after a dispose."""
    settings = Settings(database_url=sqlite_url, passphrase=None)
    cli_services = build_services(settings)
    try:
        with TestClient(create_app(settings)) as client:
            web_engine = client.app.state.services.engine  # type: ignore[attr-defined]
            for engine in (cli_services.engine, web_engine):
                for _round in range(2):
                    held = [engine.connect() for _ in range(3)]
                    try:
                        assert [_pragmas(c) for c in held] == [EXPECTED] * 3
                    finally:
                        for connection in held:
                            connection.close()
                    engine.dispose()
    finally:
        cli_services.close()


def test_dur10_a_second_process_sees_an_entry_as_soon_as_it_is_acknowledged(
    sqlite_url: str,
) -> None:
    """The acknowledged entry is in the database files, not only in the writer's memory."""
    env = {**os.environ}
    written = subprocess.run(
        _cli(sqlite_url, "write", "seen by the next process"),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert "seen by the next process" in written.stdout
    shown = subprocess.run(
        _cli(sqlite_url, "log", "--search", "next process"),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert "seen by the next process" in shown.stdout
