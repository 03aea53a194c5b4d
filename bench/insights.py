"""Insights over ten years of daily entries (3,650): time against decoding the same rows.

    .venv/bin/python bench/insights.py

The named peer is ``json.loads`` of the 3,650 stored payloads, the cost any
insight computation pays to read the journal at all; the ratio says how much
the statistics add on top.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from reconnect.analysis import analyze
from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services.insights import compute_insights
from reconnect.services.vault_setup import create_journal
from reconnect.storage.database import transaction
from reconnect.storage.tables import EntryRow

TEXTS = [
    "Long day at #work, I feel nothing and went straight to bed.",
    "Walk with @ana by the river +walk, I opened up about how I've been.",
    "Dodged Mum's call again #family. Didn't want to talk.",
    "Cooked with @sam +cooking, laughed a lot, felt close again.",
    "Same routine, on autopilot all week #work.",
    "Quiet evening reading, calm and content.",
]


def main() -> None:
    rng = random.Random(1)
    analyses = {text: analyze(text).to_dict() for text in TEXTS}
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(Settings(database_url=f"sqlite:///{Path(folder) / 'b.db'}"))
        # Unencrypted, so the peer reads the same bytes; bench/vault.py measures encryption.
        create_journal(services, None, encrypted=False)
        start = datetime(2016, 1, 1, 20, 0, tzinfo=UTC)
        rows = []
        for day in range(3650):
            text = rng.choice(TEXTS)
            payload = {
                "text": text,
                "tags": [w[1:].strip(".,") for w in text.split() if w.startswith("#")],
                "people": [w[1:].strip(".,") for w in text.split() if w.startswith("@")],
                "activities": [w[1:].strip(".,") for w in text.split() if w.startswith("+")],
                "analysis": analyses[text],
            }
            moment = start + timedelta(days=day)
            rows.append(
                {
                    "written_at": moment,
                    "updated_at": moment,
                    "analyzer_version": "1.0",
                    "payload": json.dumps(payload),
                }
            )
        with transaction(services.engine) as connection:
            connection.execute(insert(EntryRow), rows)

        best_insights = best_decode = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            found = compute_insights(services)
            best_insights = min(best_insights, time.perf_counter() - t0)
            t0 = time.perf_counter()
            with transaction(services.engine) as connection:
                payloads = connection.execute(select(EntryRow.payload)).scalars().all()
            [json.loads(p) for p in payloads]
            best_decode = min(best_decode, time.perf_counter() - t0)
        services.close()
    print(f"{found.entries} entries over {len(found.weekly)} weeks")
    print(f"reconnect insights (load, decode, statistics): {best_insights * 1000:.0f} ms")
    print(f"peer: read and json.loads the same rows:       {best_decode * 1000:.0f} ms")
    print(f"ratio (insights / peer): {best_insights / best_decode:.1f}")


if __name__ == "__main__":
    main()
