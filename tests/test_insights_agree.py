"""The insights summary names the pattern the table puts first, in the terminal and on the
page (issue 11, item 15).

With #work on all 38 numb entries and on none of the rest, the summary named a weaker
pattern, "Numbness showed up 1.9 times as often in entries with weekday 'saturday'": it
skipped any association whose baseline was zero, while the tables listed #work.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reconnect.bootstrap import build_services
from reconnect.cli import app as cli_app
from reconnect.config import Settings
from reconnect.services import journal
from reconnect.web.app import create_app
from tests.conftest import TEST_PASSPHRASE, create_journal

if TYPE_CHECKING:
    from collections.abc import Iterator

NUMB = "Long shift at #work, I feel nothing, numb."
CALM = "Read a book in the evening."
WORK = "Numbness showed up in 38 of 38 entries with tag 'work' and in none of the others."
SATURDAY = "times as often in entries with weekday 'saturday'"


def numb_days() -> list[tuple[datetime, bool]]:
    """80 evenings from Monday 5 January 2026; 38 numb ones, nine of them on the first nine
    Saturdays (numbness is 1.9 times as common on a Saturday as on other days)."""
    start = datetime(2026, 1, 5, 20, tzinfo=UTC)
    days = [start + timedelta(days=i) for i in range(80)]
    saturdays = [d for d in days if d.weekday() == 5][:9]
    others = [d for i, d in enumerate(days) if d.weekday() != 5 and i % 2 == 0][:29]
    numb = {*saturdays, *others}
    return [(day, day in numb) for day in days]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("insights")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECONNECT_PASSPHRASE", TEST_PASSPHRASE)
        patch.setenv("RECONNECT_TEST_FAST_KDF", "1")
        url = create_journal(f"sqlite:///{folder / 'r.db'}")
        services = build_services(Settings(database_url=url))
        try:
            for day, numb in numb_days():
                journal.write_entry(services, NUMB if numb else CALM, written_at=day)
        finally:
            services.close()
        yield url


def test_the_data_is_the_reported_case() -> None:
    days = numb_days()
    assert sum(numb for _, numb in days) == 38
    saturdays = [numb for day, numb in days if day.weekday() == 5]
    assert (sum(saturdays), len(saturdays)) == (9, 11)


def test_the_terminal_summary_names_the_first_row_of_the_table(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(cli_app, ["--db", url, "insights"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = " ".join(re.sub(r"[\u2500-\u257f]", " ", result.stdout).split())  # no box lines
    assert WORK in text
    assert SATURDAY not in text
    table = text.split("What goes with numbness or reconnection", 1)[1]
    header = "In entries with Sign With it Without it Entries"
    assert table.split(header, 1)[1].strip().startswith("tag work numbness 100% 0% 38 of 38")


def test_the_page_summary_names_the_first_row_of_the_table(url: str) -> None:
    app = create_app(Settings(database_url=url, passphrase=None))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        page = client.get("/insights").text
        api = client.get("/api/insights").json()
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    assert lead is not None
    assert WORK in html.unescape(lead.group(1))
    assert SATURDAY not in html.unescape(page)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", page)
    assert rows[0] == ("tag work", "numbness", "100%", "0%")
    assert WORK in api["summary"]
