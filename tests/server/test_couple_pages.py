"""The couple pages, through their forms: pair with a code, answer apart, read together,
share an entry, unpair after a confirmation; the services' errors shown on the page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.server.conftest import Clock, People

CODE = re.compile(r'id="couple-code">([0-9A-Z]{4}) ([0-9A-Z]{4})<')
SCALES = {"closeness": "2", "heard": "3", "want": "5", "reached_out": "5", "pressured": "1"}
PARTNER_SCALES = {"closeness": "4", "heard": "4", "want": "2", "reached_out": "5", "pressured": "4"}
ALEX_WORDS = {"appreciation": "alex thanks the lemon tart", "wish": "alex hopes for a canoe"}
SAM_WORDS = {"appreciation": "sam liked the quiet walk", "wish": "sam wants a slow sunday"}


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


def _invite(client: TestClient) -> str:
    made = client.post("/couple/invite")
    assert made.status_code == 200, made.text
    found = CODE.search(made.text)
    assert found is not None, made.text
    assert "48 hours" in made.text
    return found.group(1) + found.group(2)


def _pair(client_for: Callable[[str | None], TestClient]) -> tuple[TestClient, TestClient]:
    alex, sam = client_for("alex"), client_for("sam")
    code = _invite(alex)
    joined = sam.post("/couple/join", data={"code": code.lower()}, follow_redirects=False)
    assert joined.status_code == 303, joined.text
    assert joined.headers["location"] == "/couple?done=joined"
    return alex, sam


@pytest.fixture
def pair(
    people: People, client_for: Callable[[str | None], TestClient]
) -> tuple[TestClient, TestClient]:
    people.add("alex")
    people.add("sam")
    return _pair(client_for)


def _answer(client: TestClient, answers: dict[str, str]) -> None:
    sent = client.post("/couple/checkin", data=answers, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"] == "/couple?done=answered"


def test_the_unpaired_page_says_what_is_shared_and_what_never_is(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    page = client_for("alex").get("/couple")
    assert page.status_code == 200
    assert "only the entries you choose to share" in page.text
    assert "self-checks and your activity always stay private" in page.text
    assert 'action="/couple/invite"' in page.text
    assert 'action="/couple/join"' in page.text
    assert '<a href="/couple" aria-current="page">Together</a>' in page.text


def test_pair_answer_apart_then_read_together(pair: tuple[TestClient, TestClient]) -> None:
    alex, sam = pair
    assert (
        'You are paired with <strong id="couple-partner">alex</strong>' in sam.get("/couple").text
    )
    page = alex.get("/couple")
    assert 'id="couple-partner">sam<' in page.text
    assert "<legend>How close did you feel to each other this week?</legend>" in page.text
    assert "1 means far apart; 5 means very close." in page.text

    _answer(alex, {**SCALES, **ALEX_WORDS})
    waiting = alex.get("/couple?done=answered")
    assert "You have answered. Waiting for sam." in waiting.text
    assert 'id="couple-checkin"' not in waiting.text

    # Sam's page: the form, and nothing of what alex wrote or chose.
    before = sam.get("/couple")
    assert 'id="couple-checkin"' in before.text
    for words in ALEX_WORDS.values():
        assert words not in before.text
    assert "checked" not in before.text

    _answer(sam, {**PARTNER_SCALES, **SAM_WORDS})
    for client in (alex, sam):
        revealed = client.get("/couple")
        assert "You have both answered." in revealed.text
        for words in (*ALEX_WORDS.values(), *SAM_WORDS.values()):
            assert words in revealed.text
        assert "To talk about together" in revealed.text
        assert "One of you wants more closeness and the other more space" in revealed.text
    assert '<th scope="col">sam</th>' in alex.get("/couple").text


def test_the_waiting_partner_sees_none_of_the_others_text_answers(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    _answer(sam, {**PARTNER_SCALES, **SAM_WORDS})
    for path in ("/couple", "/couple?done=answered", "/couple/unpair"):
        text = alex.get(path).text
        for words in SAM_WORDS.values():
            assert words not in text
    assert "Waiting for alex." in sam.get("/couple").text
    assert "Waiting" not in alex.get("/couple").text


def test_a_shared_entry_reaches_the_partner_and_can_be_taken_back(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    entry = alex.post("/api/entries", json={"text": "A long talk about the garden."})
    entry_id = entry.json()["id"]
    page = alex.get(f"/journal/entries/{entry_id}")
    assert "Share with sam" in page.text
    shared = alex.post(f"/couple/share/{entry_id}", follow_redirects=False)
    assert shared.headers["location"] == f"/journal/entries/{entry_id}?done=shared"
    after = alex.get(shared.headers["location"]).text
    assert "Shared with sam." in after
    assert 'action="/couple/share/' not in after
    assert "A long talk about the garden." in sam.get("/couple").text

    alex.post(f"/couple/unshare/{entry_id}")
    assert "A long talk about the garden." not in sam.get("/couple").text
    again = alex.post(f"/couple/unshare/{entry_id}")
    assert again.status_code == 404
    assert "That entry is not shared." in again.text
    assert "Traceback" not in again.text


def test_the_entry_page_offers_no_sharing_when_not_paired(
    people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    entry_id = alex.post("/api/entries", json={"text": "Alone today."}).json()["id"]
    page = alex.get(f"/journal/entries/{entry_id}")
    assert page.status_code == 200
    assert "Share with" not in page.text
    assert "/couple/share/" not in page.text


def test_unpairing_asks_first_then_ends_it_for_both(pair: tuple[TestClient, TestClient]) -> None:
    alex, sam = pair
    entry_id = alex.post("/api/entries", json={"text": "The hedgehog came back."}).json()["id"]
    alex.post(f"/couple/share/{entry_id}")
    _answer(alex, {**SCALES, **ALEX_WORDS})

    asked = sam.get("/couple/unpair")
    assert asked.status_code == 200
    assert "Unpair from alex?" in asked.text
    assert "every entry either of you shared" in asked.text
    assert "every shared check-in" in asked.text
    unconfirmed = sam.post("/couple/unpair", follow_redirects=False)
    assert unconfirmed.headers["location"] == "/couple/unpair"
    assert "Waiting for sam." in alex.get("/couple").text  # still paired

    done = sam.post("/couple/unpair", data={"confirm": "yes"}, follow_redirects=False)
    assert done.headers["location"] == "/couple?done=unpaired"
    assert (
        "Shared entries and check-ins are deleted for both of you."
        in sam.get(done.headers["location"]).text
    )

    # Alex's entry page does not take the one-time notice before the couple page shows it.
    assert "Share with" not in alex.get(f"/journal/entries/{entry_id}").text
    ended = alex.get("/couple").text
    assert "The pairing has ended." in ended
    assert "The hedgehog came back." not in ended
    assert "alex thanks the lemon tart" not in ended
    assert "The pairing has ended." not in alex.get("/couple").text
    assert sam.get("/couple/unpair").status_code == 404


def test_wrong_expired_and_too_many_codes_are_shown_on_the_page(
    people: People, client_for: Callable[[str | None], TestClient], clock: Clock
) -> None:
    people.add("alex")
    people.add("sam")
    alex, sam = client_for("alex"), client_for("sam")
    wrong = sam.post("/couple/join", data={"code": "ZZZZ ZZZZ"})
    assert wrong.status_code == 404
    assert "That code is not valid. Check it with your partner." in wrong.text
    assert 'action="/couple/join"' in wrong.text

    code = _invite(alex)
    clock.advance(hours=49)
    sam = client_for("sam")  # the old session has ended by now
    gone = sam.post("/couple/join", data={"code": code})
    assert gone.status_code == 410
    assert "That code has expired." in gone.text

    for _ in range(5):  # the earlier wrong code is past the 15-minute window
        assert sam.post("/couple/join", data={"code": "ZZZZZZZZ"}).status_code == 404
    limited = sam.post("/couple/join", data={"code": "ZZZZZZZZ"})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0
    assert "Too many wrong codes." in limited.text
    assert "Traceback" not in limited.text


def test_an_incomplete_check_in_is_refused_with_the_answers_kept(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, _ = pair
    partial = {**SCALES, "wish": "a picnic by the lake"}
    del partial["heard"]
    refused = alex.post("/couple/checkin", data=partial)
    assert refused.status_code == 422
    assert "Choose an answer for every scale question." in refused.text
    assert "a picnic by the lake</textarea>" in refused.text
    assert 'value="2" required aria-describedby="ends-closeness"\n          checked' in refused.text

    out_of_range = alex.post("/couple/checkin", data={**SCALES, "heard": "9"})
    assert out_of_range.status_code == 422
    assert "heard: choose from 1 to 5" in out_of_range.text
    assert "You have answered." not in alex.get("/couple").text


def test_making_a_code_while_paired_is_refused_on_the_page(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, _ = pair
    again = alex.post("/couple/invite")
    assert again.status_code == 422
    assert "you are already paired" in again.text
    assert "Unpair first to pair again." in again.text


def test_single_user_mode_has_no_couple_pages(sqlite_url: str) -> None:
    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/couple").status_code == 404
        assert client.get("/couple/unpair").status_code == 404


def test_harm_in_an_answer_shows_help_to_the_writer_and_only_a_pause_to_the_other(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    wish = "I'm scared of what she'll do if I say no."
    written = sam.post("/couple/checkin", data={**PARTNER_SCALES, "wish": wish})
    assert written.status_code == 200
    assert 'id="abuse-title"' in written.text
    assert "Shared check-ins are paused." in written.text

    seen = alex.get("/couple").text
    assert "Shared check-ins are paused." in seen
    assert 'id="couple-checkin"' not in seen
    assert "abuse" not in seen
    assert "scared" not in seen


def test_the_page_explains_the_pattern_and_keeps_each_partners_own_line_private(
    pair: tuple[TestClient, TestClient],
) -> None:
    from reconnect.domain.pursue_withdraw import HOW_COMPUTED

    alex, sam = pair
    for client in (alex, sam):
        page = client.get("/couple").text
        assert "Reaching out and stepping back" in page
        assert "Not enough weeks yet" in page  # fewer than three weeks answered by both
        assert HOW_COMPUTED[0][:40] in page


def _take_selfchecks(client: TestClient, about_self: int, about_partner: int) -> None:
    """One self-check about oneself and one about the partner, every answer the same."""
    from reconnect.services.selfcheck import get_instrument

    instrument = get_instrument()
    for perspective, value in (("self", about_self), ("partner", about_partner)):
        answers = {item.id: value for item in instrument.items}
        body = {"perspective": perspective, "instrument": instrument.id, "answers": answers}
        taken = client.post("/api/selfchecks", json=body)
        assert taken.status_code == 201, taken.text


def _agree(client: TestClient, agree: str) -> None:
    sent = client.post("/couple/selfchecks", data={"agree": agree}, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    done = "views_shared" if agree == "yes" else "views_stopped"
    assert sent.headers["location"] == f"/couple?done={done}"


def _views(page: str) -> str:
    """The side-by-side section of the couple page ("" when there is none)."""
    found = re.search(
        r'<section class="card" aria-labelledby="views-title">.*?</section>', page, re.S
    )
    return found.group(0) if found else ""


def test_self_checks_are_shown_side_by_side_only_once_both_agree(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    _take_selfchecks(alex, about_self=1, about_partner=4)
    _take_selfchecks(sam, about_self=2, about_partner=3)
    for client in (alex, sam):
        section = _views(client.get("/couple").text)
        assert "Self-checks side by side" in section
        assert "I agree to show my scores side by side" in section
        assert "couple-views-me" not in section
        assert " of 100)" not in section

    _agree(alex, "yes")
    waiting = alex.get("/couple?done=views_shared").text
    assert "Your self-check scores are shared." in waiting
    assert "You have agreed. Waiting for sam to agree too." in _views(waiting)
    assert " of 100)" not in waiting
    # Sam is offered the same choice as before, with no hint that alex agreed or of a score.
    before = _views(sam.get("/couple").text)
    assert "I agree to show my scores side by side" in before
    assert "Waiting" not in before
    assert "agreed." not in before.replace("have both agreed.", "")
    assert " of 100)" not in before

    _agree(sam, "yes")
    for client, other in ((alex, "sam"), (sam, "alex")):
        section = _views(client.get("/couple").text)
        assert "You have both agreed." in section
        assert '<th scope="col">How you see yourself</th>' in section
        assert f'<th scope="col">How {other} sees you</th>' in section
        assert f'<th scope="col">How {other} sees themself</th>' in section
        assert f'<th scope="col">How you see {other}</th>' in section
        assert "not a diagnosis" in section
    # Alex chose 1 about himself, sam 3 about alex: two views of one person, in words.
    numbness = (
        '<tr><th scope="row">Emotional numbness</th>'
        '<td data-label="How {own}">Some signs (33 of 100)</td>'
        '<td data-label="How {other}">Many signs (67 of 100)</td></tr>'
    )
    about_alex = numbness.format(own="you see yourself", other="sam sees you")
    assert about_alex in _views(alex.get("/couple").text).split("couple-views-partner")[0]
    about_alex = numbness.format(own="alex sees themself", other="you see alex")
    assert about_alex in _views(sam.get("/couple").text).split("couple-views-partner")[1]


def test_stopping_agreement_hides_the_scores_for_both(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    _take_selfchecks(alex, about_self=1, about_partner=4)
    _take_selfchecks(sam, about_self=2, about_partner=3)
    _agree(alex, "yes")
    _agree(sam, "yes")
    assert "You have both agreed." in alex.get("/couple").text

    _agree(sam, "no")
    assert (
        "Your self-check scores are no longer shared." in sam.get("/couple?done=views_stopped").text
    )
    for client in (alex, sam):
        page = client.get("/couple").text
        assert "couple-views-me" not in page
        assert " of 100)" not in page
    assert "Waiting for sam to agree too." in alex.get("/couple").text
    assert "I agree to show my scores side by side" in sam.get("/couple").text

    again = sam.post("/couple/selfchecks", data={"agree": "no"})
    assert again.status_code == 404
    assert "Your self-check scores are not shared." in again.text
    assert "Traceback" not in again.text


def test_agreeing_without_a_self_check_is_refused_on_the_page(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, _ = pair
    refused = alex.post("/couple/selfchecks", data={"agree": "yes"})
    assert refused.status_code == 422
    assert "there is no self-check to share yet" in refused.text
    assert "Take the self-check about yourself" in refused.text
    assert "I agree to show my scores side by side" in refused.text


CHOOSE = "Choose whether to show your self-check scores side by side."
TOO_LONG = "agree: String should have at most 3 characters"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({}, CHOOSE, id="no-choice"),
        pytest.param({"agree": "maybe"}, TOO_LONG, id="unknown-choice"),
        pytest.param({"agree": "YES"}, CHOOSE, id="other-case"),
        pytest.param({"agree": "yes" * 400}, TOO_LONG, id="oversize"),
        pytest.param({"agree": "y\x00s"}, CHOOSE, id="nul"),
        pytest.param({"agree": "\u202eye"}, CHOOSE, id="rtl-override"),
    ],
)
def test_a_malformed_agreement_is_refused_clearly(
    pair: tuple[TestClient, TestClient], data: dict[str, str], message: str
) -> None:
    alex, sam = pair
    _take_selfchecks(alex, about_self=1, about_partner=4)
    refused = alex.post("/couple/selfchecks", data=data)
    assert refused.status_code == 422, refused.text
    assert message in refused.text
    assert "Traceback" not in refused.text
    assert "Waiting for sam" not in alex.get("/couple").text  # nothing was shared
    assert "Waiting for alex" not in sam.get("/couple").text


def test_a_hostile_agreement_post_gets_a_4xx_and_shares_nothing(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, _ = pair
    _take_selfchecks(alex, about_self=1, about_partner=4)
    too_many = alex.post(
        "/couple/selfchecks", data={f"field{i}": "x" for i in range(2000)} | {"agree": "yes"}
    )
    invalid_utf8 = alex.post(
        "/couple/selfchecks",
        content=b"agree=\xff\xfe",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    as_json = alex.post("/couple/selfchecks", json={"agree": "yes"})
    for response in (too_many, invalid_utf8, as_json):
        assert 400 <= response.status_code < 500, response.status_code
        assert "Traceback" not in response.text
    assert "Waiting for sam" not in alex.get("/couple").text
    no_token = TestClient(alex.app, base_url=str(alex.base_url), cookies=alex.cookies)
    forged = no_token.post("/couple/selfchecks", data={"agree": "yes"})
    assert forged.status_code == 403
    assert "Waiting for sam" not in alex.get("/couple").text


def test_the_side_by_side_view_is_hidden_while_check_ins_are_paused(
    pair: tuple[TestClient, TestClient],
) -> None:
    alex, sam = pair
    _take_selfchecks(alex, about_self=1, about_partner=4)
    _take_selfchecks(sam, about_self=2, about_partner=3)
    _agree(alex, "yes")
    _agree(sam, "yes")
    wish = "I'm scared of what she'll do if I say no."
    assert sam.post("/couple/checkin", data={**PARTNER_SCALES, "wish": wish}).status_code == 200
    for client in (alex, sam):
        page = client.get("/couple").text
        assert "Shared check-ins are paused." in page
        assert 'aria-labelledby="views-title"' not in page
        assert " of 100)" not in page
