"""Durability: kill -9 loses no acknowledged write; backups and exports are whole; errors clean."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.forked_cli import run_cli
from tests.security import _workers

if TYPE_CHECKING:
    from collections.abc import Iterator

# Real processes, killed with SIGKILL, forked from a server that has already imported
# reconnect and loaded the analyzer, so that each start costs milliseconds, not a second.
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.security._workers"])

WRITER = textwrap.dedent(
    """
    import sys
    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.services import journal

    services = build_services(Settings(database_url=sys.argv[1]))
    # Like a careful client after a crash: carry on after the last entry that is there.
    saved = [int(e.text.split()[-1]) for e in journal.list_entries(services)]
    for n in range(max(saved, default=-1) + 1, int(sys.argv[2])):
        entry = journal.write_entry(services, f"durable entry {n}")
        print(entry.id, n, flush=True)  # only after COMMIT has returned
    """
)


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def _cli(
    url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # What the commands do (backup, export, delete, log) matters here, not their start-up:
    # a forked process (tests/forked_cli.py). The kills and limits below use real starts.
    return run_cli(["--db", url, *args], env=env, timeout=120)


def test_dur2_kill_9_never_loses_an_acknowledged_entry(sqlite_url: str) -> None:
    rng = random.Random(2)
    total, kills = 1_000, 20
    kill_after = sorted(rng.sample(range(1, total), kills))
    acknowledged: dict[int, int] = {}
    for stop_at in [*kill_after, None]:
        receiving, sending = FORKS.Pipe(duplex=False)
        child = FORKS.Process(
            target=_workers.write_until, args=(sqlite_url, TEST_PASSPHRASE, total, sending)
        )
        child.start()
        sending.close()
        while (message := receiving.recv()) is not None:
            entry_id, n = message
            acknowledged[n] = entry_id
            if stop_at is not None and n + 1 >= stop_at:
                child.kill()  # SIGKILL
                # Acknowledgements already in the pipe were sent after their commits: read
                # them too. (Under load the child runs ahead of this loop; dropping them
                # counted acknowledged commits as unacknowledged.)
                child.join(timeout=60)
                while receiving.poll():
                    try:
                        late = receiving.recv()
                    except EOFError:
                        break
                    if late is None:
                        break
                    acknowledged[late[1]] = late[0]
                break
        child.join(timeout=60)
        receiving.close()
        assert _integrity(_path(sqlite_url)) == "ok"
    listed = json.loads(_cli(sqlite_url, "log", "--json").stdout)
    texts = [e["text"] for e in listed]
    assert len(texts) == len(set(texts)), "duplicates"
    saved = {e["id"]: e["text"] for e in listed}
    lost = [n for n, i in acknowledged.items() if saved.get(i) != f"durable entry {n}"]
    assert len(texts) == total
    assert len(acknowledged) >= total - kills  # at most one unacknowledged commit per kill
    assert lost == []


def test_dur7_a_backup_taken_while_another_process_writes_is_whole(
    sqlite_url: str, tmp_path: Path
) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, sqlite_url, "100000"],
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        for _ in range(5):
            writer.stdout.readline()
        backup = tmp_path / "backup.db"
        result = _cli(sqlite_url, "backup", str(backup))
        still_writing = writer.poll() is None
        writer.kill()
    assert result.returncode == 0, result.stderr
    assert still_writing
    assert _integrity(backup) == "ok"
    assert oct(backup.stat().st_mode & 0o777) == oct(0o600)
    opened = _cli(f"sqlite:///{backup}", "log", "--json")
    assert opened.returncode == 0, opened.stderr
    assert len(json.loads(opened.stdout)) >= 5
    wrong = _cli(
        f"sqlite:///{backup}",
        "log",
        env={**os.environ, "RECONNECT_PASSPHRASE": "not it at all"},
    )
    assert "wrong passphrase" in wrong.stderr


def test_dur8_an_export_killed_at_any_moment_is_absent_or_whole(
    sqlite_url: str, tmp_path: Path, ten_thousand: Path
) -> None:
    shutil.copyfile(ten_thousand, _path(sqlite_url))  # 10,000 encrypted entries
    rng = random.Random(8)
    target = tmp_path / "export.json"
    began = time.monotonic()
    child = FORKS.Process(target=_workers.export_to, args=(sqlite_url, TEST_PASSPHRASE, target))
    child.start()
    child.join()
    assert child.exitcode == 0 and len(json.loads(target.read_text())["entries"]) == 10_000
    duration = time.monotonic() - began
    outcomes = {"absent": 0, "complete": 0}
    for _attempt in range(20):
        target.unlink(missing_ok=True)
        child = FORKS.Process(target=_workers.export_to, args=(sqlite_url, TEST_PASSPHRASE, target))
        child.start()
        time.sleep(rng.uniform(0.0, duration * 1.1))
        child.kill()  # SIGKILL; nothing happens if it has already finished
        child.join()
        if target.exists():
            document = json.loads(target.read_text("utf-8"))
            assert len(document["entries"]) == 10_000
            outcomes["complete"] += 1
        else:
            outcomes["absent"] += 1
    assert sum(outcomes.values()) == 20
    # A killed run may leave its private partial file; the next export removes it.
    target.unlink(missing_ok=True)
    assert _cli(sqlite_url, "export", "-o", str(target)).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reconnect-")]


def _folder_digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_dur5_a_full_disk_is_one_clear_line_and_keeps_what_was_saved(sqlite_url: str) -> None:
    assert _cli(sqlite_url, "write", "saved before the disk filled").returncode == 0

    def limit() -> None:
        # No file may grow past 4 KiB: the first page the write needs fails with EFBIG.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    big = "x" * 19_000
    result = subprocess.run(
        [sys.executable, "-m", "reconnect", "--db", sqlite_url, "write", big],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1
    listed = json.loads(_cli(sqlite_url, "log", "--json").stdout)
    assert [e["text"] for e in listed][:1] == ["saved before the disk filled"]
    assert _integrity(_path(sqlite_url)) == "ok"


def test_dur6_damaged_and_foreign_files_are_refused_unchanged(tmp_path: Path) -> None:
    cases = {
        "truncated.db": b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 40,
        "random.db": random.Random(6).randbytes(8192),
    }
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.execute("INSERT INTO recipes VALUES ('soup')")
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for path in [*(tmp_path / n for n in cases), foreign]:
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        result = _cli(f"sqlite:///{path}", "log")
        assert result.returncode != 0, path
        assert "Traceback" not in result.stderr
        assert "left untouched" in result.stderr or "not a SQLite" in result.stderr, result.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_priv3_delete_all_leaves_nothing_a_scan_could_find(sqlite_url: str, tmp_path: Path) -> None:
    canary = "CANARY-delete-all-7Hq2Lx9"
    init_backup = tmp_path / "elsewhere"
    init_backup.mkdir()
    assert _cli(sqlite_url, "write", f"to be deleted {canary}").returncode == 0
    assert _cli(sqlite_url, "backup", str(init_backup / "b.db")).returncode == 0
    assert _cli(sqlite_url, "backup").returncode == 0
    folder = _path(sqlite_url).parent
    result = _cli(sqlite_url, "delete", "--all", "--yes")
    assert result.returncode == 0, result.stderr
    leftovers = [p for p in folder.rglob("*") if p.is_file() and "reconnect" in p.name]
    assert leftovers == []
    assert not (init_backup / "b.db").exists()
    for path in [*folder.rglob("*"), *init_backup.rglob("*")]:
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path


def test_priv4_a_deleted_entry_leaves_no_remnant(sqlite_url: str) -> None:
    canary = "CANARY-priv4-Zq81"
    _cli(sqlite_url, "write", "keep this one")
    _cli(sqlite_url, "write", f"remove this {canary}")
    path = _path(sqlite_url)
    with sqlite3.connect(path) as db:
        sealed = db.execute("SELECT payload FROM entries WHERE id = 2").fetchone()[0]
    assert _cli(sqlite_url, "delete", "2", "--yes").returncode == 0
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for candidate in (path, Path(f"{path}-wal")):
        if candidate.exists():
            data = candidate.read_bytes()
            assert canary.encode() not in data
            assert sealed.encode() not in data
    assert TEST_PASSPHRASE  # the journal was encrypted with the suite's passphrase


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable: chmod, and for root (it ignores modes) chattr +i."""
    mode = path.stat().st_mode & 0o777
    path.chmod(0o500 if path.is_dir() else 0o400)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_dur5_a_read_only_journal_is_one_clear_line_and_stays_intact(
    what: str, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    url = f"sqlite:///{folder / 'r.db'}"
    assert _cli(url, "init").returncode == 0
    assert _cli(url, "write", "kept safe").returncode == 0
    path = _path(url)
    assert sorted(p.name for p in folder.iterdir()) == ["r.db"]  # cleanly closed, no -wal
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with _read_only(path if what == "file" else folder):
        result = _cli(url, "write", "refused")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    listed = json.loads(_cli(url, "log", "--json").stdout)
    assert [e["text"] for e in listed] == ["kept safe"]
