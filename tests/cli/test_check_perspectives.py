"""``reconnect check``: results about me and about my partner are two histories, never one line.

Issue 11, items 2 and 10: a result about a partner right after one's own read as a drop
("62→44, −19 … a falling line is progress"), practice suggestions used the partner's
answers, and a result about a partner suggested a first-person line to say about oneself.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from typer.testing import CliRunner

from reconnect.cli import app
from reconnect.content import load_instrument

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()
ITEMS = load_instrument().items
SELF_TALK = "I have been feeling flat and empty for weeks"


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def plain(text: str) -> str:
    """Terminal text as read: table borders gone, lines joined."""
    return " ".join(re.sub(r"[│┃┏┓┗┛┡┩━─╇╈╋┳┻┣┫╭╮╰╯]", " ", text).split())


def answers(tmp_path: Path, name: str, value: int) -> str:
    """Every item answered so that each dimension scores ``value`` out of 4 (reverse-keyed too)."""
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({i.id: 4 - value if i.reverse else value for i in ITEMS}))
    return str(path)


def take(db: str, path: str, perspective: str) -> dict[str, Any]:
    result = invoke("--db", db, "check", "--perspective", perspective, "--answers", path, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_partner_result_after_mine_is_no_change_in_my_history(
    tmp_path: Path, sqlite_url: str
) -> None:
    mine = take(sqlite_url, answers(tmp_path, "mine", 3), "self")  # 75
    theirs = take(sqlite_url, answers(tmp_path, "theirs", 1), "partner")  # 25
    again = take(sqlite_url, answers(tmp_path, "again", 2), "self")  # 50

    history = json.loads(invoke("--db", sqlite_url, "check", "history", "--json").stdout)
    by_id = {h["id"]: h for h in history}
    assert [h["id"] for h in history] == [mine["id"], theirs["id"], again["id"]]
    # Each result's change is measured against the one before it about the same person.
    assert by_id[again["id"]]["previous_id"] == mine["id"]
    assert by_id[again["id"]]["change"]["numbness"] == -25.0
    assert by_id[theirs["id"]]["previous_id"] is None
    assert by_id[theirs["id"]]["change"] == {}

    shown = plain(invoke("--db", sqlite_url, "check", "history").stdout)
    assert "About you: 2 results" in shown
    assert "About your partner: 1 result" in shown
    mine_part = shown[shown.index("About you: 2") : shown.index("About your partner: 1")]
    assert "Emotional numbness 75 50 -25" in mine_part
    assert "-50" not in shown  # 75 about me, then 25 about my partner, is no change at all


def test_history_shows_one_perspective_when_asked(tmp_path: Path, sqlite_url: str) -> None:
    take(sqlite_url, answers(tmp_path, "mine", 3), "self")
    theirs = take(sqlite_url, answers(tmp_path, "theirs", 1), "partner")
    only = invoke("--db", sqlite_url, "check", "history", "--perspective", "partner", "--json")
    assert [h["id"] for h in json.loads(only.stdout)] == [theirs["id"]]
    shown = plain(invoke("--db", sqlite_url, "check", "history", "-p", "partner").stdout)
    assert "About your partner: 1 result" in shown
    assert "About you:" not in shown


def test_asking_for_a_perspective_with_no_results_says_so(tmp_path: Path, sqlite_url: str) -> None:
    take(sqlite_url, answers(tmp_path, "mine", 3), "self")
    result = invoke("--db", sqlite_url, "check", "history", "--perspective", "partner")
    assert result.exit_code == 0
    assert "No saved self-checks about your partner yet" in result.stdout
    assert "reconnect check --perspective partner" in result.stdout
    wrong = invoke("--db", sqlite_url, "check", "history", "--perspective", "neighbour")
    assert wrong.exit_code == 2
    assert "neighbour" in wrong.output


def test_history_puts_my_latest_next_to_my_latest_about_my_partner(
    tmp_path: Path, sqlite_url: str
) -> None:
    take(sqlite_url, answers(tmp_path, "old", 4), "self")
    take(sqlite_url, answers(tmp_path, "mine", 3), "self")
    take(sqlite_url, answers(tmp_path, "theirs", 1), "partner")
    shown = plain(invoke("--db", sqlite_url, "check", "history").stdout)
    assert "Latest, side by side" in shown
    side = shown[shown.index("Latest, side by side") :]
    assert re.search(r"Dimension About you \(\d{4}-\d\d-\d\d\) About your partner \(", side)
    assert "Emotional numbness 75 Strong signs 25 Some signs" in side


def test_no_side_by_side_with_only_one_perspective(tmp_path: Path, sqlite_url: str) -> None:
    take(sqlite_url, answers(tmp_path, "mine", 3), "self")
    assert "side by side" not in invoke("--db", sqlite_url, "check", "history").stdout


def test_a_result_about_my_partner_suggests_no_self_talk(tmp_path: Path, sqlite_url: str) -> None:
    theirs = take(sqlite_url, answers(tmp_path, "theirs", 4), "partner")
    suggestions = {rule["id"]: rule["suggestion"] for rule in theirs["seek_help"]}
    assert "persistent_numbness" in suggestions
    assert SELF_TALK not in json.dumps(theirs)
    assert "your partner" in suggestions["persistent_numbness"]
    shown = plain(invoke("--db", sqlite_url, "check", "history").stdout)
    assert SELF_TALK not in shown
    mine = take(sqlite_url, answers(tmp_path, "mine", 4), "self")
    assert SELF_TALK in json.dumps(mine)  # about oneself, the line still fits


def test_practice_suggestions_come_from_my_own_latest_result(
    tmp_path: Path, sqlite_url: str
) -> None:
    take(sqlite_url, answers(tmp_path, "mine", 0), "self")
    take(sqlite_url, answers(tmp_path, "theirs", 4), "partner")
    suggested = json.loads(invoke("--db", sqlite_url, "practice", "suggest", "--json").stdout)
    reasons = " ".join(r for s in suggested for r in s["reasons"])
    assert "in your last self-check" not in reasons
    take(sqlite_url, answers(tmp_path, "mine-now", 3), "self")
    suggested = json.loads(invoke("--db", sqlite_url, "practice", "suggest", "--json").stdout)
    reasons = " ".join(r for s in suggested for r in s["reasons"])
    assert "scored 75 in your last self-check" in reasons
