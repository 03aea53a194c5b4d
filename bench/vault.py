"""Encryption costs: unlocking, writing with synchronous=FULL, and insights over ten years.

    .venv/bin/python bench/vault.py

Each figure is a ratio against a named peer run in the same process:

- unlock (Argon2id m=64 MiB, t=3, p=4, then unwrapping the keys) against
  argon2-cffi's own ``PasswordHasher().hash`` with the same parameters;
- one journal write (analysis, sealing, COMMIT with synchronous=FULL) on an
  encrypted journal against the same write on an unencrypted one;
- insights over 3,650 daily entries (one a day for ten years) on an encrypted
  journal against the same on an unencrypted one.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import journal, vault, vault_setup
from reconnect.services.insights import compute_insights
from reconnect.storage import entries as entry_rows

PASSPHRASE = "a benchmark passphrase"
TEXT = "Long day at #work, I feel nothing and went straight to bed. Walk with @ana after."


def _journal(folder: Path, name: str, encrypted: bool) -> str:
    url = f"sqlite:///{folder / name}"
    services = build_services(Settings(database_url=url))
    vault_setup.create_journal(services, PASSPHRASE if encrypted else None, encrypted=encrypted)
    analysis = journal.analyse_text(TEXT)
    start = datetime(2016, 1, 1, 20, tzinfo=UTC)
    with services.transaction() as connection:
        for day in range(3650):
            entry_rows.add_entry(
                connection,
                written_at=start + timedelta(days=day),
                text=TEXT,
                tags=("work",),
                people=("ana",),
                activities=(),
                analysis=analysis,
            )
    services.close()
    return url


def _median_ms(action: object, repeat: int) -> float:
    assert callable(action)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sealed_url = _journal(folder, "sealed.db", encrypted=True)
        plain_url = _journal(folder, "plain.db", encrypted=False)
        sealed = build_services(Settings(database_url=sealed_url))
        plain = build_services(Settings(database_url=plain_url))

        def unlock() -> None:
            sealed.keys.lock()
            vault.unlock(sealed, PASSPHRASE)

        hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
        unlock_ms = _median_ms(unlock, 7)
        peer_ms = _median_ms(lambda: hasher.hash(PASSPHRASE), 7)
        print(f"unlock:                 {unlock_ms:7.1f} ms")
        print(f"  peer argon2-cffi hash: {peer_ms:7.1f} ms   ratio {unlock_ms / peer_ms:.2f}")

        def write(services: object) -> None:
            journal.write_entry(services, TEXT)  # type: ignore[arg-type]

        write_sealed = _median_ms(lambda: write(sealed), 50)
        write_plain = _median_ms(lambda: write(plain), 50)
        print(f"write (synchronous=FULL, encrypted): {write_sealed:6.2f} ms")
        print(
            f"  peer, unencrypted journal:          {write_plain:6.2f} ms   "
            f"ratio {write_sealed / write_plain:.2f}"
        )

        insights_sealed = _median_ms(lambda: compute_insights(sealed), 5)
        insights_plain = _median_ms(lambda: compute_insights(plain), 5)
        print(f"insights over 3,650 entries, encrypted: {insights_sealed:6.0f} ms")
        print(
            f"  peer, unencrypted journal:             {insights_plain:6.0f} ms   "
            f"ratio {insights_sealed / insights_plain:.2f}"
        )
        sealed.close()
        plain.close()


if __name__ == "__main__":
    main()
