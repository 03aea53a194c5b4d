"""The HTML pages over real HTTP: what a person sees, HTMX fragments, and what the CSP allows."""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

import pytest
from markupsafe import escape

from reconnect.content import load_instrument, load_texts

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

INSTRUMENT = load_instrument()
ITEMS = INSTRUMENT.items
TEMPLATES = resources.files("reconnect.web").joinpath("templates")


def template_files() -> list[tuple[str, str]]:
    """(name, text) of every template, partials included."""
    found = []
    folders = [TEMPLATES]
    while folders:
        folder = folders.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                folders.append(entry)
            elif entry.name.endswith(".html"):
                found.append((entry.name, entry.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        pytest.param(r"<script(?![^>]*\bsrc=)", "inline script", id="inline-script"),
        pytest.param(r"<style\b", "style element", id="style-element"),
        pytest.param(r"\sstyle\s*=", "style attribute", id="style-attribute"),
        pytest.param(r"\son[a-z]+\s*=", "event handler attribute", id="event-handler"),
        pytest.param(r"javascript:", "javascript: URL", id="javascript-url"),
        pytest.param(r"\b(?:src|href|action)=\"(?:https?:)?//", "outside URL", id="outside-url"),
    ],
)
def test_templates_hold_nothing_the_csp_would_block(pattern: str, what: str) -> None:
    files = template_files()
    assert len(files) >= 10
    for name, text in files:
        assert re.search(pattern, text) is None, f"{what} in {name}"


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_every_html_response_is_neither_cached_nor_framed(sqlite_client: TestClient) -> None:
    for path in ("/", "/help", "/selfcheck", "/selfcheck/take", "/selfcheck/history", "/nope"):
        response = sqlite_client.get(path)
        assert response.headers["content-type"].startswith("text/html"), path
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["x-frame-options"] == "DENY", path


def test_every_page_has_the_help_link_the_nav_and_the_disclaimer(
    sqlite_client: TestClient,
) -> None:
    disclaimer = load_texts().disclaimer
    for path in ("/", "/help", "/selfcheck", "/selfcheck/take", "/selfcheck/history", "/nope"):
        page = sqlite_client.get(path).text
        assert '<a class="help-now" href="/help">Get help now</a>' in page, path
        for label in ("Home", "Self-check", "History"):
            assert f">{label}</a>" in page, (path, label)
        assert "<main" in page, path
        assert disclaimer.split(".")[0] in page, path


def test_the_help_page_gives_the_international_fallback(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/help").text
    assert "findahelpline.com" in page
    assert "emergency" in page.lower()


def test_a_draft_saved_through_htmx_answers_with_a_fragment(sqlite_client: TestClient) -> None:
    headers = {"HX-Request": "true"}
    saved = sqlite_client.post(
        "/selfcheck/draft",
        data={"perspective": "partner", ITEMS[0].id: "3", ITEMS[1].id: ""},
        headers=headers,
    )
    assert saved.status_code == 200
    assert f"Saved 1 of {len(ITEMS)} answers" in saved.text
    assert "<html" not in saved.text
    home = sqlite_client.get("/").text
    assert "Resume where you left off" in home
    resumed = sqlite_client.get("/selfcheck/take?resume=1").text
    assert re.search(rf'name="{ITEMS[0].id}" value="3"\s+checked', resumed)
    assert "your partner" in resumed.lower() or "my partner" in resumed.lower()


def test_a_bad_draft_answer_shows_an_error_fragment(sqlite_client: TestClient) -> None:
    response = sqlite_client.post(
        "/selfcheck/draft", data={ITEMS[0].id: "9"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "outside the scale" in response.text
    assert "<html" not in response.text


def test_an_unknown_item_in_the_form_is_a_clear_message(sqlite_client: TestClient) -> None:
    token = _token(sqlite_client.get("/selfcheck/take").text)
    for field, value, expected in (
        ("zz_unknown", "1", "unknown"),
        (ITEMS[0].id, "often", "whole number"),
        (ITEMS[0].id, "-1", "outside the scale"),
    ):
        response = sqlite_client.post("/selfcheck", data={"csrf_token": token, field: value})
        assert response.status_code == 422, field
        assert expected in response.text, field
        assert "Traceback" not in response.text
        assert "Get help now" in response.text
    assert "No saved self-checks yet" in sqlite_client.get("/selfcheck/history").text


def _submit(client: TestClient, answers: dict[str, int], perspective: str = "self") -> str:
    token = _token(client.get(f"/selfcheck/take?perspective={perspective}").text)
    form = {"csrf_token": token, "perspective": perspective}
    form |= {key: str(value) for key, value in answers.items()}
    response = client.post("/selfcheck", data=form, follow_redirects=False)
    assert response.status_code == 303
    location: str = response.headers["location"]
    assert re.fullmatch(r"/selfcheck/results/\d+", location)
    return location


def test_the_result_page_shows_every_part_of_the_result(sqlite_client: TestClient) -> None:
    location = _submit(sqlite_client, {item.id: 4 for item in ITEMS})
    page = sqlite_client.get(location).text
    for dimension in INSTRUMENT.dimensions:
        assert f'data-dimension="{dimension.id}"' in page
        assert str(escape(dimension.name)) in page
    assert page.count('class="bar"') == len(INSTRUMENT.dimensions)
    assert "What healthy boundaries look like" in page
    assert "When talking to a professional may help" in page
    assert load_texts().seek_help_intro.split(".")[0] in page
    assert 'class="disclaimer"' in page
    assert "skipped" not in page


def test_skipped_statements_are_named_with_the_rule(sqlite_client: TestClient) -> None:
    answered = {item.id: 0 for item in ITEMS if item.dimension != "numbness"}
    page = sqlite_client.get(_submit(sqlite_client, answered)).text
    skipped = len(ITEMS) - len(answered)
    assert f"{skipped} statements were skipped" in page
    assert INSTRUMENT.missing_rule_text in page
    assert "so this is not scored" in page


def test_the_home_page_summarises_the_latest_result(sqlite_client: TestClient) -> None:
    assert "Your latest result" not in sqlite_client.get("/").text
    location = _submit(sqlite_client, {item.id: 1 for item in ITEMS}, perspective="partner")
    home = sqlite_client.get("/").text
    # A result about a partner is shown apart, never as one's own (issue 11, item 2).
    assert "Your latest result" not in home
    assert "Latest result about your partner" in home
    assert f'href="{location}"' in home


def test_the_history_lists_results_with_a_trend_per_dimension(sqlite_client: TestClient) -> None:
    first = _submit(sqlite_client, {item.id: 4 for item in ITEMS})
    second = _submit(sqlite_client, {item.id: 0 for item in ITEMS})
    page = sqlite_client.get("/selfcheck/history").text
    assert page.count('<svg class="sparkline"') == len(INSTRUMENT.dimensions)
    assert page.count("<polyline points=") == len(INSTRUMENT.dimensions)
    assert f'href="{first}"' in page and f'href="{second}"' in page
    assert page.index(second) < page.index(first)  # newest first in the list


def test_a_missing_result_is_a_not_found_page(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/selfcheck/results/424242")
    assert response.status_code == 404
    assert "Not found" in response.text
    assert "Get help now" in response.text


def test_the_api_docs_page_lists_every_operation_locally(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/api/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    spec = sqlite_client.get("/api/openapi.json").json()
    for path, item in spec["paths"].items():
        for method in item:
            assert f"<code>{method.upper()}</code>" in page.text
        assert f"<code>{path}</code>" in page.text
    assert "X-CSRF-Token" in page.text
    assert "cdn" not in page.text.lower()
