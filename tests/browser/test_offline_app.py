"""The installable app offline (issue 11): "Get help now" works with no connection and with
the journal locked, other pages say the local server is needed, and the service worker
keeps nothing of the journal.

Each test loads the app once, waits for the service worker to be active (an event, never a
sleep), then loses the server: Chromium's offline mode, or the server process stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

from reconnect.web.pages.offline import SHELL_FILES, SHELL_PAGES

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page
    from tests.browser.conftest import Server, Visit

pytestmark = pytest.mark.browser

# Resolves once this page's registration has an activated worker (install and activate done).
WORKER_ACTIVATED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise(resolve => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") { resolve(); }
    }));
  }
  return worker.state;
}"""
# Checks for a newer worker now and resolves once whichever is newest is activated.
NEWEST_WORKER_ACTIVATED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  await registration.update();
  const worker = registration.installing || registration.waiting || registration.active;
  if (worker.state !== "activated") {
    await new Promise((resolve, reject) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") { resolve(); }
      if (worker.state === "redundant") { reject(new Error("the new worker failed")); }
    }));
  }
  return worker.state;
}"""
# Every request kept in Cache Storage, by cache: {name: [url, ...]}.
CACHED_URLS = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map(request => request.url);
  }
  return found;
}"""
# Everything kept in Cache Storage, as text.
CACHED_TEXT = """async () => {
  const texts = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      texts.push(await (await cache.match(request)).text());
    }
  }
  return texts.join("\\n");
}"""
SECRET_ENTRY = "Quillfeather harbour letter, written only for this journal."
SECRET_NOTE = "Marrowbend note about the argument."


def ready_for_offline(page: Page, url: str) -> None:
    """Load the app once and wait until its service worker is activated."""
    page.goto(url)
    assert page.evaluate(WORKER_ACTIVATED) == "activated"


def assert_help_page(page: Page) -> None:
    """The help page with its styles, for the US (the test servers set RECONNECT_COUNTRY=US)."""
    assert page.locator("h1").inner_text() == "Get help now"
    main = page.inner_text("main")
    assert "988" in main and "Emergency: 911" in main
    crisis_red = page.eval_on_selector(".help-now", "a => getComputedStyle(a).backgroundColor")
    assert crisis_red != "rgba(0, 0, 0, 0)", "the kept stylesheet was not applied"


def stop(server: Server) -> None:
    server.process.terminate()
    server.process.wait(timeout=10)


def test_with_no_connection_help_still_shows_and_other_pages_say_why(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    ready_for_offline(page, f"{server.url}/")
    page.context.set_offline(True)

    page.goto(f"{server.url}/help")
    assert_help_page(page)

    page.goto(f"{server.url}/journal")
    assert page.locator("h1").inner_text() == "reconnect is not answering"
    assert "reconnect serve" in page.inner_text("main")
    page.get_by_role("link", name="Get help now").last.click()
    page.wait_for_url(f"{server.url}/help")
    assert_help_page(page)


def test_with_the_journal_locked_and_no_connection_help_still_shows(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/")
    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock")
    assert page.evaluate(WORKER_ACTIVATED) == "activated"
    page.context.set_offline(True)

    page.locator("header a.help-now").click()
    page.wait_for_url(f"{server.url}/help")
    assert_help_page(page)


def test_with_the_server_stopped_help_still_shows_and_other_pages_say_why(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    ready_for_offline(page, f"{server.url}/checkin")
    stop(server)

    page.goto(f"{server.url}/checkin")
    assert page.locator("h1").inner_text() == "reconnect is not answering"
    assert "Start it again with reconnect serve" in page.inner_text("main")
    page.goto(f"{server.url}/help")
    assert_help_page(page)


def test_the_worker_keeps_nothing_of_the_journal(server: Server, visit: Visit) -> None:
    page = visit.page
    ready_for_offline(page, f"{server.url}/journal")
    page.fill("#entry-text", SECRET_ENTRY)
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url("**/journal/entries/*")
    entry = page.url
    for path in (f"{entry}/edit", "/insights", "/selfcheck/history", "/practices", "/"):
        page.goto(path if path.startswith("http") else f"{server.url}{path}")
    page.goto(f"{server.url}/checkin")
    page.fill("#note", SECRET_NOTE)
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url("**/checkin?saved=*")
    page.goto(f"{server.url}/api/entries")
    assert "Quillfeather" in page.inner_text("body")
    page.goto(f"{server.url}/journal?q=Quillfeather")
    assert page.evaluate("fetch('/api/checkins').then(r => r.json()).then(list => list.length)")

    kept = page.evaluate(CACHED_URLS)
    assert len(kept) == 1, kept
    [urls] = kept.values()
    assert sorted(urls) == sorted(f"{server.url}{path}" for path in (*SHELL_FILES, *SHELL_PAGES))
    text = page.evaluate(CACHED_TEXT)
    assert "Quillfeather" not in text and "Marrowbend" not in text


def test_choosing_another_country_replaces_the_kept_help_and_the_old_cache(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    ready_for_offline(page, f"{server.url}/settings")
    [before] = page.evaluate("caches.keys()")
    assert before.endswith("-us")

    page.select_option("#country", "GB")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/settings?saved=true")
    assert page.evaluate(NEWEST_WORKER_ACTIVATED) == "activated"
    [after] = page.evaluate("caches.keys()")  # the older cache is gone
    assert after.endswith("-gb") and after.removesuffix("-gb") == before.removesuffix("-us")

    page.context.set_offline(True)
    page.goto(f"{server.url}/help")
    assert "Samaritans" in page.inner_text("main")


def test_the_manifest_is_linked_valid_and_the_app_installable(
    server: Server, browser: Browser, tmp_path: Path
) -> None:
    # A persistent profile: Chromium never offers to install from an incognito context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    try:
        page = context.pages[0] if context.pages else context.new_page()
        ready_for_offline(page, f"{server.url}/")
        assert page.eval_on_selector("link[rel=manifest]", "l => l.href") == (
            f"{server.url}/manifest.webmanifest"
        )
        cdp = context.new_cdp_session(page)
        answer = cdp.send("Page.getAppManifest")
        assert answer["errors"] == []
        manifest = answer["manifest"]
        assert manifest["name"] == "reconnect"
        assert manifest["display"] == "kStandalone"
        assert manifest["startUrl"] == f"{server.url}/"
        assert manifest["themeColor"] == "rgba(47,111,115,1)"
        icons = {(icon["type"], icon["sizes"]) for icon in manifest["icons"]}
        assert {("image/png", "192x192"), ("image/png", "512x512")} <= icons
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        for icon in manifest["icons"]:
            assert icon["url"].startswith(f"{server.url}/static/icons/")
            assert page.request.get(icon["url"]).status == 200
    finally:
        context.close()
    assert hosts == {urlsplit(server.url).netloc}  # PRIV-1: nothing beyond the local server
