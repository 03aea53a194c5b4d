"""The self-check JSON API over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.content import load_instrument

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ITEMS = load_instrument().items


def answers(value: int) -> dict[str, int]:
    return {item.id: value for item in ITEMS}


def test_instruments_are_listed_with_their_items(client: TestClient) -> None:
    listing = client.get("/api/instruments").json()
    assert listing == [
        {"id": "detachment-signs", "version": 1, "title": listing[0]["title"], "items": len(ITEMS)}
    ]
    partner = client.get("/api/instruments/detachment-signs?perspective=partner").json()
    assert partner["perspective"] == "partner"
    assert len(partner["items"]) == len(ITEMS)
    assert client.get("/api/instruments/nope").status_code == 404


def test_a_selfcheck_is_created_listed_and_read_back(client: TestClient) -> None:
    created = client.post("/api/selfchecks", json={"perspective": "self", "answers": answers(4)})
    assert created.status_code == 201
    body = created.json()
    assert set(body["dimensions"]["numbness"]) >= {"score", "band"}
    assert body["instrument"] == "detachment-signs"
    second = client.post("/api/selfchecks", json={"perspective": "partner", "answers": answers(0)})
    assert second.status_code == 201
    listed = client.get("/api/selfchecks").json()
    assert [r["id"] for r in listed] == [body["id"], second.json()["id"]]
    assert client.get(f"/api/selfchecks/{body['id']}").json() == body


def test_unknown_result_ids_are_404(client: TestClient) -> None:
    response = client.get("/api/selfchecks/99999")
    assert response.status_code == 404
    assert response.json() == {"error": "no saved self-check with id 99999", "hint": None}


def test_bad_answers_are_422_and_save_nothing(client: TestClient) -> None:
    bad = [
        {"answers": {"zz": 1}},
        {"answers": {ITEMS[0].id: 9}},
        {"answers": {ITEMS[0].id: "often"}},
        {"answers": [1, 2]},
        {"perspective": "neighbour", "answers": {}},
    ]
    for body in bad:
        response = client.post("/api/selfchecks", json=body)
        assert response.status_code == 422, body
        assert "error" in response.json()
    assert client.get("/api/selfchecks").json() == []


def test_a_draft_is_kept_and_cleared(client: TestClient) -> None:
    assert client.get("/api/selfchecks/draft").status_code == 404
    saved = client.put(
        "/api/selfchecks/draft", json={"perspective": "partner", "answers": {ITEMS[0].id: 2}}
    )
    assert saved.status_code == 200
    assert client.get("/api/selfchecks/draft").json()["answers"] == {ITEMS[0].id: 2}
    assert client.delete("/api/selfchecks/draft").status_code == 204
    assert client.get("/api/selfchecks/draft").status_code == 404


def test_the_openapi_document_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/selfchecks" in spec["paths"]
    assert "/api/instruments/{instrument_id}" in spec["paths"]
    assert all(path.startswith("/api") for path in spec["paths"])


def test_the_help_page_lists_numbers_to_call_and_text(sqlite_url: str) -> None:
    from fastapi.testclient import TestClient

    from reconnect.config import Settings
    from reconnect.web.app import create_app

    app = create_app(Settings(database_url=sqlite_url, country="US"))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        page = client.get("/help").text
        assert 'href="tel:988"' in page and 'href="sms:988"' in page
        other = client.get("/help?country=zz").text
        assert "No resources are listed for &#39;zz&#39; yet" in other


def test_the_settings_page_changes_the_country_at_once(sqlite_url: str) -> None:
    import re

    from fastapi.testclient import TestClient

    from reconnect.config import Settings
    from reconnect.web.app import create_app

    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        page = client.get("/settings").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        saved = client.post("/settings", data={"csrf_token": token.group(1), "country": "GB"})
        assert saved.status_code == 200 and "Saved." in saved.text
        assert 'href="tel:116123"' in client.get("/help").text


def test_a_self_check_with_no_answer_is_not_saved(client: TestClient) -> None:
    # Issue 11, item 11: an empty self-check was saved and became "Your latest result".
    refused = client.post("/api/selfchecks", json={"perspective": "self", "answers": {}})
    assert refused.status_code == 422
    assert client.get("/api/selfchecks").json() == []
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["SelfCheckIn"]
    assert schema["properties"]["answers"]["minProperties"] == 1
    # A draft may still be empty: it is where an unfinished self-check starts.
    assert client.put("/api/selfchecks/draft", json={"answers": {}}).status_code == 200
