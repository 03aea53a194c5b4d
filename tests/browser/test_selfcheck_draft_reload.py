"""Issue 11, item 3: a reloaded self-check shows the saved answers and goes on from there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reconnect.content import load_instrument

if TYPE_CHECKING:
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser
ITEMS = load_instrument().items


def test_a_reload_keeps_the_saved_answers_and_the_next_answer_adds_to_them(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/selfcheck")
    page.click("button:has-text('About me')")
    page.wait_for_selector("#selfcheck-form")
    page.check(f"input[name='{ITEMS[0].id}'][value='3']")
    page.wait_for_selector("#draft-status:has-text('Saved 1 of')")
    page.check(f"input[name='{ITEMS[1].id}'][value='1']")
    page.wait_for_selector("#draft-status:has-text('Saved 2 of')")

    page.reload()
    page.wait_for_selector("#selfcheck-form")
    assert page.is_checked(f"input[name='{ITEMS[0].id}'][value='3']")
    assert page.is_checked(f"input[name='{ITEMS[1].id}'][value='1']")
    assert page.inner_text("#progress-text") == f"2 of {len(ITEMS)} answered"
    assert "2 of" in page.inner_text("#draft-status")

    page.check(f"input[name='{ITEMS[2].id}'][value='4']")
    page.wait_for_selector("#draft-status:has-text('Saved 3 of')")

    # Coming back later, from the start: the three answers are there.
    page.goto(f"{server.url}/")
    page.click("text=Resume where you left off")
    page.wait_for_selector("#selfcheck-form")
    for item, value in ((ITEMS[0], 3), (ITEMS[1], 1), (ITEMS[2], 4)):
        assert page.is_checked(f"input[name='{item.id}'][value='{value}']"), item.id
    assert "about me" not in page.inner_text(f"#item-{ITEMS[0].id} legend").lower()
    assert page.inner_text("#progress-text") == f"3 of {len(ITEMS)} answered"
    assert visit.console_errors == []
