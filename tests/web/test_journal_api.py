"""The journal and check-in API over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_entries_can_be_created_listed_read_updated_and_deleted(client: TestClient) -> None:
    created = client.post("/api/entries", json={"text": "I feel nothing #work", "people": ["Jo"]})
    assert created.status_code == 201
    entry = created.json()
    assert entry["tags"] == ["work"] and entry["people"] == ["jo"]
    assert "numbness" in [m["name"] for m in entry["analysis"]["markers"]]
    assert [e["id"] for e in client.get("/api/entries").json()] == [entry["id"]]
    assert client.get("/api/entries?marker=numbness").json()[0]["id"] == entry["id"]
    assert client.get("/api/entries?tag=home").json() == []
    updated = client.put(f"/api/entries/{entry['id']}", json={"text": "opened up to my wife"})
    assert "reconnection" in [m["name"] for m in updated.json()["analysis"]["markers"]]
    assert client.delete(f"/api/entries/{entry['id']}").status_code == 204
    assert client.get(f"/api/entries/{entry['id']}").status_code == 404


def test_crisis_entries_carry_resources(client: TestClient) -> None:
    body = client.post("/api/entries", json={"text": "I want to end it all"}).json()
    assert body["crisis"] is True
    assert body["crisis_resources"]["services"]


def test_bad_entries_are_refused(client: TestClient) -> None:
    assert client.post("/api/entries", json={"text": "x" * 20_001}).status_code == 422
    assert client.post("/api/entries", json={"txt": "x"}).status_code == 422
    assert client.put("/api/entries/999", json={"text": "x"}).status_code == 404
    assert client.get("/api/entries").json() == []


def test_checkins_are_created_and_listed(client: TestClient) -> None:
    made = client.post(
        "/api/checkins", json={"pleasantness": 7, "energy": 8, "feelings": ["excited"]}
    )
    assert made.status_code == 201
    assert made.json()["quadrant"] == "yellow"
    assert client.post("/api/checkins", json={"pleasantness": 0, "energy": 8}).status_code == 422
    unknown = client.post(
        "/api/checkins", json={"pleasantness": 5, "energy": 5, "feelings": ["zz"]}
    )
    assert unknown.status_code == 422
    assert len(client.get("/api/checkins").json()) == 1
