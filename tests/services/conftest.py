"""The services bundle over a fresh journal, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    """Services on a new encrypted journal (unlocked from RECONNECT_PASSPHRASE)."""
    built = build_services(Settings(database_url=database_url))
    yield built
    built.close()
