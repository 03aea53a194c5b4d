"""After an analyzer upgrade, entries an older analyzer read are read again at the owner's
next login, in the web process that holds the session's key (a worker never holds one)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reconnect.analysis import ANALYZER_VERSION
from reconnect.services import sessions
from reconnect.storage import entries as entry_rows
from tests.server.conftest import log_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from reconnect.services.server import ServerServices
    from tests.server.conftest import People


def _as_if_read_by_an_older_analyzer(server: ServerServices, cookie: str) -> None:
    session = sessions.resolve(server, cookie)
    try:
        with session.journal.transaction() as connection:
            for entry_id in entry_rows.all_ids(connection):
                entry = entry_rows.get_entry(connection, entry_id)
                assert entry.analysis is not None
                old = replace(entry.analysis, analyzer_version="2.2", markers=(), crisis=False)
                entry_rows.replace_entry(connection, replace(entry, analysis=old))
    finally:
        session.close()


def test_the_next_login_reads_old_entries_again(
    server: ServerServices, people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    for text in ("Lovely walk with Ana.", "I don't want to be here anymore."):
        assert alex.post("/api/entries", json={"text": text}).status_code == 201
    _as_if_read_by_an_older_analyzer(server, alex.cookies["reconnect_session"])
    before = alex.get("/api/entries").json()
    assert {e["analysis"]["analyzer_version"] for e in before} == {"2.2"}
    assert not any(e["crisis"] for e in before)

    again = client_for(None)
    log_in(again, "alex")  # the re-reading runs once the login has answered

    after = again.get("/api/entries").json()
    assert {e["analysis"]["analyzer_version"] for e in after} == {ANALYZER_VERSION}
    assert [e["crisis"] for e in sorted(after, key=lambda e: e["id"])] == [False, True]
    assert [e["text"] for e in sorted(after, key=lambda e: e["id"])] == [
        "Lovely walk with Ana.",
        "I don't want to be here anymore.",
    ]


def test_without_a_live_session_nothing_is_read(
    server: ServerServices, people: People, client_for: Callable[[str | None], TestClient]
) -> None:
    people.add("alex")
    alex = client_for("alex")
    alex.post("/api/entries", json={"text": "An ordinary Tuesday."})
    cookie = alex.cookies["reconnect_session"]
    _as_if_read_by_an_older_analyzer(server, cookie)
    assert alex.post("/api/logout").status_code == 204
    assert sessions.catch_up_analysis(server, cookie) == 0
