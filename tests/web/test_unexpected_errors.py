"""WEB-13: an unexpected exception in a route leaks nothing, and its log line carries only a
request id and the exception's type (never journal text, a path or SQL)."""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
import uvicorn
from fastapi.testclient import TestClient
from tests.web.conftest import BASE, unlock

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

CANARY = "canary-journal-text-7f3a9c"
LEAKY = (
    f"SELECT text FROM entries WHERE text = '{CANARY}' "
    "-- /home/someone/.local/share/reconnect/reconnect.db"
)


def formatted(record: logging.LogRecord) -> str:
    """The traceback a log handler would write for this record, if any."""
    return logging.Formatter().formatException(record.exc_info) if record.exc_info else ""


class BrokenClock:
    """The clock is the services bundle's one injected edge; armed, it fails like a bug would."""

    armed = False

    def __call__(self) -> datetime:
        if self.armed:
            raise RuntimeError(LEAKY)
        return datetime.now(UTC)


@pytest.fixture
def broken(sqlite_url: str) -> Iterator[tuple[TestClient, BrokenClock]]:
    clock = BrokenClock()
    settings = Settings(database_url=sqlite_url)
    services = build_services(settings, clock=clock, unlock_from_environment=False)
    app = create_app(settings, services)
    try:
        with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
            unlock(client)
            clock.armed = True
            yield client, clock
    finally:
        services.close()


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        pytest.param("POST", "/api/entries", {"json": {"text": CANARY}}, id="api-entry"),
        pytest.param(
            "POST",
            "/api/checkins",
            {"json": {"pleasantness": 3, "energy": 3, "note": CANARY}},
            id="api-checkin",
        ),
        pytest.param("POST", "/journal", {"data": {"text": CANARY}}, id="journal-page"),
    ],
)
def test_a_forced_exception_gives_a_generic_500_and_a_clean_log(
    broken: tuple[TestClient, BrokenClock],
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    payload: dict[str, object],
) -> None:
    client, _ = broken
    with caplog.at_level(logging.DEBUG):
        response = client.request(method, path, **payload)  # type: ignore[arg-type]
    assert response.status_code == 500
    body = response.text
    found = re.search(r"Something went wrong \(request ([0-9a-f]{12})\)\.", body)
    assert found, body
    for leak in (CANARY, "SELECT", "/home/", "reconnect.db", "Traceback", "RuntimeError", 'File "'):
        assert leak not in body, leak
    if path.startswith("/api"):
        assert response.json() == {"error": found.group(0), "hint": None}
    else:
        assert "Get help now" in body  # SAFE-4: the error page keeps help in view
    logged = "\n".join(f"{record.getMessage()} {formatted(record)}" for record in caplog.records)
    assert found.group(1) in logged  # the request id ties the answer to the log line
    assert "RuntimeError" in logged
    for leak in (CANARY, "SELECT", "/home/", "reconnect.db"):
        assert leak not in logged, leak


def test_a_real_server_logs_no_traceback_or_text(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Under uvicorn, as ``reconnect serve`` runs: the server's own log stays clean too."""
    clock = BrokenClock()
    settings = Settings(database_url=sqlite_url)
    services = build_services(settings, clock=clock, unlock_from_environment=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, services), host="127.0.0.1", port=port, log_config=None
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        with TestClient(create_app(settings, services), base_url=BASE) as client:
            unlock(client)  # the same services bundle: the server's journal is open too
        clock.armed = True
        with caplog.at_level(logging.DEBUG):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/csrf", timeout=10) as csrf:
                token = csrf.headers["set-cookie"].split(";")[0]
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/entries",
                data=f'{{"text": "{CANARY}"}}'.encode(),
                headers={
                    "Content-Type": "application/json",
                    "Cookie": token,
                    "X-CSRF-Token": token.split("=", 1)[1],
                },
            )
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(request, timeout=10)
            with answer.value:  # the error carries the response: close its socket too
                body = answer.value.read().decode()
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        services.close()
    assert answer.value.code == 500
    assert CANARY not in body and "SELECT" not in body
    logged = "\n".join(
        f"{record.name} {record.getMessage()} {formatted(record)}" for record in caplog.records
    )
    assert "RuntimeError" in logged
    for leak in (CANARY, "SELECT", "/home/", "Traceback", "Exception in ASGI application"):
        assert leak not in logged, leak
