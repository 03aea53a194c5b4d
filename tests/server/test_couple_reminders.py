"""The weekly couple check-in reminder, on SQLite and PostgreSQL, delivered to a push service
on loopback: on Sunday at 18:00 in the server's zone, a partner who has not answered gets
one push with fixed words; one who answered, a paused couple and an unpaired account get
nothing, and no push holds the partner's name or anything they wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest

from reconnect.config import Settings
from reconnect.services import accounts, couple_reminders, push
from reconnect.storage import couples as couple_rows
from reconnect.worker import COUPLE_REMINDERS_CRON, COUPLE_REMINDERS_TASK, build_app
from tests.server.test_push import (  # noqa: F401 - push_service is a fixture
    LOOPBACK,
    Browser,
    PushService,
    new_browser,
    push_service,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

ZONE = "Pacific/Auckland"
# Sunday 6 December 2026, 18:00 in Auckland (NZDT, UTC+13): 05:00 UTC the same day, ISO
# week 2026-W49 there.
SUNDAY_EVENING = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)
FIXED = {"title": "reconnect", "body": "Your weekly check-in with your partner is open."}
SCALES = {"closeness": 2, "heard": 3, "want": 5, "reached_out": 5, "pressured": 1}
WORDS = {"appreciation": "You made soup when I was tired.", "wish": "A slow walk by the sea."}


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


@pytest.fixture
def server_settings(server_url: str) -> Settings:
    """The conftest's settings with a fixed zone, far from UTC, for days and weeks."""
    return Settings(server_database_url=server_url, test_fast_kdf=True, timezone=ZONE)


def _pair(client_for: Callable[[str | None], TestClient]) -> tuple[TestClient, TestClient]:
    alex, sam = client_for("alex"), client_for("sam")
    code = alex.post("/api/couple/invite").json()["code"]
    assert sam.post("/api/couple/join", json={"code": code}).status_code == 200
    return alex, sam


def _subscribe(server: ServerServices, name: str, service: PushService) -> Browser:
    browser = new_browser(service, name)
    keys = browser.subscription["keys"]
    account = accounts.find_account(server, name)
    push.subscribe(server, account, browser.endpoint, keys["p256dh"], keys["auth"], policy=LOOPBACK)
    return browser


def _answer(client: TestClient) -> str:
    response = client.post("/api/couple/checkins", json={"answers": {**SCALES, **WORDS}})
    assert response.status_code == 200, response.text
    week: str = response.json()["week"]
    return week


@pytest.fixture
def couple(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,  # noqa: F811
) -> dict[str, Browser]:
    """Alex and Sam paired, Robin alone; each subscribed one browser."""
    for name in ("alex", "sam", "robin"):
        people.add(name)
    clock.now = SUNDAY_EVENING - timedelta(hours=3)
    alex, _ = _pair(client_for)
    client_for("robin")
    browsers = {name: _subscribe(server, name, push_service) for name in ("alex", "sam", "robin")}
    assert _answer(alex) == "2026-W49"
    return browsers


def test_only_the_partner_who_has_not_answered_is_reminded_with_fixed_words(
    server: ServerServices,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    couple: dict[str, Browser],
    push_service: PushService,  # noqa: F811
) -> None:
    for off_hour in (-1, 1, 24):  # Sunday 17:00 and 19:00, Monday 18:00: not the hour
        moment = SUNDAY_EVENING + timedelta(hours=off_hour)
        assert couple_reminders.send_weekly(server, moment) == push.Sent(0, 0, 0, 0)
    assert push_service.requests == []

    clock.now = SUNDAY_EVENING
    sent = couple_reminders.send_weekly(server, clock() + timedelta(minutes=20))
    assert (sent.accounts, sent.delivered, sent.failed) == (1, 1, 0)
    [request] = push_service.requests  # Sam only: Alex answered, Robin is not paired
    assert request.path == "/push/sam"
    payload = couple["sam"].read(request.body)
    assert payload == FIXED
    shown = str(payload).lower()
    for secret in ("alex", "soup", "walk", "answered", *WORDS.values()):
        assert secret.lower() not in shown

    _answer(client_for("sam"))  # answering ends the reminder for the week
    assert couple_reminders.remind_unanswered(server, clock()).accounts == 0
    assert len(push_service.requests) == 1


def test_a_paused_couple_gets_nothing(
    server: ServerServices,
    clock: Clock,
    couple: dict[str, Browser],
    push_service: PushService,  # noqa: F811
) -> None:
    sam = accounts.find_account(server, "sam")
    with server.transaction() as connection:
        found = couple_rows.couple_of(connection, sam.id)
        assert found is not None
        couple_rows.set_pause(connection, found.id, clock(), sam.id)
    assert couple_reminders.send_weekly(server, SUNDAY_EVENING).accounts == 0
    assert push_service.requests == []


def test_without_a_subscription_or_when_disabled_nothing_is_sent(
    server: ServerServices,
    couple: dict[str, Browser],
    push_service: PushService,  # noqa: F811
) -> None:
    sam = accounts.find_account(server, "sam")
    accounts.set_disabled(server, "sam", True)
    assert couple_reminders.send_weekly(server, SUNDAY_EVENING).accounts == 0
    accounts.set_disabled(server, "sam", False)
    assert push.unsubscribe(server, sam, couple["sam"].endpoint)
    assert couple_reminders.send_weekly(server, SUNDAY_EVENING).accounts == 0
    assert push_service.requests == []


def test_the_worker_checks_hourly_and_a_retried_job_sends_nothing(
    server: ServerServices,
    couple: dict[str, Browser],
    push_service: PushService,  # noqa: F811
) -> None:
    app = build_app(server)
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[COUPLE_REMINDERS_TASK] == COUPLE_REMINDERS_CRON == "0 * * * *"
    task = app.tasks[COUPLE_REMINDERS_TASK]
    tick = int(SUNDAY_EVENING.timestamp())

    task.func(SimpleNamespace(job=SimpleNamespace(attempts=1)), timestamp=tick)
    assert push_service.requests == []  # interrupted before: at most once, not again
    task.func(SimpleNamespace(job=SimpleNamespace(attempts=0)), timestamp=tick)
    assert [r.path for r in push_service.requests] == ["/push/sam"]
