"""A 405 names the methods the path does accept (RFC 9110 §15.5.6), on every route."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from fastapi.routing import iter_route_contexts
from starlette.routing import compile_path

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

TRIED = ("GET", "POST", "PUT", "PATCH", "DELETE")


def concrete(path: str) -> str:
    """A path with its parameters filled in (ids and names alike)."""
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_405_carries_an_allow_header_listing_all_the_paths_methods(
    sqlite_client: TestClient,
) -> None:
    by_path: dict[str, set[str]] = defaultdict(set)
    routes = [
        (c.path, set(c.methods))
        for c in iter_route_contexts(sqlite_client.app.routes)  # type: ignore[attr-defined]
        if c.path is not None and c.methods
    ]
    for route_path, route_methods in routes:
        by_path[concrete(route_path)] |= route_methods
    # A concrete path can match more than one route: /api/shares/preview is also
    # /api/shares/{share_id}. Every method some matching route answers belongs in Allow.
    for path, methods in by_path.items():
        for route_path, route_methods in routes:
            if compile_path(route_path)[0].match(path):
                methods |= route_methods
    checked = 0
    for path, methods in by_path.items():
        for method in (m for m in TRIED if m not in methods):
            response = sqlite_client.request(method, path)
            assert response.status_code == 405, (method, path, response.status_code)
            assert set(response.headers["allow"].split(", ")) == methods, (method, path)
            checked += 1
    assert checked > 50


def test_a_405_under_the_api_names_both_routes_of_a_path(sqlite_client: TestClient) -> None:
    """GET and POST /api/entries are two routes; Starlette alone would name only the first."""
    response = sqlite_client.delete("/api/entries")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json() == {"error": "Method not allowed.", "hint": None}


def test_a_405_for_a_static_file_says_get_and_head(sqlite_client: TestClient) -> None:
    response = sqlite_client.post("/static/app.css")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
