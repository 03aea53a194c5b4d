"""Demo use case: fill a database with a realistic 120-day journal so insights show at once."""

from __future__ import annotations

import random
import tomllib
from datetime import UTC, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from reconnect.content import load_instrument
from reconnect.domain.selfcheck import Perspective
from reconnect.services import checkins, journal, selfcheck

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.services import Services

DAYS = 120
SEED = 2026
PLEASANT = ["calm", "grateful", "connected"]
LOW = ["numb", "tired", "flat", "lonely"]


def fill_demo(services: Services, progress: Callable[[int], None] | None = None) -> int:
    """Write 120 days of entries and check-ins (and two self-checks); returns entries written.

    Deterministic: the same demo every time, ending today.
    """
    texts = tomllib.loads(
        resources.files("reconnect.content").joinpath("demo.toml").read_text("utf-8")
    )
    rng = random.Random(SEED)
    today = services.clock().replace(hour=21, minute=0, second=0, microsecond=0)
    start = today - timedelta(days=DAYS - 1)
    written = 0
    for offset in range(DAYS):
        day = start + timedelta(days=offset)
        weekday = day.weekday()
        if weekday < 5 and rng.random() < 0.6:
            pool = texts["work"]
        elif rng.random() < 0.35 + offset / DAYS * 0.3:  # reconnection grows over time
            pool = texts["connection"]
        else:
            pool = texts["ordinary"]
        journal.write_entry(services, rng.choice(pool), written_at=day.astimezone(UTC))
        written += 1
        pleasant = pool is texts["connection"]
        checkins.record_checkin(
            services,
            pleasantness=rng.randint(6, 9) if pleasant else rng.randint(2, 6),
            energy=rng.randint(3, 8),
            feelings=rng.sample(
                ["calm", "grateful", "connected"]
                if pleasant
                else ["numb", "tired", "flat", "lonely"],
                k=rng.randint(1, 2),
            ),
            checked_at=(day - timedelta(hours=12)).astimezone(UTC),
        )
        if progress is not None:
            progress(offset + 1)
    instrument = load_instrument()
    for shift in (3, 1):
        answers = {
            item.id: max(
                0, min(4, (1 if item.reverse else 3) + rng.choice((-1, 0, 0)) - (3 - shift) // 2)
            )
            for item in instrument.items
        }
        selfcheck.take_selfcheck(services, perspective=Perspective.SELF, answers=answers)
    return written


def demo_database_url(data_dir: str) -> str:
    """The demo database: a separate SQLite file beside the real one."""
    return f"sqlite:///{data_dir}/demo.db"
