"""Two partners in Chromium, each in their own browser context: invite, join, both answer,
the reveal, self-checks side by side once both agree, a shared entry, then one unpairs and
the other sees only that it ended.

One real ``reconnect serve --server`` on a SQLite server database serves the module; its two
accounts are made beforehand with the services. Ana's browser is 390 px wide, Ben's 1280 px.
Each context is checked afterwards: no host but 127.0.0.1 contacted and no CSP error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import ServerMode, axe_findings, checked, person

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
PASSWORDS = {"partner_ana": "copper meadow violin 17", "partner_ben": "silent orchard kettle 88"}
SERVER_ACCOUNTS = {name: (password, "member") for name, password in PASSWORDS.items()}
ANA = {"closeness": 2, "heard": 3, "want": 5, "reached_out": 5, "pressured": 1}
BEN = {"closeness": 4, "heard": 4, "want": 2, "reached_out": 5, "pressured": 2}
ANA_WORDS = "Ana liked the soup you made on Tuesday."
BEN_WORDS = "Ben enjoyed the long walk by the canal."
SHARED = "We planted tulips along the fence this afternoon."


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


def _take_selfchecks(page: Page, url: str, about_self: int, about_partner: int) -> None:
    """One self-check about oneself and one about the partner, through the API."""
    from reconnect.services.selfcheck import get_instrument

    instrument = get_instrument()
    token = page.request.get(f"{url}/api/csrf").json()["csrf_token"]
    for perspective, value in (("self", about_self), ("partner", about_partner)):
        answers = {item.id: value for item in instrument.items}
        body = {"perspective": perspective, "instrument": instrument.id, "answers": answers}
        taken = page.request.post(
            f"{url}/api/selfchecks", data=body, headers={"X-CSRF-Token": token}
        )
        assert taken.status == 201, taken.text()


def test_two_partners_invite_join_answer_read_together_then_unpair(
    server_mode: ServerMode, browser: Browser
) -> None:
    url = server_mode.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with person(browser, 390) as ana_browser, person(browser, 1280) as ben_browser:
        ana, ben = ana_browser.page, ben_browser.page
        _log_in(ana, url, "partner_ana")
        expect(ana.locator("nav a[aria-current='page']")).to_have_text("Together")
        checked(ana, "not paired")
        ana.get_by_role("button", name="Make a code for my partner").click()
        code = ana.locator("#couple-code")
        expect(code).to_have_text(re.compile(r"^[0-9A-Z]{4} [0-9A-Z]{4}$"))
        expect(ana.locator("main")).to_contain_text("lasts 48 hours")
        checked(ana, "code made")

        _log_in(ben, url, "partner_ben")
        ben.fill("#join-code", code.inner_text())
        ben.get_by_role("button", name="Pair with this code").click()
        ben.wait_for_url("**/couple?done=joined")
        expect(ben.locator("#couple-partner")).to_have_text("partner_ana")
        expect(ben.get_by_role("group", name="How close did you feel")).to_be_visible()
        checked(ben, "paired, not answered")
        ben.screenshot(path=str(SHOTS / "couple_pair_1280.png"), full_page=True)

        ana.goto(f"{url}/couple")
        expect(ana.locator("#couple-partner")).to_have_text("partner_ben")
        _answer(ana, ANA, ANA_WORDS)
        expect(ana.locator("#couple-week-state")).to_have_text(
            "You have answered. Waiting for partner_ben."
        )
        checked(ana, "waiting")

        ben.goto(f"{url}/couple")
        expect(ben.locator("#couple-checkin")).to_be_visible()
        assert ANA_WORDS not in ben.content()
        _answer(ben, BEN, BEN_WORDS)
        expect(ben.locator("#couple-week-state")).to_contain_text("You have both answered.")
        expect(ben.locator("table.couple-reveal")).to_contain_text(ANA_WORDS)
        checked(ben, "revealed")

        ana.goto(f"{url}/couple")
        reveal = ana.locator("table.couple-reveal")
        expect(reveal).to_contain_text(BEN_WORDS)
        expect(reveal).to_contain_text(ANA_WORDS)
        expect(ana.locator("ul.starters li").first).to_be_visible()
        checked(ana, "revealed")
        ana.screenshot(path=str(SHOTS / "couple_reveal_390.png"), full_page=True)

        # Self-checks side by side: nothing of the other's scores until both agree.
        _take_selfchecks(ana, url, about_self=1, about_partner=4)
        _take_selfchecks(ben, url, about_self=2, about_partner=3)
        ana.goto(f"{url}/couple")
        ana.get_by_role("button", name="I agree to show my scores side by side").click()
        ana.wait_for_url("**/couple?done=views_shared")
        expect(ana.locator("#couple-views-state")).to_have_text(
            "You have agreed. Waiting for partner_ben to agree too."
        )
        expect(ana.locator("table.couple-views")).to_have_count(0)
        checked(ana, "scores: waiting")
        ana.screenshot(path=str(SHOTS / "couple_views_waiting_390.png"), full_page=True)
        ben.goto(f"{url}/couple")
        expect(ben.locator("table.couple-views")).to_have_count(0)
        ben.get_by_role("button", name="I agree to show my scores side by side").click()
        ben.wait_for_url("**/couple?done=views_shared")
        about_ben = ben.locator("#couple-views-me")
        expect(about_ben).to_contain_text("How partner_ana sees you")
        expect(about_ben).to_contain_text("Emotional numbness")
        expect(ben.locator("#couple-views-partner")).to_contain_text("How you see partner_ana")
        expect(ben.get_by_role("button", name="Stop showing my scores")).to_be_visible()
        checked(ben, "scores side by side")
        ben.locator("#views-title").scroll_into_view_if_needed()
        ben.screenshot(path=str(SHOTS / "couple_views_1280.png"), full_page=True)
        ana.goto(f"{url}/couple")
        expect(ana.locator("#couple-views-partner")).to_contain_text(
            "How partner_ben sees themself"
        )
        checked(ana, "scores side by side")
        ana.screenshot(path=str(SHOTS / "couple_views_390.png"), full_page=True)

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
        assert axe_findings(ana) == []
        ana.get_by_role("button", name="Unpair and delete what we shared").click()
        ana.wait_for_url("**/couple?done=unpaired")
        checked(ana, "unpaired")

        ben.goto(f"{url}/couple")
        expect(ben.get_by_role("status").first).to_have_text("The pairing has ended.")
        main = ben.locator("main")
        expect(main).not_to_contain_text(SHARED)
        expect(main).not_to_contain_text(ANA_WORDS)
        expect(ben.get_by_role("button", name="Make a code for my partner")).to_be_visible()
        checked(ben, "ended")
