"""A check-in or a practice's reflection sent after the journal locked itself is not lost
(issue 11): the unlock page carries it, as it carries a journal entry, and unlocking saves it.

The same mechanism as tests/web/test_draft_through_unlock.py (web/pages/drafts.py); a
check-in also carries its square of the mood meter and the feelings named.
"""

from __future__ import annotations

import re
from html import unescape

from tests.conftest import TEST_PASSPHRASE
from tests.web.test_draft_through_unlock import idle, token, unlocked

from reconnect.services.practices import practice_history

NOTE = 'Tight chest before the call with "Dad".\nStill <tense> & tired.'
REFLECTION = "Noticed my feet on the floor; the breath slowed by the third round."
Form = dict[str, str | list[str]]


def carried_form(html: str, passphrase: str) -> Form:
    """The unlock form as the browser would send it: its hidden fields and a passphrase."""
    form: Form = {"passphrase": passphrase}
    for name, value in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html):
        if name == "draft_feeling":
            form.setdefault(name, [])
            assert isinstance(form[name], list)
            form[name].append(unescape(value))  # type: ignore[union-attr]
        else:
            form[name] = unescape(value).replace("\r\n", "\n")
    return form


def test_a_checkin_that_meets_the_lock_is_saved_by_unlocking(sqlite_url: str) -> None:
    with unlocked(sqlite_url) as client:
        idle(client)
        checkin: Form = {
            "csrf_token": token(client),
            "mood": "2,8",
            "feeling": ["anxious", "on-edge"],
            "note": NOTE,
        }
        page = client.post("/checkin", data=checkin)
        assert page.status_code == 401
        assert (
            "The journal locked itself while you were checking in, so your check-in is not "
            "saved yet. It is kept in this page, with your note" in page.text
        )
        carried = carried_form(page.text, "not my passphrase")
        assert {k: v for k, v in carried.items() if k.startswith("draft")} == {
            "draft_for": "checkin",
            "draft": NOTE,
            "draft_pleasantness": "2",
            "draft_energy": "8",
            "draft_feeling": ["anxious", "on-edge"],
        }

        wrong = client.post("/unlock", data=carried)
        assert wrong.status_code == 401 and "wrong passphrase" in wrong.text
        assert carried_form(wrong.text, "not my passphrase") == carried  # still carried

        opened = client.post("/unlock", data={**carried, "passphrase": TEST_PASSPHRASE})
        saved = client.get("/api/checkins").json()
        assert len(saved) == 1
        assert (opened.status_code, opened.headers["location"]) == (
            303,
            f"/checkin?saved={saved[0]['id']}",
        )
        assert (saved[0]["pleasantness"], saved[0]["energy"]) == (2, 8)
        assert saved[0]["feelings"] == ["anxious", "on-edge"]
        assert saved[0]["note"].replace("\r\n", "\n") == NOTE
        assert "Checked in: high energy, unpleasant" in client.get(opened.headers["location"]).text


def test_a_checkin_without_a_note_is_carried_too(sqlite_url: str) -> None:
    with unlocked(sqlite_url) as client:
        idle(client)
        page = client.post("/checkin", data={"csrf_token": token(client), "mood": "9,2"})
        assert page.status_code == 401
        assert "so your check-in is not saved yet. It is kept in this page:" in page.text
        opened = client.post("/unlock", data=carried_form(page.text, TEST_PASSPHRASE))
        assert opened.status_code == 303
        [saved] = client.get("/api/checkins").json()
        assert (saved["pleasantness"], saved["energy"], saved["note"]) == (9, 2, "")


def test_a_practice_reflection_that_meets_the_lock_is_logged_by_unlocking(
    sqlite_url: str,
) -> None:
    with unlocked(sqlite_url) as client:
        idle(client)
        page = client.post(
            "/practices/box-breathing/done",
            data={"csrf_token": token(client), "reflection": REFLECTION},
        )
        assert page.status_code == 401
        assert "The journal locked itself while you were writing" in page.text
        carried = carried_form(page.text, TEST_PASSPHRASE)
        assert (carried["draft_for"], carried["draft"]) == ("practice:box-breathing", REFLECTION)

        opened = client.post("/unlock", data=carried)
        assert opened.status_code == 303
        assert opened.headers["location"].startswith("/practices/box-breathing?logged=")
        assert "Logged." in client.get(opened.headers["location"]).text
        [logged] = practice_history(client.app.state.services)  # type: ignore[attr-defined]
        assert (logged.practice_id, logged.reflection) == ("box-breathing", REFLECTION)


def test_a_carried_checkin_without_its_square_is_refused_before_unlocking(
    sqlite_url: str,
) -> None:
    with unlocked(sqlite_url) as client:
        idle(client)
        refused = client.post(
            "/unlock",
            data={
                "csrf_token": token(client),
                "passphrase": TEST_PASSPHRASE,
                "draft": "a note",
                "draft_for": "checkin",
                "draft_energy": "3",
            },
        )
        assert refused.status_code == 422
        assert "has no square of the mood meter" in refused.text
        assert client.get("/api/checkins").status_code == 401  # nothing unlocked, nothing saved
