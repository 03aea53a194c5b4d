"""WEB-5: the CSRF cookie's flags, parsed from Set-Cookie and as Chromium stores them.

Over TLS (uvicorn's own, or a proxy it trusts sending X-Forwarded-Proto: https) the cookie is
``__Host-reconnect_csrf`` with Secure; over plain http://127.0.0.1 it has the same name without
the prefix and no Secure, since browsers other than Chromium and Firefox drop Secure cookies there.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from playwright.sync_api import sync_playwright
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import free_port

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def parse(set_cookie: str) -> tuple[str, dict[str, str | bool]]:
    """The cookie's name and its attributes (lower-case names; flags as True)."""
    name_value, *attributes = (part.strip() for part in set_cookie.split(";"))
    flags: dict[str, str | bool] = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        flags[key.lower()] = value if value else True
    return name_value.split("=", 1)[0], flags


@pytest.mark.parametrize(
    ("base_url", "name", "secure"),
    [
        pytest.param("http://127.0.0.1:8765", "reconnect_csrf", False, id="plain-http"),
        pytest.param("https://127.0.0.1:8765", "__Host-reconnect_csrf", True, id="tls"),
    ],
)
def test_set_cookie_carries_every_flag(
    sqlite_url: str, base_url: str, name: str, secure: bool
) -> None:
    with TestClient(create_app(Settings(database_url=sqlite_url)), base_url=base_url) as client:
        headers = client.get("/help").headers.get_list("set-cookie")
    assert len(headers) == 1
    cookie_name, flags = parse(headers[0])
    assert cookie_name == name
    assert flags["path"] == "/"
    assert flags["httponly"] is True
    assert flags["samesite"] == "Strict"
    assert "domain" not in flags and "expires" not in flags and "max-age" not in flags
    assert ("secure" in flags) is secure


def test_over_tls_only_the_host_prefixed_cookie_is_accepted(sqlite_url: str) -> None:
    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url="https://127.0.0.1:8765") as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        assert client.cookies["__Host-reconnect_csrf"] == token
        data = {"csrf_token": token, "passphrase": "not it"}
        assert client.post("/unlock", data=data).status_code != 403
        client.cookies.clear()
        client.cookies.set("reconnect_csrf", token)  # the plain-HTTP name does not count
        assert client.post("/unlock", data=data).status_code == 403


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the test's own TLS, never trusted elsewhere)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


SERVE = """
import sys, uvicorn
from reconnect.config import resolve
from reconnect.web.app import create_app
port, key, cert = int(sys.argv[1]), sys.argv[2] or None, sys.argv[3] or None
uvicorn.run(create_app(resolve(database_url=sys.argv[4])), host="127.0.0.1", port=port,
            log_level="warning", ssl_keyfile=key, ssl_certfile=cert)
"""


def _start(tmp_path: Path, tls: bool) -> Iterator[str]:
    """The app under uvicorn (as ``reconnect serve`` runs it), over TLS or plain HTTP."""
    port = free_port()
    key, cert = _certificate(tmp_path) if tls else ("", "")
    db = f"sqlite:///{tmp_path / 'cookies.db'}"
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port), str(key), str(cert), db],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail((tmp_path / "server.log").read_text())
            time.sleep(0.1)
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def plain_server(tmp_path: Path) -> Iterator[str]:
    yield from _start(tmp_path, tls=False)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    yield from _start(tmp_path, tls=True)


def test_a_proxy_on_this_machine_sending_https_gets_the_secure_cookie(plain_server: str) -> None:
    """uvicorn trusts X-Forwarded-Proto from 127.0.0.1 (FORWARDED_ALLOW_IPS) by default."""
    request = urllib.request.Request(f"{plain_server}/help", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        cookie = SimpleCookie(response.headers["set-cookie"])
        raw = response.headers["set-cookie"]
    assert "__Host-reconnect_csrf" in cookie
    assert "; Secure" in raw and "HttpOnly" in raw and "SameSite=Strict" in raw
    with urllib.request.urlopen(f"{plain_server}/help", timeout=10) as response:
        assert response.headers["set-cookie"].startswith("reconnect_csrf=")


def _chromium_cookies(url: str) -> list[dict[str, object]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(ignore_https_errors=True)
            page = context.new_page()
            page.goto(f"{url}/unlock")
            # A form post back proves the browser returns the cookie (no 403 "expired").
            page.fill("input[name=passphrase]", "not the passphrase")
            page.click("button[type=submit]")
            assert "did not come from reconnect" not in page.content()
            cookies = [dict(c) for c in context.cookies()]
        finally:
            browser.close()
    return cookies


@pytest.mark.parametrize(
    ("server", "name", "secure"),
    [
        pytest.param("plain_server", "reconnect_csrf", False, id="http-127.0.0.1"),
        pytest.param("tls_server", "__Host-reconnect_csrf", True, id="https-127.0.0.1"),
    ],
)
def test_chromium_keeps_the_cookie_with_its_flags(
    request: pytest.FixtureRequest, server: str, name: str, secure: bool
) -> None:
    url: str = request.getfixturevalue(server)
    # In a thread of its own: the sync Playwright API refuses to start in a thread where an
    # earlier test on this worker left an asyncio loop running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        cookies = pool.submit(_chromium_cookies, url).result()
    assert [c["name"] for c in cookies] == [name]
    cookie = cookies[0]
    assert cookie["domain"] == "127.0.0.1"  # host-only: no Domain attribute
    assert cookie["path"] == "/"
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["secure"] is secure
    assert cookie["expires"] == -1  # a session cookie
