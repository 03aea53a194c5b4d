"""Composition root: turn Settings into the Services bundle every interface hands to use cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconnect.services import Services
from reconnect.services.server import ServerServices
from reconnect.services.vault import JournalKeys
from reconnect.storage.database import make_engine, normalise_url, sqlite_path
from reconnect.storage.migrate import current_revision, head_revision, upgrade_to_head

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.config import Settings


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def passphrase_unlocker(settings: Settings) -> Callable[[int], str | None] | None:
    """Unlock with RECONNECT_PASSPHRASE (one attempt) when it is set."""
    secret = settings.passphrase
    if secret is None:
        return None
    return lambda attempt: secret.get_secret_value() if attempt == 1 else None


def build_services(
    settings: Settings,
    clock: Callable[[], datetime] = utc_now,
    unlocker: Callable[[int], str | None] | None = None,
    *,
    unlock_from_environment: bool = True,
) -> Services:
    """Open the configured database, migrate it to the newest schema, and bundle it.

    The journal stays locked until first used; then ``unlocker`` (or, without one,
    RECONNECT_PASSPHRASE) is asked for the passphrase. With ``unlock_from_environment``
    off (the web app), RECONNECT_PASSPHRASE is never used: only an explicit unlock opens it.
    """
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    if unlocker is None and unlock_from_environment:
        unlocker = passphrase_unlocker(settings)
    keys = JournalKeys(unlocker=unlocker)
    return Services(settings=settings, engine=engine, clock=clock, keys=keys)


def build_server(settings: Settings, clock: Callable[[], datetime] = utc_now) -> ServerServices:
    """Open server mode's database (``server_database_url``) and migrate its own tables.

    Account journals are migrated when they are created and at login. On PostgreSQL the
    job queue's tables are made too (reconnect worker runs the jobs).
    """
    from reconnect.storage.server_db import ServerDatabase

    db = ServerDatabase(settings.server_database_url)
    try:
        db.migrate()
        jobs = None
        if db.is_postgres:
            from reconnect.storage.job_queue import JobQueue

            db.install_job_queue()
            jobs = JobQueue(settings.server_database_url)
    except BaseException:
        db.dispose()
        raise
    server = ServerServices(settings=settings, db=db, clock=clock, jobs=jobs)
    from reconnect.services.push import ensure_vapid_key
    from reconnect.services.server import csrf_secret

    # Secrets every process shares, made here so that no GET request ever writes one.
    csrf_secret(server)
    ensure_vapid_key(server)
    return server


def open_existing(settings: Settings) -> Services | None:
    """Services over a journal that already exists at the newest schema, else None.

    Nothing is created or migrated, and no passphrase is asked for: only
    RECONNECT_PASSPHRASE can unlock it (``help-now`` uses this to show the safety plan).
    """
    path = sqlite_path(normalise_url(settings.database_url))
    if path is not None and not path.is_file():
        return None
    engine = make_engine(settings.database_url)
    try:
        if current_revision(engine) != head_revision():
            engine.dispose()
            return None
    except BaseException:
        engine.dispose()
        raise
    keys = JournalKeys(unlocker=passphrase_unlocker(settings))
    return Services(settings=settings, engine=engine, clock=utc_now, keys=keys)
