"""WEB-10 (server part): the authorization matrix of server mode, on SQLite and PostgreSQL.

``tests/authz_matrix.toml`` states, for every (method, path) that
``create_app(settings, server=...)`` serves (the /static mount aside), what each of ten
subjects gets: anonymous, owner ("alex", a member who owns the objects), other_member
("sam"), admin ("admin"), counsellor_without_share ("casey", no share from alex), partner
("jordan", paired with alex, one entry shared with them, this week revealed), ex_partner
("taylor", paired with alex and unpaired before jordan paired), counsellor_with_share
("morgan", every scope shared), counsellor_after_revocation ("riley") and
counsellor_after_expiry ("quinn"). R x E = 10 subjects x 135 endpoints = 1,350 checks, on
PostgreSQL (the rest of tests/server also runs on SQLite). The world (accounts, pairings,
shares, the owner's objects) is built once for the module; the expiry is reached by moving
the module's clock two minutes past it, before any subject logs in (sessions idle out after
30 minutes).

What proves authorization: object routes are filled with the owner's real ids (padded
above anything another subject creates during the run, so an id never exists by chance in
another journal); another subject must get 404 for them. Unsafe requests send a well-formed
body, so a 422 ("invalid") can only come from the handler once the session was resolved:
anonymous gets 401 (or 303 to /login) on the very same body.

What proves nothing leaks: the owner's words carry three markers. The private one (entries,
check-in notes, practice reflections) may reach nobody but the owner, on any route; the
entry shared with the partner carries its own marker, which only the partner may see, and
only on the rows whose ``sees_shared`` names the partner (there it must be seen); the entry
in the counsellor's share likewise, for counsellor_with_share only; and the owner's account
id reaches nobody but the owner and that counsellor. Rows that unpair or stop a share of
scores make the couple whole again afterwards (``after``). After each subject's run the
owner's objects are unchanged, alex and jordan are still paired with the entry shared, the
week revealed and the scores side by side, and alex's share with morgan is still live.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
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
SUBJECTS = (
    "anonymous",
    "owner",
    "other_member",
    "admin",
    "counsellor_without_share",
    "partner",
    "ex_partner",
    "counsellor_with_share",
    "counsellor_after_revocation",
    "counsellor_after_expiry",
)
NAMES = {
    "owner": "alex",
    "other_member": "sam",
    "admin": "admin",
    "counsellor_without_share": "casey",
    "partner": "jordan",
    "ex_partner": "taylor",
    "counsellor_with_share": "morgan",
    "counsellor_after_revocation": "riley",
    "counsellor_after_expiry": "quinn",
}
# The accounts conftest does not know, with their passwords; "drew" is a throwaway
# counsellor for the owner's own unsafe rows on a share (a new share to morgan would
# replace the live one).
MORE_PASSWORDS = {
    "jordan": "pebble lantern april",
    "taylor": "cedar whistle monday",
    "morgan": "saffron bridge winter",
    "riley": "marble otter sunday",
    "quinn": "linen comet august",
    "drew": "hollow ember friday",
}
ALL_PASSWORDS = {**PASSWORDS, **MORE_PASSWORDS}
COUNSELLORS = ("casey", "morgan", "riley", "quinn", "drew")
ENROLLED_FIRST = ("morgan", "riley", "quinn", "drew")  # before shares can be sealed to them
SHARED_WITH = {"partner": "for_partner", "counsellor_with_share": "for_counsellor"}
ALL_SCOPES = ["selfchecks", "checkin_trends", "marker_trends", "practices", "entries"]
COUPLE_ANSWERS = {"closeness": 4, "heard": 3, "want": 2, "reached_out": 4, "pressured": 2}
OUTCOMES = {"ok", "login", "forbidden", "absent", "invalid"}
AFTER = {"couple_again"}
OWNER_FIRST = {"share_entry"}
PAD = 6  # objects the owner makes of each kind, so their ids pass any another subject makes
DAY = "2026-12-06"  # the Clock's day: the owner's entries are written on it
SHARE_UNTIL = "2027-01-05"  # a last day the share form accepts (from the Clock's day)
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
        "agree": {"agree": "yes"},
        "checkin": {"mood": "6,4", "note": f"Calm. {secret}"},
        "reflection": {"reflection": f"It helped a little. {secret}"},
        "selfcheck": {"perspective": "self", **{k: str(v) for k, v in ANSWERS.items()}},
        "safety_plan": dict.fromkeys(SECTION_KEYS, f"Call a friend. {secret}"),
        "couple_code": {"code": "ZZZZZZZZ"},
        "couple_answers": dict.fromkeys(("closeness", "heard", "want", "reached_out"), "3")
        | {"pressured": "1"},
        "share": {"counsellor": "casey", "scopes": "not-a-scope", "expires_on": SHARE_UNTIL},
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
    """One server database: its accounts, pairings and shares, the owner's objects, the app."""

    kind: str
    server: ServerServices
    app: FastAPI
    clock: Clock
    secrets: dict[str, str]
    owner_ids: dict[str, str] = field(default_factory=dict)
    # The owner's words: "private" (never shown to anyone else), "for_partner" (the entry
    # shared with the partner), "for_counsellor" (the entry in morgan's share).
    texts: dict[str, str] = field(default_factory=dict)
    shared_entry_id: int = 0
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
        log_in(made, name, ALL_PASSWORDS[name])
        return made

    def enrolled(self, name: str) -> TestClient:
        """An admin or counsellor with a full session: log in, enrol and confirm a code."""
        made = self.client()
        started = made.post("/api/login", json={"username": name, "password": ALL_PASSWORDS[name]})
        assert started.status_code == 200, started.text
        assert started.json()["scope"] == "enrol"
        made.headers["X-CSRF-Token"] = started.json()["csrf_token"]
        secret = made.post("/api/totp/enrol").json()["secret"]
        self.secrets[name] = secret
        code = pyotp.TOTP(secret).at(self.clock.now)
        confirmed = made.post("/api/totp/confirm", json={"code": code})
        assert confirmed.status_code == 204, confirmed.text
        return made

    def counsellor(self, name: str) -> TestClient:
        """A counsellor who enrolled while the world was built: log in with a new code
        (the clock has moved on since, so the code's time step was never used)."""
        made = self.client()
        code = pyotp.TOTP(self.secrets[name]).at(self.clock.now)
        log_in(made, name, ALL_PASSWORDS[name], totp=code)
        return made

    def pair(self, owner: TestClient, name: str) -> tuple[TestClient, str]:
        """Pair the owner with ``name`` through the API, share the partner's entry, have
        both answer this week's check-in and share their self-check scores: (the partner's
        client, the revealed week)."""
        code = owner.post("/api/couple/invite")
        assert code.status_code == 200, code.text
        partner = self.member(name)
        joined = partner.post("/api/couple/join", json={"code": code.json()["code"]})
        assert joined.status_code == 200, joined.text
        assert joined.json()["partner"] == "alex"
        shared = owner.post(f"/api/entries/{self.shared_entry_id}/share")
        assert shared.status_code == 204, shared.text
        week = ""
        for client in (owner, partner):
            answered = client.post("/api/couple/checkins", json={"answers": COUPLE_ANSWERS})
            assert answered.status_code == 200, answered.text
            assert "paused" not in answered.json(), answered.text
            week = answered.json()["week"]
        seen = partner.get(f"/api/couple/checkins/{week}")
        assert seen.json()["status"] == "revealed", seen.text
        share_scores(owner, partner)
        return partner, week

    def couple_again(self) -> None:
        """After a row that unpaired alex and jordan, or stopped a share of scores: the
        same couple, made whole again through the API."""
        owner = self.member("alex")
        if owner.get("/api/couple").json()["partner"] != "jordan":
            _, week = self.pair(owner, "jordan")
            assert week == self.owner_ids["week"]
        else:
            share_scores(owner, self.member("jordan"))


def share_scores(owner: TestClient, partner: TestClient) -> None:
    """Both partners share their latest self-check scores: the side by side is shown."""
    for client in (owner, partner):
        shared = client.post("/api/couple/selfchecks/share")
        assert shared.status_code == 204, shared.text
    assert partner.get("/api/couple/selfchecks").json()["status"] == "shown"


OBJECT_KINDS = ("entry_id", "checkin_id", "result_id", "log_id")


def make_objects(
    client: TestClient, secret: str, kinds: tuple[str, ...] = OBJECT_KINDS
) -> dict[str, str]:
    """One of each object (of ``kinds``) in the client's journal: their ids as placeholders."""
    made: dict[str, str] = {}
    if "entry_id" in kinds:
        entry = client.post("/api/entries", json=json_body("entry", secret))
        assert entry.status_code == 201, entry.text
        made["entry_id"] = str(entry.json()["id"])
    if "checkin_id" in kinds:
        checkin = client.post("/api/checkins", json=json_body("checkin", secret))
        assert checkin.status_code == 201, checkin.text
        made["checkin_id"] = str(checkin.json()["id"])
    if "result_id" in kinds:
        result = client.post("/api/selfchecks", json=json_body("selfcheck", secret))
        assert result.status_code == 201, result.text
        made["result_id"] = str(result.json()["id"])
    if "log_id" in kinds:
        done = client.post(
            f"/practices/{PRACTICE}/done",
            data=form_body("reflection", secret),
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        made["log_id"] = done.headers["location"].rsplit("logged=", 1)[1]
    return made | {
        "practice_id": PRACTICE,
        "instrument_id": INSTRUMENT.id,
        "day": DAY,
        "week": "2026-W49",
        "share_id": uuid.uuid4().hex,  # no share has this id
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


def _entry(client: TestClient, text: str) -> int:
    made = client.post("/api/entries", json={"text": text})
    assert made.status_code == 201, made.text
    assert not made.json().get("crisis"), made.text
    entry_id: int = made.json()["id"]
    return entry_id


def _share(client: TestClient, counsellor: str, **extra: Any) -> str:
    body = {"counsellor": counsellor, "scopes": ["selfchecks"], **extra}
    made = client.post("/api/shares", json=body)
    assert made.status_code == 201, made.text
    share_id: str = made.json()["id"]
    return share_id


# PostgreSQL, the multi-process server's database: the routes and their checks are the same
# code on SQLite, where the rest of tests/server runs (test time).
@pytest.fixture(scope="module", params=["postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """Accounts, pairings, shares and the owner's objects, built once per database for the
    whole module; the clock then moves past the short share's expiry."""
    kind: str = request.param
    databases = _database(kind, tmp_path_factory.mktemp("authz"))
    url = next(databases)
    clock = Clock()
    settings = Settings(server_database_url=url, test_fast_kdf=True, country=None)
    server = build_server(settings, clock=clock)
    account_ids = {}
    members = ("alex", "sam", "robin", "jordan", "taylor")
    roles = dict.fromkeys(members, "member") | dict.fromkeys(COUNSELLORS, "counsellor")
    for name, role in (roles | {"admin": "admin"}).items():
        made = accounts.add_account(server, name, ALL_PASSWORDS[name], role)
        account_ids[name] = made.account.id
    built = World(kind, server, create_app(settings, server=server), clock, {})
    try:
        # Counsellors need a key pair (made at their first full login) before a share.
        early = {name: built.enrolled(name) for name in ENROLLED_FIRST}
        owner = built.member("alex")
        marker = uuid.uuid4().hex
        built.texts = {
            "private": f"alex-private-{marker}",
            "for_partner": f"alex-for-partner-{marker}",
            "for_counsellor": f"alex-for-counsellor-{marker}",
        }
        for _ in range(PAD):
            built.owner_ids = make_objects(owner, built.texts["private"])
        draft = owner.put("/api/selfchecks/draft", json=json_body("selfcheck", ""))
        assert draft.status_code == 200, draft.text
        built.shared_entry_id = _entry(owner, f"We laughed at dinner. {built.texts['for_partner']}")
        for_counsellor = _entry(
            owner, f"Planned a slow weekend walk. {built.texts['for_counsellor']}"
        )

        for name in ("taylor", "jordan"):  # a self-check each, to share its scores
            taken = built.member(name).post("/api/selfchecks", json=json_body("selfcheck", ""))
            assert taken.status_code == 201, taken.text
        # The ex-partner: paired, an entry shared, a week revealed and scores shown side by
        # side, then they unpaired.
        ex, _ = built.pair(owner, "taylor")
        assert built.texts["for_partner"] in ex.get("/api/couple/entries").text
        assert ex.delete("/api/couple").status_code == 204
        # The partner pairs after that, through the same API.
        _, week = built.pair(owner, "jordan")

        live = _share(owner, "morgan", scopes=ALL_SCOPES, entry_ids=[for_counsellor])
        revoked = _share(owner, "riley")
        soon = (clock.now + timedelta(minutes=1)).isoformat()
        _share(owner, "quinn", expires_at=soon)
        for name in ("morgan", "riley", "quinn"):  # each could read, before the change
            seen = early[name].get(f"/api/clients/{account_ids['alex']}/summary")
            assert seen.status_code == 200, (name, seen.text)
        assert owner.delete(f"/api/shares/{revoked}").status_code == 204
        clock.advance(minutes=2)  # past quinn's share; subjects log in after this

        built.owner_ids |= {"week": week, "share_id": live, "client_id": account_ids["alex"]}
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
    if name in ("admin", "casey"):
        return world.enrolled(name)
    if name in COUNSELLORS:
        return world.counsellor(name)
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


def owner_fresh_ids(
    world: World, client: TestClient, row: dict[str, Any], secret: str
) -> dict[str, str]:
    """The owner's unsafe rows with an id run on fresh objects (the originals stay): a fresh
    object of each kind the path names, and a fresh share to the throwaway counsellor (a new
    share to morgan would replace the live one)."""
    kinds = tuple(kind for kind in OBJECT_KINDS if f"{{{kind}}}" in row["path"])
    fresh = make_objects(client, secret, kinds)
    ids = dict(world.owner_ids) | {kind: fresh[kind] for kind in kinds}
    if "{share_id}" in row["path"]:
        ids["share_id"] = _share(client, "drew")
    if row.get("owner_first") == "share_entry":
        shared = client.post(f"/api/entries/{ids['entry_id']}/share")
        assert shared.status_code == 204, shared.text
    return ids


def exposure(world: World, subject: str, row: dict[str, Any], body: str) -> list[str]:
    """What this response shows that it must not, or lacks that it must."""
    if subject == "owner":
        return []
    found = []
    where = f"{row['method']} {row['path']}"
    if world.texts["private"] in body:
        found.append(f"{where}: the owner's private text")
    if subject != "counsellor_with_share" and world.owner_ids["client_id"] in body:
        found.append(f"{where}: the owner's account id")  # only their counsellor lists it
    sees = row.get("sees_shared", [])
    for who, text in SHARED_WITH.items():
        shown = world.texts[text] in body
        if shown and not (who == subject and subject in sees):
            found.append(f"{where}: the text shared with {who}")
        if not shown and who == subject and subject in sees:
            found.append(f"{where}: the text shared with {who} is missing")
    return found


def test_every_route_has_a_row_and_every_row_a_route() -> None:
    """WEB-10: an unlisted route (or a stale row) fails here; every row names all ten
    subjects."""
    settings = Settings(server_database_url="sqlite:///unused.db", country=None)
    app = create_app(settings, server=None)  # the same routes; no database is opened
    rows = load_matrix()
    listed = [(row["method"], row["path"]) for row in rows]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    assert set(listed) == served_routes(app)
    for row in rows:
        assert list(row["expect"]) == list(SUBJECTS), row
        assert set(row["expect"].values()) <= OUTCOMES, row
        assert row.get("after", "couple_again") in AFTER, row
        assert row.get("owner_first", "share_entry") in OWNER_FIRST, row
        for subject in row.get("sees_shared", []):
            assert subject in SHARED_WITH, row
            assert row["expect"][subject] in ("ok", "invalid"), row  # a page, or its error


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
            ids = owner_fresh_ids(world, client, row, secret)
        response = request_row(world, client, row, ids, secret)
        got = outcome(response, row["path"])
        if got != row["expect"][subject]:
            wrong.append(
                f"{row['method']} {row['path']}: expected {row['expect'][subject]}, got {got}"
                f" ({response.status_code} {response.text[:120]!r})"
            )
        leaks += exposure(world, subject, row, response.text)
        if row.get("after") == "couple_again" and got == "ok":
            world.couple_again()  # a refused request changed nothing (checked at the end)
    assert not (leaks or wrong), f"{world.kind}, {subject}:\n" + "\n".join(leaks + wrong)

    # The world is as it was: the owner's objects, the pairing, the live share.
    owner = world.member("alex")
    ids = world.owner_ids
    entry = owner.get(f"/api/entries/{ids['entry_id']}")
    assert entry.status_code == 200
    assert world.texts["private"] in entry.json()["text"]
    assert owner.get(f"/api/selfchecks/{ids['result_id']}").status_code == 200
    assert int(ids["checkin_id"]) in [c["id"] for c in owner.get("/api/checkins").json()]
    assert owner.get("/api/couple").json()["partner"] == "jordan"
    assert ids["share_id"] in [s["id"] for s in owner.get("/api/shares").json()]
    partner = world.member("jordan")
    texts = [e["text"] for e in partner.get("/api/couple/entries").json()]
    assert any(world.texts["for_partner"] in text for text in texts), texts
    assert not any(world.texts["private"] in text for text in texts), texts
    week = partner.get(f"/api/couple/checkins/{ids['week']}").json()
    assert week["status"] == "revealed", week
    assert partner.get("/api/couple/selfchecks").json()["status"] == "shown"
