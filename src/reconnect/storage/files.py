"""The database's files: an online backup of a SQLite journal, and removing everything."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from reconnect.errors import InputError, StorageError
from reconnect.storage.database import normalise_url, sqlite_path, transaction
from reconnect.storage.tables import Base

if TYPE_CHECKING:
    from sqlalchemy import Engine

BACKUP_LIST = "reconnect-backups.json"  # beside the database: the backups reconnect made
SIDE_FILES = ("-wal", "-shm", "-journal")


def _sqlite_file(url: str, doing: str) -> Path:
    path = sqlite_path(normalise_url(url))
    if path is None:
        raise StorageError(
            f"{doing} works on a SQLite journal file",
            hint="For PostgreSQL, use the server's own tools (pg_dump) and its access controls.",
        )
    return path


def backup_sqlite(url: str, target: Path) -> Path:
    """Copy the journal with SQLite's online backup API: consistent while others write (DUR-7).

    The copy is written to a private temporary file, checked, then renamed into
    place, so ``target`` is either absent or a complete database (mode 0600).
    """
    source_path = _sqlite_file(url, "backup")
    if not source_path.exists():
        raise StorageError(f"there is no journal at {source_path} to back up")
    target = target.expanduser().resolve()
    if target.exists():
        raise InputError(f"{target} already exists", hint="Choose a new file name.")
    folder = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".reconnect-backup-", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write in {folder}: {exc.strerror}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(temp)
        try:
            source.execute("PRAGMA busy_timeout=5000")
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StorageError("the backup copy failed its integrity check; nothing was kept")
        finally:
            copy.close()
            source.close()
        with temp.open("rb+") as out:
            os.fsync(out.fileno())
        os.replace(temp, target)
        sync_folder(folder)  # DUR-10: the rename itself survives a power cut
    except sqlite3.Error as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(f"the backup failed: {exc}") from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageError(f"the backup failed: {exc.strerror}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _remember_backup(source_path, target)
    return target


def _backup_list(source_path: Path) -> Path:
    return source_path.parent / BACKUP_LIST


def _remember_backup(source_path: Path, target: Path) -> None:
    listed = made_backups(source_path)
    listed.append(str(target))
    record = _backup_list(source_path)
    temp = record.with_suffix(".tmp")
    fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(sorted(set(listed)), out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, record)
    sync_folder(record.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder so a rename into it is durable (best effort: some file systems refuse)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def made_backups(source_path: Path) -> list[str]:
    """Backups reconnect has written of this journal (paths)."""
    record = _backup_list(source_path)
    try:
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [str(p) for p in data if isinstance(p, str)] if isinstance(data, list) else []


def _shred(path: Path) -> bool:
    """Overwrite a file with zeros, then remove it. True when something was removed."""
    if not path.exists() or not path.is_file():
        return False
    with contextlib.suppress(OSError), path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(0)
        block = b"\0" * 65536
        for _ in range(0, size, len(block)):
            handle.write(block)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    return True


@dataclass(frozen=True, slots=True)
class Deletion:
    """What deleting everything removed, and the files it left alone (with the reason)."""

    removed: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)


def journal_id_in(path: Path) -> str | None:
    """The journal id recorded in a SQLite file, read without changing it; None if there is none.

    Opened read-only and immutable: no lock, no journal or WAL file is created beside it.
    """
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            row = connection.execute("SELECT journal_id FROM vault WHERE id = 1").fetchone()
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return str(row[0]) if row is not None and row[0] is not None else None


def _remove_backup(path: Path, journal_id: str | None) -> tuple[bool, str | None]:
    """Shred a listed backup only if it still is a backup of this journal.

    Returns (removed, why it was left alone); (False, None) when it was gone already.
    A path listed years ago may since hold something else the person keeps (audit issue 12,
    defect 3): it is opened without following links, checked for this journal's id, and
    removed only if it is still the same file.
    """
    try:
        handle = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return False, None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return False, "it is now a link to another file, not the backup reconnect wrote"
        return False, f"it cannot be opened to check it ({exc.strerror})"
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            return False, "it is no longer a plain file"
        if journal_id is None:
            return False, "this journal's id could not be read, so the file could not be checked"
        found = journal_id_in(path)
        now = os.lstat(path)
        if (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
            return False, "it was replaced while it was being checked"
        if found != journal_id:
            return False, "it is no longer a backup of this journal (it was replaced or changed)"
        if opened.st_nlink == 1:  # other names for it are the person's own: not overwritten
            _zero(handle, opened.st_size)
        path.unlink()
        return True, None
    finally:
        os.close(handle)


def _zero(handle: int, size: int) -> None:
    block = b"\0" * 65536
    with contextlib.suppress(OSError):
        os.lseek(handle, 0, os.SEEK_SET)
        for start in range(0, size, len(block)):
            os.write(handle, block[: min(len(block), size - start)])
        os.fsync(handle)


def delete_everything(url: str, engine: Engine, journal_id: str | None) -> Deletion:
    """Remove the journal: SQLite files and backups made, or every reconnect table on a server.

    A listed backup is removed only while it still holds ``journal_id`` (this journal's id);
    anything else found at its path is left and reported in ``kept``. The engine is disposed
    first. Returns what was removed and what was left, for the person to see.
    """
    path = sqlite_path(normalise_url(url))
    if path is None:
        with transaction(engine) as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        return Deletion(removed=["every reconnect table in the database"])
    engine.dispose()
    done = Deletion()
    for backup in made_backups(path):
        removed, why = _remove_backup(Path(backup), journal_id)
        if removed:
            done.removed.append(backup)
        elif why is not None:
            done.kept.append((backup, why))
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        if _shred(candidate):
            done.removed.append(str(candidate))
    record = _backup_list(path)
    if record.exists():
        record.unlink()
        done.removed.append(str(record))
    for leftover in path.parent.glob(".reconnect-*"):
        _shred(leftover)
    return done
