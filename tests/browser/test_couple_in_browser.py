"""Two partners in Chromium, each in their own browser context: invite, join, both answer,
the reveal, a shared entry, then one unpairs and the other sees only that it ended.

One real ``reconnect serve --server`` on a SQLite server database serves the module; its two
accounts are made beforehand with the services. Ana's browser is 390 px wide, Ben's 1280 px.
Each context is checked afterwards: no host but 127.0.0.1 contacted and no CSP error.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.browser.conftest import Visit
from tests.forked_cli import start_cli

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.services import accounts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
BLOCKING = ("serious", "critical")
AXE_SCRIPT = Axe().axe_script
PASSWORDS = {"partner_ana": "copper meadow violin 17", "partner_ben": "silent orchard kettle 88"}
ANA = {"closeness": 2, "heard": 3, "want": 5, "reached_out": 5, "pressured": 1}
BEN = {"closeness": 4, "heard": 4, "want": 2, "reached_out": 5, "pressured": 2}
ANA_WORDS = "Ana liked the soup you made on Tuesday."
BEN_WORDS = "Ben enjoyed the long walk by the canal."
SHARED = "We planted tulips along the fence this afternoon."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _environment(home: Path) -> dict[str, str]:
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


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``reconnect serve --server`` on a fresh SQLite server database with two members."""
    root = tmp_path_factory.mktemp("couple")
    (root / "server").mkdir()
    db_url = f"sqlite:///{root / 'server' / 'server.db'}"
    services = build_server(Settings(server_database_url=db_url, test_fast_kdf=True))
    try:
        for name, password in PASSWORDS.items():
            accounts.add_account(services, name, password, "member")
    finally:
        services.close()

    port = _free_port()
    log_path = root / "server.log"
    log = log_path.open("w")
    process = start_cli(
        ["serve", "--server", "--server-db", db_url, "--port", str(port)],
        env=_environment(root / "home"),
        stdout=log.fileno(),
        stderr=log.fileno(),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"server mode did not start:\n{log_path.read_text()}")
        time.sleep(0.1)  # polling for the port, not waiting on the page
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def _person(browser: Browser, width: int) -> Iterator[Page]:
    """A fresh browser context (one partner's browser) at this width, checked afterwards."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Visit(page)
    try:
        yield page
    finally:
        context.close()
    outside = {host for host in seen.hosts if urlsplit(f"//{host}").hostname != "127.0.0.1"}
    assert not outside, f"PRIV-1: the browser contacted {sorted(outside)}"
    assert seen.csp_violations == [], seen.csp_violations


def _axe_findings(page: Page) -> list[str]:
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


def _checked(page: Page, state: str) -> None:
    """No serious axe finding, and nothing wider than the window, on /couple in this state."""
    assert _axe_findings(page) == [], state
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, state


def _log_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/login?next=/couple")
    page.fill("#username", name)
    page.fill("#password", PASSWORDS[name])
    page.locator("form[action='/login']").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}/couple")


def _answer(page: Page, scales: dict[str, int], words: str) -> None:
    form = page.locator("#couple-checkin")
    for question, value in scales.items():
        form.locator(f"input[name='{question}'][value='{value}']").check()
    page.get_by_label("One thing you appreciated about your partner this week.").fill(words)
    form.get_by_role("button", name="Save my answers").click()
    page.wait_for_url("**/couple?done=answered")


def test_two_partners_invite_join_answer_read_together_then_unpair(
    server_url: str, browser: Browser
) -> None:
    url = server_url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with _person(browser, 390) as ana, _person(browser, 1280) as ben:
        _log_in(ana, url, "partner_ana")
        expect(ana.locator("nav a[aria-current='page']")).to_have_text("Together")
        _checked(ana, "not paired")
        ana.get_by_role("button", name="Make a code for my partner").click()
        code = ana.locator("#couple-code")
        expect(code).to_have_text(re.compile(r"^[0-9A-Z]{4} [0-9A-Z]{4}$"))
        expect(ana.locator("main")).to_contain_text("lasts 48 hours")
        _checked(ana, "code made")

        _log_in(ben, url, "partner_ben")
        ben.fill("#join-code", code.inner_text())
        ben.get_by_role("button", name="Pair with this code").click()
        ben.wait_for_url("**/couple?done=joined")
        expect(ben.locator("#couple-partner")).to_have_text("partner_ana")
        expect(ben.get_by_role("group", name="How close did you feel")).to_be_visible()
        _checked(ben, "paired, not answered")
        ben.screenshot(path=str(SHOTS / "couple_pair_1280.png"), full_page=True)

        ana.goto(f"{url}/couple")
        expect(ana.locator("#couple-partner")).to_have_text("partner_ben")
        _answer(ana, ANA, ANA_WORDS)
        expect(ana.locator("#couple-week-state")).to_have_text(
            "You have answered. Waiting for partner_ben."
        )
        _checked(ana, "waiting")

        ben.goto(f"{url}/couple")
        expect(ben.locator("#couple-checkin")).to_be_visible()
        assert ANA_WORDS not in ben.content()
        _answer(ben, BEN, BEN_WORDS)
        expect(ben.locator("#couple-week-state")).to_contain_text("You have both answered.")
        expect(ben.locator("table.couple-reveal")).to_contain_text(ANA_WORDS)
        _checked(ben, "revealed")

        ana.goto(f"{url}/couple")
        reveal = ana.locator("table.couple-reveal")
        expect(reveal).to_contain_text(BEN_WORDS)
        expect(reveal).to_contain_text(ANA_WORDS)
        expect(ana.locator("ul.starters li").first).to_be_visible()
        _checked(ana, "revealed")
        ana.screenshot(path=str(SHOTS / "couple_reveal_390.png"), full_page=True)

        # Ben shares one entry; it reaches Ana's page.
        ben.goto(f"{url}/journal")
        ben.fill("#entry-text", SHARED)
        ben.get_by_role("button", name="Save entry").click()
        ben.wait_for_url(re.compile(r".*/journal/entries/\d+$"))
        ben.get_by_role("button", name="Share with partner_ana").click()
        ben.wait_for_url("**?done=shared")
        expect(ben.get_by_role("status")).to_contain_text("Shared with partner_ana.")
        ana.goto(f"{url}/couple")
        expect(ana.locator("ol.shared-entries")).to_contain_text(SHARED)

        ana.get_by_role("link", name="Unpair…").click()
        ana.wait_for_url(f"{url}/couple/unpair")
        expect(ana.locator("main")).to_contain_text("every entry either of you shared")
        assert _axe_findings(ana) == []
        ana.get_by_role("button", name="Unpair and delete what we shared").click()
        ana.wait_for_url("**/couple?done=unpaired")
        _checked(ana, "unpaired")

        ben.goto(f"{url}/couple")
        expect(ben.get_by_role("status").first).to_have_text("The pairing has ended.")
        main = ben.locator("main")
        expect(main).not_to_contain_text(SHARED)
        expect(main).not_to_contain_text(ANA_WORDS)
        expect(ben.get_by_role("button", name="Make a code for my partner")).to_be_visible()
        _checked(ben, "ended")
