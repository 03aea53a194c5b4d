"""Server mode's bundle: the server database, the settings and a clock, and per-account
journal services built for one request from the key a session carries."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.services import Services
from reconnect.services.vault import JournalKeys
from reconnect.storage import accounts as rows
from reconnect.storage.database import transaction

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime

    from sqlalchemy import Connection

    from reconnect.config import Settings
    from reconnect.storage.job_queue import JobQueue
    from reconnect.storage.server_db import ServerDatabase


@dataclass(frozen=True, slots=True)
class ServerServices:
    """What server-mode use cases need. Built once per process by ``bootstrap.build_server``."""

    settings: Settings
    db: ServerDatabase
    clock: Callable[[], datetime]
    jobs: JobQueue | None = None  # PostgreSQL only: work for ``reconnect worker``

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction on the server's own tables (accounts, sessions, ...)."""
        with transaction(self.db.engine) as connection:
            yield connection

    def journal(self, journal_name: str, keys: JournalKeys | None = None) -> Services:
        """Services over one account's journal; locked unless ``keys`` are given.

        Never close it: its engine shares the server's connection pool. Lock its keys
        when the request is over.
        """
        return Services(
            settings=self.settings,
            engine=self.db.journal_engine(journal_name),
            clock=self.clock,
            keys=keys if keys is not None else JournalKeys(),
        )

    def close(self) -> None:
        """Release every database connection."""
        if self.jobs is not None:
            self.jobs.close()
        self.db.dispose()


def csrf_secret(server: ServerServices) -> bytes:
    """The CSRF signing key every web process of this server shares (made at first use)."""
    import secrets

    with server.transaction() as connection:
        return rows.server_secret(connection, "csrf", secrets.token_bytes(32))
