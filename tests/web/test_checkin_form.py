"""The check-in form over HTTP: the mood meter's hundred squares, and what one of them sends."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _post(client: TestClient, **fields: str) -> tuple[int, str]:
    data = {"csrf_token": client.headers["X-CSRF-Token"], **fields}
    response = client.post("/checkin", data=data, follow_redirects=False)
    return response.status_code, response.text


def test_the_meter_offers_every_square_once_each_named_in_words(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/checkin").text
    cells = re.findall(r'<input class="mood-cell[^>]*>', page)
    values = [re.search(r'value="(\d+),(\d+)"', cell) for cell in cells]
    assert sorted((int(m[1]), int(m[2])) for m in values if m) == [
        (p, e) for p in range(1, 11) for e in range(1, 11)
    ]
    assert 'aria-label="Energy 9, pleasantness 2: high energy, unpleasant"' in page
    assert 'aria-label="Energy 1, pleasantness 10: low energy, pleasant"' in page
    # The middle square is chosen until another is, as the two number fields were at 5 and 5.
    assert [cell for cell in cells if " checked" in cell] == [
        cell for cell in cells if 'value="5,5"' in cell
    ]


def test_a_square_is_saved_as_its_pleasantness_and_energy(sqlite_client: TestClient) -> None:
    status, _ = _post(sqlite_client, mood="8,3", feeling="calm")
    assert status == 303
    saved = sqlite_client.get("/api/checkins").json()[-1]
    assert (saved["pleasantness"], saved["energy"], saved["quadrant"]) == (8, 3, "green")


def test_scripts_may_still_send_the_two_numbers(sqlite_client: TestClient) -> None:
    assert _post(sqlite_client, pleasantness="2", energy="9")[0] == 303
    assert sqlite_client.get("/api/checkins").json()[-1]["quadrant"] == "red"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({}, "Choose a square on the mood meter.", id="nothing"),
        pytest.param({"mood": "8"}, "Choose a square on the mood meter.", id="one-number"),
        pytest.param({"mood": "a,b"}, "Choose a square on the mood meter.", id="not-numbers"),
        pytest.param({"mood": "²,3"}, "Choose a square on the mood meter.", id="not-ascii"),
        pytest.param({"mood": "11,3"}, "pleasantness must be from 1 to 10, not 11", id="off"),
    ],
)
def test_a_missing_or_impossible_square_is_refused_and_says_why(
    sqlite_client: TestClient, fields: dict[str, str], message: str
) -> None:
    status, body = _post(sqlite_client, **fields)
    assert status == 422
    assert message in body
    assert sqlite_client.get("/api/checkins").json() == []
