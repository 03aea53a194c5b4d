"""Self and partner side by side: shown only once both partners agreed, scores only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reconnect.services.selfcheck import get_instrument

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import People

ITEMS = [item.id for item in get_instrument().items]


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def _take(client: TestClient, perspective: str, value: int) -> None:
    answers = dict.fromkeys(ITEMS, value)
    body = {"perspective": perspective, "instrument": get_instrument().id, "answers": answers}
    taken = client.post("/api/selfchecks", json=body)
    assert taken.status_code == 201, taken.text


def _paired(
    people: People, client_for: Callable[[str | None], TestClient]
) -> tuple[TestClient, TestClient]:
    people.add("alex")
    people.add("sam")
    alex, sam = client_for("alex"), client_for("sam")
    code = alex.post("/api/couple/invite").json()["code"]
    assert sam.post("/api/couple/join", json={"code": code}).status_code == 200
    return alex, sam


def test_the_views_are_shown_side_by_side_only_once_both_agree(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    alex, sam = _paired(people, client_for)

    assert alex.post("/api/couple/selfchecks/share").status_code == 422  # nothing taken yet
    _take(alex, "self", 1)
    _take(alex, "partner", 4)
    _take(sam, "self", 2)
    _take(sam, "partner", 3)

    assert alex.post("/api/couple/selfchecks/share").status_code == 204
    waiting = sam.get("/api/couple/selfchecks").json()
    assert waiting["status"] == "waiting"
    assert waiting["mine_shared"] is False
    assert waiting["about_me"] == waiting["about_partner"] == []

    assert sam.post("/api/couple/selfchecks/share").status_code == 204
    seen_by_alex = alex.get("/api/couple/selfchecks").json()
    seen_by_sam = sam.get("/api/couple/selfchecks").json()
    assert seen_by_alex["status"] == seen_by_sam["status"] == "shown"
    assert seen_by_alex["about_me"] == seen_by_sam["about_partner"]
    assert seen_by_alex["about_partner"] == seen_by_sam["about_me"]
    assert seen_by_alex["about_me"], "a dimension row for each scored dimension"
    first = seen_by_alex["about_me"][0]
    assert set(first) == {"dimension", "name", "own_view", "partner_view"}
    assert first["own_view"] != first["partner_view"]  # alex rated self low, sam rated alex high
    assert "not a diagnosis" in seen_by_alex["note"]
    assert "answers" not in str(seen_by_alex)

    assert sam.delete("/api/couple/selfchecks/share").status_code == 204
    assert alex.get("/api/couple/selfchecks").json()["status"] == "waiting"
    assert sam.delete("/api/couple/selfchecks/share").status_code == 404


def test_without_a_partner_there_is_nothing_to_share(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    assert alex.get("/api/couple/selfchecks").status_code == 404
    assert alex.post("/api/couple/selfchecks/share").status_code == 404


def test_harm_in_private_writing_hides_the_side_by_side_view_from_both(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    alex, sam = _paired(people, client_for)
    for client in (alex, sam):
        _take(client, "self", 2)
        _take(client, "partner", 3)
        assert client.post("/api/couple/selfchecks/share").status_code == 204
    assert alex.get("/api/couple/selfchecks").json()["status"] == "shown"

    written = sam.post("/api/entries", json={"text": "He checks my phone every night."})
    assert written.status_code == 201

    for client in (alex, sam):
        view = client.get("/api/couple/selfchecks").json()
        assert view["status"] == "paused"
        assert view["about_me"] == view["about_partner"] == []
        assert "checks my phone" not in str(view)
    assert alex.post("/api/couple/selfchecks/share").status_code == 403  # nothing new shared
    assert alex.delete("/api/couple/selfchecks/share").status_code == 204  # withdrawing works

    assert sam.post("/api/couple/resume").status_code == 204
    assert alex.get("/api/couple/selfchecks").json()["status"] == "waiting"
    assert sam.get("/api/couple/selfchecks").json()["mine_shared"] is True
