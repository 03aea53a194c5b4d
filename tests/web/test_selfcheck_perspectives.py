"""The self-check pages keep "about me" and "about my partner" apart, and keep a draft.

Issue 11: item 2 (history, Home and the API mixed the two perspectives into one line),
item 3 (a reloaded self-check showed a blank form, and the next answer overwrote the
draft) and the partner half of item 10 (a result about a partner suggested self-talk).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reconnect.content import load_instrument

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ITEMS = load_instrument().items
SELF_TALK = "I have been feeling flat and empty for weeks"


def text_of(html: str) -> str:
    """A page as read: tags gone, whitespace joined."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str, section_id: str) -> str:
    """The text of one ``<section id=...>`` of a page."""
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section {section_id}"
    return text_of(match.group(0))


def submit(client: TestClient, value: int, perspective: str) -> str:
    """Answer every item so each dimension scores ``value`` out of 4; the result's address."""
    page = client.get(f"/selfcheck/take?perspective={perspective}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"csrf_token": token.group(1), "perspective": perspective}
    form |= {i.id: str(4 - value if i.reverse else value) for i in ITEMS}
    response = client.post("/selfcheck", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def test_the_history_page_gives_each_perspective_its_own_trend(client: TestClient) -> None:
    submit(client, 3, "self")  # 75
    submit(client, 1, "partner")  # 25
    page = client.get("/selfcheck/history").text
    mine, theirs = section(page, "history-self"), section(page, "history-partner")
    assert "About you" in mine and "1 result." in mine
    assert "About your partner" in theirs and "1 result." in theirs
    assert "Emotional numbness 75 75 —" in mine  # first, latest, no change yet
    assert "Emotional numbness 25 25 —" in theirs
    assert "-50" not in text_of(page)
    submit(client, 2, "self")  # 50
    mine = section(client.get("/selfcheck/history").text, "history-self")
    assert "Emotional numbness 75 50 -25" in mine
    assert "a falling line is progress" in mine


def test_the_history_page_shows_the_two_latest_side_by_side(client: TestClient) -> None:
    submit(client, 4, "self")
    mine = submit(client, 3, "self")
    theirs = submit(client, 1, "partner")
    page = client.get("/selfcheck/history").text
    side = section(page, "side-by-side")
    assert "About you" in side and "About your partner" in side
    assert "Emotional numbness 75 Strong signs 25 Some signs" in side
    assert f'href="{mine}"' in page and f'href="{theirs}"' in page


def test_home_shows_my_latest_result_and_my_partner_one_apart(client: TestClient) -> None:
    mine = submit(client, 3, "self")
    theirs = submit(client, 1, "partner")
    home = client.get("/").text
    own, about_partner = section(home, "latest-self"), section(home, "latest-partner")
    assert "Your latest result" in own and "about you" in own
    assert "Latest result about your partner" in about_partner
    assert home.index(f'href="{mine}"') < home.index(f'href="{theirs}"')
    assert "Strong signs" in own and "Some signs" in about_partner


def test_home_with_only_a_result_about_my_partner_does_not_call_it_mine(
    client: TestClient,
) -> None:
    theirs = submit(client, 1, "partner")
    home = client.get("/").text
    assert "Your latest result" not in home
    assert "Latest result about your partner" in section(home, "latest-partner")
    assert f'href="{theirs}"' in home


def test_the_api_lists_each_result_with_its_change_about_the_same_person(
    client: TestClient,
) -> None:
    submit(client, 3, "self")
    submit(client, 1, "partner")
    submit(client, 2, "self")
    listed = client.get("/api/selfchecks").json()
    assert [r["previous_id"] for r in listed] == [None, None, listed[0]["id"]]
    assert listed[2]["change"]["numbness"] == -25.0
    partner_only = client.get("/api/selfchecks", params={"perspective": "partner"}).json()
    assert [r["perspective"] for r in partner_only] == ["partner"]
    wrong = client.get("/api/selfchecks", params={"perspective": "neighbour"})
    assert wrong.status_code == 422


def test_a_result_page_about_my_partner_suggests_no_self_talk(client: TestClient) -> None:
    page = client.get(submit(client, 4, "partner")).text
    shown = text_of(page)
    assert SELF_TALK not in shown
    assert "your partner" in section(page, "seek-help")
    assert "about your partner" in shown
    assert SELF_TALK in text_of(client.get(submit(client, 4, "self")).text)


def test_a_reloaded_selfcheck_shows_the_saved_answers(client: TestClient) -> None:
    hx = {"HX-Request": "true"}
    client.post("/selfcheck/discard", data={"perspective": "self"})
    first = {"perspective": "self", ITEMS[0].id: "3", ITEMS[1].id: "1"}
    assert "Saved 2 of" in client.post("/selfcheck/draft", data=first, headers=hx).text
    reloaded = client.get("/selfcheck/take?perspective=self").text
    assert re.search(rf'name="{ITEMS[0].id}" value="3"\s+checked', reloaded)
    assert re.search(rf'name="{ITEMS[1].id}" value="1"\s+checked', reloaded)
    assert f"2 of {len(ITEMS)} answered" in reloaded
    # An answer sent without the earlier ones (a stale or blank form) adds to them.
    later = {"perspective": "self", ITEMS[2].id: "4"}
    assert "Saved 3 of" in client.post("/selfcheck/draft", data=later, headers=hx).text
    draft = client.get("/api/selfchecks/draft").json()
    assert draft["answers"] == {ITEMS[0].id: 3, ITEMS[1].id: 1, ITEMS[2].id: 4}


def test_the_take_page_without_a_perspective_continues_the_draft(client: TestClient) -> None:
    hx = {"HX-Request": "true"}
    client.post("/selfcheck/draft", data={"perspective": "partner", ITEMS[0].id: "2"}, headers=hx)
    page = client.get("/selfcheck/take").text
    assert re.search(rf'name="{ITEMS[0].id}" value="2"\s+checked', page)
    assert 'name="perspective" value="partner"' in page


def test_starting_about_the_other_person_says_it_replaces_the_draft(client: TestClient) -> None:
    hx = {"HX-Request": "true"}
    client.post("/selfcheck/draft", data={"perspective": "partner", ITEMS[0].id: "2"}, headers=hx)
    page = client.get("/selfcheck/take?perspective=self").text
    assert not re.search(r"value=\"\d\"\s+checked", page)
    assert "unfinished self-check about your partner" in text_of(page)
    assert 'href="/selfcheck/take?resume=1"' in page
