"""The counsellor share pages, through their forms: the client previews exactly what the
counsellor will see, shares, reads who looked and stops sharing; the counsellor lists
clients and reads one within the scopes, until the share ends (then 404)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pyotp
import pytest

from reconnect.domain.share_summary import NOT_A_DIAGNOSIS
from tests.server.conftest import PASSWORDS, log_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import Clock, People

    ClientFor = Callable[[str | None], TestClient]

CALM = "We walked to the lighthouse and ate oranges on the pier. heron-5512"
CRISIS = "I want to die, I can't go on."
NOTE = "checkin-note-private-8812"
SUMMARY = re.compile(r'<div class="share-summary" id="share-summary">.*?\n</div>', re.S)
HTML_NOTICE = NOT_A_DIAGNOSIS.replace("'", "&#39;")


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


class Counsellor:
    """A counsellor (or an admin): enrols one-time codes on the first login, gives a code
    after."""

    def __init__(self, client_for: ClientFor, clock: Clock, name: str = "casey") -> None:
        self.client_for = client_for
        self.clock = clock
        self.name = name
        self.secret = ""

    def login(self) -> TestClient:
        client = self.client_for(None)
        if self.secret:
            log_in(client, self.name, totp=pyotp.TOTP(self.secret).at(self.clock.now))
            return client
        body = {"username": self.name, "password": PASSWORDS[self.name]}
        started = client.post("/api/login", json=body)
        client.headers["X-CSRF-Token"] = started.json()["csrf_token"]
        self.secret = client.post("/api/totp/enrol").json()["secret"]
        code = pyotp.TOTP(self.secret).at(self.clock.now)
        assert client.post("/api/totp/confirm", json={"code": code}).status_code == 204
        return client


@pytest.fixture
def setting(
    people: People, client_for: ClientFor, clock: Clock
) -> tuple[TestClient, TestClient, Counsellor, dict[str, int], str]:
    """Alex (a calm entry, a crisis entry, a check-in) and Casey, who has logged in once."""
    alex_id = people.add("alex")
    people.add("casey", "counsellor")
    counsellor = Counsellor(client_for, clock)
    casey = counsellor.login()
    alex = client_for("alex")
    calm = alex.post("/api/entries", json={"text": CALM}).json()["id"]
    crisis = alex.post("/api/entries", json={"text": CRISIS}).json()["id"]
    checkin = {"pleasantness": 6, "energy": 4, "note": NOTE}
    assert alex.post("/api/checkins", json=checkin).status_code == 201
    return alex, casey, counsellor, {"calm": calm, "crisis": crisis}, alex_id


def _form(entry: int, **extra: object) -> dict[str, object]:
    return {
        "counsellor": "casey",
        "scopes": ["checkin_trends", "entries"],
        "entry_ids": [str(entry)],
        "expires_on": "2027-01-31",
        **extra,
    }


def _share(alex: TestClient, entry: int) -> str:
    made = alex.post("/shares", data=_form(entry), follow_redirects=False)
    assert made.status_code == 303, made.text
    assert made.headers["location"] == "/shares?done=shared"
    ids: list[str] = re.findall(r'action="/shares/([0-9a-f]{32})/revoke"', alex.get("/shares").text)
    assert len(ids) == 1
    return ids[0]


def test_the_share_page_offers_plain_scopes_recent_entries_and_ninety_days(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str], clock: Clock
) -> None:
    alex, _, _, ids, _ = setting
    page = alex.get("/shares")
    assert page.status_code == 200
    assert '<a href="/shares" aria-current="page">Counsellor</a>' in page.text
    assert "You share nothing with a counsellor." in page.text
    assert 'action="/shares/preview"' in page.text
    assert "Which practices you did, and when. Not your reflections." in page.text
    assert f'name="entry_ids" value="{ids["calm"]}"' in page.text
    assert f'name="entry_ids" value="{ids["crisis"]}"' not in page.text  # offered to nobody
    default = (clock.now + timedelta(days=90)).date().isoformat()
    assert 'name="expires_on" type="date" required' in page.text
    assert f'value="{default}"' in page.text


def test_the_preview_is_exactly_what_the_counsellor_then_sees(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str],
) -> None:
    alex, casey, _, ids, alex_id = setting
    preview = alex.post("/shares/preview", data=_form(ids["calm"]))
    assert preview.status_code == 200, preview.text
    assert preview.headers["cache-control"] == "no-store"
    assert "What casey will see" in preview.text
    assert "until the end of 31 January 2027" in preview.text
    assert CALM in preview.text and HTML_NOTICE in preview.text
    assert NOTE not in preview.text
    assert 'action="/shares"' in preview.text and ">Share this</button>" in preview.text
    assert alex.get("/api/shares").json() == []  # a preview shares nothing
    assert casey.get("/clients").text.count("/clients/") == 0

    _share(alex, ids["calm"])
    listed = casey.get("/clients")
    assert '<a href="/clients" aria-current="page">Clients</a>' in listed.text
    assert f'<a href="/clients/{alex_id}">alex</a>' in listed.text
    seen = casey.get(f"/clients/{alex_id}")
    assert seen.status_code == 200, seen.text
    assert seen.headers["cache-control"] == "no-store"
    assert "self-reported signs" in seen.text and "not a diagnosis" in seen.text
    assert f'href="/api/clients/{alex_id}/report.html"' in seen.text
    assert f'href="/api/clients/{alex_id}/report.pdf"' in seen.text
    assert NOTE not in seen.text
    shown, previewed = SUMMARY.search(seen.text), SUMMARY.search(preview.text)
    assert shown is not None and previewed is not None
    assert shown.group(0) == previewed.group(0)
    assert "Self-check results</h2>" not in shown.group(0)  # outside the scopes


def test_mistakes_are_shown_on_the_form_with_the_choices_kept(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str], people: People
) -> None:
    alex, casey, _, ids, _ = setting
    people.add("sam")
    for extra, status, words in (
        ({"counsellor": "nobody"}, 404, "There is no counsellor by that name."),
        ({"counsellor": "sam"}, 404, "There is no counsellor by that name."),
        ({"scopes": []}, 422, "choose at least one scope"),
        ({"entry_ids": [str(ids["crisis"])]}, 422, "never sent to another person"),
        ({"expires_on": "2026-12-01"}, 422, "Choose a last day from today on."),
        ({"expires_on": "2028-12-01"}, 422, "A share lasts at most 365 days."),
        ({"expires_on": "soon"}, 422, "Choose the last day"),
    ):
        for action in ("/shares/preview", "/shares"):
            page = alex.post(action, data=_form(ids["calm"], **extra))
            assert page.status_code == status, (action, extra)
            assert 'role="alert" id="share-error"' in page.text
            assert words in page.text, (action, extra)
            assert 'id="share-form"' in page.text
            assert f'value="{extra.get("counsellor", "casey")}"' in page.text
    assert alex.get("/api/shares").json() == []
    assert casey.get("/api/clients").json() == []


def test_back_from_the_preview_fills_the_form_in_again(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str],
) -> None:
    alex, _, _, ids, _ = setting
    query = f"counsellor=casey&scopes=entries&entry_ids={ids['calm']}&expires_on=2027-01-31"
    page = alex.get(f"/shares?{query}")
    assert 'id="scope-entries" name="scopes" value="entries" aria-describedby' in page.text
    assert re.search(r'id="scope-entries"[^>]*checked>', page.text)
    assert not re.search(r'id="scope-selfchecks"[^>]*checked>', page.text)
    assert re.search(rf'value="{ids["calm"]}" checked>', page.text)
    assert 'value="2027-01-31"' in page.text


def test_stopping_ends_it_on_the_very_next_page_and_the_trail_stays(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str],
) -> None:
    alex, casey, _, ids, alex_id = setting
    share_id = _share(alex, ids["calm"])
    assert casey.get("/clients").status_code == 200
    assert casey.get(f"/clients/{alex_id}").status_code == 200
    trail = alex.get(f"/shares/{share_id}/access")
    assert trail.status_code == 200
    assert "Every time casey looked" in trail.text
    assert trail.text.index("Read your summary") < trail.text.index(
        "Saw your name in their list of clients"
    )  # newest first

    stopped = alex.post(f"/shares/{share_id}/revoke", follow_redirects=False)
    assert stopped.status_code == 303
    assert stopped.headers["location"] == "/shares?done=stopped"
    assert "Sharing has stopped." in alex.get("/shares?done=stopped").text
    gone = casey.get(f"/clients/{alex_id}")
    assert gone.status_code == 404
    assert "nothing of it can be seen afterwards" in gone.text
    assert CALM not in gone.text
    assert "No client shares anything with you" in casey.get("/clients").text
    ended = alex.get(f"/shares/{share_id}/access")
    assert "This share has ended" in ended.text and "Read your summary" in ended.text
    assert alex.post(f"/shares/{share_id}/revoke").status_code == 404


def test_an_expired_share_is_a_404_for_the_counsellor(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str], clock: Clock
) -> None:
    alex, casey, counsellor, ids, alex_id = setting
    made = alex.post("/shares", data=_form(ids["calm"], expires_on=clock.now.date().isoformat()))
    assert made.status_code == 200, made.text  # followed to /shares
    assert casey.get(f"/clients/{alex_id}").status_code == 200
    clock.advance(days=1)
    assert counsellor.login().get(f"/clients/{alex_id}").status_code == 404


def test_nobody_else_reaches_a_client_page(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str],
    people: People,
    client_for: ClientFor,
    clock: Clock,
) -> None:
    """A partner or any member: 404 on the counsellor's pages and no other share listed;
    an admin: 403 on both sides; nobody logged in: the login page."""
    alex, _, _, ids, alex_id = setting
    people.add("sam")
    people.add("admin", "admin")
    share_id = _share(alex, ids["calm"])
    sam = client_for("sam")
    for path in ("/clients", f"/clients/{alex_id}"):
        assert sam.get(path).status_code == 404
    assert "You share nothing with a counsellor." in sam.get("/shares").text
    assert sam.get(f"/shares/{share_id}/access").status_code == 404
    assert sam.post(f"/shares/{share_id}/revoke").status_code == 404
    assert 'href="/shares"' in sam.get("/").text and 'href="/clients"' not in sam.get("/").text
    admin = Counsellor(client_for, clock, "admin").login()
    for path in ("/shares", "/clients", f"/clients/{alex_id}"):
        assert admin.get(path).status_code == 403, path
    anonymous = client_for(None)
    answer = anonymous.get(f"/clients/{alex_id}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
    assert len(alex.get("/api/shares").json()) == 1


def test_the_counsellor_sees_the_clients_name_on_the_list_the_summary_and_the_report(
    setting: tuple[TestClient, TestClient, Counsellor, dict[str, int], str],
) -> None:
    alex, casey, _, ids, alex_id = setting
    _share(alex, ids["calm"])
    assert casey.get("/api/clients").json()[0]["name"] == "alex"
    assert f'<h2><a href="/clients/{alex_id}">alex</a></h2>' in casey.get("/clients").text

    seen = casey.get(f"/clients/{alex_id}").text
    assert "<title>What alex shared · reconnect</title>" in seen
    assert '<h1 id="client-name">What alex shared</h1>' in seen
    assert "Only what alex chose to share: mood check-ins, week by week;" in seen
    assert "keep with your notes; alex sees each download." in seen
    report = casey.get(f"/api/clients/{alex_id}/report.html")
    assert report.status_code == 200
    assert "<h1>Between-sessions report: what alex chose to share</h1>" in report.text

    # Naming the client is not a read of its own: the trail holds each page once.
    trail = [a["what"] for a in alex.get(f"/api/shares/{_share_id(alex)}/access").json()]
    assert trail.count("summary") == 1 and trail.count("report.html") == 1


def _share_id(alex: TestClient) -> str:
    found: str = alex.get("/api/shares").json()[0]["id"]
    return found
