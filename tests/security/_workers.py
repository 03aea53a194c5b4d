"""Child processes for the durability tests, forked from a warm fork server (no start-up cost).

Imported by the fork server before it forks (see test_durability.py), so the
analyzer's model is already loaded in every child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.analysis import default_analyzer
from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import journal, transfer

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from pathlib import Path

default_analyzer().analyze("warm")


def _services(url: str, passphrase: str):  # type: ignore[no-untyped-def]
    return build_services(
        Settings(database_url=url, passphrase=passphrase, test_fast_kdf=True, country=None)
    )


def write_until(url: str, passphrase: str, total: int, acks: Connection) -> None:
    """Write entries through the service layer; report each id only after COMMIT returned.

    Like a careful client after a crash, it carries on after the last entry saved.
    """
    services = _services(url, passphrase)
    saved = [int(e.text.split()[-1]) for e in journal.list_entries(services)]
    for n in range(max(saved, default=-1) + 1, total):
        entry = journal.write_entry(services, f"durable entry {n}")
        acks.send((entry.id, n))
    acks.send(None)


def export_to(url: str, passphrase: str, target: Path) -> None:
    """The export command's work: everything as JSON, written atomically."""
    services = _services(url, passphrase)
    transfer.write_atomically(target, transfer.export_text(services, "json"))
