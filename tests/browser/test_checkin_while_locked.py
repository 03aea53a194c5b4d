"""A check-in sent after the journal locked itself survives, in a real browser (issue 11).

Check in once led to the unlock page and then to an empty check-in page: the square, the
feelings and the note were gone. Now the unlock page carries them, as it carries a journal
entry (tests/browser/test_locked_while_writing.py, whose in-process server this reuses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.browser.test_locked_while_writing import app_server, database_bytes
from tests.conftest import TEST_PASSPHRASE

if TYPE_CHECKING:
    from tests.browser.conftest import Visit
    from tests.browser.test_locked_while_writing import InProcessServer

pytestmark = pytest.mark.browser
__all__ = ["app_server"]  # the in-process server fixture, imported to be used here
NOTE = "Heavy shoulders after the meeting with Priyanka."


def test_a_checkin_sent_after_the_auto_lock_is_saved_by_unlocking(
    app_server: InProcessServer, visit: Visit, sqlite_url: str
) -> None:
    page = visit.page
    page.goto(f"{app_server.url}/checkin")
    page.check("input.mood-cell[value='3,8']")
    page.check("label.chip:has-text('overwhelmed') input")
    page.check("label.chip:has-text('tense') input")
    page.fill("#note", NOTE)
    app_server.pass_idle_time()

    page.get_by_role("button", name="Check in").click()
    page.wait_for_selector("h1:has-text('Unlock your journal')")
    assert "locked itself while you were checking in" in page.inner_text("[role=status]")
    assert b"Priyanka" not in database_bytes(sqlite_url)  # kept in the page only

    page.fill("#passphrase", TEST_PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url("**/checkin?saved=*")
    shown = page.inner_text("[role=status]")
    assert "Checked in: high energy, unpleasant" in shown
    assert "feeling overwhelmed, tense" in shown
    assert b"Priyanka" not in database_bytes(sqlite_url)  # saved, and encrypted
    [saved] = page.request.get(f"{app_server.url}/api/checkins").json()
    assert saved["note"] == NOTE
    # The locked check-in answers 401, which Chromium logs.
    assert [e for e in visit.console_errors if "401" not in e] == []
