"""A real ``reconnect serve`` on a free loopback port, and headless Debian Chromium driving it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from http.cookiejar import CookieJar
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from tests.conftest import TEST_PASSPHRASE, create_journal
from tests.forked_cli import ForkedProcess, start_cli

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

CHROMIUM = os.environ.get("RECONNECT_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A running reconnect web app."""

    def __init__(
        self, url: str, process: ForkedProcess | subprocess.Popen[bytes], db_url: str
    ) -> None:
        self.url = url
        self.process = process
        self.db_url = db_url


def _serve(tmp_path: Path, db_url: str, env: dict[str, str]) -> Iterator[Server]:
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    # A real server process, forked from a warm interpreter (tests/forked_cli.py).
    process = start_cli(
        ["--db", db_url, "serve", "--port", str(port)],
        env=env,
        stdout=log.fileno(),
        stderr=log.fileno(),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/help", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"server did not start:\n{(tmp_path / 'server.log').read_text()}")
        time.sleep(0.1)
    yield Server(url, process, db_url)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def unlock_over_http(url: str, passphrase: str = TEST_PASSPHRASE) -> None:
    """Unlock a running server as its unlock page does: the CSRF cookie and token, then POST.

    The server process holds the key, so every browser that visits afterwards reads the journal.
    """
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(f"{url}/api/csrf", timeout=10) as response:
        token = json.loads(response.read())["csrf_token"]
    form = urlencode({"csrf_token": token, "passphrase": passphrase}).encode()
    with opener.open(f"{url}/unlock", data=form, timeout=30) as response:
        # The 303 is followed to "/", which answers 200 only once the journal is open.
        assert urlsplit(response.geturl()).path == "/", response.geturl()
    with opener.open(f"{url}/api/entries", timeout=10) as response:
        assert response.status == 200


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """``python -m reconnect serve`` on a journal, unlocked through its own unlock form.

    RECONNECT_PASSPHRASE stays in the environment: the web app must ignore it.
    """
    db_url = create_journal(f"sqlite:///{tmp_path / 'browser.db'}")
    served = _serve(tmp_path, db_url, {**os.environ, "RECONNECT_COUNTRY": "US"})
    running = next(served)
    try:
        unlock_over_http(running.url)
        yield running
    finally:
        next(served, None)  # stops the server, even when unlocking failed


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    """``reconnect serve`` on an empty database, as on first use: no journal, no passphrase."""
    env = {k: v for k, v in os.environ.items() if k != "RECONNECT_PASSPHRASE"}
    yield from _serve(tmp_path, f"sqlite:///{tmp_path / 'first.db'}", env)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium through Playwright (no downloaded browser)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class Visit:
    """A page plus what it did: hosts contacted and console errors (CSP violations among them)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.hosts: set[str] = set()
        self.console_errors: list[str] = []
        # Every request of the context (pages, scripts, downloads), not just the first page.
        page.context.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )

    @property
    def csp_violations(self) -> list[str]:
        return [text for text in self.console_errors if "Content Security Policy" in text]


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A fresh browser context; afterwards, PRIV-1 (b) and the CSP are checked for every test."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Visit(page)
    yield seen
    context.close()
    outside = {host for host in seen.hosts if urlsplit(f"//{host}").hostname != "127.0.0.1"}
    assert not outside, f"PRIV-1: the browser contacted {sorted(outside)}"
    assert seen.csp_violations == [], seen.csp_violations
