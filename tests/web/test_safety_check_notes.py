"""The calm safety check after a check-in note or a practice reflection, over real HTTP.

The entry page has asked it since analyzer 3 (test_safety_check.py); a worrying note on
the check-in page, or a worrying reflection after a practice, asks it the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT, ORDINARY_TEXT

from reconnect.content import load_texts

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

WORDS = load_texts().safety_check
PRACTICE = "box-breathing"


def _main(page: str) -> str:
    return page.split('<main id="main">', 1)[1]


def _check_in(client: TestClient, note: str) -> str:
    """Check in with this note; the location of the page that follows."""
    response = client.post(
        "/checkin",
        data={
            "csrf_token": client.headers["X-CSRF-Token"],
            "pleasantness": "3",
            "energy": "2",
            "note": note,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def _log_practice(client: TestClient, reflection: str) -> str:
    response = client.post(
        f"/practices/{PRACTICE}/done",
        data={"csrf_token": client.headers["X-CSRF-Token"], "reflection": reflection},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def _forms(main: str, action: str) -> list[str]:
    return re.findall(rf'<form method="post" action="{re.escape(action)}">.*?</form>', main, re.S)


def test_a_worrying_check_in_note_asks_calmly_and_keeps_im_safe(client: TestClient) -> None:
    location = _check_in(client, CONCERN_TEXT)
    checkin_id = int(location.rsplit("=", 1)[1])
    main = _main(client.get(location).text)
    assert main.lstrip().startswith('<section class="safety-check"')
    assert WORDS.question in main and "crisis-banner" not in main
    action = f"/checkin/{checkin_id}/safety-check"
    assert len(_forms(main, action)) == 2
    answered = client.post(
        action,
        data={"csrf_token": client.headers["X-CSRF-Token"], "answer": "safe"},
        follow_redirects=False,
    )
    assert answered.status_code == 303 and answered.headers["location"] == location
    main = _main(client.get(location).text)
    assert WORDS.thanks in main and WORDS.question not in main
    assert f'<a href="/help">{WORDS.help_link}</a>' in main


def test_show_me_help_after_a_reflection_is_kept_and_opens_help(client: TestClient) -> None:
    location = _log_practice(client, CONCERN_TEXT)
    log_id = int(location.rsplit("=", 1)[1])
    main = _main(client.get(location).text)
    assert main.lstrip().startswith('<section class="safety-check"')
    action = f"/practices/{PRACTICE}/logs/{log_id}/safety-check"
    assert len(_forms(main, action)) == 2
    answered = client.post(
        action,
        data={"csrf_token": client.headers["X-CSRF-Token"], "answer": "help"},
        follow_redirects=False,
    )
    assert answered.status_code == 303 and answered.headers["location"] == "/help"
    assert WORDS.asked_for_help in _main(client.get(location).text)


@pytest.mark.parametrize("write", [_check_in, _log_practice], ids=["check-in", "practice"])
def test_crisis_comes_first_and_an_ordinary_note_asks_nothing(
    client: TestClient, write: object
) -> None:
    crisis = _main(client.get(write(client, CRISIS_TEXT)).text)  # type: ignore[operator]
    assert crisis.lstrip().startswith('<section class="crisis-banner"')
    assert "safety-check" not in crisis
    ordinary = _main(client.get(write(client, ORDINARY_TEXT)).text)  # type: ignore[operator]
    assert "safety-check" not in ordinary and "crisis-banner" not in ordinary


def test_a_note_that_asked_nothing_cannot_be_answered(client: TestClient) -> None:
    location = _check_in(client, ORDINARY_TEXT)
    checkin_id = int(location.rsplit("=", 1)[1])
    answered = client.post(
        f"/checkin/{checkin_id}/safety-check",
        data={"csrf_token": client.headers["X-CSRF-Token"], "answer": "safe"},
    )
    assert answered.status_code in {400, 422}
    missing = client.post(
        "/checkin/9999/safety-check",
        data={"csrf_token": client.headers["X-CSRF-Token"], "answer": "safe"},
    )
    assert missing.status_code == 404
