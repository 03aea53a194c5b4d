"""Use cases: one function per thing a person does, shared by the CLI and the web app."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime

    from sqlalchemy import Connection, Engine

    from reconnect.config import Settings
    from reconnect.services.vault import JournalKeys


def _new_keys() -> JournalKeys:
    # Imported here: the vault pulls in SQLAlchemy, which commands that never open the
    # journal (help-now, ask) should not pay for at start-up.
    from reconnect.services.vault import JournalKeys

    return JournalKeys()


@dataclass(frozen=True, slots=True)
class Services:
    """What use cases need: the settings, a migrated database engine, a clock and the keys.

    Built by ``reconnect.bootstrap.build_services``; tests build it the same way.
    """

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime]
    keys: JournalKeys = field(default_factory=_new_keys)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction on the open journal: repositories seal and open content with its keys.

        Unlocks first when needed (and possible); NotSetUpError or LockedError otherwise.
        """
        from reconnect.services.vault import open_codec
        from reconnect.storage.codec import bind_codec
        from reconnect.storage.database import transaction

        codec = open_codec(self)
        with transaction(self.engine) as connection:
            bind_codec(connection, codec)
            try:
                yield connection
            finally:
                bind_codec(connection, None)

    def close(self) -> None:
        """Forget the keys and release database connections."""
        self.keys.lock()
        self.engine.dispose()
