"""Use cases: one function per thing a person does, shared by the CLI and the web app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy import Engine

    from reconnect.config import Settings


@dataclass(frozen=True, slots=True)
class Services:
    """What use cases need: the settings, a migrated database engine and a clock.

    Built by ``reconnect.bootstrap.build_services``; tests build it the same way.
    """

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime]

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
