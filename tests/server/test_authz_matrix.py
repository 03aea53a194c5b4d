"""WEB-10 (server part): the authorization matrix of server mode, on SQLite and PostgreSQL.

``tests/authz_matrix.toml`` states, for every (method, path) that
``create_app(settings, server=...)`` serves (the /static mount aside), what each of five
subjects gets: anonymous, owner ("alex", a member who owns the objects), other_member
("sam"), admin ("admin") and counsellor_without_share ("casey", no share from alex).
R x E = 5 subjects x 86 endpoints = 430 checks per database, 860 in all.

What proves authorization: object routes are filled with the owner's real ids (padded
above anything another subject creates during the run, so an id never exists by chance in
another journal); another subject must get 404 for them, and no response to another
subject may hold the owner's words. Unsafe requests send a well-formed body, so a 422
("invalid") can only come from the handler once the session was resolved: anonymous gets
401 (or 303 to /login) on the very same body. After each other subject's run the owner's
objects are still there, unchanged.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pyotp
import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.content import load_instrument
from reconnect.domain.safety_plan import SECTION_KEYS
from reconnect.services import accounts
from reconnect.web.app import create_app
from tests.conftest import POSTGRES_ADMIN_URL
from tests.server.conftest import BASE, PASSWORDS, Clock, log_in

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fastapi import FastAPI

    from reconnect.services.server import ServerServices

MATRIX = Path(__file__).resolve().parents[1] / "authz_matrix.toml"
SUBJECTS = ("anonymous", "owner", "other_member", "admin", "counsellor_without_share")
NAMES = {
    "owner": "alex",
    "other_member": "sam",
    "admin": "admin",
    "counsellor_without_share": "casey",
}
OUTCOMES = {"ok", "login", "forbidden", "absent", "invalid"}
PAD = 6  # objects the owner makes of each kind, so their ids pass any another subject makes
DAY = "2026-12-06"  # the Clock's day: the owner's entries are written on it
PRACTICE = "box-breathing"
INSTRUMENT = load_instrument()
ANSWERS = {item.id: INSTRUMENT.scale.values[1] for item in INSTRUMENT.items}
CSRF_COOKIE = "reconnect_csrf"
# A well-formed push subscription (nothing is sent to it: no worker runs in this test).
PUSH_ENDPOINT = "https://fcm.googleapis.com/fcm/send/authz-matrix"
PUSH_KEYS = {"p256dh": "BA" + "A" * 85, "auth": "A" * 22}  # 65 bytes (0x04 ...), 16 bytes


def load_matrix() -> list[dict[str, Any]]:
    """The matrix rows, as written."""
    with MATRIX.open("rb") as handle:
        rows: list[dict[str, Any]] = tomllib.load(handle)["route"]
    return rows


def served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app serves, included routers walked, /static left out."""
    found: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        if context.path is None or isinstance(context.original_route, Mount):
            continue
        found |= {(method, context.path) for method in context.methods or ()}
    return found


def json_body(name: str, secret: str) -> Any:
    """The JSON bodies the matrix names."""
    return {
        "login": {"username": "robin", "password": PASSWORDS["robin"]},
        "signup": {"username": "newcomer", "password": "a long enough one", "invite": "bogus"},
        "wrong_code": {"code": "000000"},
        "recover": {"username": "nobody", "recovery_key": "bogus", "new_password": "short"},
        "invite": {"role": "member"},
        "couple_code": {"code": "ZZZZZZZZ"},
        "couple_answers": {
            "answers": {"closeness": 3, "heard": 3, "want": 3, "reached_out": 3, "pressured": 1}
        },
        "entry": {"text": f"A quiet evening at home. {secret}"},
        "safe": {"answer": "safe"},
        "checkin": {"pleasantness": 6, "energy": 4, "note": f"Tired but fine. {secret}"},
        "selfcheck": {"perspective": "self", "instrument": INSTRUMENT.id, "answers": ANSWERS},
        "push_subscription": {"endpoint": PUSH_ENDPOINT, "keys": PUSH_KEYS},
        "push_endpoint": {"endpoint": PUSH_ENDPOINT},
        "push_schedule": {"days": [0, 2, 4], "at": "19:30", "timezone": "Europe/London"},
        "share": {"counsellor": "casey", "scopes": ["not-a-scope"]},
    }[name]


def form_body(name: str, secret: str) -> dict[str, Any]:
    """The form bodies the matrix names."""
    forms: dict[str, dict[str, Any]] = {
        "empty": {},
        "login": {"username": "robin", "password": PASSWORDS["robin"]},
        "signup": {
            "invite": "bogus",
            "username": "newcomer",
            "password": "a long enough one",
            "again": "a long enough one",
        },
        "recover": {
            "username": "nobody",
            "recovery_key": "bogus",
            "password": "short",
            "again": "short",
        },
        "wrong_password": {
            "current": "not the password",
            "password": "a new long password",
            "again": "a new long password",
        },
        "wrong_code": {"code": "000000"},
        "entry": {"text": f"Walked by the river. {secret}"},
        "safe": {"answer": "safe"},
        "confirm": {"confirm": "yes"},
        "checkin": {"mood": "6,4", "note": f"Calm. {secret}"},
        "reflection": {"reflection": f"It helped a little. {secret}"},
        "selfcheck": {"perspective": "self", **{k: str(v) for k, v in ANSWERS.items()}},
        "safety_plan": dict.fromkeys(SECTION_KEYS, f"Call a friend. {secret}"),
        "couple_code": {"code": "ZZZZZZZZ"},
        "couple_answers": dict.fromkeys(("closeness", "heard", "want", "reached_out"), "3")
        | {"pressured": "1"},
    }
    return forms[name]


def outcome(response: Any, path: str) -> str:
    """The matrix word for a response."""
    status = response.status_code
    location = response.headers.get("location", "")
    if status == 401 and path.startswith("/api"):
        return "login"
    if status in (302, 303, 307) and location.startswith("/login?next="):
        return "login"
    words = {403: "forbidden", 404: "absent", 422: "invalid"}
    if status in words:
        return words[status]
    if 200 <= status < 400:
        return "ok"
    return f"status {status}"


def sync_csrf(client: TestClient) -> None:
    """Send the CSRF cookie the client holds now (a login or logout rotates it)."""
    token = client.cookies.get(CSRF_COOKIE)
    if token:
        client.headers["X-CSRF-Token"] = token


def new_client(app: FastAPI) -> TestClient:
    client = TestClient(app, base_url=BASE)
    client.__enter__()
    return client


@dataclass
class World:
    """One server database with its accounts, the owner's objects and the app."""

    kind: str
    server: ServerServices
    app: FastAPI
    clock: Clock
    secrets: dict[str, str]
    owner_ids: dict[str, str] = field(default_factory=dict)
    owner_text: str = ""
    opened: list[TestClient] = field(default_factory=list)

    def client(self) -> TestClient:
        made = new_client(self.app)
        self.opened.append(made)
        return made

    def anonymous(self) -> TestClient:
        made = self.client()
        assert made.get("/api/csrf").status_code == 200
        sync_csrf(made)
        return made

    def member(self, name: str) -> TestClient:
        made = self.client()
        log_in(made, name)
        return made

    def enrolled(self, name: str) -> TestClient:
        """An admin or counsellor with a full session: log in, enrol and confirm a code."""
        made = self.client()
        started = made.post("/api/login", json={"username": name, "password": PASSWORDS[name]})
        assert started.status_code == 200, started.text
        assert started.json()["scope"] == "enrol"
        made.headers["X-CSRF-Token"] = started.json()["csrf_token"]
        secret = made.post("/api/totp/enrol").json()["secret"]
        self.secrets[name] = secret
        code = pyotp.TOTP(secret).at(self.clock.now)
        confirmed = made.post("/api/totp/confirm", json={"code": code})
        assert confirmed.status_code == 204, confirmed.text
        return made


def make_objects(client: TestClient, secret: str) -> dict[str, str]:
    """One of each object in the client's journal: their ids as placeholders."""
    entry = client.post("/api/entries", json=json_body("entry", secret))
    assert entry.status_code == 201, entry.text
    checkin = client.post("/api/checkins", json=json_body("checkin", secret))
    assert checkin.status_code == 201, checkin.text
    result = client.post("/api/selfchecks", json=json_body("selfcheck", secret))
    assert result.status_code == 201, result.text
    done = client.post(
        f"/practices/{PRACTICE}/done", data=form_body("reflection", secret), follow_redirects=False
    )
    assert done.status_code == 303, done.text
    log_id = done.headers["location"].rsplit("logged=", 1)[1]
    return {
        "entry_id": str(entry.json()["id"]),
        "checkin_id": str(checkin.json()["id"]),
        "result_id": str(result.json()["id"]),
        "log_id": log_id,
        "practice_id": PRACTICE,
        "instrument_id": INSTRUMENT.id,
        "day": DAY,
        "week": "2026-W49",
        "share_id": uuid.uuid4().hex,  # no share exists: casey must stay without one
    }


def _database(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'server' / 'server.db'}"
        return
    name = f"srv_{uuid.uuid4().hex[:16]}"
    admin = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """Accounts and the owner's objects, built once per database for the whole module."""
    kind: str = request.param
    databases = _database(kind, tmp_path_factory.mktemp("authz"))
    url = next(databases)
    clock = Clock()
    settings = Settings(server_database_url=url, test_fast_kdf=True, country=None)
    server = build_server(settings, clock=clock)
    account_ids = {}
    for name, role in (
        ("alex", "member"),
        ("sam", "member"),
        ("robin", "member"),
        ("admin", "admin"),
        ("casey", "counsellor"),
    ):
        account_ids[name] = accounts.add_account(server, name, PASSWORDS[name], role).account.id
    built = World(kind, server, create_app(settings, server=server), clock, {})
    owner = built.member("alex")
    built.owner_text = f"alex-private-{uuid.uuid4().hex}"
    for _ in range(PAD):
        built.owner_ids = make_objects(owner, built.owner_text)
    built.owner_ids["client_id"] = account_ids["alex"]  # /api/clients/{client_id}/...
    draft = owner.put("/api/selfchecks/draft", json=json_body("selfcheck", ""))
    assert draft.status_code == 200, draft.text
    try:
        yield built
    finally:
        for client in built.opened:
            client.__exit__(None, None, None)
        server.close()
        next(databases, None)


def subject_client(world: World, subject: str) -> TestClient:
    if subject == "anonymous":
        return world.anonymous()
    name = NAMES[subject]
    if subject in ("admin", "counsellor_without_share"):
        return world.enrolled(name)
    return world.member(name)


def copy_of(world: World, client: TestClient) -> TestClient:
    """Another client holding the same cookies and headers."""
    made = world.client()
    for name, value in client.cookies.items():
        made.cookies.set(name, value)
    made.headers.update(client.headers)
    return made


def request_row(
    world: World, client: TestClient, row: dict[str, Any], ids: dict[str, str], secret: str
) -> Any:
    path = row["path"].format(**ids)
    if "query" in row:
        path = f"{path}?{row['query']}"
    kwargs: dict[str, Any] = {"follow_redirects": False}
    if "json" in row:
        kwargs["json"] = json_body(row["json"], secret)
    if "form" in row:
        kwargs["data"] = form_body(row["form"], secret)
    target = copy_of(world, client) if row.get("session") == "copy" else client
    response = target.request(row["method"], path, **kwargs)
    sync_csrf(client)
    return response


def test_every_route_has_a_row_and_every_row_a_route() -> None:
    """WEB-10: an unlisted route (or a stale row) fails here."""
    settings = Settings(server_database_url="sqlite:///unused.db", country=None)
    app = create_app(settings, server=None)  # the same routes; no database is opened
    rows = load_matrix()
    listed = [(row["method"], row["path"]) for row in rows]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    assert set(listed) == served_routes(app)
    for row in rows:
        assert set(row["expect"]) == set(SUBJECTS), row
        assert set(row["expect"].values()) <= OUTCOMES, row


@pytest.mark.parametrize("subject", SUBJECTS)
def test_each_subject_gets_what_the_matrix_says(world: World, subject: str) -> None:
    """WEB-10: every route, as this subject, on this database; every mismatch is listed."""
    client = subject_client(world, subject)
    secret = f"{subject}-words-{uuid.uuid4().hex}"
    rows = load_matrix()
    ordered = (
        [r for r in rows if r["method"] in ("GET", "HEAD") and r.get("session") != "last"]
        + [r for r in rows if r["method"] not in ("GET", "HEAD") and r.get("session") != "last"]
        + [r for r in rows if r.get("session") == "last"]
    )
    wrong: list[str] = []
    leaks: list[str] = []
    for row in ordered:
        ids = dict(world.owner_ids)
        destructive = row["method"] not in ("GET", "HEAD") and "{" in row["path"]
        if subject == "owner" and destructive:
            ids = make_objects(client, secret)  # the owner's originals stay as they were
        response = request_row(world, client, row, ids, secret)
        got = outcome(response, row["path"])
        if got != row["expect"][subject]:
            wrong.append(
                f"{row['method']} {row['path']}: expected {row['expect'][subject]}, got {got}"
                f" ({response.status_code} {response.text[:120]!r})"
            )
        if subject != "owner" and world.owner_text in response.text:
            leaks.append(f"{row['method']} {row['path']}")
    assert not leaks, f"{subject} saw the owner's words in: {leaks}"
    assert not wrong, f"{world.kind}, {subject}:\n" + "\n".join(wrong)
    if subject != "owner":
        owner = world.member("alex")
        ids = world.owner_ids
        entry = owner.get(f"/api/entries/{ids['entry_id']}")
        assert entry.status_code == 200
        assert world.owner_text in entry.json()["text"]
        assert owner.get(f"/api/selfchecks/{ids['result_id']}").status_code == 200
        assert int(ids["checkin_id"]) in [c["id"] for c in owner.get("/api/checkins").json()]
