"""The pursue–withdraw pattern over HTTP (issue 004): read only from weeks both partners
answered, told from each partner's side, paused with the check-ins, and a private line from
the asking partner's own entries that the other partner's writing never touches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from reconnect.content import load_texts

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import Clock, People

# Alex keeps wanting closeness and reaching out; Sam wants space and feels pushed.
SEEKING = {"closeness": 2, "heard": 2, "want": 5, "reached_out": 5, "pressured": 1}
SPACE = {"closeness": 3, "heard": 3, "want": 2, "reached_out": 1, "pressured": 4}
TOWARD = "I reached out to her and felt connected again."
AWAY = "I pulled away from everyone this week and kept to myself."


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


@pytest.fixture
def paired(people: People, client_for: Callable[[str | None], TestClient]) -> None:
    people.add("alex")
    people.add("sam")
    code = client_for("alex").post("/api/couple/invite").json()["code"]
    assert client_for("sam").post("/api/couple/join", json={"code": code}).status_code == 200


def _week(
    client_for: Callable[[str | None], TestClient],
    clock: Clock,
    alex: dict[str, Any] | None,
    sam: dict[str, Any] | None,
    writes: dict[str, list[str]] | None = None,
) -> None:
    """One week: each answers (or not) and writes, then the clock moves 7 days on. Sessions
    last 12 hours, so each week starts with fresh logins."""
    for name, answers in (("alex", alex), ("sam", sam)):
        client = client_for(name)
        if answers is not None:
            answered = client.post("/api/couple/checkins", json={"answers": answers})
            assert answered.status_code == 200, answered.text
        for text in (writes or {}).get(name, []):
            assert client.post("/api/entries", json={"text": text}).status_code in (200, 201)
    clock.advance(days=7)


def _pattern(client_for: Callable[[str | None], TestClient], name: str) -> dict[str, Any]:
    response = client_for(name).get("/api/couple/pattern")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


@pytest.mark.usefixtures("paired")
def test_with_fewer_than_three_shared_weeks_it_says_not_enough_weeks(
    client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    assert _pattern(client_for, "alex")["status"] == "not_enough_weeks"
    for _ in range(2):
        _week(client_for, clock, SEEKING, SPACE)
    seen = _pattern(client_for, "alex")
    assert seen["status"] == "not_enough_weeks"
    assert seen["pattern"].startswith("Not enough weeks yet")
    assert len(seen["weeks"]) == 2
    assert seen["how_computed"]
    assert seen["disclaimer"] == load_texts().disclaimer


@pytest.mark.usefixtures("paired")
def test_a_four_week_loop_reads_correctly_from_each_side_and_entries_stay_private(
    client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    _week(client_for, clock, SEEKING, SPACE, {"alex": [TOWARD], "sam": [AWAY, AWAY]})
    for _ in range(3):
        _week(client_for, clock, SEEKING, SPACE, {"sam": [AWAY, AWAY]})
    client_for("alex").post("/api/entries", json={"text": AWAY})  # this week: not read

    alex = _pattern(client_for, "alex")
    assert alex["status"] == "you_seek_closeness"
    assert "you seem to be the one seeking closeness" in alex["pattern"]
    told = " ".join(alex["suggestions"]).lower()
    assert "stop chasing" in told and "reconnect internally" in told
    assert "roles" in alex["loop_note"] and "not a verdict" in alex["loop_note"]
    assert [w["reached_out"] for w in alex["weeks"]] == ["you"] * 4
    assert [w["felt_pressured"] for w in alex["weeks"]] == ["your_partner"] * 4

    sam = _pattern(client_for, "sam")
    assert sam["status"] == "partner_seeks_closeness"
    assert "while you seek space" in sam["pattern"]
    assert "small, safe step" in " ".join(sam["suggestions"]).lower()
    assert "stop chasing" not in " ".join(sam["suggestions"]).lower()
    assert [w["reached_out"] for w in sam["weeks"]] == ["your_partner"] * 4
    assert [w["week"] for w in sam["weeks"]] == [w["week"] for w in alex["weeks"]]

    # Each line counts its reader's own entries in the four weeks; Sam's eight entries
    # about pulling away never reach Alex's.
    assert "0 of 1 showed signs of pulling away" in alex["mine_from_entries"]
    assert "1 of 1 showed signs of reconnecting" in alex["mine_from_entries"]
    assert "8 of 8 showed signs of pulling away" in sam["mine_from_entries"]
    assert "8 of" not in str(alex)


@pytest.mark.usefixtures("paired")
def test_weeks_only_one_partner_answered_are_not_used(
    client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    _week(client_for, clock, SEEKING, SPACE)
    _week(client_for, clock, SPACE, None)  # Alex alone, the other way round
    _week(client_for, clock, SEEKING, SPACE)
    _week(client_for, clock, None, SEEKING)  # Sam alone
    seen = _pattern(client_for, "alex")
    assert seen["status"] == "not_enough_weeks"
    assert len(seen["weeks"]) == 2
    assert "so far there are 2 weeks" in seen["pattern"]

    _week(client_for, clock, SEEKING, SPACE)
    seen = _pattern(client_for, "alex")
    assert seen["status"] == "you_seek_closeness"
    assert len(seen["weeks"]) == 3
    assert all(w["sought_closeness"] == "you" for w in seen["weeks"])


@pytest.mark.usefixtures("paired")
def test_while_check_ins_are_paused_nothing_is_read(
    client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    """Paused is a 200 with ``status: paused``, like a paused week: no weeks, no pattern,
    no suggestions, no line from the journal, and no hint of why."""
    for _ in range(3):
        _week(client_for, clock, SEEKING, SPACE)
    sam = client_for("sam")
    sam.post("/api/entries", json={"text": "He checks my phone every night and I'm scared."})
    for name in ("alex", "sam"):
        seen = _pattern(client_for, name)
        assert seen["status"] == "paused"
        assert seen["weeks"] == [] and seen["suggestions"] == []
        assert seen["mine_from_entries"] is None
        assert "phone" not in str(seen)


def test_without_a_partner_there_is_no_pattern(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    assert client_for("alex").get("/api/couple/pattern").status_code == 404
    assert client_for(None).get("/api/couple/pattern").status_code == 401
