"""The journal pages over real HTTP: write, read, edit and delete an entry with forms alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _token(client: TestClient) -> str:
    token: str = client.get("/api/csrf").json()["csrf_token"]
    return token


def test_an_entry_is_written_edited_and_deleted_through_the_pages(client: TestClient) -> None:
    token = _token(client)
    written = client.post(
        "/journal",
        data={"csrf_token": token, "text": "I feel nothing at #work"},
        follow_redirects=False,
    )
    assert written.status_code == 303
    page = written.headers["location"]
    assert "numbness" in client.get(page).text
    form = client.get(f"{page}/edit")
    assert form.status_code == 200 and "I feel nothing at #work</textarea>" in form.text
    edited = client.post(
        f"{page}/edit",
        data={"csrf_token": token, "text": "A warm walk with @ana, I felt close to her"},
        follow_redirects=False,
    )
    assert edited.status_code == 303 and edited.headers["location"] == page
    shown = client.get(page).text
    assert "A warm walk with @ana" in shown and "numbness" not in shown
    assert client.get("/api/entries").json()[0]["people"] == ["ana"]
    # Issue 11, item 9: deleting asks first. Without the confirmation nothing is deleted.
    asked = client.post(f"{page}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert asked.status_code == 303 and asked.headers["location"] == f"{page}/delete"
    assert client.get(page).status_code == 200
    question = client.get(f"{page}/delete").text
    assert "Delete this entry for good?" in question and "A warm walk with @ana" in question
    assert 'name="confirm" value="yes"' in question and f'href="{page}">Keep it' in question
    gone = client.post(
        f"{page}/delete", data={"csrf_token": token, "confirm": "yes"}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert client.get(page).status_code == 404


def test_a_filter_with_no_match_says_so_rather_than_no_entries_yet(client: TestClient) -> None:
    # Issue 11, item 9: a filter with no matches said "No entries yet."
    assert "No entries yet." in client.get("/journal").text
    client.post("/journal", data={"csrf_token": _token(client), "text": "a walk #outside"})
    for query in ("q=nowhere", "tag=absent", "marker=numbness"):
        page = client.get(f"/journal?{query}").text
        assert "No entries match these filters." in page and "No entries yet." not in page
    assert "No entries" not in client.get("/journal?tag=outside").text


def test_editing_with_bad_input_keeps_the_entry(client: TestClient) -> None:
    token = _token(client)
    client.post("/journal", data={"csrf_token": token, "text": "kept as it is"})
    entry_id = client.get("/api/entries").json()[0]["id"]
    for text in ("a NUL \x00 inside", "x" * 20_001):
        reply = client.post(
            f"/journal/entries/{entry_id}/edit", data={"csrf_token": token, "text": text}
        )
        assert reply.status_code == 422
    assert client.get(f"/api/entries/{entry_id}").json()["text"] == "kept as it is"
    assert client.get("/journal/entries/999999/edit").status_code == 404


def test_insights_offer_to_read_older_entries_again(client: TestClient, database_url: str) -> None:
    from dataclasses import replace

    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.storage import entries as entry_rows

    token = _token(client)
    client.post("/journal", data={"csrf_token": token, "text": "I don't want to be here anymore."})
    client.post("/journal", data={"csrf_token": token, "text": "Lovely walk with @ana today."})
    assert "read by an older version" not in client.get("/insights").text

    services = build_services(Settings(database_url=database_url))
    try:
        with services.transaction() as connection:
            for entry_id in (1, 2):
                entry = entry_rows.get_entry(connection, entry_id)
                assert entry.analysis is not None
                old = replace(entry.analysis, analyzer_version="2.2", markers=(), crisis=False)
                entry_rows.replace_entry(connection, replace(entry, analysis=old))
    finally:
        services.close()

    page = client.get("/insights").text
    assert "2 of your entries were read by an older version of the analyzer" in page
    assert 'action="/insights/reanalyze"' in page
    # Without the CSRF token the form is refused and nothing is read again.
    refused = client.post("/insights/reanalyze", headers={"X-CSRF-Token": ""})
    assert refused.status_code == 403
    done = client.post("/insights/reanalyze", data={"csrf_token": token})
    assert done.status_code == 200
    assert "Read 2 entries again" in done.text
    assert 'href="/journal/entries/1"' in done.text
    assert "help is available now" in done.text  # the crisis banner, first
    assert "read by an older version" not in done.text
    assert "read by an older version" not in client.get("/insights").text


def test_an_entry_is_shown_exactly_as_written(client: TestClient) -> None:
    # pre-wrap keeps every character inside the article: no blank first line, no indent
    text = "Two lines.\n  The second starts with two spaces, I feel nothing."
    saved = client.post("/journal", data={"csrf_token": _token(client), "text": text})
    assert saved.status_code == 200
    page = saved.text
    start = page.index('class="card entry-text"')
    inside = page[page.index(">", start) + 1 : page.index("</article>", start)]
    shown = inside.replace('<mark class="sign sign-numbness" title="numbness">', "").replace(
        "</mark>", ""
    )
    assert shown == text
