"""A real ``reconnect serve`` on a free loopback port, and headless Debian Chromium driving it.

Single-user mode: ``server`` (a journal, unlocked) and ``fresh_server`` (first use). Server
mode: ``server_mode``, one ``reconnect serve --server`` per test module, its accounts named
by the module (``SERVER_ACCOUNTS``, and ``SERVER_INVITE`` for a sign-up invite).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from tests.conftest import TEST_PASSPHRASE, create_journal, free_port
from tests.forked_cli import ForkedProcess, start_cli

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
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


class Server:
    """A running reconnect web app."""

    def __init__(
        self, url: str, process: ForkedProcess | subprocess.Popen[bytes], db_url: str
    ) -> None:
        self.url = url
        self.process = process
        self.db_url = db_url


@contextlib.contextmanager
def _running(
    args: list[str], env: dict[str, str], log_path: Path, probe: str
) -> Iterator[tuple[str, ForkedProcess | subprocess.Popen[bytes]]]:
    """``reconnect <args> --port <free port>`` until the block ends; its address once
    ``probe`` answers 200 (the test fails with the server's log if it never does)."""
    port = free_port()
    log = log_path.open("w")
    # A real server process, forked from a warm interpreter (tests/forked_cli.py).
    process = start_cli(
        [*args, "--port", str(port)], env=env, stdout=log.fileno(), stderr=log.fileno()
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}{probe}", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"server did not start:\n{log_path.read_text()}")
        time.sleep(0.1)  # polling for the port, not waiting on a page
    try:
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _serve(tmp_path: Path, db_url: str, env: dict[str, str]) -> Iterator[Server]:
    args = ["--db", db_url, "serve"]
    with _running(args, env, tmp_path / "server.log", "/help") as (url, process):
        yield Server(url, process, db_url)


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


@dataclass
class ServerMode:
    """A running ``reconnect serve --server``: its address, and the sign-up invite made
    before it started (None when the module asked for none)."""

    url: str
    invite: str | None


def server_mode_environment(home: Path) -> dict[str, str]:
    """As tests/conftest.py's ``clean_environment`` does, for a process living all module long."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not (name.startswith("RECONNECT_") and name != "RECONNECT_TEST_POSTGRES")
        and name.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
    }
    (home / "run").mkdir(mode=0o700, parents=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
        RECONNECT_TEST_FAST_KDF="1",
        RECONNECT_TIMEZONE="UTC",
        RECONNECT_COUNTRY="US",
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
    )
    return env


def _make_accounts(
    db_url: str, wanted: Mapping[str, tuple[str, str]], invite_role: str | None
) -> str | None:
    """The accounts (username -> (password, role)) and the invite, made with the services."""
    from reconnect.bootstrap import build_server
    from reconnect.config import Settings
    from reconnect.services import accounts

    services = build_server(Settings(server_database_url=db_url, test_fast_kdf=True))
    try:
        for name, (password, role) in wanted.items():
            accounts.add_account(services, name, password, role)
        if invite_role is None:
            return None
        return accounts.create_invite(services, invite_role, actor=None)
    finally:
        services.close()


@pytest.fixture(scope="module")
def server_mode(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerMode]:
    """``reconnect serve --server`` on a fresh SQLite server database, one per test module.

    The module names what differs: ``SERVER_ACCOUNTS`` (username -> (password, role)), made
    before the server starts, and ``SERVER_INVITE`` (a role) for a sign-up invite.
    """
    module = request.module
    root = tmp_path_factory.mktemp(module.__name__.rsplit(".", 1)[-1])
    (root / "server").mkdir()
    db_url = f"sqlite:///{root / 'server' / 'server.db'}"
    invite = _make_accounts(db_url, module.SERVER_ACCOUNTS, getattr(module, "SERVER_INVITE", None))
    env = server_mode_environment(root / "home")
    args = ["serve", "--server", "--server-db", db_url]
    with _running(args, env, root / "server.log", "/healthz") as (url, _):
        yield ServerMode(url, invite)


@contextlib.contextmanager
def person(browser: Browser, width: int) -> Iterator[Visit]:
    """A fresh browser context (one person's browser) at this width; afterwards checked as
    ``visit`` is: no host but 127.0.0.1 contacted (PRIV-1) and no CSP error."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Visit(page)
    try:
        yield seen
    finally:
        context.close()
    outside = {host for host in seen.hosts if urlsplit(f"//{host}").hostname != "127.0.0.1"}
    assert not outside, f"PRIV-1: the browser contacted {sorted(outside)}"
    assert seen.csp_violations == [], seen.csp_violations


AXE_SCRIPT = Axe().axe_script
BLOCKING = ("serious", "critical")


def axe_findings(page: Page) -> list[str]:
    """Serious and critical axe-core findings on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    violations: list[dict[str, Any]] = page.evaluate(
        "axe.run({resultTypes: ['violations']}).then(results => results.violations)"
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def checked(page: Page, state: str) -> None:
    """No serious axe finding, and nothing wider than the window, on the page in this state."""
    assert axe_findings(page) == [], state
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, state
