"""First use in a real browser: create the journal, keep the recovery key, lock and unlock."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser


def test_first_use_creates_the_journal_then_lock_and_unlock(
    fresh_server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{fresh_server.url}/journal")
    page.wait_for_url("**/setup")
    assert page.locator("a.help-now").is_visible()  # SAFE-4: help is one click away here too
    page.fill("#passphrase", "walking by the river")
    page.fill("#again", "walking by the river")
    page.click("text=Create my journal")
    key = page.inner_text("#recovery-key")
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{3}", key.strip())
    page.click("text=I have stored it")
    page.goto(f"{fresh_server.url}/journal")
    page.fill("#entry-text", "First words in my new journal.")
    page.click("text=Save entry")
    page.wait_for_url("**/journal/entries/*")

    page.click("button:has-text('Lock')")
    page.wait_for_url("**/unlock")
    assert page.locator("a.help-now").is_visible()
    page.goto(f"{fresh_server.url}/journal")
    page.wait_for_url("**/unlock?next=/journal")
    page.fill("#passphrase", "not my passphrase")
    page.click("button:has-text('Unlock')")
    assert "wrong passphrase" in page.inner_text("[role=alert]")
    page.fill("#passphrase", "walking by the river")
    page.click("button:has-text('Unlock')")
    page.wait_for_url("**/journal")
    assert page.locator(".entry-row").count() == 1
    # The refused passphrase answers 401, which Chromium logs; nothing else may go wrong.
    assert [e for e in visit.console_errors if "401" not in e] == []
