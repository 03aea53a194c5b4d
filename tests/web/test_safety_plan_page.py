"""SAFE-9: the safety-plan page over real HTTP, and the links that lead to it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

FORM = {
    "warning_signs": "I stop answering messages\r\nSleeping all afternoon",
    "coping": "A long walk",
    "distractions": "",
    "people": "Ana 07700 900123",
    "professionals": "Dr Okafor 020 7946 0000",
    "surroundings": "",
    "reasons": "My niece",
}


def _post(client: TestClient, form: dict[str, str]) -> object:
    token = client.headers["X-CSRF-Token"]
    return client.post("/safety-plan", data={"csrf_token": token, **form}, follow_redirects=False)


def test_a_new_plan_opens_as_a_form_with_the_crisis_lines_filled_in(client: TestClient) -> None:
    page = client.get("/safety-plan")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert 'name="csrf_token"' in text
    for title in (
        "1. My warning signs",
        "6. Making my surroundings safer",
        "7. My reasons for living",
    ):
        assert title in text
    assert "Find A Helpline" in text  # the professionals step starts from the crisis lines


def test_saving_the_form_shows_the_plan(client: TestClient) -> None:
    saved = _post(client, FORM)
    assert saved.status_code == 303  # type: ignore[attr-defined]
    assert saved.headers["location"] == "/safety-plan?saved=true"  # type: ignore[attr-defined]
    page = html.unescape(client.get("/safety-plan?saved=true").text)
    assert "Your plan is saved." in page
    assert "<li>Sleeping all afternoon</li>" in page and "<li>Ana 07700 900123</li>" in page
    assert "<textarea" not in page
    assert 'href="/safety-plan?edit=true"' in page
    editing = html.unescape(client.get("/safety-plan?edit=true").text)
    assert "I stop answering messages\nSleeping all afternoon</textarea>" in editing


def test_hostile_input_is_refused_with_a_clear_message_and_saves_nothing(
    client: TestClient,
) -> None:
    _post(client, FORM)
    for hostile in ("x" * 100_000, "ok\x00bad"):
        refused = _post(client, {**FORM, "coping": hostile})
        assert refused.status_code == 422  # type: ignore[attr-defined]
        text = html.unescape(refused.text)  # type: ignore[attr-defined]
        assert "Nothing was saved." in text and 'role="alert"' in text
    page = html.unescape(client.get("/safety-plan").text)
    assert "<li>A long walk</li>" in page


def test_a_form_without_its_token_is_refused(sqlite_client: TestClient) -> None:
    del sqlite_client.headers["X-CSRF-Token"]
    refused = sqlite_client.post("/safety-plan", data=FORM, follow_redirects=False)
    assert refused.status_code == 403
    assert "Ana" not in sqlite_client.get("/safety-plan").text


def test_the_crisis_banner_the_calm_check_and_the_help_page_link_to_the_plan(
    client: TestClient,
) -> None:
    for text in (CRISIS_TEXT, CONCERN_TEXT):
        written = client.post("/api/entries", json={"text": text})
        assert written.status_code == 201, written.text
        page = client.get(f"/journal/entries/{written.json()['id']}").text
        assert 'href="/safety-plan"' in page, text
    assert 'href="/safety-plan"' in client.get("/help").text
