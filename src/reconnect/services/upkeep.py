"""Server mode's upkeep, run by ``reconnect worker`` jobs: each idempotent, none needing a
key, so a job retried after a crash does no harm and none can read a journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.storage import accounts as rows
from reconnect.storage import shares as share_rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices

FAILURES_KEPT = timedelta(days=2)
INVITES_KEPT = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Swept:
    """What one sweep removed."""

    sessions: int
    failures: int
    invites: int
    shares: int = 0  # counsellor shares past their expiry, with their sealed summaries


def drop_deleted_journal(server: ServerServices, journal: str) -> bool:
    """Delete the journal of a deleted account; False when there was nothing to do.

    Refuses (returns False) while any account still names the journal, so a stray or
    replayed job can never delete a live person's journal.
    """
    with server.transaction() as connection:
        if rows.journal_in_use(connection, journal):
            return False
    if journal not in server.db.journal_names():
        return False
    server.db.drop_journal_storage(journal)
    return True


def sweep(server: ServerServices) -> Swept:
    """Remove sessions past their lifetime or idle limit, old login failures, old invites and
    expired counsellor shares (reads refuse an expired share anyway; this deletes it)."""
    now = server.clock()
    idle = timedelta(minutes=server.settings.session_idle_minutes)
    with server.transaction() as connection:
        sessions = rows.delete_stale_sessions(connection, now, now - idle)
        failures = rows.prune_failures(connection, now - FAILURES_KEPT)
        invites = rows.prune_invites(connection, now - INVITES_KEPT)
        shares = share_rows.delete_expired(connection, now)
    return Swept(sessions, failures, invites, shares)
