"""WEB-4: the life of a server-mode session as a browser (or someone holding an old
cookie) sees it: rotation at login, logout, idle and absolute limits, ending every session
of an account, and what the server keeps of a session."""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from sqlalchemy import select

from reconnect.services import accounts
from reconnect.services.sessions import TOUCH_EVERY
from reconnect.storage.server_tables import SessionRow
from tests.server.conftest import log_in

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

SESSION = "reconnect_session"
CSRF = "reconnect_csrf"


def session_of(client: TestClient) -> str:
    value = client.cookies.get(SESSION)
    assert value is not None
    return value


def replay(client_for: Callable[[str | None], TestClient], cookie: str) -> TestClient:
    """A different browser that only has this session cookie."""
    other = client_for(None)
    other.cookies.set(SESSION, cookie)
    return other


def stored_sessions(server: ServerServices) -> list[dict[str, object]]:
    with server.transaction() as connection:
        return [dict(row._mapping) for row in connection.execute(select(SessionRow))]


def last_seen(server: ServerServices) -> datetime:
    (row,) = stored_sessions(server)
    seen = row["last_seen"]
    assert seen is not None
    return seen  # type: ignore[return-value]


def test_each_login_rotates_the_session_cookie_and_the_csrf_token(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-4: every login gives a new session cookie and a new CSRF token; the CSRF
    cookie a visitor had before logging in is replaced by the new token."""
    people.add("alex")
    browser = client_for(None)
    before = browser.get("/api/csrf").json()["csrf_token"]
    assert browser.cookies.get(CSRF) == before

    first = browser.post(
        "/api/login", json={"username": "alex", "password": "otter kettle tuesday"}
    )
    assert first.status_code == 200, first.text
    first_csrf = first.json()["csrf_token"]
    assert first_csrf != before
    csrf_cookies = [h for h in first.headers.get_list("set-cookie") if h.startswith(f"{CSRF}=")]
    assert [h.split(";")[0] for h in csrf_cookies] == [f"{CSRF}={first_csrf}"]
    assert browser.cookies.get(CSRF) == first_csrf
    first_session = session_of(browser)

    browser.headers["X-CSRF-Token"] = first_csrf
    second_csrf = log_in(browser, "alex")
    second_session = session_of(browser)
    assert second_csrf not in (before, first_csrf)
    assert second_session != first_session
    assert browser.cookies.get(CSRF) == second_csrf
    assert browser.get("/api/entries").status_code == 200
    # The token from before the login is no longer what this browser holds or sends.
    written = browser.post("/api/entries", json={"text": "A calm morning."})
    assert written.status_code == 201, written.text


def test_logout_then_replaying_the_old_cookie_is_401(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-4: after logout the old cookie, replayed from anywhere, is refused."""
    people.add("alex")
    alex = client_for("alex")
    cookie = session_of(alex)
    assert alex.post("/api/logout").status_code == 204
    assert replay(client_for, cookie).get("/api/entries").status_code == 401
    assert replay(client_for, cookie).get("/api/me").status_code == 401


def test_thirty_idle_minutes_end_the_session(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-4: 31 minutes without a request → 401, and it stays ended."""
    people.add("alex")
    alex = client_for("alex")
    clock.advance(minutes=31)
    assert alex.get("/api/entries").status_code == 401
    assert alex.get("/api/me").status_code == 401


def test_an_ended_session_is_deleted_when_it_is_refused(
    people: People,
    client_for: Callable[[str | None], TestClient],
    clock: Clock,
    server: ServerServices,
) -> None:
    """WEB-4: the refused session is gone from the server (``resolve`` says it deletes
    it), so no later request can revive it, whatever another server's clock says."""
    people.add("alex")
    alex = client_for("alex")
    cookie = session_of(alex)
    clock.advance(minutes=31)
    assert alex.get("/api/entries").status_code == 401
    assert stored_sessions(server) == []
    clock.advance(minutes=-30)  # a server whose clock lags by half an hour
    assert replay(client_for, cookie).get("/api/entries").status_code == 401


def test_activity_keeps_a_session_alive(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-4: 29 minutes, a request, 29 more minutes: still logged in (58 since login)."""
    people.add("alex")
    alex = client_for("alex")
    clock.advance(minutes=29)
    assert alex.get("/api/entries").status_code == 200
    clock.advance(minutes=29)
    assert alex.get("/api/entries").status_code == 200
    clock.advance(minutes=30)
    assert alex.get("/api/entries").status_code == 401


def test_activity_is_recorded_at_most_once_a_minute(
    people: People,
    client_for: Callable[[str | None], TestClient],
    clock: Clock,
    server: ServerServices,
) -> None:
    """WEB-4: last_seen moves only when TOUCH_EVERY (a minute) has passed, so a request
    half a minute after login does not extend the idle limit."""
    assert TOUCH_EVERY.total_seconds() == 60
    people.add("alex")
    alex = client_for("alex")
    login_at = clock.now
    clock.advance(seconds=30)
    assert alex.get("/api/entries").status_code == 200
    assert last_seen(server) == login_at
    clock.advance(seconds=30)
    assert alex.get("/api/entries").status_code == 200
    assert last_seen(server) == clock.now
    clock.advance(minutes=30)
    assert alex.get("/api/entries").status_code == 401


def test_a_session_ends_after_twelve_hours_even_when_busy(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-4: the absolute limit: requests every 25 minutes still end at 12 hours."""
    people.add("alex")
    alex = client_for("alex")
    for _ in range(28):  # 11 h 40 min
        clock.advance(minutes=25)
        assert alex.get("/api/entries").status_code == 200
    clock.advance(minutes=19)  # 11 h 59 min
    assert alex.get("/api/entries").status_code == 200
    clock.advance(minutes=1)
    assert alex.get("/api/entries").status_code == 401


def test_disabling_an_account_ends_all_its_sessions_at_once(
    people: People,
    client_for: Callable[[str | None], TestClient],
    server: ServerServices,
) -> None:
    """WEB-4: set_disabled ends every session of that account on its next request."""
    people.add("alex")
    people.add("sam")
    phone, laptop, sam = client_for("alex"), client_for("alex"), client_for("sam")
    accounts.set_disabled(server, "alex", True)
    assert phone.get("/api/entries").status_code == 401
    assert laptop.get("/api/entries").status_code == 401
    assert sam.get("/api/entries").status_code == 200
    accounts.set_disabled(server, "alex", False)  # enabling again does not revive them
    assert phone.get("/api/entries").status_code == 401
    assert laptop.get("/api/me").status_code == 401
    assert client_for("alex").get("/api/entries").status_code == 200


def test_deleting_an_account_ends_all_its_sessions_at_once(
    people: People,
    client_for: Callable[[str | None], TestClient],
    server: ServerServices,
) -> None:
    """WEB-4: delete_account: the next request of every session of it → 401, not 500."""
    people.add("alex")
    people.add("sam")
    phone, laptop, sam = client_for("alex"), client_for("alex"), client_for("sam")
    accounts.delete_account(server, "alex")
    assert phone.get("/api/entries").status_code == 401
    assert laptop.get("/api/me").status_code == 401
    assert sam.get("/api/entries").status_code == 200
    assert len(stored_sessions(server)) == 1


def test_two_sessions_of_one_person_are_independent(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-4: logging out on one device leaves the other logged in."""
    people.add("alex")
    phone, laptop = client_for("alex"), client_for("alex")
    assert session_of(phone) != session_of(laptop)
    assert phone.post("/api/logout").status_code == 204
    assert phone.get("/api/entries").status_code == 401
    assert laptop.get("/api/entries").status_code == 200


def test_the_stored_session_holds_only_the_hash_of_the_id(
    people: People,
    client_for: Callable[[str | None], TestClient],
    server: ServerServices,
) -> None:
    """WEB-4: the session row has neither the cookie nor the session id nor its secret,
    only the id's SHA-256 (a database dump cannot be replayed as a cookie)."""
    people.add("alex")
    cookie = session_of(client_for("alex"))
    raw = base64.urlsafe_b64decode(cookie + "==")
    session_id, secret = raw[:32], raw[32:]
    (row,) = stored_sessions(server)
    assert bytes(row["id_hash"]) == hashlib.sha256(session_id).digest()  # type: ignore[call-overload]
    for value in row.values():
        blob = value if isinstance(value, bytes) else str(value).encode()
        for leaked in (cookie.encode(), session_id, secret, session_id.hex().encode()):
            assert leaked not in blob
        assert cookie not in repr(value)


def _flipped(cookie: str, at: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    old = cookie[at]
    new = alphabet[(alphabet.index(old) + 32) % 64]  # changes the character's top bit
    return cookie[:at] + new + cookie[at + 1 :]


def test_a_tampered_cookie_is_401_never_500(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-4: one character flipped anywhere (in the id or in the secret) → 401."""
    people.add("alex")
    alex = client_for("alex")
    cookie = session_of(alex)
    for at in (0, 20, 42, 43, 60, 84, 85):
        tampered = replay(client_for, _flipped(cookie, at))
        assert tampered.get("/api/entries").status_code == 401, at
        assert tampered.get("/api/me").status_code == 401, at
    assert alex.get("/api/entries").status_code == 200


def test_a_made_up_cookie_is_401_never_500(
    client_for: Callable[[str | None], TestClient],
) -> None:
    """WEB-4: a cookie the server never issued → 401."""
    browser = client_for(None)
    made_up = ["", "x", "A" * 86, "A" * 85 + "!", "A" * 200, "%00" * 30, "A" * 43 + "." + "A" * 42]
    for cookie in made_up:
        response = browser.get("/api/entries", headers={"Cookie": f"{SESSION}={cookie}"})
        assert response.status_code == 401, cookie
