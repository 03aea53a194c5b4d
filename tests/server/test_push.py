"""Server mode's push reminders, on SQLite and PostgreSQL, delivered to a real push service
on loopback: the payload is decrypted as a browser would and is the fixed words, sent at the
chosen local minute, once per slot, and never with anything from the journal."""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import http_ece  # type: ignore[import-untyped]
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.domain.push_schedule import GRACE_MINUTES, PushSchedule, due_slot, slot_of
from reconnect.services import accounts, push
from reconnect.storage.server_tables import PushScheduleRow, PushSubscriptionRow, ServerBase
from reconnect.worker import SEND_REMINDERS_TASK, build_app

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

LOOPBACK = push.EndpointPolicy(schemes=("http",), hosts=("127.0.0.1",), any_port=True)
GENERIC = {"title": "reconnect", "body": "A moment to check in with yourself."}
# 07:30 in Auckland (NZDT, UTC+13) on Monday 7 December 2026 is 18:30 UTC on the 6th.
AUCKLAND_DUE = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class PushService:
    """A push service on loopback: records every request, answers 201 or a chosen status."""

    base: str
    requests: list[Recorded] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            service.requests.append(
                Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            if self.path in service.redirects:
                self.send_response(307)
                self.send_header("location", service.base + service.redirects[self.path])
            else:
                self.send_response(service.answers.get(self.path, 201))
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the test reads the recorded requests instead

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@dataclass
class Browser:
    """A browser's side of a subscription: its key pair, auth secret and endpoint."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @property
    def subscription(self) -> dict[str, Any]:
        point = self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)},
        }

    def read(self, body: bytes) -> dict[str, Any]:
        """Decrypt a push as the browser would (RFC 8291, aes128gcm)."""
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        payload: dict[str, Any] = json.loads(plain)
        return payload


def new_browser(service: PushService, name: str) -> Browser:
    return Browser(
        f"{service.base}/push/{name}", ec.generate_private_key(ec.SECP256R1()), os.urandom(16)
    )


def subscribe(
    server: ServerServices,
    client: TestClient,
    browser: Browser,
    days: list[int] | None = None,
) -> None:
    """What push.js does: fetch the server's key, subscribe, send subscription and schedule.

    The subscription goes through the service with the loopback policy: the API takes only
    the browsers' push services (test_the_api_takes_only_browser_push_services).
    """
    assert client.get("/api/push/key").status_code == 200
    account = accounts.find_account(server, client.get("/api/me").json()["username"])
    keys = browser.subscription["keys"]
    push.subscribe(server, account, browser.endpoint, keys["p256dh"], keys["auth"], policy=LOOPBACK)
    schedule = {"days": days or list(range(7)), "at": "07:30", "timezone": "Pacific/Auckland"}
    response = client.put("/api/push/schedule", json=schedule)
    assert response.status_code == 200, response.text


def count(server: ServerServices, table: Any) -> int:
    with server.transaction() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_server_tables_match_their_migrations(server: ServerServices) -> None:
    with server.db.engine.begin() as connection:
        if server.db.backend == "postgresql":  # the server's tables live in schema "server"
            connection.exec_driver_sql("SET LOCAL search_path TO server")
        differences = compare_metadata(MigrationContext.configure(connection), ServerBase.metadata)
    assert [d for d in differences if "push" in repr(d)] == []


@pytest.mark.parametrize(
    ("minutes_after", "due"),
    [
        pytest.param(-1, False, id="a-minute-early"),
        pytest.param(0, True, id="on-the-minute"),
        pytest.param(GRACE_MINUTES - 1, True, id="late-within-grace"),
        pytest.param(GRACE_MINUTES, False, id="too-late"),
        pytest.param(24 * 60, False, id="next-day-not-chosen"),
    ],
)
def test_due_slot_is_the_local_minute_on_a_chosen_day(minutes_after: int, due: bool) -> None:
    monday_only = PushSchedule("1000000", 7 * 60 + 30, "Pacific/Auckland")
    now = AUCKLAND_DUE + timedelta(minutes=minutes_after)
    expected = slot_of(AUCKLAND_DUE) if due else None
    assert due_slot(monday_only, now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 28 March 2027, London: 01:00 GMT becomes 02:00 BST; 01:30 is read as GMT.
        pytest.param(datetime(2027, 3, 28, 1, 30, tzinfo=UTC), True, id="skipped-hour-sent"),
        # 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        pytest.param(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), True, id="repeated-hour-first"),
        pytest.param(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), False, id="repeated-hour-once"),
    ],
)
def test_daylight_saving_changes_give_one_reminder(now: datetime, expected: bool) -> None:
    every_day = PushSchedule("1111111", 90, "Europe/London")
    assert (due_slot(every_day, now) == slot_of(now)) is expected


def test_a_reminder_comes_at_the_local_minute_with_the_fixed_words(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
) -> None:
    people.add("alex")
    client = client_for("alex")
    key = client.get("/api/push/key").json()["public_key"]
    assert len(base64.urlsafe_b64decode(key + "=")) == 65
    browser = new_browser(push_service, "alex")
    subscribe(server, client, browser, days=[0])  # Mondays, Auckland time
    assert client.get("/api/push").json() == {
        "schedule": {"days": [0], "at": "07:30", "timezone": "Pacific/Auckland"},
        "devices": 1,
    }

    clock.now = AUCKLAND_DUE - timedelta(minutes=1)
    assert push.send_due(server, clock()).accounts == 0
    assert push_service.requests == []

    clock.now = AUCKLAND_DUE
    sent = push.send_due(server, clock())
    assert (sent.accounts, sent.delivered) == (1, 1)
    [request] = push_service.requests
    assert request.path == "/push/alex"
    assert browser.read(request.body) == GENERIC
    assert request.headers["authorization"].startswith("vapid t=")
    assert f"k={key}" in request.headers["authorization"]
    assert request.headers["ttl"] == "3600"

    for later in (1, 5, 60 * 24):  # later that minute's grace, and Tuesday: nothing more
        clock.now = AUCKLAND_DUE + timedelta(minutes=later)
        assert push.send_due(server, clock()).accounts == 0
    assert len(push_service.requests) == 1


def test_two_workers_send_a_slot_once(
    server: ServerServices,
    server_settings: Settings,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
) -> None:
    people.add("alex")
    subscribe(server, client_for("alex"), new_browser(push_service, "alex"))
    other = build_server(server_settings, clock=clock)
    clock.now = AUCKLAND_DUE
    start = threading.Barrier(2)
    results: list[push.Sent] = []

    def work(worker: ServerServices) -> None:
        start.wait(10)
        results.append(push.send_due(worker, clock()))

    try:
        threads = [threading.Thread(target=work, args=(w,)) for w in (server, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        other.close()
    assert sorted(r.accounts for r in results) == [0, 1]
    assert len(push_service.requests) == 1


def test_a_gone_subscription_is_removed_and_other_failures_are_only_logged(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    people.add("alex")
    client = client_for("alex")
    gone, broken = new_browser(push_service, "gone"), new_browser(push_service, "broken")
    subscribe(server, client, gone)
    subscribe(server, client, broken)
    push_service.answers = {"/push/gone": 410, "/push/broken": 500}
    clock.now = AUCKLAND_DUE
    with caplog.at_level("WARNING", logger="reconnect.services.push"):
        sent = push.send_due(server, clock())
    assert (sent.removed, sent.failed, sent.delivered) == (1, 1, 0)
    assert count(server, PushSubscriptionRow) == 1  # the broken one stays
    assert "/push/broken" not in caplog.text and "check in" not in caplog.text
    assert "127.0.0.1" in caplog.text
    clock.now += timedelta(minutes=1)
    assert push.send_due(server, clock()).accounts == 0  # not retried for that slot


def test_a_redirect_from_the_push_service_is_never_followed(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
) -> None:
    """ASVS 15.3.2: the worker posts to the endpoint it was given and nowhere else."""
    people.add("alex")
    client = client_for("alex")
    subscribe(server, client, new_browser(push_service, "moved"))
    push_service.redirects = {"/push/moved": "/push/elsewhere"}
    clock.now = AUCKLAND_DUE
    sent = push.send_due(server, clock())
    assert (sent.delivered, sent.failed) == (0, 1)
    assert [r.path for r in push_service.requests] == ["/push/moved"]


def test_a_disabled_account_is_not_reminded_and_a_deleted_ones_rows_go(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
) -> None:
    people.add("alex")
    people.add("sam")
    subscribe(server, client_for("alex"), new_browser(push_service, "alex"))
    subscribe(server, client_for("sam"), new_browser(push_service, "sam"))
    accounts.set_disabled(server, "sam", True)
    clock.now = AUCKLAND_DUE
    assert push.send_due(server, clock()).accounts == 1
    assert [r.path for r in push_service.requests] == ["/push/alex"]

    accounts.delete_account(server, "alex")
    assert count(server, PushSubscriptionRow) == 1  # sam's: disabled is not deleted
    assert count(server, PushScheduleRow) == 1


def test_nothing_from_the_journal_reaches_the_push_service(
    server: ServerServices,
    people: People,
    clock: Clock,
    client_for: Callable[[str | None], TestClient],
    push_service: PushService,
) -> None:
    people.add("alex")
    client = client_for("alex")
    canary = f"canary-{os.urandom(8).hex()}"
    written = client.post("/api/entries", json={"text": f"I felt numb today. {canary}"})
    assert written.status_code == 201, written.text
    browser = new_browser(push_service, "alex")
    subscribe(server, client, browser)
    clock.now = AUCKLAND_DUE
    push.send_due(server, clock())
    [request] = push_service.requests
    assert browser.read(request.body) == GENERIC
    seen = request.path + json.dumps(request.headers) + request.body.decode("latin-1")
    assert canary not in seen and "numb" not in seen


def test_the_api_needs_a_login(client_for: Callable[[str | None], TestClient]) -> None:
    client = client_for(None)
    client.headers["X-CSRF-Token"] = client.get("/api/csrf").json()["csrf_token"]
    body = {"endpoint": "https://push.example/x", "keys": {"p256dh": "a", "auth": "b"}}
    for method, path, payload in (
        ("GET", "/api/push/key", None),
        ("GET", "/api/push", None),
        ("PUT", "/api/push/subscription", body),
        ("DELETE", "/api/push/subscription", {"endpoint": "https://push.example/x"}),
        ("PUT", "/api/push/schedule", {"days": [0], "at": "07:30", "timezone": "UTC"}),
        ("DELETE", "/api/push/schedule", None),
    ):
        response = client.request(method, path, json=payload)
        assert response.status_code == 401, (method, path, response.text)


GOOD_KEYS = {"p256dh": b64url(b"\x04" + bytes(64)), "auth": b64url(bytes(16))}


# (what is wrong, path, body, words the refusal must contain): one login for the whole table.
BAD_BODIES: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "plain-http-endpoint",
        "/api/push/subscription",
        {"endpoint": "http://push.example/x", "keys": GOOD_KEYS},
        "must be an https URL",
    ),
    *[
        (
            f"endpoint {url}",
            "/api/push/subscription",
            {"endpoint": url, "keys": GOOD_KEYS},
            "browser's push service",
        )
        for url in (
            "http://127.0.0.1:8080/push",
            "https://127.0.0.1/push",
            "https://10.0.0.1/push",
            "https://localhost/push",
            "https://fcm.googleapis.com.evil.example/fcm/send/x",
            "https://evilfcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com:8443/fcm/send/x",
            "https://someone@fcm.googleapis.com/fcm/send/x",
            "ftp://fcm.googleapis.com/x",
        )
    ],
    (
        "short-key",
        "/api/push/subscription",
        {
            "endpoint": "https://fcm.googleapis.com/fcm/send/x",
            "keys": {**GOOD_KEYS, "p256dh": "AAAA"},
        },
        "p256dh",
    ),
    (
        "short-auth",
        "/api/push/subscription",
        {
            "endpoint": "https://fcm.googleapis.com/fcm/send/x",
            "keys": {**GOOD_KEYS, "auth": "AAAA"},
        },
        "auth",
    ),
    ("no-keys", "/api/push/subscription", {"endpoint": "https://push.example/x"}, "keys"),
    ("no-days", "/api/push/schedule", {"days": [], "at": "07:30", "timezone": "UTC"}, "days"),
    (
        "day-seven",
        "/api/push/schedule",
        {"days": [7], "at": "07:30", "timezone": "UTC"},
        "Choose at least one day",
    ),
    (
        "no-such-hour",
        "/api/push/schedule",
        {"days": [0], "at": "25:00", "timezone": "UTC"},
        "not like 07:30",
    ),
    (
        "no-such-zone",
        "/api/push/schedule",
        {"days": [0], "at": "07:30", "timezone": "Mars/Olympus"},
        "Unknown time zone",
    ),
    (
        "a-path-for-a-zone",
        "/api/push/schedule",
        {"days": [0], "at": "07:30", "timezone": "../../etc/passwd"},
        "Unknown time zone",
    ),
]


def test_the_api_refuses_bad_bodies(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    client = client_for("alex")
    wrong = []
    for case, path, body, words in BAD_BODIES:
        response = client.put(path, json=body)
        if response.status_code != 422 or words not in response.json()["error"]:
            wrong.append(f"{case}: {response.status_code} {response.text[:120]}")
    assert not wrong
    assert client.get("/api/push").json() == {"schedule": None, "devices": 0}


def test_the_settings_page_offers_reminders_and_says_what_the_server_keeps(
    server: ServerServices, people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    page = client_for("alex").get("/settings")
    assert page.status_code == 200, page.text
    if server.jobs is None:  # SQLite: no worker, so no reminders, and the page says why
        assert "This server cannot send reminders" in page.text
        assert "/static/push.js" not in page.text
        return
    assert "the server knows when to remind you, never why" in page.text
    assert "This browser cannot receive them." in page.text  # until push.js finds PushManager
    assert '<script src="/static/push.js" defer></script>' in page.text


def test_the_worker_runs_the_reminders_every_minute(server_postgres_url: str) -> None:
    built = build_server(Settings(server_database_url=server_postgres_url, test_fast_kdf=True))
    try:
        app = build_app(built)
    finally:
        built.close()
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[SEND_REMINDERS_TASK] == "* * * * *"


def test_the_api_takes_only_browser_push_services(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    client = client_for("alex")
    endpoints = (
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/abc",
        "https://wns2-by3p.notify.windows.com/w/?token=abc",
    )
    for endpoint in endpoints:
        response = client.put(
            "/api/push/subscription", json={"endpoint": endpoint, "keys": GOOD_KEYS}
        )
        assert response.status_code == 204, (endpoint, response.text)
    schedule = {"days": [5, 6], "at": "09:05", "timezone": "Europe/London"}
    assert client.put("/api/push/schedule", json=schedule).json() == schedule
    assert client.get("/api/push").json() == {"schedule": schedule, "devices": 4}
    gone = client.request("DELETE", "/api/push/subscription", json={"endpoint": endpoints[0]})
    assert gone.status_code == 204
    assert client.delete("/api/push/schedule").status_code == 204
    assert client.get("/api/push").json() == {"schedule": None, "devices": 3}
