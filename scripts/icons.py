"""Draw the app's PNG icons from its SVG ones, with Debian's Chromium (nothing is fetched).

    .venv/bin/python scripts/icons.py

Writes icon-192.png and icon-512.png from icons/icon.svg, and icon-maskable-512.png from
icons/icon-maskable.svg (its rings stay inside the central circle a mask may keep), into
src/reconnect/web/static/icons/. Run it after changing either SVG.
"""

from __future__ import annotations

import os
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "src" / "reconnect" / "web" / "static" / "icons"
CHROMIUM = os.environ.get("RECONNECT_TEST_CHROMIUM", "/usr/bin/chromium")
# (source SVG, size in px, PNG written)
DRAWN = (
    ("icon.svg", 192, "icon-192.png"),
    ("icon.svg", 512, "icon-512.png"),
    ("icon-maskable.svg", 512, "icon-maskable-512.png"),
)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for source, size, target in DRAWN:
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = (ICONS / source).read_text("utf-8")
            page.set_content(
                "<style>html, body { margin: 0; background: transparent; }"
                f"svg {{ display: block; width: {size}px; height: {size}px; }}</style>{svg}"
            )
            page.screenshot(path=str(ICONS / target), omit_background=True)
            page.close()
            print(f"wrote {ICONS / target}")
        browser.close()


if __name__ == "__main__":
    main()
