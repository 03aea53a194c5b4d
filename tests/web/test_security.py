"""The local app's guards: Host check, CSRF on every unsafe route, headers, limits, errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text
from tests.web.conftest import unlock

from reconnect.config import Settings
from reconnect.web.app import create_app
from reconnect.web.security import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from fastapi import FastAPI

BASE = "http://127.0.0.1:8765"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def all_routes(app: FastAPI) -> list[tuple[set[str], str]]:
    """(methods, path) of every route, including those of included routers."""
    return [
        (set(context.methods or ()), context.path)
        for context in iter_route_contexts(app.routes)
        if context.path is not None and not context.path.startswith("/static")
    ]


def unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [
        (method, re.sub(r"\{[^}]+\}", "1", path))
        for methods, path in all_routes(app)
        for method in sorted(methods & UNSAFE)
    ]


def html_get_routes(app: FastAPI) -> list[str]:
    return [path for methods, path in all_routes(app) if "GET" in methods and "{" not in path]


@pytest.fixture
def app(sqlite_url: str) -> FastAPI:
    return create_app(Settings(database_url=sqlite_url))


def test_there_are_unsafe_routes_to_protect(app: FastAPI) -> None:
    assert len(unsafe_routes(app)) >= 5


def test_every_unsafe_route_refuses_a_request_without_the_csrf_token(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE) as client:
        client.get("/")  # receives the cookie, but sends no token
        for method, path in unsafe_routes(app):
            response = client.request(method, path, json={})
            assert response.status_code == 403, (method, path)
            response = client.request(method, path, data={"csrf_token": "forged"})
            assert response.status_code == 403, (method, path)
    with TestClient(app, base_url=BASE) as cookieless:
        for method, path in unsafe_routes(app):
            response = cookieless.request(method, path, json={}, headers={"X-CSRF-Token": "x.y"})
            assert response.status_code == 403, (method, path)


def test_every_unsafe_route_refuses_a_cross_site_origin(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE) as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        for method, path in unsafe_routes(app):
            response = client.request(
                method,
                path,
                json={},
                headers={"X-CSRF-Token": token, "Origin": "http://evil.example"},
            )
            assert response.status_code == 403, (method, path)
            response = client.request(
                method,
                path,
                json={},
                headers={"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"},
            )
            assert response.status_code == 403, (method, path)


def test_a_foreign_host_header_is_refused(app: FastAPI) -> None:
    with TestClient(app, base_url="http://evil.example") as client:
        response = client.get("/")
        assert response.status_code == 400
    with TestClient(app, base_url=BASE) as client:
        assert client.get("/", headers={"Host": "127.0.0.1.evil.example"}).status_code == 400
        assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
        assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200


def test_every_page_sends_the_security_headers(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE) as client:
        paths = [*html_get_routes(app), "/nope", "/selfcheck/results/999"]
        for path in paths:
            response = client.get(path)
            headers = response.headers
            assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"] == "no-referrer"
            assert headers["x-frame-options"] == "DENY"
            if headers["content-type"].startswith("text/html"):
                assert headers["cache-control"] == "no-store", path
        for part in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert part in CONTENT_SECURITY_POLICY
        assert "http" not in CONTENT_SECURITY_POLICY


def test_pages_load_nothing_from_outside(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE) as client:
        for path in html_get_routes(app):
            body = client.get(path).text
            for url in re.findall(r'(?:src|href)="([^"]+)"', body):
                assert url.startswith(("/", "#", "tel:", "sms:")), (path, url)


def get_routes(app: FastAPI) -> list[str]:
    """Every GET path, with each path parameter set to 1 (an id that exists after setup)."""
    return [
        re.sub(r"\{[^}]+\}", "1", path) for methods, path in all_routes(app) if "GET" in methods
    ]


def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            return {
                table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
                for table in inspect(connection).get_table_names()
            }
    finally:
        engine.dispose()


def test_get_requests_change_no_rows(database_url: str) -> None:
    app = create_app(Settings(database_url=database_url))
    with TestClient(app, base_url=BASE) as client:
        token = {"X-CSRF-Token": unlock(client)}
        client.post("/api/selfchecks", json={"answers": {"nb1": 1}}, headers=token)
        client.put("/api/selfchecks/draft", json={"answers": {"nb1": 1}}, headers=token)
        client.post("/api/entries", json={"text": "Quiet day."}, headers=token)
        before = row_counts(database_url)
        assert sum(before.values()) >= 4  # the result, the draft, the entry, the migration mark
        for path in [*get_routes(app), "/selfcheck/take?resume=1", "/api/docs"]:
            assert client.get(path).status_code < 500, path
        assert row_counts(database_url) == before


def test_an_oversized_body_is_refused_before_parsing(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE) as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        huge = b'{"answers": {"' + b"a" * 10_000_000 + b'": 1}}'
        response = client.post(
            "/api/selfchecks",
            content=huge,
            headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
        )
        assert response.status_code == 413


def test_an_unexpected_error_gives_a_generic_page(sqlite_url: str) -> None:
    app = create_app(Settings(database_url=sqlite_url))
    secret = "secret detail /home/someone/journal.db SELECT * FROM entries"

    @app.get("/api/boom")
    def api_boom() -> None:
        raise RuntimeError(secret)

    @app.get("/boom")
    def page_boom() -> None:
        raise RuntimeError(secret)

    leaks = ("secret", "journal.db", "SELECT", "Traceback", "RuntimeError", "/boom")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
        assert response.status_code == 500
        assert "Something went wrong" in response.json()["error"]
        page = client.get("/boom")
        assert page.status_code == 500
        assert "Something went wrong" in page.text
        assert "Get help now" in page.text
        fragment = client.get("/boom", headers={"HX-Request": "true"})
        assert fragment.status_code == 500
        assert 'role="alert"' in fragment.text and "<html" not in fragment.text
    for body in (response.text, page.text, fragment.text):
        for leak in leaks:
            assert leak not in body


def test_the_form_flow_works_without_javascript(sqlite_client: TestClient) -> None:
    client = sqlite_client
    page = client.get("/selfcheck/take?perspective=partner")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    form = {"csrf_token": token.group(1), "perspective": "partner"}
    form |= dict.fromkeys(re.findall(r'type="radio" name="([^"]+)" value="3"', page.text), "3")
    del client.headers["X-CSRF-Token"]
    response = client.post("/selfcheck", data=form, follow_redirects=False)
    assert response.status_code == 303
    result = client.get(response.headers["location"])
    assert "Your self-check about your partner" in result.text


def test_a_form_with_bad_values_shows_a_clear_error(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/selfcheck/take")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    response = sqlite_client.post(
        "/selfcheck", data={"csrf_token": token.group(1), "nb1": "9", "zz_unknown": "1"}
    )
    assert response.status_code == 422
    assert "outside the scale" in response.text or "unknown item id" in response.text
    assert "<html" in response.text
