"""Counsellor shares: only the chosen scopes (PAIR-4), never a denied key (PAIR-5), gone on
the very next request after revocation or expiry (WEB-11), every read in the client's
audit trail, and nothing about a crisis sent to another person."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyotp
import pytest
from sqlalchemy import select

from reconnect.content import load_instrument
from reconnect.domain.share_summary import NOT_A_DIAGNOSIS, denied_keys_in
from reconnect.services.upkeep import sweep
from reconnect.storage.together_tables import ShareAccessRow, ShareRow
from tests.server.conftest import PASSWORDS, log_in

if TYPE_CHECKING:
    from collections.abc import Callable

    ClientFor = Callable[[str | None], "TestClient"]

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

INSTRUMENT = load_instrument()
ANSWERS = {item.id: INSTRUMENT.scale.values[2] for item in INSTRUMENT.items}
CANARY = "canary-heron-7781"
CALM = f"A slow walk by the canal with my sister. {CANARY}"
NOTE = "checkin-note-private-3391"
REFLECTION = "reflection-private-5527"
SUMMARY_KEYS = {"made_at", "scopes", "notice", "selfchecks", "checkin_trends", "entries"}


class Counsellors:
    """Counsellors log in with a one-time code: enrol once, then give a code each login."""

    def __init__(self, client_for: ClientFor, clock: Clock) -> None:
        self.client_for = client_for
        self.clock = clock
        self.secrets: dict[str, str] = {}

    def login(self, name: str) -> TestClient:
        client = self.client_for(None)
        if name in self.secrets:
            log_in(client, name, totp=pyotp.TOTP(self.secrets[name]).at(self.clock.now))
            return client
        started = client.post("/api/login", json={"username": name, "password": PASSWORDS[name]})
        assert started.json()["scope"] == "enrol", started.text
        client.headers["X-CSRF-Token"] = started.json()["csrf_token"]
        secret: str = client.post("/api/totp/enrol").json()["secret"]
        code = pyotp.TOTP(secret).at(self.clock.now)
        assert client.post("/api/totp/confirm", json={"code": code}).status_code == 204
        self.secrets[name] = secret
        return client


@pytest.fixture
def counsellors(client_for: ClientFor, clock: Clock) -> Counsellors:
    return Counsellors(client_for, clock)


def _write(alex: TestClient) -> dict[str, int]:
    """Alex's journal: a calm entry, a crisis entry, a check-in, a self-check, a practice."""
    calm = alex.post("/api/entries", json={"text": CALM})
    assert calm.status_code == 201, calm.text
    crisis = alex.post("/api/entries", json={"text": "I want to die, I can't go on."})
    assert crisis.json()["crisis"] is True
    checkin = {"pleasantness": 6, "energy": 4, "note": NOTE}
    assert alex.post("/api/checkins", json=checkin).status_code == 201
    body = {"perspective": "self", "instrument": INSTRUMENT.id, "answers": ANSWERS}
    assert alex.post("/api/selfchecks", json=body).status_code == 201
    done = alex.post("/practices/box-breathing/done", data={"reflection": REFLECTION})
    assert done.status_code in (200, 303), done.text
    return {"calm": calm.json()["id"], "crisis": crisis.json()["id"]}


def _share(alex: TestClient, entry: int, **extra: Any) -> dict[str, Any]:
    body = {"counsellor": "casey", "scopes": ["selfchecks", "checkin_trends", "entries"]}
    made = alex.post("/api/shares", json={**body, "entry_ids": [entry], **extra})
    assert made.status_code == 201, made.text
    shared: dict[str, Any] = made.json()
    return shared


@pytest.fixture
def setting(
    people: People, client_for: ClientFor, counsellors: Counsellors
) -> tuple[TestClient, TestClient, dict[str, int], str]:
    """Alex (with a journal) and Casey (a counsellor who has logged in once)."""
    alex_id = people.add("alex")
    people.add("casey", "counsellor")
    casey = counsellors.login("casey")
    alex = client_for("alex")
    return alex, casey, _write(alex), alex_id


def test_the_counsellor_sees_only_the_chosen_scopes_exactly_as_previewed(
    setting: tuple[TestClient, TestClient, dict[str, int], str],
    clock: Clock,
    server: ServerServices,
    server_url: str,
) -> None:
    alex, casey, ids, alex_id = setting
    query = "scopes=selfchecks,checkin_trends,entries&entry_ids=" + str(ids["calm"])
    preview = alex.get(f"/api/shares/preview?{query}")
    assert preview.status_code == 200, preview.text
    shared = _share(alex, ids["calm"])
    assert shared["expires_at"].startswith((clock.now + timedelta(days=90)).date().isoformat())

    listed = casey.get("/api/clients").json()
    assert listed == [
        {
            "id": alex_id,
            "name": "alex",
            "scopes": ["selfchecks", "checkin_trends", "entries"],
            "expires_at": shared["expires_at"],
        }
    ]
    seen = casey.get(f"/api/clients/{alex_id}/summary")
    assert seen.status_code == 200, seen.text
    summary = seen.json()
    assert summary == preview.json()  # the client saw exactly this before sharing
    assert set(summary) == SUMMARY_KEYS
    assert summary["notice"] == NOT_A_DIAGNOSIS
    assert "not a diagnosis" in summary["notice"]
    assert [set(r) for r in summary["selfchecks"]] == [{"taken_at", "perspective", "dimensions"}]
    for dim in summary["selfchecks"][0]["dimensions"].values():
        assert set(dim) == {"name", "score", "band"}
    assert [set(w) for w in summary["checkin_trends"]] == [
        {"week_start", "checkins", "mean_pleasantness", "mean_energy"}
    ]
    assert summary["entries"] == [
        {"id": ids["calm"], "written_at": summary["entries"][0]["written_at"], "text": CALM}
    ]
    for response in (seen, casey.get("/api/clients")):
        assert not denied_keys_in(response.json())
        for word in ("last_active", "entry_count", "streaks", "crisis", NOTE, REFLECTION):
            assert word not in response.text

    html = casey.get(f"/api/clients/{alex_id}/report.html")
    assert html.status_code == 200
    assert "not a diagnosis" in html.text and CANARY in html.text
    assert REFLECTION not in html.text and NOTE not in html.text
    assert html.headers["cache-control"] == "no-store"
    # The counsellor's report speaks about the client and has only the shared sections.
    assert "Between-sessions report" in html.text and "My reconnect report" not in html.text
    assert "Entries the client chose to share" in html.text
    assert "Practices done" not in html.text  # practices were not shared
    assert "Signs in the journal" not in html.text  # nor marker trends
    pdf = casey.get(f"/api/clients/{alex_id}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    trail = alex.get(f"/api/shares/{shared['id']}/access").json()
    assert [(a["counsellor"], a["what"]) for a in trail] == [
        ("casey", "list"),
        ("casey", "summary"),
        ("casey", "list"),
        ("casey", "report.html"),
        ("casey", "report.pdf"),
    ]
    assert [s["id"] for s in alex.get("/api/shares").json()] == [shared["id"]]
    _assert_sealed(server, server_url)


def _assert_sealed(server: ServerServices, server_url: str) -> None:
    """Dump canary: the share row holds only sealed bytes; on SQLite, neither does the file."""
    with server.transaction() as connection:
        row = connection.execute(select(ShareRow)).one()
    dumped = json.dumps([str(v) for v in row]).encode() + b"".join(
        bytes(v) for v in row if isinstance(v, bytes | memoryview)
    )
    for secret in (CANARY, "canal", "sister", "not a diagnosis"):
        assert secret.encode() not in dumped
    if server_url.startswith("sqlite"):
        path = Path(server_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob("server.db*"))
        assert CANARY.encode() not in raw


def test_nobody_else_reaches_a_share_and_revoking_ends_it_on_the_next_request(
    setting: tuple[TestClient, TestClient, dict[str, int], str],
    server: ServerServices,
    people: People,
    client_for: ClientFor,
    counsellors: Counsellors,
) -> None:
    """Another counsellor, a member → 404, an admin → 403, none of them logged. WEB-11:
    after revocation the summary, both reports and the list are gone at once, the sealed
    summary is deleted, and the client's audit trail stays."""
    alex, casey, ids, alex_id = setting
    people.add("robin", "counsellor")
    people.add("sam")
    people.add("admin", "admin")
    shared = _share(alex, ids["calm"])
    robin, sam, admin = counsellors.login("robin"), client_for("sam"), counsellors.login("admin")
    for client, status in ((robin, 404), (sam, 404), (admin, 403)):
        for what in ("summary", "report.html", "report.pdf"):
            assert client.get(f"/api/clients/{alex_id}/{what}").status_code == status
        assert client.delete(f"/api/shares/{shared['id']}").status_code == status
        assert client.get(f"/api/shares/{shared['id']}/access").status_code == status
    assert robin.get("/api/clients").json() == []
    assert sam.get("/api/clients").status_code == 404
    assert admin.get("/api/clients").status_code == 403
    assert alex.get(f"/api/shares/{shared['id']}/access").json() == []

    assert casey.get(f"/api/clients/{alex_id}/summary").status_code == 200
    assert alex.delete(f"/api/shares/{shared['id']}").status_code == 204
    for what in ("summary", "report.html", "report.pdf"):
        assert casey.get(f"/api/clients/{alex_id}/{what}").status_code == 404
    assert casey.get("/api/clients").json() == []
    with server.transaction() as connection:
        assert connection.execute(select(ShareRow.id)).all() == []
    trail = alex.get(f"/api/shares/{shared['id']}/access").json()
    assert [a["what"] for a in trail] == ["summary"]
    assert alex.delete(f"/api/shares/{shared['id']}").status_code == 404


def test_an_expired_share_is_gone_without_any_job_and_the_sweep_deletes_the_rest(
    setting: tuple[TestClient, TestClient, dict[str, int], str],
    server: ServerServices,
    clock: Clock,
    counsellors: Counsellors,
    people: People,
) -> None:
    alex, casey, ids, alex_id = setting
    soon = (clock.now + timedelta(minutes=10)).isoformat()
    _share(alex, ids["calm"], expires_at=soon)
    assert casey.get(f"/api/clients/{alex_id}/summary").status_code == 200
    clock.advance(minutes=11)  # within the sessions' 30 idle minutes
    assert casey.get(f"/api/clients/{alex_id}/summary").status_code == 404
    assert casey.get(f"/api/clients/{alex_id}/report.html").status_code == 404
    with server.transaction() as connection:
        assert connection.execute(select(ShareRow.id)).all() == []

    _share(alex, ids["calm"], expires_at=(clock.now + timedelta(minutes=10)).isoformat())
    clock.advance(minutes=11)
    assert sweep(server).shares == 1
    with server.transaction() as connection:
        assert connection.execute(select(ShareRow.id)).all() == []
        assert len(connection.execute(select(ShareAccessRow.id)).all()) == 1


def test_bad_shares_are_refused_with_a_reason_and_a_new_share_replaces_the_last(
    setting: tuple[TestClient, TestClient, dict[str, int], str], people: People, clock: Clock
) -> None:
    """A crisis entry is refused (nothing about a crisis goes to another person); an
    unknown name and a member's name get the same answer; refresh reads the journal again."""
    alex, casey, ids, alex_id = setting
    people.add("sam")
    body = {"counsellor": "casey", "scopes": ["entries"], "entry_ids": [ids["crisis"]]}
    refused = alex.post("/api/shares", json=body)
    assert refused.status_code == 422
    assert "never sent to another person" in refused.json()["error"]
    preview = alex.get(f"/api/shares/preview?scopes=entries&entry_ids={ids['crisis']}")
    assert preview.status_code == 422
    assert casey.get("/api/clients").json() == []

    unknown = alex.post("/api/shares", json={"counsellor": "nobody", "scopes": ["selfchecks"]})
    member = alex.post("/api/shares", json={"counsellor": "sam", "scopes": ["selfchecks"]})
    assert unknown.status_code == member.status_code == 404
    assert unknown.json() == member.json()
    for bad, words in (
        ({"scopes": ["diary"]}, "unknown scope"),
        ({"scopes": ["entries"]}, "needs the ids"),
        ({"scopes": ["entries"], "entry_ids": [9999]}, "no entry 9999"),
        ({"scopes": ["selfchecks"], "expires_at": (clock.now - timedelta(days=1)).isoformat()},
         "in the future"),
        ({"scopes": ["selfchecks"], "expires_at": (clock.now + timedelta(days=400)).isoformat()},
         "at most 365 days"),
    ):  # fmt: skip
        answer = alex.post("/api/shares", json={"counsellor": "casey", **bad})
        assert answer.status_code == 422, bad
        assert words in answer.text, answer.text
    assert alex.get("/api/shares").json() == []

    first = _share(alex, ids["calm"])
    second = alex.post("/api/shares", json={"counsellor": "casey", "scopes": ["practices"]})
    assert [s["id"] for s in alex.get("/api/shares").json()] == [second.json()["id"]]
    assert alex.get(f"/api/shares/{first['id']}/access").status_code == 404
    practices = casey.get(f"/api/clients/{alex_id}/summary").json()["practices"]
    assert [set(p) for p in practices] == [{"practice_id", "title", "done_at"}]
    alex.post("/practices/box-breathing/done", data={"reflection": ""})
    assert len(casey.get(f"/api/clients/{alex_id}/summary").json()["practices"]) == 1
    refreshed = alex.post(f"/api/shares/{second.json()['id']}/refresh")
    assert refreshed.status_code == 200, refreshed.text
    assert len(casey.get(f"/api/clients/{alex_id}/summary").json()["practices"]) == 2
