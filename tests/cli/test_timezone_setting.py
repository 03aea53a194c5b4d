"""``reconnect settings set timezone`` and a date typed without an offset meaning local time."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli

if TYPE_CHECKING:
    import subprocess


def run(
    *args: str, input: str | None = None, zone: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if zone is None:
        env.pop("RECONNECT_TIMEZONE", None)
    else:
        env["RECONNECT_TIMEZONE"] = zone
    return run_cli(args, input=input, env=env)


def test_a_time_zone_is_stored_shown_and_checked() -> None:
    saved = run("settings", "set", "timezone", "Pacific/Auckland")
    assert saved.returncode == 0, saved.stderr
    shown = run("settings", "show")
    assert "timezone: Pacific/Auckland" in shown.stdout
    bad = run("settings", "set", "timezone", "Mars/Olympus")
    assert bad.returncode == 2
    assert "unknown time zone 'Mars/Olympus'" in bad.stderr and "Traceback" not in bad.stderr
    assert "timezone: Pacific/Auckland" in run("settings", "show").stdout  # kept


def test_a_bad_time_zone_in_the_environment_is_a_clear_error(sqlite_url: str) -> None:
    done = run("--db", sqlite_url, "log", zone="Nowhere/City")
    assert done.returncode == 2
    assert "invalid setting timezone" in done.stderr and "Traceback" not in done.stderr


def test_a_date_without_an_offset_is_the_persons_local_time(sqlite_url: str) -> None:
    written = run(
        "--db",
        sqlite_url,
        "write",
        "--date",
        "2026-12-03T23:30",
        "--json",
        "Late, quiet walk.",
        zone="Pacific/Auckland",
    )
    assert written.returncode == 0, written.stderr
    assert json.loads(written.stdout)["written_at"] == "2026-12-03T10:30:00Z"
    # --since a local date starts at that day's local midnight.
    listed = run(
        "--db", sqlite_url, "log", "--since", "2026-12-03", "--json", zone="Pacific/Auckland"
    )
    assert [e["text"] for e in json.loads(listed.stdout)] == ["Late, quiet walk."]
    later = run(
        "--db", sqlite_url, "log", "--since", "2026-12-04", "--json", zone="Pacific/Auckland"
    )
    assert json.loads(later.stdout) == []
    in_utc = run("--db", sqlite_url, "log", "--since", "2026-12-04", "--json", zone="UTC")
    assert json.loads(in_utc.stdout) == []
