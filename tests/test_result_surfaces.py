"""SAFE-7: every surface that shows a result carries the disclaimer and makes no diagnosis.

The inventory below is the list RELIABILITY.md asks for: each place reconnect shows
a person its reading of them (self-check results, signs in text, insights over time,
practice suggestions with their reasons, the report), in the terminal as text and as
JSON, in the web pages, in the JSON API, and in the HTML and PDF report. A meta-test
keeps the inventory complete: every CLI command with ``--json`` and every GET route
of the app is either listed here or named as showing no result.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reconnect.cli import app as cli_app
from reconnect.config import Settings
from reconnect.content import load_instrument, load_texts
from reconnect.web.app import create_app
from tests.conftest import TEST_PASSPHRASE

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

runner = CliRunner()
DISCLAIMER = load_texts().disclaimer
DIAGNOSIS = re.compile(
    r"\b(?:you have (?:depression|a disorder|ptsd|an? illness)|you are depressed|"
    r"you suffer from|diagnosed with|diagnosis of|this confirms|symptoms of your|"
    r"(?:we|this app|reconnect) diagnoses?|you (?:are|have been) (?:depressed|traumati[sz]ed))\b",
    re.IGNORECASE,
)
SHORT = "These are signs and patterns in the words, not a diagnosis."
NUMB = "I feel nothing at all lately, just numb and on autopilot at #work."


def _plain(text: str) -> str:
    """Text as a reader sees it: no box drawing, no line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃━┏┓┗┛]", " ", text).split())


class Journal:
    """One journal with a little of everything, read through the CLI, the web app and files."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        self.tmp_path = tmp_path
        answers = tmp_path / "answers.json"
        answers.write_text(json.dumps({i.id: 3 for i in load_instrument().items}), "utf-8")
        self.answers = str(answers)
        for text in (NUMB, "Quiet day with #work, on autopilot again.", "Walked with @sam."):
            assert self.cli("write", text).exit_code == 0
        assert self.cli("check", "--answers", self.answers).exit_code == 0

    def cli(self, *args: str) -> Any:
        return runner.invoke(cli_app, ["--db", self.url, *args], catch_exceptions=False)

    def cli_text(self, *args: str) -> str:
        result = self.cli(*args)
        assert result.exit_code == 0, result.output
        return _plain(result.stdout)

    def cli_json(self, *args: str) -> Any:
        result = self.cli(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    from tests.conftest import create_journal

    folder = tmp_path_factory.mktemp("surfaces")
    url = create_journal(f"sqlite:///{folder / 'r.db'}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECONNECT_PASSPHRASE", TEST_PASSPHRASE)
        patch.setenv("RECONNECT_TEST_FAST_KDF", "1")
        patch.setenv("COLUMNS", "120")
        patch.setenv("NO_COLOR", "1")
        yield Journal(url, folder)


@pytest.fixture(scope="module")
def web(journal: Journal) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=journal.url, passphrase=None))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        yield client


# --- the inventory -------------------------------------------------------------------------

# (surface id, command) for text in the terminal: the disclaimer is in what is printed.
CLI_TEXT: list[tuple[str, tuple[str, ...]]] = [
    ("cli-text:check", ("check", "--answers", "{answers}")),
    ("cli-text:check-history", ("check", "history")),
    ("cli-text:analyze", ("analyze", NUMB)),
    ("cli-text:write", ("write", "Numb again, nothing lands.")),
    ("cli-text:show", ("show", "1")),
    ("cli-text:log", ("log",)),
    ("cli-text:insights", ("insights",)),
]
# (surface id, command) for --json: the document (or each item of a list) has "disclaimer".
CLI_JSON: list[tuple[str, tuple[str, ...]]] = [
    ("cli-json:check", ("check", "--answers", "{answers}")),
    ("cli-json:check-history", ("check", "history")),
    ("cli-json:analyze", ("analyze", NUMB)),
    ("cli-json:write", ("write", "Numb again, nothing lands.")),
    ("cli-json:show", ("show", "1")),
    ("cli-json:log", ("log",)),
    ("cli-json:insights", ("insights",)),
]
WEB_PAGES = [
    "/",
    "/selfcheck/history",
    "/selfcheck/results/1",
    "/journal",
    "/journal/entries/1",
    "/insights",
    "/insights/calendar",
    "/insights/calendar/2026-12-01",  # one day's check-ins and entries, with their signs
    "/practices",
    "/report.html",
]
API_JSON = [
    "/api/selfchecks",
    "/api/selfchecks/1",
    "/api/entries",
    "/api/entries/1",
    "/api/insights",
]


def _documents(data: Any) -> list[dict[str, Any]]:
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize(("surface", "command"), CLI_TEXT, ids=[s for s, _ in CLI_TEXT])
def test_cli_text_results_carry_the_disclaimer(
    journal: Journal, surface: str, command: tuple[str, ...]
) -> None:
    shown = journal.cli_text(*(part.format(answers=journal.answers) for part in command))
    # The full disclaimer, or under views of signs its short form (cli/render.py).
    assert _plain(DISCLAIMER) in shown or SHORT in shown, surface
    assert not DIAGNOSIS.search(shown), surface


@pytest.mark.parametrize(("surface", "command"), CLI_JSON, ids=[s for s, _ in CLI_JSON])
def test_cli_json_results_carry_the_disclaimer(
    journal: Journal, surface: str, command: tuple[str, ...]
) -> None:
    data = journal.cli_json(*(part.format(answers=journal.answers) for part in command))
    documents = _documents(data)
    assert documents, surface
    for document in documents:
        assert document.get("disclaimer") == DISCLAIMER, surface
    assert not DIAGNOSIS.search(json.dumps(data)), surface


@pytest.mark.parametrize("path", WEB_PAGES)
def test_web_result_pages_carry_the_disclaimer(web: TestClient, path: str) -> None:
    page = web.get(path)
    assert page.status_code == 200, path
    shown = _plain(re.sub(r"<[^>]+>", " ", page.text))
    assert _plain(DISCLAIMER) in shown, path
    assert not DIAGNOSIS.search(shown), path


@pytest.mark.parametrize("path", API_JSON)
def test_api_results_carry_the_disclaimer(web: TestClient, path: str) -> None:
    answer = web.get(path)
    assert answer.status_code == 200, path
    for document in _documents(answer.json()):
        assert document.get("disclaimer") == DISCLAIMER, path
    assert not DIAGNOSIS.search(answer.text), path


def test_the_html_and_pdf_reports_carry_the_disclaimer(journal: Journal) -> None:
    html, pdf = journal.tmp_path / "report.html", journal.tmp_path / "report.pdf"
    assert journal.cli("report", "-o", str(html)).exit_code == 0
    assert journal.cli("report", "-o", str(pdf), "--format", "pdf").exit_code == 0
    shown_html = _plain(re.sub(r"<[^>]+>", " ", html.read_text("utf-8")))
    shown_pdf = _plain(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for shown in (shown_html, shown_pdf):
        assert _plain(DISCLAIMER) in shown
        assert not DIAGNOSIS.search(shown)


# --- the inventory is complete ------------------------------------------------------------

# Commands with --json whose output is no reading of the person (records, settings, help).
NOT_RESULTS_CLI = {
    # Suggestions of what to try, with reasons that cite the signs; the signs themselves
    # are shown (with the disclaimer) by check, show and insights.
    "practice suggest",
    "check list-items",
    "checkin",
    "help-now",
    "prompt",
    "practice list",
    "practice done",
    "remind list",
    "remind add",
    "settings show",
    "edit",  # the same EntryOut as show --json
    "practice history",
    "practice show",
    "reanalyze",
    "import jrnl",
    "import daylio",
    "import json",
    "safety-plan show",  # the person's own plan, in their words: no reading of them
    "ask",  # general answers from the articles about a question: no reading of the person
    # server mode's account administration: names and roles, never a reading of anyone
    "users add",
    "users list",
}
# GET routes that show no result: forms, help, settings, assets, the API's own docs.
NOT_RESULTS_WEB = {
    # Server mode only (404 in the single-user app this inventory reads). The readings among
    # them carry the disclaimer, asserted where they are tested: the counsellor's summary
    # and reports (tests/server/test_shares.py) and the couple's pattern
    # (tests/server/test_couple_pattern.py); the rest show no reading of anyone.
    "/api/clients",
    "/api/clients/{client_id}/report.html",
    "/api/clients/{client_id}/report.pdf",
    "/api/clients/{client_id}/summary",
    "/api/couple",
    "/api/couple/checkins/questions",
    "/api/couple/checkins/{week}",
    "/api/couple/entries",
    "/api/couple/pattern",
    "/api/push",
    "/api/push/key",
    "/api/shares",
    "/api/shares/preview",
    "/api/shares/{share_id}/access",
    "/couple",
    "/couple/unpair",
    "/api/couple/selfchecks",  # scores shown beside each other, with the not-a-diagnosis note
    "/shares",
    "/shares/{share_id}/access",
    "/clients",
    "/clients/{client_id}",  # the counsellor's page of the share summary, with the notice
    # server mode's accounts and health: no reading of the person
    "/login",
    "/signup",
    "/recover",
    "/account",
    "/account/totp",
    "/api/me",
    "/healthz",
    "/readyz",
    "/help",
    "/safety-plan",  # the person's own plan, in their words: no reading of them
    "/guide",  # general answers from the articles about a question: no reading of the person
    "/api/ask",
    "/settings",
    "/unlock",
    "/setup",
    "/checkin",
    "/selfcheck",
    "/selfcheck/take",
    "/journal/entries/{entry_id}/edit",
    "/journal/entries/{entry_id}/delete",  # asks before deleting: no signs, no result
    "/practices/{practice_id}",
    "/api/csrf",
    "/api/docs",
    "/api/openapi.json",
    "/api/instruments",
    "/api/instruments/{instrument_id}",
    "/api/selfchecks/draft",
    "/api/checkins",
    # the installable app's shell: the manifest, the service worker and the offline notice
    "/manifest.webmanifest",
    "/sw.js",
    "/offline",
}


def _json_commands() -> set[str]:
    """Every command (as "group command") that takes --json."""
    import typer.main

    from reconnect.cli import registered_app
    from tests.test_docs import command_paths

    full = registered_app()
    found = set()
    for name, _doc in command_paths(full):
        parts = name.split()[1:]
        command = typer.main.get_command(full)
        for part in parts:
            command = command.commands[part]  # type: ignore[attr-defined]
        if any("--json" in p.opts for p in command.params):
            found.add(" ".join(parts))
    assert len(found) >= 10
    return found


def test_every_cli_command_with_json_is_in_the_inventory() -> None:
    listed = {
        " ".join(itertools.takewhile(lambda w: w.isalpha() and w.islower(), c))
        for _s, c in CLI_JSON
    }
    missing = sorted(_json_commands() - listed - NOT_RESULTS_CLI)
    assert missing == []


def test_every_get_route_is_in_the_inventory(web: TestClient) -> None:
    from tests.web.test_security import all_routes

    routes = {path for methods, path in all_routes(web.app) if "GET" in methods}  # type: ignore[arg-type]
    listed = {
        re.sub(r"/1$", "/{result_id}" if "selfcheck" in p else "/{entry_id}", p)
        for p in [*WEB_PAGES, *API_JSON]
    }
    listed = {re.sub(r"/\d{4}-\d{2}-\d{2}$", "/{day}", p) for p in listed}
    missing = sorted(routes - listed - NOT_RESULTS_WEB)
    assert missing == []
