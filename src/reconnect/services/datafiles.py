"""The person's control over their files: a consistent backup, and deleting everything."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect.errors import ReconnectError
from reconnect.services.vault import journal_info
from reconnect.storage import files, keyring_store
from reconnect.storage.database import normalise_url, sqlite_path

if TYPE_CHECKING:
    from reconnect.services import Services
    from reconnect.storage.files import Deletion


def default_backup_path(services: Services) -> Path:
    """A dated file in a ``backups`` folder beside the journal."""
    path = sqlite_path(normalise_url(services.settings.database_url))
    folder = (path.parent if path is not None else Path.cwd()) / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"reconnect-{stamp}.db"


def backup(services: Services, target: Path | None = None) -> Path:
    """Write a consistent copy of the journal (still encrypted, same passphrase)."""
    return files.backup_sqlite(
        services.settings.database_url, target or default_backup_path(services)
    )


def delete_all(services: Services) -> Deletion:
    """Remove the journal, its side files and the backups reconnect made; forget the keys.

    A listed backup is removed only while it still holds this journal's id: a file that
    replaced it is left as it is and named in ``kept`` with the reason.
    """
    services.keys.lock()
    try:
        info = journal_info(services)
    except ReconnectError:
        info = None  # a damaged database is still deleted (its backups cannot be checked)
    forgotten = info is not None and keyring_store.forget_master_key(info.journal_id)
    done = files.delete_everything(
        services.settings.database_url,
        services.engine,
        info.journal_id if info is not None else None,
    )
    if forgotten:
        done.removed.insert(0, "the journal's key in the system keyring")
    path = sqlite_path(normalise_url(services.settings.database_url))
    if path is not None:
        folder = path.parent / "backups"
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return done
