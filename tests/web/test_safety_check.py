"""The calm safety check over real HTTP: the entry page's panel, its two forms, and the API."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT, ORDINARY_TEXT

from reconnect.content import load_texts
from reconnect.web import security

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

WORDS = load_texts().safety_check


def _write(client: TestClient, text: str) -> int:
    response = client.post("/api/entries", json={"text": text})
    assert response.status_code == 201, response.text
    entry_id: int = response.json()["id"]
    return entry_id


def _page(client: TestClient, entry_id: int) -> str:
    response = client.get(f"/journal/entries/{entry_id}")
    assert response.status_code == 200
    return response.text


def _main(page: str) -> str:
    return page.split('<main id="main">', 1)[1]


def test_the_entry_page_asks_calmly_with_two_protected_forms(client: TestClient) -> None:
    token = client.headers["X-CSRF-Token"]
    written = client.post(
        "/journal", data={"csrf_token": token, "text": CONCERN_TEXT}, follow_redirects=False
    )
    page = client.get(written.headers["location"]).text
    main = _main(page)
    assert main.lstrip().startswith('<section class="safety-check"')
    assert WORDS.question in main and "crisis-banner" not in main
    forms = re.findall(
        r'<form method="post" action="/journal/entries/1/safety-check">.*?</form>', main, re.S
    )
    assert len(forms) == 2
    for form, answer, label in zip(forms, ("safe", "help"), (WORDS.safe, WORDS.help), strict=True):
        assert f'name="csrf_token" value="{token}"' in form
        assert f'name="answer" value="{answer}"' in form
        assert label.replace("'", "&#39;") in form


def test_im_safe_is_kept_and_the_panel_thanks_with_help_one_step_away(
    client: TestClient,
) -> None:
    entry_id = _write(client, CONCERN_TEXT)
    token = client.headers["X-CSRF-Token"]
    answered = client.post(
        f"/journal/entries/{entry_id}/safety-check",
        data={"csrf_token": token, "answer": "safe"},
        follow_redirects=False,
    )
    assert answered.status_code == 303
    assert answered.headers["location"] == f"/journal/entries/{entry_id}"
    main = _main(_page(client, entry_id))
    assert WORDS.thanks in main and WORDS.question not in main
    assert f'<a href="/help">{WORDS.help_link}</a>' in main
    check = client.get(f"/api/entries/{entry_id}").json()["safety_check"]
    assert check["answer"] == "safe" and check["answered_at"]


def test_show_me_help_is_kept_and_goes_to_the_help_page(client: TestClient) -> None:
    entry_id = _write(client, CONCERN_TEXT)
    answered = client.post(
        f"/journal/entries/{entry_id}/safety-check",
        data={"csrf_token": client.headers["X-CSRF-Token"], "answer": "help"},
        follow_redirects=False,
    )
    assert (answered.status_code, answered.headers["location"]) == (303, "/help")
    assert "Get help now" in client.get("/help").text
    assert client.get(f"/api/entries/{entry_id}").json()["safety_check"]["answer"] == "help"
    assert WORDS.asked_for_help in _page(client, entry_id)


def test_show_me_help_leads_to_help_even_with_nothing_to_answer(client: TestClient) -> None:
    calm = _write(client, ORDINARY_TEXT)
    token = client.headers["X-CSRF-Token"]
    for entry_id in (calm, 999):
        answered = client.post(
            f"/journal/entries/{entry_id}/safety-check",
            data={"csrf_token": token, "answer": "help"},
            follow_redirects=False,
        )
        assert (answered.status_code, answered.headers["location"]) == (303, "/help")
    refused = client.post(
        f"/journal/entries/{calm}/safety-check", data={"csrf_token": token, "answer": "safe"}
    )
    assert refused.status_code == 422 and "did not ask whether you are safe" in refused.text


def test_a_form_without_the_token_keeps_nothing(client: TestClient) -> None:
    entry_id = _write(client, CONCERN_TEXT)
    del client.headers["X-CSRF-Token"]
    refused = client.post(f"/journal/entries/{entry_id}/safety-check", data={"answer": "safe"})
    assert refused.status_code == 403 and security.CSRF_REFUSED in refused.text
    assert client.get(f"/api/entries/{entry_id}").json()["safety_check"] is None


def test_the_api_keeps_an_answer_and_a_later_one_replaces_it(client: TestClient) -> None:
    entry_id = _write(client, CONCERN_TEXT)
    entry = client.get(f"/api/entries/{entry_id}").json()
    assert (entry["concern"], entry["crisis"], entry["safety_check"]) == (True, False, None)
    assert entry["analysis"]["concern"] is True and entry["analysis"]["language"] == "en"
    first = client.post(f"/api/entries/{entry_id}/safety-check", json={"answer": "safe"})
    assert first.status_code == 200
    assert first.json()["safety_check"]["answer"] == "safe"
    again = client.post(f"/api/entries/{entry_id}/safety-check", json={"answer": "help"})
    assert again.status_code == 200 and again.json()["safety_check"]["answer"] == "help"
    assert client.get("/api/entries").json()[0]["safety_check"]["answer"] == "help"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param({"answer": "maybe"}, "answer: Input should be 'safe' or 'help'", id="word"),
        pytest.param({"answer": "SAFE"}, "answer: Input should be 'safe' or 'help'", id="upper"),
        pytest.param({"answer": 1}, "answer: Input should be 'safe' or 'help'", id="number"),
        pytest.param({"answer": None}, "answer: Input should be 'safe' or 'help'", id="null"),
        pytest.param({}, "answer: Field required", id="missing"),
        pytest.param(
            {"answer": "safe", "also": "x"}, "also: Extra inputs are not permitted", id="extra"
        ),
        pytest.param(["safe"], "the request body: Input should be a valid dict", id="list"),
        pytest.param("safe", "the request body: Input should be a valid dict", id="string"),
    ],
)
def test_the_api_refuses_anything_but_safe_or_help(
    sqlite_client: TestClient, body: Any, message: str
) -> None:
    entry_id = _write(sqlite_client, CONCERN_TEXT)
    refused = sqlite_client.post(f"/api/entries/{entry_id}/safety-check", json=body)
    assert refused.status_code == 422
    assert message in refused.json()["error"]
    assert sqlite_client.get(f"/api/entries/{entry_id}").json()["safety_check"] is None


def test_the_api_refuses_broken_json_missing_entries_and_entries_that_did_not_ask(
    client: TestClient,
) -> None:
    entry_id = _write(client, CONCERN_TEXT)
    broken = client.post(
        f"/api/entries/{entry_id}/safety-check",
        content=b'{"answer": "safe"',
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 422 and "JSON" in broken.json()["error"]
    missing = client.post("/api/entries/999/safety-check", json={"answer": "safe"})
    assert missing.status_code == 404
    assert missing.json()["error"] == "no entry with id 999"
    huge = client.post(f"/api/entries/{2**70}/safety-check", json={"answer": "safe"})
    assert huge.status_code in (404, 422)
    for text in (ORDINARY_TEXT, CRISIS_TEXT):
        other = _write(client, text)
        refused = client.post(f"/api/entries/{other}/safety-check", json={"answer": "safe"})
        assert refused.status_code == 422
        assert "did not ask whether you are safe" in refused.json()["error"]
    del client.headers["X-CSRF-Token"]
    no_token = client.post(f"/api/entries/{entry_id}/safety-check", json={"answer": "safe"})
    assert no_token.status_code == 403
    assert no_token.json()["error"] == security.CSRF_REFUSED


def test_im_safe_never_silences_a_later_crisis(client: TestClient) -> None:
    first = _write(client, CONCERN_TEXT)
    client.post(f"/api/entries/{first}/safety-check", json={"answer": "safe"})
    later = client.post("/api/entries", json={"text": CRISIS_TEXT}).json()
    assert later["crisis"] is True and later["crisis_resources"]["services"]
    assert later["concern"] is False
    main = _main(_page(client, later["id"]))
    assert main.lstrip().startswith('<section class="crisis-banner"')
    assert WORDS.question not in main


def test_the_calm_entry_page_has_no_panel(client: TestClient) -> None:
    main = _main(_page(client, _write(client, ORDINARY_TEXT)))
    assert "safety-check" not in main and "crisis-banner" not in main
