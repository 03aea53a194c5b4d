"""A client shares, a counsellor reads, the partner sees nothing, the client stops sharing:
three people in Chromium, each in their own browser context, on one server.

One real ``reconnect serve --server`` on a SQLite server database; its three accounts are made
beforehand with the services. Ana (the client) is 390 px wide, Ben (her partner) and Kim (the
counsellor) 1280 px. Each context is checked afterwards: no host but 127.0.0.1 contacted and no
CSP error; the pages met on the way have no serious axe finding and nothing wider than the window.
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

import pyotp
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
ACCOUNTS = {
    "ana": ("copper meadow violin 17", "member"),
    "ben": ("silent orchard kettle 88", "member"),
    "kim": ("walnut harbour lantern 41", "counsellor"),
}
SHARED = "Ana walked to the lighthouse and felt calmer by the sea."
KEPT = "Ana kept this one to herself: plans for the garden."


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
    """``reconnect serve --server`` on a fresh SQLite server database with three accounts."""
    root = tmp_path_factory.mktemp("shares")
    (root / "server").mkdir()
    db_url = f"sqlite:///{root / 'server' / 'server.db'}"
    services = build_server(Settings(server_database_url=db_url, test_fast_kdf=True))
    try:
        for name, (password, role) in ACCOUNTS.items():
            accounts.add_account(services, name, password, role)
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
    """A fresh browser context (one person's browser) at this width, checked afterwards."""
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


def _checked(page: Page, state: str) -> None:
    """No serious axe finding, and nothing wider than the window, on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    violations: list[dict[str, Any]] = page.evaluate(
        "axe.run({resultTypes: ['violations']}).then(results => results.violations)"
    )
    found = [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert found == [], state
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, state


def _log_in(page: Page, url: str, name: str, code: str = "") -> None:
    page.goto(f"{url}/login")
    page.fill("#username", name)
    page.fill("#password", ACCOUNTS[name][0])
    if code:
        page.fill("#totp", code)
    page.locator("form[action='/login']").get_by_role("button", name="Log in").click()


def _enrol_counsellor(page: Page, url: str) -> None:
    """Kim's first login: one-time codes are set up before any other page opens."""
    _log_in(page, url, "kim")
    page.wait_for_url("**/account/totp")
    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("#code", totp.now())
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/account?done=totp")


def _write(page: Page, url: str, text: str) -> None:
    page.goto(f"{url}/journal")
    page.fill("#entry-text", text)
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r".*/journal/entries/\d+$"))


def _pair(ana: Page, ben: Page, url: str) -> None:
    ana.goto(f"{url}/couple")
    ana.get_by_role("button", name="Make a code for my partner").click()
    code = ana.locator("#couple-code").inner_text()
    ben.goto(f"{url}/couple")
    ben.fill("#join-code", code)
    ben.get_by_role("button", name="Pair with this code").click()
    ben.wait_for_url("**/couple?done=joined")
    expect(ben.locator("#couple-partner")).to_have_text("ana")


def test_a_client_shares_the_counsellor_reads_the_partner_sees_nothing_then_it_is_revoked(
    server_url: str, browser: Browser
) -> None:
    url = server_url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with (
        _person(browser, 390) as ana,
        _person(browser, 1280) as ben,
        _person(browser, 1280) as kim,
    ):
        _enrol_counsellor(kim, url)
        kim.goto(f"{url}/clients")
        expect(kim.locator("nav a[aria-current='page']")).to_have_text("Clients")
        expect(kim.locator("#client-none")).to_be_visible()

        _log_in(ana, url, "ana")
        ana.wait_for_url(f"{url}/")
        _log_in(ben, url, "ben")
        ben.wait_for_url(f"{url}/")
        _pair(ana, ben, url)
        _write(ana, url, KEPT)
        _write(ana, url, SHARED)

        # Ana chooses, previews exactly what Kim will see, then shares it.
        ana.get_by_role("link", name="Counsellor").click()
        ana.wait_for_url(f"{url}/shares")
        expect(ana.locator("#share-none")).to_be_visible()
        _checked(ana, "the share form")
        ana.fill("#share-counsellor", "kim")
        ana.get_by_label("Mood check-ins, week by week").check()
        ana.get_by_label("Entries you choose").check()
        ana.get_by_label(re.compile("lighthouse")).check()
        expect(ana.locator("#share-until")).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
        ana.get_by_role("button", name="Preview what they will see").click()
        ana.wait_for_url(f"{url}/shares/preview")
        expect(ana.locator("h1")).to_have_text("What kim will see")
        summary = ana.locator("#share-summary")
        expect(summary).to_contain_text(SHARED)
        expect(summary).not_to_contain_text(KEPT)
        expect(ana.locator("#share-notice")).to_contain_text("not a diagnosis")
        _checked(ana, "the preview")
        ana.screenshot(path=str(SHOTS / "share_preview_390.png"), full_page=True)
        ana.get_by_role("button", name="Share this").click()
        ana.wait_for_url("**/shares?done=shared")
        expect(ana.get_by_role("status")).to_contain_text("Shared.")
        expect(ana.locator("#share-list")).to_contain_text("kim")

        # Kim reads the client page, within the scopes, with the notice.
        kim.goto(f"{url}/clients")
        kim.get_by_role("link", name="ana").click()
        kim.wait_for_url(re.compile(r".*/clients/[0-9a-f]{32}$"))
        client_page = kim.url
        expect(kim.locator("#share-summary")).to_contain_text(SHARED)
        expect(kim.locator("main")).not_to_contain_text(KEPT)
        expect(kim.locator("#share-notice")).to_contain_text(
            "self-reported signs and patterns from a self-help tool, not a diagnosis"
        )
        expect(kim.get_by_role("link", name="Download the report (PDF)")).to_be_visible()
        _checked(kim, "the client page")
        kim.screenshot(path=str(SHOTS / "client_1280.png"), full_page=True)

        # Ben, Ana's partner: pairing gives no view of her share.
        gone = ben.goto(client_page)
        assert gone is not None and gone.status == 404
        expect(ben.locator("main")).not_to_contain_text(SHARED)
        ben.goto(f"{url}/shares")
        expect(ben.locator("#share-none")).to_have_text("You share nothing with a counsellor.")
        expect(ben.locator("main")).not_to_contain_text("kim")
        listed = ben.goto(f"{url}/clients")
        assert listed is not None and listed.status == 404

        # Ana sees who looked, then stops sharing; Kim's very next load is a 404.
        ana.get_by_role("link", name="Who looked").click()
        expect(ana.locator("#access-log")).to_contain_text("Read your summary")
        _checked(ana, "who looked")
        ana.go_back()
        ana.get_by_role("button", name="Stop sharing").click()
        ana.wait_for_url("**/shares?done=stopped")
        expect(ana.get_by_role("status")).to_contain_text("Sharing has stopped.")
        expect(ana.locator("#share-none")).to_be_visible()

        after = kim.reload()
        assert after is not None and after.status == 404
        expect(kim.locator("main")).not_to_contain_text(SHARED)
        _checked(kim, "the share has ended")
        kim.goto(f"{url}/clients")
        expect(kim.locator("#client-none")).to_be_visible()
