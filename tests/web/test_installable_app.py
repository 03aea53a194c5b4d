"""The installable app over HTTP (issue 11): the manifest, the service worker served from
the root, the offline page, and a security policy that lets them run.

What the worker does in a browser is in tests/browser/test_offline_app.py.
"""

from __future__ import annotations

import json
import re
import struct
from typing import TYPE_CHECKING

import pytest

from reconnect import __version__
from reconnect.web.pages.offline import SHELL_FILES, SHELL_PAGES, shell_version
from reconnect.web.security import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

# Where a directive is missing, CSP falls back along these (CSP Level 3, section 6.8).
FALLBACKS = {
    "worker-src": ("worker-src", "child-src", "script-src", "default-src"),
    "manifest-src": ("manifest-src", "default-src"),
    "img-src": ("img-src", "default-src"),
    "connect-src": ("connect-src", "default-src"),
}


def effective(directive: str) -> list[str]:
    """The sources the policy allows for a directive, after its fallbacks."""
    policy = {part.split()[0]: part.split()[1:] for part in CONTENT_SECURITY_POLICY.split(";")}
    for name in FALLBACKS[directive]:
        if name in policy:
            return policy[name]
    return ["*"]


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])
    return width, height


def shell_of(client: TestClient) -> dict[str, object]:
    """The SHELL line the server writes above the worker's code."""
    first = client.get("/sw.js").text.split("\n", 1)[0]
    assert first.startswith("const SHELL = ") and first.endswith(";")
    shell: dict[str, object] = json.loads(first.removeprefix("const SHELL = ").removesuffix(";"))
    return shell


def test_the_worker_is_served_from_the_root_and_never_from_a_stale_copy(
    sqlite_client: TestClient,
) -> None:
    response = sqlite_client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    shell = shell_of(sqlite_client)
    assert shell["files"] == list(SHELL_FILES) and shell["pages"] == list(SHELL_PAGES)


def test_the_worker_keeps_only_the_shell_it_can_fetch(sqlite_client: TestClient) -> None:
    for path in (*SHELL_FILES, *SHELL_PAGES):
        assert sqlite_client.get(path, follow_redirects=False).status_code == 200, path
        assert not path.startswith(("/api", "/journal", "/checkin", "/insights", "/selfcheck"))
    body = sqlite_client.get("/sw.js").text
    assert "cache.put" not in body  # the only writes are the install's addAll of the shell


def test_the_version_names_the_release_the_files_and_the_help_country(
    sqlite_client: TestClient,
) -> None:
    version = str(shell_of(sqlite_client)["version"])
    assert version == shell_version(None)
    assert version.startswith(f"{__version__}-") and version.endswith("-intl")
    sqlite_client.post(
        "/settings", data={"csrf_token": sqlite_client.headers["X-CSRF-Token"], "country": "GB"}
    )
    assert shell_of(sqlite_client)["version"] == shell_version("GB")
    assert shell_version("GB") != shell_version("US") != shell_version(None)


def test_every_page_links_the_manifest_and_the_worker(sqlite_client: TestClient) -> None:
    for path in ("/", "/help", "/offline", "/journal", "/unlock"):
        page = sqlite_client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, path
        assert '<script src="/static/pwa.js" defer></script>' in page, path


def test_the_manifest_names_an_installable_standalone_app(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/manifest.webmanifest")
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["name"], manifest["start_url"], manifest["scope"]) == ("reconnect", "/", "/")
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = set()
    for icon in manifest["icons"]:
        assert icon["src"] in SHELL_FILES  # kept for offline use too
        body = sqlite_client.get(icon["src"]).content
        if icon["type"] == "image/png":
            assert png_size(body) == tuple(int(n) for n in icon["sizes"].split("x"))
            sizes.add((icon["sizes"], icon["purpose"]))
        else:
            assert icon["type"] == "image/svg+xml" and body.startswith(b"<svg")
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert "http" not in json.dumps(manifest)  # nothing beyond the local server


@pytest.mark.parametrize("directive", ["worker-src", "manifest-src", "img-src", "connect-src"])
def test_the_security_policy_lets_the_worker_and_the_manifest_load_from_here_only(
    directive: str,
) -> None:
    assert effective(directive) == ["'self'"] or (
        directive == "img-src" and effective(directive) == ["'self'", "data:"]
    )


def test_the_offline_page_says_the_server_is_needed_and_links_to_help(
    sqlite_client: TestClient,
) -> None:
    page = sqlite_client.get("/offline").text
    assert "reconnect is not answering" in page
    assert "Start it again with <code>reconnect serve</code>" in page
    assert '<a class="button primary" href="/help">Get help now</a>' in page
