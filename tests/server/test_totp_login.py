"""One-time codes (TOTP) at login: a counsellor must enrol before reaching any journal
route, a member may opt in, a code works once, and the secret is never stored in plain."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import TYPE_CHECKING

import pyotp
import pytest
from sqlalchemy import select

from reconnect.storage.server_tables import AccountRow
from tests.server.conftest import PASSWORDS, log_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient
    from httpx2 import Response

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def code_at(secret: str, clock: Clock) -> str:
    return pyotp.TOTP(secret).at(clock.now)


def wrong_code(secret: str, clock: Clock) -> str:
    """A six-digit code that none of the accepted steps (now and one either side) gives."""
    totp = pyotp.TOTP(secret)
    near = {totp.at(clock.now + timedelta(seconds=30 * step)) for step in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in near)


def login(client: TestClient, name: str, code: str | None = None) -> Response:
    body = {"username": name, "password": PASSWORDS[name]}
    if code is not None:
        body["totp"] = code
    return client.post("/api/login", json=body)


def enrol(client: TestClient, clock: Clock) -> str:
    """Enrol one-time codes in this client's session; the secret."""
    offered = client.post("/api/totp/enrol")
    assert offered.status_code == 200, offered.text
    secret: str = offered.json()["secret"]
    confirmed = client.post("/api/totp/confirm", json={"code": code_at(secret, clock)})
    assert confirmed.status_code == 204, confirmed.text
    return secret


def test_a_counsellor_without_codes_can_only_enrol_then_reaches_the_journal(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """A counsellor's first login has scope "enrol": journal routes say 403 and name
    one-time codes; enrolling with a right code makes the same session full."""
    people.add("robin", "counsellor")
    robin = client_for(None)
    started = login(robin, "robin")
    assert started.status_code == 200, started.text
    assert started.json()["scope"] == "enrol"
    robin.headers["X-CSRF-Token"] = started.json()["csrf_token"]

    refused = robin.get("/api/entries")
    assert refused.status_code == 403
    assert "one-time code" in refused.json()["error"]
    assert robin.post("/api/entries", json={"text": "x"}).status_code == 403
    assert robin.get("/api/me").json()["totp"] is False

    offered = robin.post("/api/totp/enrol")
    assert offered.status_code == 200, offered.text
    secret, uri = offered.json()["secret"], offered.json()["uri"]
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri
    assert robin.post("/api/totp/enrol").json()["secret"] == secret

    assert (
        robin.post("/api/totp/confirm", json={"code": wrong_code(secret, clock)}).status_code == 422
    )
    assert robin.get("/api/entries").status_code == 403
    confirmed = robin.post("/api/totp/confirm", json={"code": code_at(secret, clock)})
    assert confirmed.status_code == 204, confirmed.text
    assert robin.get("/api/entries").status_code == 200
    assert robin.get("/api/me").json()["totp"] is True


def test_after_enrolling_a_login_needs_a_fresh_right_code(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """No code, or a wrong one → 401 with the wrong-password message; a right code → full
    scope; the same code replayed in another login → 401."""
    people.add("robin", "counsellor")
    first = client_for(None)
    log_in(first, "robin")
    secret = enrol(first, clock)
    wrong_password = client_for(None).post(
        "/api/login", json={"username": "robin", "password": "not robin's password"}
    )
    assert wrong_password.status_code == 401

    clock.advance(seconds=30)
    for attempt in (
        login(client_for(None), "robin"),
        login(client_for(None), "robin", wrong_code(secret, clock)),
    ):
        assert attempt.status_code == 401
        assert attempt.json() == wrong_password.json()
        assert "reconnect_session" not in attempt.headers.get("set-cookie", "")

    code = code_at(secret, clock)
    second = client_for(None)
    ok = login(second, "robin", code)
    assert ok.status_code == 200, ok.text
    assert ok.json()["scope"] == "full"
    assert second.get("/api/entries").status_code == 200

    replayed = login(client_for(None), "robin", code)
    assert replayed.status_code == 401
    assert replayed.json() == wrong_password.json()
    clock.advance(seconds=30)
    assert login(client_for(None), "robin", code_at(secret, clock)).status_code == 200


def test_the_enrolment_code_cannot_be_replayed_at_login(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """The code that confirmed enrolment is spent: logging in with it → 401."""
    people.add("robin", "counsellor")
    first = client_for(None)
    log_in(first, "robin")
    secret = enrol(first, clock)
    assert login(client_for(None), "robin", code_at(secret, clock)).status_code == 401


def test_a_member_may_opt_in_to_one_time_codes(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """A member logs in with full scope, may enrol, and from then on needs a code."""
    people.add("alex")
    alex = client_for(None)
    started = login(alex, "alex")
    assert started.json()["scope"] == "full"
    alex.headers["X-CSRF-Token"] = started.json()["csrf_token"]
    secret = enrol(alex, clock)
    assert alex.get("/api/entries").status_code == 200
    assert alex.post("/api/totp/enrol").status_code == 422  # already set up

    clock.advance(seconds=30)
    assert login(client_for(None), "alex").status_code == 401
    ok = login(client_for(None), "alex", code_at(secret, clock))
    assert ok.status_code == 200, ok.text
    assert ok.json()["scope"] == "full"


def test_the_totp_secret_is_not_stored_in_plain(
    people: People,
    client_for: Callable[[str | None], TestClient],
    clock: Clock,
    server: ServerServices,
) -> None:
    """The accounts row holds the secret sealed: neither its base32 nor its bytes."""
    people.add("robin", "counsellor")
    robin = client_for(None)
    log_in(robin, "robin")
    secret = enrol(robin, clock)
    raw = base64.b32decode(secret)
    with server.transaction() as connection:
        row = connection.execute(select(AccountRow).where(AccountRow.username == "robin")).one()
    values = dict(row._mapping)
    sealed = values["totp_sealed"]
    assert isinstance(sealed, bytes) and sealed
    for value in values.values():
        blob = value if isinstance(value, bytes) else str(value).encode()
        for leaked in (secret.encode(), secret.lower().encode(), raw, raw.hex().encode()):
            assert leaked not in blob
    if not server.db.is_postgres:
        url = server.settings.server_database_url
        with open(url.removeprefix("sqlite:///"), "rb") as db_file:
            assert secret.encode() not in db_file.read()
