"""WEB-6 in server mode: every unsafe route needs the CSRF token and a same-site origin;
the signing key is the server database's (shared by its processes, no other's); a GET
changes no row anywhere (WEB-10: safe methods are safe)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from fastapi.testclient import TestClient

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.web.app import create_app
from reconnect.web.security import CROSS_SITE, CSRF_REFUSED
from tests.server.conftest import BASE, _postgres_database, log_in
from tests.server.test_authz_matrix import (
    form_body,
    json_body,
    load_matrix,
    make_objects,
    sync_csrf,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from fastapi import FastAPI

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
EVIL = "https://evil.example"
PLACEHOLDERS = {
    "entry_id": "1",
    "checkin_id": "1",
    "result_id": "1",
    "log_id": "1",
    "practice_id": "box-breathing",
    "instrument_id": "detachment-signs",
    "day": "2026-12-06",
    "week": "2026-W49",
    "share_id": "0" * 32,
    "client_id": "0" * 32,
}


def unsafe_rows() -> list[tuple[str, str]]:
    """Every unsafe (method, path) of the matrix, filled in."""
    rows = load_matrix()
    return [
        (row["method"], row["path"].format(**PLACEHOLDERS))
        for row in rows
        if row["method"] in UNSAFE
    ]


def _refused(response: object, message: str) -> bool:
    text = getattr(response, "text", "")
    return getattr(response, "status_code", 0) == 403 and message in text


def test_every_unsafe_route_refuses_a_missing_token_and_a_foreign_origin(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-6: without X-CSRF-Token → 403; with the token but Origin evil.example → 403.
    POST /api/login needs no token (it hands the token out) but still refuses the origin."""
    people.add("alex")
    alex = client_for("alex")
    token = alex.headers["X-CSRF-Token"]
    wrong: list[str] = []
    for method, path in unsafe_rows():
        del alex.headers["X-CSRF-Token"]
        bare = alex.request(method, path, json={})
        if path != "/api/login" and not _refused(bare, CSRF_REFUSED):
            wrong.append(f"{method} {path} without a token: {bare.status_code}")
        if path == "/api/login" and bare.status_code == 403:
            wrong.append(f"{method} {path} asked for a token: {bare.text[:100]}")
        alex.headers["X-CSRF-Token"] = token
        foreign = alex.request(method, path, json={}, headers={"Origin": EVIL})
        if not _refused(foreign, CROSS_SITE):
            wrong.append(f"{method} {path} from {EVIL}: {foreign.status_code}")
        site = alex.request(method, path, json={}, headers={"Sec-Fetch-Site": "cross-site"})
        if not _refused(site, CROSS_SITE):
            wrong.append(f"{method} {path} Sec-Fetch-Site cross-site: {site.status_code}")
    assert not wrong, "\n".join(wrong)
    # The same client with its token gets through (so the refusals above were the guard's).
    written = alex.post("/api/entries", json={"text": "Made tea."})
    assert written.status_code == 201, written.text


def _second_server_url(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'other' / 'server.db'}"
    else:
        yield from _postgres_database()


def test_a_token_is_good_in_every_process_of_one_server_and_no_other(
    server_url: str,
    server: ServerServices,
    server_settings: Settings,
    app: FastAPI,
    people: People,
    clock: Clock,
    tmp_path: Path,
) -> None:
    """WEB-6: a second process (its own build_server and create_app on the same database)
    accepts the token the first signed; an app over another server database refuses it."""
    people.add("alex")
    with TestClient(app, base_url=BASE) as first:
        token = log_in(first, "alex")
        cookies = dict(first.cookies.items())
    second_server = build_server(server_settings, clock=clock)
    try:
        with TestClient(create_app(server_settings, server=second_server), base_url=BASE) as two:
            for name, value in cookies.items():
                two.cookies.set(name, value)
            written = two.post(
                "/api/entries",
                json={"text": "From the second process."},
                headers={"X-CSRF-Token": token},
            )
            assert written.status_code == 201, written.text
    finally:
        second_server.close()
    kind = "sqlite" if server_url.startswith("sqlite") else "postgresql"
    urls = _second_server_url(kind, tmp_path)
    other_settings = Settings(server_database_url=next(urls), test_fast_kdf=True, country=None)
    other_server = build_server(other_settings, clock=clock)
    try:
        with TestClient(create_app(other_settings, server=other_server), base_url=BASE) as three:
            for name, value in cookies.items():
                three.cookies.set(name, value)
            refused = three.post(
                "/api/entries", json={"text": "Elsewhere."}, headers={"X-CSRF-Token": token}
            )
            assert _refused(refused, CSRF_REFUSED), (refused.status_code, refused.text)
    finally:
        other_server.close()
        next(urls, None)


def row_counts(server_url: str) -> dict[str, int]:
    """Rows in every table of the server database: its own tables and every journal's."""
    counts: dict[str, int] = {}
    if server_url.startswith("sqlite"):
        folder = Path(server_url.removeprefix("sqlite:///")).parent
        for path in sorted(folder.rglob("*.db")):
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                tables = [
                    name
                    for (name,) in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                ]
                for table in tables:
                    (n,) = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                    counts[f"{path.relative_to(folder)}:{table}"] = n
            conn.close()
        return counts
    with psycopg.connect(server_url, autocommit=True) as pg:
        tables = pg.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            row = pg.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()
            assert row is not None
            counts[f"{schema}.{table}"] = row[0]
    return counts


def test_no_get_route_changes_a_row_count(
    server_url: str, people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-10: GETting every GET route, as the owner, another member and anonymous,
    leaves the number of rows in every server and journal table as it was."""
    people.add("alex")
    people.add("sam")
    alex = client_for("alex")
    ids = {**PLACEHOLDERS, **make_objects(alex, f"canary-{uuid.uuid4().hex}")}
    assert alex.put("/api/selfchecks/draft", json=json_body("selfcheck", "")).status_code == 200
    sam = client_for("sam")
    anonymous = client_for(None)
    gets = [row for row in load_matrix() if row["method"] in ("GET", "HEAD")]
    assert len(gets) > 30
    before = row_counts(server_url)
    assert any(n > 0 for n in before.values())
    for client in (alex, sam, anonymous):
        for row in gets:
            path = row["path"].format(**ids)
            if "query" in row:
                path = f"{path}?{row['query']}"
            response = client.request(row["method"], path, follow_redirects=False)
            assert response.status_code < 500, (path, response.status_code)
    after = row_counts(server_url)
    changed = {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys()}
    changed = {k: v for k, v in changed.items() if v[0] != v[1]}
    assert not changed, changed


@pytest.mark.parametrize("form", ["entry", "checkin"])
def test_a_form_token_in_the_body_is_accepted_too(
    people: People, client_for: Callable[[str | None], TestClient], form: str
) -> None:
    """WEB-6: a page form sends the token as ``csrf_token``, not as a header."""
    people.add("alex")
    alex = client_for("alex")
    token = alex.headers.pop("X-CSRF-Token")
    path = "/journal" if form == "entry" else "/checkin"
    refused = alex.post(path, data=form_body(form, "x"), follow_redirects=False)
    assert _refused(refused, CSRF_REFUSED)
    sent = alex.post(
        path, data={**form_body(form, "x"), "csrf_token": token}, follow_redirects=False
    )
    assert sent.status_code == 303, sent.text
    sync_csrf(alex)
