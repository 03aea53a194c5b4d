"""Composition root: turn Settings into the Services bundle every interface hands to use cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconnect.services import Services
from reconnect.storage.database import make_engine
from reconnect.storage.migrate import upgrade_to_head

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.config import Settings


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def build_services(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Services:
    """Open the configured database, migrate it to the newest schema, and bundle it."""
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return Services(settings=settings, engine=engine, clock=clock)
