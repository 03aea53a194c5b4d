"""Regenerate docs/screenshots/: every web page at 390 and 1280 px, on a made-up demo journal.

    .venv/bin/python scripts/screenshots.py                          # docs/screenshots/
    .venv/bin/python scripts/screenshots.py --full --out /tmp/shots  # whole pages, to look at

A throwaway ``reconnect serve`` runs on a new SQLite file in a temporary folder. The journal
is created through the setup page (so the setup, recovery-key and unlock pages appear as a
person first meets them), then filled with the deterministic demo (``reconnect demo``'s 120
days) plus one entry and one practice log. Nothing leaves 127.0.0.1. Images are reduced to
an 8-bit palette, so the folder stays small.

``tour()`` is also what tests/browser/test_every_page.py walks, so the screenshots and the
test cover the same pages.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

CHROMIUM = os.environ.get("RECONNECT_TEST_CHROMIUM", "/usr/bin/chromium")
PASSPHRASE = "a demo passphrase, not a real one"
# A phone (iPhone 12-15 CSS width) and a laptop screen: the widths every page must fit.
WIDTHS = {390: 844, 1280: 800}
ENTRY = (
    "Sunday lunch with @sam #family, I went through the motions and felt a bit flat. "
    "Afterwards we walked and I opened up a little."
)
PRACTICE = "body-scan"
# Pages reached by a plain GET once the demo journal is open; {entry}, {result}, {practice},
# {day} and {month} are filled in by fill(). Setup, recovery key, unlock, the new journal's
# home and the report come around them.
PAGES = (
    ("home", "/"),
    ("journal", "/journal"),
    ("entry", "/journal/entries/{entry}"),
    ("entry-edit", "/journal/entries/{entry}/edit"),
    ("entry-delete", "/journal/entries/{entry}/delete"),
    ("checkin", "/checkin"),
    ("selfcheck-start", "/selfcheck"),
    ("selfcheck-take", "/selfcheck/take"),
    ("selfcheck-result", "/selfcheck/results/{result}"),
    ("selfcheck-history", "/selfcheck/history"),
    ("insights", "/insights"),
    ("calendar", "/insights/calendar?month={month}"),
    ("calendar-day", "/insights/calendar/{day}"),
    ("practices", "/practices"),
    ("practice", "/practices/{practice}"),
    ("settings", "/settings"),
    ("help", "/help"),
    ("safety-plan", "/safety-plan"),
    ("guide", "/guide"),
    ("guide-answer", "/guide?q=why+do+I+feel+nothing+when+my+partner+cries"),
    ("api-docs", "/api/docs"),
    ("not-found", "/journal/entries/999999"),
)
NAMES = ("setup", "recovery-key", "unlock", "home-new", *(name for name, _ in PAGES), "report")


def fill(db_url: str) -> dict[str, int | str]:
    """Write the demo journal beside the running server; returns the ids the pages need."""
    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.services import journal, practices, selfcheck, vault
    from reconnect.services.demo import fill_demo

    settings = Settings(database_url=db_url, passphrase=None)
    services = build_services(settings, unlock_from_environment=False)
    try:
        vault.unlock(services, PASSPHRASE)
        fill_demo(services)
        entry = journal.write_entry(services, ENTRY)
        practices.log_practice(services, PRACTICE, "Felt the floor under my feet.")
        latest = selfcheck.selfcheck_history(services)[-1]
        day = entry.written_at.date()
        month = f"{day.replace(day=1) - timedelta(days=1):%Y-%m}"  # a whole month of the demo
        return {
            "entry": entry.id,
            "result": latest.id,
            "practice": PRACTICE,
            "day": day.isoformat(),
            "month": month,
        }
    finally:
        services.close()


def tour(page: Page, url: str, db_url: str) -> Iterator[str]:
    """Open every page of a new server in turn, yielding each name of NAMES once it has loaded.

    The server must be on an empty database: the tour creates the journal, locks and unlocks
    it (landing on the empty journal's home), fills it, then visits PAGES and finally the
    report (a download, shown as a file).
    """
    page.goto(f"{url}/setup")
    yield "setup"
    page.fill("#passphrase", PASSPHRASE)
    page.fill("#again", PASSPHRASE)
    page.get_by_role("button", name="Create my journal").click()
    page.locator("#recovery-key").wait_for()
    yield "recovery-key"
    page.goto(f"{url}/")
    page.get_by_role("button", name="Lock").click()
    page.wait_for_url("**/unlock")
    yield "unlock"
    page.fill("#passphrase", PASSPHRASE)
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(f"{url}/")
    yield "home-new"  # the new, empty journal's home: its first steps
    ids = fill(db_url)
    for name, path in PAGES:
        page.goto(url + path.format(**ids))
        yield name
    # The report is a download, opened from disk: a blank page without the app's CSP.
    report = page.request.get(f"{url}/report.html")
    page.goto("about:blank")
    page.set_content(report.text())
    yield "report"


def serve(db_url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``reconnect serve`` on a free loopback port; returns the process and its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONNECT_")}
    env |= {"RECONNECT_TEST_FAST_KDF": "1", "RECONNECT_COUNTRY": "US"}
    command = [sys.executable, "-m", "reconnect", "--db", db_url, "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/help", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log.read_text()}")


def shrink(path: Path) -> None:
    """An 8-bit palette: a calm page has few colours, and the file is a fraction of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="write only these pages (the tour still runs)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/demo.db"
        process, url = serve(db_url, Path(folder) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                for name in tour(page, url, db_url):
                    if args.only and name not in args.only:
                        continue
                    for width, height in WIDTHS.items():
                        page.set_viewport_size({"width": width, "height": height})
                        path = args.out / f"{name}-{width}.png"
                        page.screenshot(path=str(path), full_page=args.full)
                        shrink(path)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=10)
    total = sum(p.stat().st_size for p in args.out.glob("*-*.png"))
    print(f"wrote {len(NAMES) * len(WIDTHS)} screenshots to {args.out} ({total // 1024} KB)")


if __name__ == "__main__":
    main()
