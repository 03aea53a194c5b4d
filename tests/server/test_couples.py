"""Couples: pairing by code (PAIR-1), private until both answered (PAIR-2), unpairing alone
(PAIR-3), entries shared one by one, and standing down when harm appears."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from reconnect.domain.couple_checkin import iso_week

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

ANSWERS = {"closeness": 2, "heard": 3, "want": 5, "reached_out": 5, "pressured": 1}
PARTNER = {"closeness": 4, "heard": 4, "want": 2, "reached_out": 5, "pressured": 4}


def _pair(client_for: Callable[[str | None], TestClient]) -> tuple[TestClient, TestClient]:
    alex, sam = client_for("alex"), client_for("sam")
    code = alex.post("/api/couple/invite").json()["code"]
    assert len(code) == 8
    joined = sam.post("/api/couple/join", json={"code": code})
    assert joined.status_code == 200, joined.text
    assert joined.json()["partner"] == "alex"
    return alex, sam


@pytest.fixture
def pair(
    people: People, client_for: Callable[[str | None], TestClient]
) -> tuple[TestClient, TestClient]:
    people.add("alex")
    people.add("sam")
    return _pair(client_for)


def test_pairing_shows_each_partner_the_other(pair: tuple[TestClient, TestClient]) -> None:
    alex, sam = pair
    assert alex.get("/api/couple").json() == {
        "paired": True, "partner": "sam", "paused": False, "notice": None
    }  # fmt: skip
    assert sam.get("/api/couple").json()["partner"] == "alex"


def test_a_code_is_single_use_expires_and_wrong_codes_are_limited(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """PAIR-1: reuse → 404; expired → 410; the sixth wrong code in 15 minutes → 429."""
    for name in ("alex", "sam", "robin", "casey"):
        people.add(name)
    alex, sam, robin = client_for("alex"), client_for("sam"), client_for("robin")
    code = alex.post("/api/couple/invite").json()["code"]
    assert sam.post("/api/couple/join", json={"code": code.lower()}).status_code == 200
    assert robin.post("/api/couple/join", json={"code": code}).status_code == 404

    late = robin.post("/api/couple/invite").json()["code"]
    clock.advance(hours=49)
    casey = client_for("casey")  # logged in after the wait (sessions last 12 hours)
    assert casey.post("/api/couple/join", json={"code": late}).status_code == 410

    stranger = client_for("robin")
    for _ in range(5):
        assert stranger.post("/api/couple/join", json={"code": "ZZZZZZZZ"}).status_code == 404
    refused = stranger.post("/api/couple/join", json={"code": "ZZZZZZZZ"})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0


def test_answers_stay_private_until_both_have_answered(
    pair: tuple[TestClient, TestClient], server: ServerServices
) -> None:
    """PAIR-2: while waiting, nothing of the partner's answers is in the response."""
    alex, sam = pair
    questions = alex.get("/api/couple/checkins/questions").json()
    assert {q["id"] for q in questions} >= set(ANSWERS) | {"appreciation", "wish"}
    assert all(q["kind"] in ("scale", "text") for q in questions)

    mine = {**ANSWERS, "appreciation": "You made soup when I was tired."}
    week = alex.post("/api/couple/checkins", json={"answers": mine}).json()["week"]
    assert week == iso_week(server.clock())
    waiting = sam.get(f"/api/couple/checkins/{week}").json()
    assert waiting == {
        "week": week, "status": "waiting", "mine": None, "partner": None, "starters": []
    }  # fmt: skip
    assert "soup" not in str(waiting)
    assert alex.get(f"/api/couple/checkins/{week}").json()["mine"] == mine

    sam.post("/api/couple/checkins", json={"answers": {**PARTNER, "wish": "A slow Sunday."}})
    seen_by_alex = alex.get(f"/api/couple/checkins/{week}").json()
    seen_by_sam = sam.get(f"/api/couple/checkins/{week}").json()
    assert seen_by_alex["status"] == seen_by_sam["status"] == "revealed"
    assert seen_by_alex["partner"]["wish"] == "A slow Sunday."
    assert seen_by_sam["partner"]["appreciation"] == "You made soup when I was tired."
    assert seen_by_alex["starters"]  # they differ on closeness, wanting and who reached out


def test_bad_answers_are_refused_with_a_reason(pair: tuple[TestClient, TestClient]) -> None:
    alex, _ = pair
    for answers, words in (
        ({**ANSWERS, "closeness": 9}, "choose from 1 to 5"),
        ({k: v for k, v in ANSWERS.items() if k != "heard"}, "heard"),
        ({**ANSWERS, "mood": 3}, "unknown question"),
        ({**ANSWERS, "wish": "x" * 1001}, "at most 1000"),
    ):
        refused = alex.post("/api/couple/checkins", json={"answers": answers})
        assert refused.status_code == 422, answers
        assert words in refused.text


def test_either_partner_unpairs_alone_and_nothing_shared_is_kept(
    pair: tuple[TestClient, TestClient],
) -> None:
    """PAIR-3: shared entries and pending answers vanish for both at once; the other is
    told only that the pairing ended."""
    alex, sam = pair
    entry = alex.post("/api/entries", json={"text": "A long talk by the river."}).json()
    assert alex.post(f"/api/entries/{entry['id']}/share").status_code == 204
    assert [e["text"] for e in sam.get("/api/couple/entries").json()] == [
        "A long talk by the river."
    ]
    alex.post("/api/couple/checkins", json={"answers": ANSWERS})

    assert sam.delete("/api/couple").status_code == 204
    assert alex.get("/api/couple/entries").status_code == 404
    assert sam.get("/api/couple/entries").status_code == 404
    told: dict[str, Any] = alex.get("/api/couple").json()
    assert told == {
        "paired": False,
        "partner": None,
        "paused": False,
        "notice": "The pairing has ended.",
    }
    assert alex.get("/api/couple").json()["notice"] is None  # said once


def test_an_entry_is_shared_only_by_an_act_on_it_and_can_be_unshared(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    kept = alex.post("/api/entries", json={"text": "Private: only mine."}).json()
    shared = alex.post("/api/entries", json={"text": "We laughed at dinner."}).json()
    alex.post(f"/api/entries/{shared['id']}/share")
    texts = [e["text"] for e in sam.get("/api/couple/entries").json()]
    assert texts == ["We laughed at dinner."]
    assert "Private" not in sam.get("/api/couple/entries").text
    assert sam.get(f"/api/entries/{kept['id']}").status_code == 404
    assert alex.delete(f"/api/entries/{shared['id']}/share").status_code == 204
    assert sam.get("/api/couple/entries").json() == []
    assert alex.delete(f"/api/entries/{shared['id']}/share").status_code == 404


def test_abuse_in_private_writing_pauses_check_ins_for_both_and_tells_the_other_nothing(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    week = alex.post("/api/couple/checkins", json={"answers": ANSWERS}).json()["week"]
    sam.post("/api/entries", json={"text": "He checks my phone every night and I'm scared."})

    for client in (alex, sam):
        assert client.get(f"/api/couple/checkins/{week}").json()["status"] == "paused"
        assert client.get("/api/couple").json()["paused"] is True
    assert alex.post("/api/couple/resume").status_code == 404  # the other cannot tell why
    assert "phone" not in alex.get(f"/api/couple/checkins/{week}").text


def test_abuse_in_a_check_in_answer_pauses_and_shows_help_to_the_writer_alone(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    answered = sam.post(
        "/api/couple/checkins",
        json={"answers": {**PARTNER, "wish": "I'm scared of what she'll do if I say no."}},
    ).json()
    assert answered["paused"] is True
    assert answered["abuse_resources"] is not None
    week = answered["week"]
    seen = alex.get(f"/api/couple/checkins/{week}").json()
    assert seen == {"week": week, "status": "paused", "mine": None, "partner": None, "starters": []}
    assert "abuse" not in alex.get("/api/couple").text


def test_a_reset_without_the_recovery_key_ends_the_pairing_and_the_next_login_works(
    server: ServerServices,
    pair: tuple[TestClient, TestClient],
    client_for: Callable[[str | None], TestClient],
) -> None:
    """A new journal means a new key: what was sealed to the old one cannot open again."""
    from reconnect.services import accounts

    alex, _ = pair
    accounts.reset_password(server, "sam", "a brand new phrase")
    fresh = client_for(None)
    assert (
        fresh.post(
            "/api/login", json={"username": "sam", "password": "a brand new phrase"}
        ).status_code
        == 200
    )
    assert fresh.get("/api/couple").json()["paired"] is False
    assert alex.get("/api/couple").json()["notice"] == "The pairing has ended."


DENY_LIST = ("last_active", "entry_count", "streak", "crisis", "concern", "written_count")


def test_nothing_about_activity_or_crisis_reaches_the_partner(
    pair: tuple[TestClient, TestClient],
) -> None:
    """PAIR-5: no activity metadata and nothing about a crisis in any partner-facing answer."""
    alex, sam = pair
    crisis = alex.post("/api/entries", json={"text": "I don't want to be here anymore."}).json()
    assert crisis["crisis"] is True
    shared = alex.post("/api/entries", json={"text": "We cooked together tonight."}).json()
    alex.post(f"/api/entries/{shared['id']}/share")
    week = alex.post("/api/couple/checkins", json={"answers": ANSWERS}).json()["week"]
    sam.post("/api/couple/checkins", json={"answers": PARTNER})
    for path in (
        "/api/couple",
        "/api/couple/entries",
        f"/api/couple/checkins/{week}",
        "/api/couple/pattern",
        "/api/couple/selfchecks",
    ):
        seen = sam.get(path)
        assert seen.status_code == 200, (path, seen.text)
        for key in DENY_LIST:
            assert f'"{key}' not in seen.text, (path, key)
        assert "here anymore" not in seen.text
