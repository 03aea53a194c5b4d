"""WEB-8: login throttling as a person (or an attacker) at the login API sees it.

Every attempt goes through POST /api/login with the test's hand-moved clock. TestClient's
client address is "testclient", so every attempt in a test comes from one address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.server.conftest import PASSWORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient
    from httpx2 import Response

    from tests.server.conftest import Clock, People

WRONG = "not the right password at all"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def attempt(client: TestClient, name: str, password: str) -> Response:
    return client.post("/api/login", json={"username": name, "password": password})


def fail_times(client: TestClient, name: str, times: int) -> None:
    for n in range(times):
        response = attempt(client, name, WRONG)
        assert response.status_code == 401, (n, response.text)


def assert_throttled(response: Response, seconds: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["retry-after"] == str(seconds)
    assert "session" not in response.headers.get("set-cookie", "")


def test_five_wrong_passwords_then_the_sixth_attempt_is_refused_for_a_minute(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-8: 5 failures → 401 each; the 6th attempt, even with the right password, → 429
    with Retry-After: 60; once the minute is over the right password logs in."""
    people.add("alex")
    client = client_for(None)
    fail_times(client, "alex", 5)
    assert_throttled(attempt(client, "alex", PASSWORDS["alex"]), 60)
    assert_throttled(attempt(client, "alex", WRONG), 60)  # refused attempts add no wait
    clock.advance(seconds=59)
    assert_throttled(attempt(client, "alex", PASSWORDS["alex"]), 1)
    clock.advance(seconds=2)
    ok = attempt(client, "alex", PASSWORDS["alex"])
    assert ok.status_code == 200, ok.text
    assert ok.json()["scope"] == "full"


def test_a_successful_login_resets_the_count(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-8: a success resets the window: five more wrong passwords are free again."""
    people.add("alex")
    client = client_for(None)
    fail_times(client, "alex", 5)
    clock.advance(seconds=61)
    assert attempt(client, "alex", PASSWORDS["alex"]).status_code == 200
    fail_times(client, "alex", 5)
    assert_throttled(attempt(client, "alex", PASSWORDS["alex"]), 60)


def test_each_further_failure_doubles_the_wait(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-8: the wait doubles with each failure beyond the fifth: 1, 2, 4 minutes."""
    people.add("alex")
    client = client_for(None)
    fail_times(client, "alex", 5)
    assert_throttled(attempt(client, "alex", WRONG), 60)
    for wait in (60, 120, 240):
        clock.advance(seconds=wait)
        assert attempt(client, "alex", WRONG).status_code == 401
        assert_throttled(attempt(client, "alex", PASSWORDS["alex"]), wait * 2)


def test_the_wait_keeps_doubling_up_to_an_hour_for_someone_who_waits_each_time(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-8: "the window doubles up to 1 h". A guesser who waits out every delay and
    then fails again sees 1, 2, 4, 8, 16, 32 minutes, then an hour, and an hour again."""
    people.add("alex")
    client = client_for(None)
    fail_times(client, "alex", 5)
    assert_throttled(attempt(client, "alex", WRONG), 60)
    waits: list[int] = []
    wait = 60
    for _ in range(7):
        clock.advance(seconds=wait)
        assert attempt(client, "alex", WRONG).status_code == 401
        refused = attempt(client, "alex", PASSWORDS["alex"])
        assert refused.status_code == 429, (waits, refused.text)
        wait = int(refused.headers["retry-after"])
        waits.append(wait)
    assert waits == [120, 240, 480, 960, 1920, 3600, 3600]


def test_unknown_usernames_are_throttled_exactly_like_real_ones(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    """WEB-8 and WEB-9: an unknown name gets the same 401s, then the same 429 and
    Retry-After, so throttling does not reveal which accounts exist."""
    people.add("alex")
    client = client_for(None)
    known = [attempt(client, "alex", WRONG) for _ in range(6)]
    unknown = [attempt(client, "nobody", WRONG) for _ in range(6)]
    assert [r.status_code for r in known] == [401] * 5 + [429]
    assert [r.status_code for r in unknown] == [r.status_code for r in known]
    assert [r.json() for r in unknown] == [r.json() for r in known]
    assert unknown[-1].headers["retry-after"] == known[-1].headers["retry-after"] == "60"


def test_one_address_trying_many_usernames_is_slowed(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """WEB-8 (credential stuffing): more than 20 failures from one address across many
    usernames → 429 for a username never tried before, and for a real account."""
    people.add("alex")
    client = client_for(None)
    for n in range(20):
        assert attempt(client, f"user{n:02d}", WRONG).status_code == 401
    assert attempt(client, "user20", WRONG).status_code == 401  # 20 were free: the 21st runs
    assert_throttled(attempt(client, "fresh.name", WRONG), 300)
    assert_throttled(attempt(client, "alex", PASSWORDS["alex"]), 300)
    clock.advance(minutes=5)
    assert attempt(client, "alex", PASSWORDS["alex"]).status_code == 200
