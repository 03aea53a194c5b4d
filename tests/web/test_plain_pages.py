"""Web pages say things plainly: no statistics jargon, counts that agree with their nouns,
and a change that is the difference of the numbers shown beside it (issue 11, item 14)."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

JARGON = re.compile(r"\b(rate|baseline|baseline_rate|lift|valence|quadrant)\b", re.IGNORECASE)


def page_text(html: str) -> str:
    """What a reader sees inside <main>: the text without tags."""
    main = html.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def one_week_of_entries(client: TestClient) -> None:
    """Seven entries from Monday 2 to Sunday 8 February 2026: four at #work, numb."""
    for day in range(2, 9):
        text = (
            "Long shift #work, I feel nothing, numb"
            if day % 2 == 0
            else "Walk with @ana, opened up to her about how I feel"
        )
        written = client.post(
            "/api/entries", json={"text": text, "written_at": f"2026-02-{day:02d}T12:00:00Z"}
        )
        assert written.status_code == 201, written.text


def test_the_insights_page_explains_its_figures_without_jargon(sqlite_client: TestClient) -> None:
    one_week_of_entries(sqlite_client)
    shown = page_text(sqlite_client.get("/insights").text)
    assert "What goes with numbness or reconnection" in shown
    assert "tag work" in shown
    assert JARGON.findall(shown) == []
    # The API keeps its field names: they are a contract, not prose.
    api = sqlite_client.get("/api/insights").json()
    assert "baseline_rate" in api["associations"]["tag"]["work"]["numbness"]


def test_the_insights_page_counts_one_week_and_days_in_plain_english(
    sqlite_client: TestClient,
) -> None:
    one_week_of_entries(sqlite_client)
    shown = page_text(sqlite_client.get("/insights").text)
    assert "over 1 week." in shown
    assert "1 weeks" not in shown and "(s)" not in shown
    assert "writing 7 days" in shown


def test_one_skipped_statement_is_one_statement(sqlite_client: TestClient) -> None:
    items = sqlite_client.get("/api/instruments/detachment-signs").json()["items"]
    answers = {item["id"]: 1 for item in items[1:]}
    taken = sqlite_client.post("/api/selfchecks", json={"perspective": "self", "answers": answers})
    assert taken.status_code == 201, taken.text
    shown = page_text(sqlite_client.get(f"/selfcheck/results/{taken.json()['id']}").text)
    assert "1 statement was skipped." in shown and "(s)" not in shown


def test_an_entry_page_gives_its_tone_in_words(sqlite_client: TestClient) -> None:
    written = sqlite_client.post("/api/entries", json={"text": "I feel sad and tired today"})
    assert written.status_code == 201, written.text
    shown = page_text(sqlite_client.get(f"/journal/entries/{written.json()['id']}").text)
    assert re.search(r"tone [+-]\d\.\d\d \(-1 unpleasant to \+1 pleasant\)", shown), shown
    assert "valence" not in shown
