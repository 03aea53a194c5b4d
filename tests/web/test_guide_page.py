"""The guide over HTTP: the page with one search box, and ``GET /api/ask``."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_the_page_offers_one_search_box_and_example_questions(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/guide")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert text.count('type="search"') == 1 and 'name="q"' in text
    assert 'href="/guide?q=' in text  # questions people ask, one click each
    assert 'href="/guide" aria-current="page"' in text


def test_a_question_shows_cards_with_source_and_practice_links(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/guide", params={"q": "can autism make it hard to show feelings"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert text.count('class="card guide-card"') in (1, 2, 3)
    assert "in 000_dbfe9a2ee7a005df.txt" in text
    assert 'href="/practices/' in text
    assert 'value="can autism make it hard to show feelings"' in text  # the question stays


def test_crisis_language_shows_the_banner_and_the_safety_plan_link_first(
    sqlite_client: TestClient,
) -> None:
    text = html.unescape(sqlite_client.get("/guide", params={"q": "i want to die"}).text)
    assert 'class="crisis-banner" role="alert"' in text
    assert 'href="/safety-plan">Open my safety plan' in text
    assert "guide-card" not in text


def test_an_off_topic_question_is_declined(sqlite_client: TestClient) -> None:
    text = html.unescape(sqlite_client.get("/guide", params={"q": "how do I reset my router"}).text)
    assert "reconnect can't answer that." in text
    assert "guide-card" not in text


def test_a_hostile_question_gets_a_clear_message(sqlite_client: TestClient) -> None:
    long = sqlite_client.get("/guide", params={"q": "why " * 300})
    assert long.status_code == 422
    assert "at most 500 characters" in html.unescape(long.text)
    huge = sqlite_client.get("/guide", params={"q": "x" * 20_000})
    assert huge.status_code == 422
    script = sqlite_client.get("/guide", params={"q": "<script>alert(1)</script> numb"})
    assert "<script>alert(1)</script>" not in script.text


def test_the_api_answers_in_the_contracts_shape(sqlite_client: TestClient) -> None:
    done = sqlite_client.get(
        "/api/ask", params={"q": "why do I feel nothing when my partner cries"}
    )
    assert done.status_code == 200
    data = done.json()
    assert data["crisis"] is False and data["abstained"] is False
    assert 1 <= len(data["answers"]) <= 3
    first = data["answers"][0]
    assert set(first) == {"id", "title", "answer", "source", "practices"}
    assert first["source"]["seed"].endswith(".txt")


def test_the_api_puts_crisis_resources_first_and_refuses_bad_questions(
    sqlite_client: TestClient,
) -> None:
    crisis = sqlite_client.get("/api/ask", params={"q": "i'm not safe right now"}).json()
    assert crisis["crisis"] is True and crisis["answers"] == []
    assert crisis["crisis_resources"]["services"]
    assert sqlite_client.get("/api/ask").status_code == 422
    assert sqlite_client.get("/api/ask", params={"q": ""}).status_code == 422
    assert sqlite_client.get("/api/ask", params={"q": "x" * 501}).status_code == 422
    declined = sqlite_client.get("/api/ask", params={"q": "best pizza in town"}).json()
    assert declined["abstained"] is True and declined["answers"] == []


def test_asking_stores_nothing(sqlite_client: TestClient) -> None:
    sqlite_client.get("/api/ask", params={"q": "why do I shut down when my wife cries"})
    assert sqlite_client.get("/api/entries").json() == []


def test_unsure_crisis_language_shows_help_first_then_the_cards(
    sqlite_client: TestClient,
) -> None:
    question = (
        "Part of me just wants to sleep for a very long time. "
        "Why do I feel so numb around my partner?"
    )
    text = html.unescape(sqlite_client.get("/guide", params={"q": question}).text)
    banner = text.index('class="crisis-banner"')
    assert 'href="/safety-plan">Open my safety plan' in text
    assert "guide-card" in text and text.index("guide-card") > banner
    data = sqlite_client.get("/api/ask", params={"q": question}).json()
    assert data["crisis"] is True and data["concern"] is True and data["answers"]
    assert data["crisis_resources"]["services"]


def test_home_leads_to_the_guide(sqlite_client: TestClient) -> None:
    first = html.unescape(sqlite_client.get("/").text)
    assert 'href="/guide">Ask the guide</a>' in first  # a new journal's first steps
    token = sqlite_client.headers["X-CSRF-Token"]
    sqlite_client.post("/journal", data={"csrf_token": token, "text": "A quiet day."})
    later = html.unescape(sqlite_client.get("/").text)
    assert '<form class="card guide-search" id="ask-card" method="get" action="/guide"' in later


def test_a_question_describing_control_shows_abuse_help(sqlite_client: TestClient) -> None:
    question = "my husband checks my phone every night, is that normal"
    text = html.unescape(sqlite_client.get("/guide", params={"q": question}).text)
    assert "If someone close to you is hurting or controlling you" in text
    data = sqlite_client.get("/api/ask", params={"q": question}).json()
    assert data["abuse_resources"]["services"]
