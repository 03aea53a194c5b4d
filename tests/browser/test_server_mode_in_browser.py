"""Server mode in Chromium: sign-up by invite, log in with one-time codes, one journal per person.

One real ``reconnect serve --server`` on a SQLite server database serves the whole module;
its accounts and invite are made beforehand with the services. Each test uses fresh browser
contexts (one per person), and every context is checked afterwards as the ``visit`` fixture
checks its own: no host but 127.0.0.1 contacted (PRIV-1) and no Content Security Policy error.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pyotp
import pytest
from tests.browser.conftest import ServerMode, axe_findings, person

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
# 26 data characters and a check character in Crockford base32, in groups of four: 7 groups.
RECOVERY_KEY = re.compile(
    r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{3}"
)
LOGIN_FAILED = "The username, password or one-time code is wrong."
PASSWORDS = {
    "counsellor_kim": "walnut harbour lantern 41",
    "member_ana": "copper meadow violin 17",
    "member_ben": "silent orchard kettle 88",
}
NEW_MEMBER = ("river_joy", "amber thistle compass 52")
SERVER_ACCOUNTS = {
    "counsellor_kim": (PASSWORDS["counsellor_kim"], "counsellor"),
    "member_ana": (PASSWORDS["member_ana"], "member"),
    "member_ben": (PASSWORDS["member_ben"], "member"),
}
SERVER_INVITE = "member"  # the sign-up test spends it


def _submit_login(page: Page, username: str, password: str, code: str = "") -> None:
    page.fill("#username", username)
    page.fill("#password", password)
    page.fill("#totp", code)
    page.locator("form[action='/login']").get_by_role("button", name="Log in").click()


def _log_in(page: Page, url: str, username: str, password: str, code: str = "") -> None:
    page.goto(f"{url}/login")
    _submit_login(page, username, password, code)


def _log_out(page: Page) -> None:
    page.locator("form.lock-form").get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login?ended=true")
    assert "You are logged out." in page.get_by_role("status").inner_text()


def _path(page: Page) -> str:
    return urlsplit(page.url).path


def test_sign_up_by_invite_shows_a_recovery_key_then_logs_in_and_the_invite_is_spent(
    server_mode: ServerMode, browser: Browser
) -> None:
    url = server_mode.url
    signup_link = f"{url}/signup?invite={server_mode.invite}"
    username, password = NEW_MEMBER
    with person(browser, 390) as visit:
        page = visit.page
        page.goto(signup_link)
        assert page.locator("h1").inner_text() == "Create your account"
        assert axe_findings(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.fill("#username", username)
        page.fill("#password", password)
        page.fill("#again", password)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_selector("h1:has-text('Your recovery key')")
        key = page.locator("#recovery-key").inner_text().strip()
        assert RECOVERY_KEY.fullmatch(key), key

        page.get_by_role("link", name="I have stored it: log in").click()
        page.wait_for_url("**/login")
        assert page.locator("h1").inner_text() == "Log in"
        assert axe_findings(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "server_login_390.png"), full_page=True)
        _submit_login(page, username, password)
        page.wait_for_url(f"{url}/")
        assert page.locator("nav a[aria-current='page']").inner_text() == "Home"
        assert page.locator("form.lock-form").get_by_role("button", name="Log out").is_visible()

    # The same link, in someone else's browser: the invite was spent by the first sign-up.
    with person(browser, 390) as visit:
        page = visit.page
        page.goto(signup_link)
        page.fill("#username", "second_try")
        page.fill("#password", "meadow copper violin 23")
        page.fill("#again", "meadow copper violin 23")
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_selector("[role='alert']")
        assert "this invite is not valid" in page.get_by_role("alert").inner_text()
        assert page.locator("#recovery-key").count() == 0


def test_a_counsellor_sets_up_one_time_codes_then_needs_a_fresh_code_to_log_in(
    server_mode: ServerMode, browser: Browser
) -> None:
    url = server_mode.url
    name, password = "counsellor_kim", PASSWORDS["counsellor_kim"]
    with person(browser, 1280) as visit:
        page = visit.page
        _log_in(page, url, name, password)
        page.wait_for_url("**/account/totp")
        # Any journal page leads back here until codes are set up.
        page.goto(f"{url}/journal")
        page.wait_for_url("**/account/totp")
        assert page.locator("h1").inner_text() == "Set up one-time codes"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "server_totp_1280.png"), full_page=True)
        totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
        page.fill("#code", totp.now())
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url("**/account?done=totp")
        assert "One-time codes: set up." in page.locator("main").inner_text()

        _log_out(page)
        _submit_login(page, name, password)
        page.wait_for_selector("[role='alert']")
        assert LOGIN_FAILED in page.get_by_role("alert").inner_text()
        assert _path(page) == "/login"

        # The enrolment code's step is spent; the next step's code is fresh (one step of drift).
        _submit_login(page, name, password, totp.at(time.time() + 30))
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/account")
        assert f"Signed in as {name}" in page.locator("main").inner_text()
        assert "One-time codes: set up." in page.locator("main").inner_text()


def test_a_second_member_sees_nothing_of_the_first_members_journal(
    server_mode: ServerMode, browser: Browser
) -> None:
    url = server_mode.url
    sentence = f"The lighthouse keeper counted {time.time_ns()} gulls before breakfast."
    with person(browser, 1280) as ana, person(browser, 1280) as ben:
        a = ana.page
        _log_in(a, url, "member_ana", PASSWORDS["member_ana"])
        a.wait_for_url(f"{url}/")
        a.goto(f"{url}/journal")
        a.fill("#entry-text", sentence)
        a.get_by_role("button", name="Save entry").click()
        a.wait_for_url(re.compile(r".*/journal/entries/\d+$"))
        entry_path = _path(a)
        assert sentence in a.locator("main").inner_text()

        b = ben.page
        _log_in(b, url, "member_ben", PASSWORDS["member_ben"])
        b.wait_for_url(f"{url}/")
        b.goto(f"{url}/journal")
        assert sentence not in b.content()
        assert "No entries yet." in b.locator("ol.entries").inner_text()
        listed = b.request.get(f"{url}/api/entries")
        assert listed.status == 200
        assert listed.json() == []
        assert sentence not in listed.text()
        response = b.goto(f"{url}{entry_path}")
        assert response is not None
        assert response.status == 404
        assert b.locator("h1").inner_text() == "Not found"
        assert sentence not in b.content()

        # Ana logs out: her journal pages lead to the login page again, even with the old cookie.
        a.goto(f"{url}/journal")
        old_cookies = a.context.cookies()
        _log_out(a)
        a.goto(f"{url}/journal")
        a.wait_for_url("**/login**")
        assert sentence not in a.content()
    with person(browser, 1280) as stale:
        stale.page.context.add_cookies(old_cookies)  # type: ignore[arg-type]
        stale.page.goto(f"{url}{entry_path}")
        stale.page.wait_for_url("**/login**")
        assert sentence not in stale.page.content()
