"""The installable app: its manifest, its service worker, and the page shown while offline.

The worker (static/sw.js) keeps only the shell: the CSS, the scripts, the icons, the help
page and the offline page. Journal pages, entries, check-ins, insights, self-checks and
every /api answer are never stored by it. It is served from the root so that its scope is
the whole app, and the server writes its version above its code: a new version makes
browsers install the new worker, which then deletes the caches of older ones.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from reconnect import __version__
from reconnect.config import read_country
from reconnect.web.deps import render

router = APIRouter()
WEB = Path(str(resources.files("reconnect.web")))
# What the worker keeps: every file base.html loads, the icons, and two pages.
SHELL_FILES = (
    "/static/app.css",
    "/static/app.js",
    "/static/htmx.min.js",
    "/static/pwa.js",
    "/static/favicon.svg",
    "/static/icons/icon.svg",
    "/static/icons/icon-192.png",
    "/static/icons/icon-512.png",
    "/static/icons/icon-maskable-512.png",
    "/manifest.webmanifest",
)
SHELL_PAGES = ("/help", "/offline")


@cache
def shell_digest() -> str:
    """A digest of every static file and template: any change to them names a new shell.

    The templates count because the kept help and offline pages are rendered from them.
    """
    digest = hashlib.sha256()
    for folder in (WEB / "static", WEB / "templates"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(WEB)).encode())
            digest.update(path.read_bytes())
    content = resources.files("reconnect.content")
    for name in ("crisis_resources.toml", "texts.toml"):  # the help page's words
        digest.update(content.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def shell_version(country: str | None) -> str:
    """The app's version, its files' digest and the help page's country, in one name.

    The help page is kept for the country chosen now; choosing another makes a new shell,
    so the page kept for offline use is never another country's.
    """
    return f"{__version__}-{shell_digest()}-{(country or 'intl').lower()}"


@router.get("/sw.js", include_in_schema=False)
def service_worker(request: Request) -> Response:
    """The worker's code, with its version and its list of files written above it."""
    country = request.app.state.settings.country or read_country()[0]
    shell = {"version": shell_version(country), "files": SHELL_FILES, "pages": SHELL_PAGES}
    code = (WEB / "static" / "sw.js").read_text("utf-8")
    body = f"const SHELL = {json.dumps(shell)};\n{code}"
    # Checked again at every visit: an upgraded server's worker replaces the old one at once.
    return Response(body, media_type="text/javascript", headers={"cache-control": "no-cache"})


@router.get("/manifest.webmanifest", include_in_schema=False)
def manifest() -> Response:
    body = (WEB / "static" / "manifest.webmanifest").read_bytes()
    return Response(body, media_type="application/manifest+json")


@router.get("/offline", response_class=HTMLResponse)
def offline_page(request: Request) -> HTMLResponse:
    """What the worker shows for any page while the local server does not answer."""
    return render(request, "offline.html", {})
