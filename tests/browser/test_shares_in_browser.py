"""A client shares, a counsellor reads, the partner sees nothing, the client stops sharing:
three people in Chromium, each in their own browser context, on one server.

One real ``reconnect serve --server`` on a SQLite server database; its three accounts are made
beforehand with the services. Ana (the client) is 390 px wide, Ben (her partner) and Kim (the
counsellor) 1280 px. Each context is checked afterwards: no host but 127.0.0.1 contacted and no
CSP error; the pages met on the way have no serious axe finding and nothing wider than the window.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pyotp
import pytest
from playwright.sync_api import expect
from tests.browser.conftest import ServerMode, checked, person

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
ACCOUNTS = {
    "ana": ("copper meadow violin 17", "member"),
    "ben": ("silent orchard kettle 88", "member"),
    "kim": ("walnut harbour lantern 41", "counsellor"),
}
SERVER_ACCOUNTS = ACCOUNTS
SHARED = "Ana walked to the lighthouse and felt calmer by the sea."
KEPT = "Ana kept this one to herself: plans for the garden."


def _at_both_widths(page: Page, state: str, shot: str) -> None:
    """Checked, and a screenshot taken, at a phone's 390 px and a laptop's 1280 px."""
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        checked(page, f"{state} at {width} px")
        page.screenshot(path=str(SHOTS / f"{shot}_{width}.png"), full_page=True)


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
    server_mode: ServerMode, browser: Browser
) -> None:
    url = server_mode.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with (
        person(browser, 390) as ana_browser,
        person(browser, 1280) as ben_browser,
        person(browser, 1280) as kim_browser,
    ):
        ana, ben, kim = ana_browser.page, ben_browser.page, kim_browser.page
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
        checked(ana, "the share form")
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
        checked(ana, "the preview")
        ana.screenshot(path=str(SHOTS / "share_preview_390.png"), full_page=True)
        ana.get_by_role("button", name="Share this").click()
        ana.wait_for_url("**/shares?done=shared")
        expect(ana.get_by_role("status")).to_contain_text("Shared.")
        expect(ana.locator("#share-list")).to_contain_text("kim")

        # Kim finds Ana by name, then reads her page, within the scopes, with the notice.
        kim.goto(f"{url}/clients")
        expect(kim.locator("#client-list h2")).to_have_text("ana")
        _at_both_widths(kim, "the client list", "clients")
        kim.get_by_role("link", name="ana").click()
        kim.wait_for_url(re.compile(r".*/clients/[0-9a-f]{32}$"))
        client_page = kim.url
        expect(kim.locator("#share-summary")).to_contain_text(SHARED)
        expect(kim.locator("main")).not_to_contain_text(KEPT)
        expect(kim.locator("#share-notice")).to_contain_text(
            "self-reported signs and patterns from a self-help tool, not a diagnosis"
        )
        expect(kim.get_by_role("link", name="Download the report (PDF)")).to_be_visible()
        expect(kim.locator("h1")).to_have_text("What ana shared")
        _at_both_widths(kim, "the client page", "client")
        report = kim.request.get(f"{client_page.replace('/clients/', '/api/clients/')}/report.html")
        assert "<h1>Between-sessions report: what ana chose to share</h1>" in report.text()

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
        checked(ana, "who looked")
        ana.go_back()
        ana.get_by_role("button", name="Stop sharing").click()
        ana.wait_for_url("**/shares?done=stopped")
        expect(ana.get_by_role("status")).to_contain_text("Sharing has stopped.")
        expect(ana.locator("#share-none")).to_be_visible()

        after = kim.reload()
        assert after is not None and after.status == 404
        expect(kim.locator("main")).not_to_contain_text(SHARED)
        checked(kim, "the share has ended")
        kim.goto(f"{url}/clients")
        expect(kim.locator("#client-none")).to_be_visible()
