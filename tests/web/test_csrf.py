"""CSRF details beyond the per-route sweep: signed cookies, exact origins, streamed bodies."""

from __future__ import annotations

import doctest
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from reconnect.config import Settings
from reconnect.content import load_instrument
from reconnect.web import security
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"
FIRST_ITEM = load_instrument().items[0].id


def test_the_guard_examples_hold() -> None:
    assert doctest.testmod(security, raise_on_error=True).attempted >= 4


def test_a_cookie_this_process_did_not_sign_is_refused(sqlite_url: str) -> None:
    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url=BASE) as client:
        client.cookies.set(security.CSRF_COOKIE, "planted.by-another-app")
        response = client.put(
            "/api/selfchecks/draft",
            json={"answers": {}},
            headers={"X-CSRF-Token": "planted.by-another-app"},
        )
        assert response.status_code == 403


def test_a_token_from_an_earlier_run_is_refused_and_replaced() -> None:
    earlier = create_app(Settings(database_url="sqlite:///:memory:"))
    with TestClient(earlier, base_url=BASE) as client:
        old = client.get("/api/csrf").json()["csrf_token"]
    later = create_app(Settings(database_url="sqlite:///:memory:"))
    with TestClient(later, base_url=BASE) as client:
        client.cookies.set(security.CSRF_COOKIE, old)
        refused = client.put(
            "/api/selfchecks/draft", json={"answers": {}}, headers={"X-CSRF-Token": old}
        )
        assert refused.status_code == 403
        reply = client.get("/api/csrf")
        fresh = reply.json()["csrf_token"]
        assert fresh != old
        assert f"{security.CSRF_COOKIE}={fresh}" in reply.headers["set-cookie"]


def test_the_cookie_is_http_only_and_strict(sqlite_client: TestClient) -> None:
    sqlite_client.cookies.clear()
    cookie = sqlite_client.get("/help").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie


def test_pages_carry_the_same_token_as_the_cookie(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/selfcheck/take").text
    cookie = sqlite_client.cookies[security.CSRF_COOKIE]
    assert f'name="csrf_token" value="{cookie}"' in page
    assert f'hx-headers=\'{{"X-CSRF-Token": "{cookie}"}}\'' in page


def test_another_loopback_port_is_another_origin(sqlite_client: TestClient) -> None:
    body = {"answers": {FIRST_ITEM: 1}}
    for origin in ("http://127.0.0.1:9999", "http://localhost:8765", "https://127.0.0.1:8765"):
        response = sqlite_client.put("/api/selfchecks/draft", json=body, headers={"Origin": origin})
        assert response.status_code == 403, origin
    same = sqlite_client.put("/api/selfchecks/draft", json=body, headers={"Origin": BASE})
    assert same.status_code == 200


def test_a_same_origin_form_post_with_a_null_origin_is_accepted(
    sqlite_client: TestClient,
) -> None:
    # Referrer-Policy: no-referrer makes browsers send "Origin: null" on their own forms.
    token = sqlite_client.cookies[security.CSRF_COOKIE]
    del sqlite_client.headers["X-CSRF-Token"]
    response = sqlite_client.post(
        "/selfcheck/discard",
        data={"csrf_token": token, "perspective": "self"},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_refusals_under_api_use_the_error_shape(sqlite_client: TestClient) -> None:
    del sqlite_client.headers["X-CSRF-Token"]
    response = sqlite_client.post("/api/selfchecks", json={"answers": {}})
    assert response.status_code == 403
    assert response.json() == {"error": security.CSRF_REFUSED, "hint": security.CSRF_HINT_API}


def test_a_refused_form_shows_a_page_with_the_way_to_help(sqlite_client: TestClient) -> None:
    del sqlite_client.headers["X-CSRF-Token"]
    for headers, status, message in (
        ({}, 403, security.CSRF_REFUSED),
        ({"Origin": "http://evil.example"}, 403, security.CROSS_SITE),
        ({"Content-Length": "2000000"}, 413, security.TOO_LARGE),
    ):
        page = sqlite_client.post("/selfcheck", content=b"nb1=1", headers=headers)
        assert page.status_code == status, message
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["content-security-policy"] == security.CONTENT_SECURITY_POLICY
        assert message in page.text
        assert '<a class="help-now" href="/help">Get help now</a>' in page.text
    foreign = sqlite_client.post("/selfcheck", headers={"Host": "evil.example"})
    assert foreign.status_code == 400
    assert foreign.headers["content-type"].startswith("text/plain")


def _chunks(total: int, size: int = 1_000_000) -> Iterator[bytes]:
    for _ in range(total // size):
        yield b"x" * size


def test_a_streamed_body_over_the_limit_is_refused(sqlite_client: TestClient) -> None:
    for path, content_type in (
        ("/api/selfchecks", "application/json"),
        ("/selfcheck/draft", "application/x-www-form-urlencoded"),
    ):
        response = sqlite_client.post(
            path, content=_chunks(10_000_000), headers={"Content-Type": content_type}
        )
        assert response.status_code == 413, path
        assert "content-length" not in response.request.headers


def test_a_body_just_under_the_limit_reaches_the_route(sqlite_client: TestClient) -> None:
    padding = "x" * (security.MAX_BODY_BYTES - 200)
    body = f'{{"answers": {{}}, "perspective": "self", "pad": "{padding}"}}'
    response = sqlite_client.put(
        "/api/selfchecks/draft", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (200, 422)
