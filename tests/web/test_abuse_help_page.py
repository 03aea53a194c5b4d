"""Domestic-abuse help on an entry page: for the writer's own words about being hurt or controlled.

Nothing about it is stored: the help is worked out from the entry's text each time the
page is shown, and only to the person who wrote it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from tests.web.conftest import BASE, unlock

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

import pytest

HEADING = "If someone close to you is hurting or controlling you"


@pytest.fixture
def gb_client(sqlite_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=sqlite_url, country="GB"))
    with TestClient(app, base_url=BASE) as client:
        unlock(client)
        yield client


def _write(client: TestClient, words: str) -> str:
    token = client.headers["X-CSRF-Token"]
    saved = client.post(
        "/journal", data={"csrf_token": token, "text": words}, follow_redirects=False
    )
    assert saved.status_code == 303
    return str(saved.headers["location"])


def test_an_entry_about_being_controlled_shows_help_for_the_country(
    gb_client: TestClient, sqlite_url: str
) -> None:
    where = _write(gb_client, "He checks my phone every night and takes my wages.")
    page = html.unescape(gb_client.get(where).text)
    assert HEADING in page
    assert "National Domestic Abuse Helpline" in page and 'href="tel:08082000247"' in page
    assert "reconnect never shows it to anyone else" in page
    # Nothing was stored about it: the entry is the only row written.
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM entries")).scalar_one() == 1
        tables = [r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))]
    engine.dispose()
    assert not any("abuse" in name or "harm" in name for name in tables)


def test_ordinary_friction_shows_no_such_help(gb_client: TestClient) -> None:
    where = _write(gb_client, "My boss is so controlling about deadlines. He hit the gym after.")
    assert HEADING not in html.unescape(gb_client.get(where).text)
