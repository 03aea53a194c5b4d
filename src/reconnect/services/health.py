"""Whether this process can serve: the database answers and its schema is current."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.storage.migrate import current_revision, head_revision
from reconnect.storage.server_db import server_head

if TYPE_CHECKING:
    from reconnect.services import Services
    from reconnect.services.server import ServerServices


def readiness(server: ServerServices | None, services: Services | None) -> str | None:
    """None when ready, else one sentence saying what is wrong (StorageError if the
    database cannot be reached at all)."""
    if server is not None:
        server.db.ping()
        revision = server.db.server_revision()
        if revision != server_head():
            return f"the server tables are at {revision}, not {server_head()}: migrate them"
        return None
    assert services is not None
    revision = current_revision(services.engine)
    if revision != head_revision():
        return f"the journal is at {revision}, not {head_revision()}: migrate it"
    return None
