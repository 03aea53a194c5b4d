"""PRIV-6 on the command line: at ``--debug``, with every logger at DEBUG, no content or secret.

Each command runs in a real process whose root logger is set to DEBUG and written to a
file, so every library's records are caught (SQLAlchemy's SQL, parameters and rows
included: its own WARNING default is lifted too).
The canary is in the journal text, a tag, a person, a check-in note, an analysed text,
the passphrase (right and wrong) and a search; the recovery key is the token. Standard
output may show a person their own words; standard error and the logs must not.
The API side is ``test_privacy.py::test_priv6_logs_at_debug_carry_no_content_or_secret``.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

CANARY = "CANARYdebugQx71"
PASSPHRASE = f"my passphrase {CANARY}"
CHILD = (
    "import logging, sys\n"
    "logging.basicConfig(level=logging.DEBUG, filename=sys.argv[1],\n"
    "                    format='%(name)s %(levelname)s %(message)s')\n"
    "logging.captureWarnings(True)\n"
    "import sqlalchemy\n"  # SQLAlchemy holds its own loggers at WARNING; open them all up
    "logging.getLogger('sqlalchemy').setLevel(logging.DEBUG)\n"
    "from reconnect.cli import main\n"
    "sys.argv = ['reconnect', *sys.argv[2:]]\n"
    "main()\n"
)
RECOVERY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{3,4}){5,}\b")


def _debug_run(
    log: Path, url: str, *args: str, passphrase: str = PASSPHRASE, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECONNECT_PASSPHRASE": passphrase, "RECONNECT_TEST_FAST_KDF": "1"}
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(log), "--debug", "--db", url, *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=120,
        check=False,
    )


def test_priv6_the_command_line_at_debug_logs_no_content_or_secret(
    empty_sqlite_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "debug.log"
    url = empty_sqlite_url
    made = _debug_run(log, url, "init")
    assert made.returncode == 0, made.stderr
    recovery = RECOVERY.search(made.stdout)
    assert recovery is not None, made.stdout
    exported = tmp_path / "export.json"
    runs = [
        made,
        _debug_run(log, url, "write", f"dear diary {CANARY}", "--tag", CANARY, "-p", CANARY),
        _debug_run(log, url, "log", "--search", CANARY),
        _debug_run(log, url, "show", "1", "--json"),
        _debug_run(log, url, "checkin", "--pleasantness", "4", "--energy", "4", "--note", CANARY),
        _debug_run(log, url, "analyze", f"I feel numb {CANARY}"),
        _debug_run(log, url, "export", "--format", "json", "-o", str(exported)),
        _debug_run(log, url, "log", passphrase=f"wrong {CANARY}"),
    ]
    assert [r.returncode for r in runs] == [0, 0, 0, 0, 0, 0, 0, 1], [r.stderr for r in runs]
    assert CANARY in runs[2].stdout  # the person sees their own entry on standard output
    assert exported.exists()

    logged = log.read_text("utf-8")
    assert len(logged.splitlines()) > 20, "nothing was logged: the capture is not working"
    stderr = "\n".join(r.stderr for r in runs)
    for where, text in (("the logs", logged), ("standard error", stderr)):
        assert CANARY not in text, where
        assert "my passphrase" not in text, where
        assert recovery.group(0) not in text, where
        assert recovery.group(0).replace("-", "") not in text, where


def test_priv6_the_api_at_debug_logs_no_content_or_secret_with_sqlalchemy_open(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The web side with SQLAlchemy's loggers lifted to DEBUG too (SQL, parameters, rows)."""
    from fastapi.testclient import TestClient

    from reconnect.config import Settings
    from reconnect.web.app import create_app
    from tests.conftest import TEST_PASSPHRASE

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    app = create_app(Settings(database_url=sqlite_url, passphrase=None, debug=True))
    with TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        client.post("/unlock", data={"csrf_token": token, "passphrase": f"wrong {CANARY}"})
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        made = client.post("/api/entries", json={"text": f"dear diary {CANARY} #{CANARY}"})
        assert made.status_code < 300, made.text
        client.get(f"/api/entries?search={CANARY}")
        client.get(f"/api/entries/{made.json()['id']}")
        checked = client.post(
            "/api/checkins", json={"pleasantness": 3, "energy": 3, "note": f"note {CANARY}"}
        )
        assert checked.status_code == 201, checked.text
        client.get("/api/insights")
        cookies = [value for value in client.cookies.values() if len(value) >= 16]
    ours = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert any(r.name.startswith("sqlalchemy.engine") for r in ours), "SQL was not captured"
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in ours)
    assert CANARY not in logged
    assert TEST_PASSPHRASE not in logged
    assert token not in logged
    for value in cookies:
        assert value not in logged
