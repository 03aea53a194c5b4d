"""ENC-7 (b): one damaged entry is named and skipped; export and insights go on with the rest."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import journal
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    import subprocess


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", url, *args], timeout=120)


@pytest.fixture
def one_damaged(sqlite_url: str) -> tuple[str, int, str]:
    """A journal of three entries whose second one has a flipped ciphertext bit."""
    services = build_services(Settings(database_url=sqlite_url))
    try:
        for text in ("first day, a quiet walk", "second day, damaged later", "third day, tea"):
            journal.write_entry(services, text)
    finally:
        services.close()
    with sqlite3.connect(Path(sqlite_url.removeprefix("sqlite:///"))) as db:
        entry_id, written_at, payload = db.execute(
            "SELECT id, written_at, payload FROM entries ORDER BY id LIMIT 1 OFFSET 1"
        ).fetchone()
        raw = bytearray(base64.b64decode(payload))
        raw[-3] ^= 0x10
        db.execute(
            "UPDATE entries SET payload=? WHERE id=?",
            (base64.b64encode(bytes(raw)).decode(), entry_id),
        )
    return sqlite_url, int(entry_id), str(written_at)[:10]


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_skips_a_damaged_entry_names_it_and_exits_1(
    one_damaged: tuple[str, int, str], tmp_path: Path, fmt: str
) -> None:
    url, entry_id, day = one_damaged
    target = tmp_path / f"export.{fmt}"
    result = _cli(url, "export", "--format", fmt, "-o", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"1 damaged entry was skipped (entry {entry_id} (written {day}))" in result.stderr
    written = target.read_text("utf-8")
    assert "first day, a quiet walk" in written and "third day, tea" in written
    assert "second day" not in written
    if fmt == "json":
        assert len(json.loads(written)["entries"]) == 2


def test_insights_skip_a_damaged_entry_name_it_and_exit_1(
    one_damaged: tuple[str, int, str],
) -> None:
    url, entry_id, day = one_damaged
    result = _cli(url, "insights", "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["entries"] == 2
    assert f"1 damaged entry was skipped (entry {entry_id} (written {day}))" in result.stderr
    assert "the insights above cover every other entry" in result.stderr


def test_the_insights_page_names_a_damaged_entry_and_shows_the_rest(
    one_damaged: tuple[str, int, str],
) -> None:
    # The web page, like the command: one damaged entry no longer hides every insight.
    from fastapi.testclient import TestClient

    from reconnect.web.app import create_app
    from tests.web.conftest import BASE, unlock

    url, entry_id, day = one_damaged
    with TestClient(create_app(Settings(database_url=url)), base_url=BASE) as client:
        unlock(client)
        page = client.get("/insights")
    assert page.status_code == 200, page.text
    assert "1 damaged entry was left out" in page.text
    assert f"entry {entry_id} (written {day})" in page.text
