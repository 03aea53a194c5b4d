"""WEB-5: the cookies server mode sets, read from the Set-Cookie headers a browser gets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import PASSWORDS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from fastapi import FastAPI
    from httpx2 import Response

    from tests.server.conftest import People

HTTPS = "https://127.0.0.1:8765"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def set_cookies(response: Response) -> dict[str, tuple[str, dict[str, str]]]:
    """Each Set-Cookie header by cookie name: its value and its attributes (lower-cased
    names; a flag's value is "")."""
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for header in response.headers.get_list("set-cookie"):
        first, *rest = (part.strip() for part in header.split(";"))
        name, _, value = first.partition("=")
        attributes = {}
        for part in rest:
            key, _, attribute = part.partition("=")
            attributes[key.strip().lower()] = attribute.strip()
        assert name not in found, f"{name} set twice in one response"
        found[name] = (value, attributes)
    return found


def assert_host_only_secure(attributes: dict[str, str]) -> None:
    assert "secure" in attributes
    assert "httponly" in attributes
    assert attributes.get("samesite", "").lower() == "strict"
    assert attributes.get("path") == "/"
    assert "domain" not in attributes


def login(client: TestClient, name: str) -> Response:
    response = client.post("/api/login", json={"username": name, "password": PASSWORDS[name]})
    assert response.status_code == 200, response.text
    return response


def https_client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=HTTPS) as client:
        yield client


def test_over_https_both_cookies_are_host_prefixed_secure_httponly_strict(
    people: People, app: FastAPI
) -> None:
    """WEB-5: ``__Host-reconnect_session`` and ``__Host-reconnect_csrf``: Secure, HttpOnly,
    SameSite=Strict, Path=/, no Domain; and the browser sends them back over https."""
    people.add("alex")
    for client in https_client(app):
        response = login(client, "alex")
        cookies = set_cookies(response)
        assert set(cookies) == {"__Host-reconnect_session", "__Host-reconnect_csrf"}
        session_value, session = cookies["__Host-reconnect_session"]
        csrf_value, csrf = cookies["__Host-reconnect_csrf"]
        assert len(session_value) == 86
        assert csrf_value == response.json()["csrf_token"]
        assert_host_only_secure(session)
        assert_host_only_secure(csrf)

        client.headers["X-CSRF-Token"] = csrf_value
        assert client.get("/api/entries").status_code == 200
        assert client.post("/api/entries", json={"text": "Walked by the canal."}).status_code == 201


def test_over_https_logout_clears_the_prefixed_cookie_with_the_same_attributes(
    people: People, app: FastAPI
) -> None:
    """WEB-5: a browser ignores a ``__Host-`` cookie deletion without Secure and Path=/,
    so the logout's Set-Cookie must carry them."""
    people.add("alex")
    for client in https_client(app):
        client.headers["X-CSRF-Token"] = login(client, "alex").json()["csrf_token"]
        response = client.post("/api/logout")
        assert response.status_code == 204
        cookies = set_cookies(response)
        value, attributes = cookies["__Host-reconnect_session"]
        assert value in ("", '""')
        assert_host_only_secure(attributes)
        assert "__Host-reconnect_csrf" in cookies  # the CSRF token is rotated as well
        assert client.get("/api/entries").status_code == 401


def test_over_plain_http_the_names_have_no_prefix(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-5: on http://127.0.0.1 a ``__Host-`` cookie would be refused, so the plain
    names are used, still HttpOnly, SameSite=Strict, Path=/ and without Domain."""
    people.add("alex")
    response = login(client_for(None), "alex")
    cookies = set_cookies(response)
    assert set(cookies) == {"reconnect_session", "reconnect_csrf"}
    for _, attributes in cookies.values():
        assert "httponly" in attributes
        assert attributes.get("samesite", "").lower() == "strict"
        assert attributes.get("path") == "/"
        assert "domain" not in attributes
