"""Every page under the real CSP in Chromium: scripts load, nothing is blocked, errors show."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reconnect.content import load_instrument

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
PAGES = (
    "/",
    "/help",
    "/selfcheck",
    "/selfcheck/take",
    "/selfcheck/take?perspective=partner",
    "/selfcheck/history",
    "/journal",
    "/checkin",
    "/insights",
    "/practices",
    "/settings",
    "/api/docs",
)


def test_every_page_runs_its_scripts_without_a_csp_violation(server: Server, visit: Visit) -> None:
    page = visit.page
    for path in PAGES:
        response = page.goto(f"{server.url}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.htmx") == "object", path
        assert page.locator("header a.help-now").inner_text() == "Get help now", path
    assert visit.console_errors == []


def test_a_refused_draft_shows_its_message_in_place(server: Server, visit: Visit) -> None:
    first = load_instrument().items[0].id
    page = visit.page
    page.goto(f"{server.url}/selfcheck/take")
    # A value off the scale, as a tampered page would send it; the server must say why.
    page.eval_on_selector(f"input[name='{first}'][value='4']", "input => { input.value = '9'; }")
    page.check(f"input[name='{first}'][value='9']")
    alert = page.locator("#draft-status [role=alert]")
    alert.wait_for()
    assert "outside the scale" in alert.inner_text()
    assert visit.csp_violations == []
