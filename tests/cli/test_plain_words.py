"""What the commands say is plain: no statistics jargon, no colour codes, counts that agree,
and a change that is the difference of the two numbers shown beside it (issue 11, item 14)."""

from __future__ import annotations

import json
import re
from typing import Any

from typer.testing import CliRunner

from reconnect.cli import app

runner = CliRunner()
JARGON = re.compile(r"\b(rate|baseline|baseline_rate|lift|quadrant)\b", re.IGNORECASE)


def invoke(*args: str, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def one_week_of_entries(db: str) -> None:
    """Seven entries from Monday 2 to Sunday 8 February 2026: four at #work, numb."""
    for day in range(2, 9):
        text = (
            "Long shift #work, I feel nothing, numb"
            if day % 2 == 0
            else "Walk with @ana, opened up to her about how I feel"
        )
        invoke("--db", db, "write", "--date", f"2026-02-{day:02d}", text)


def test_insights_explain_their_figures_without_rate_baseline_or_lift(sqlite_url: str) -> None:
    one_week_of_entries(sqlite_url)
    shown = invoke("--db", sqlite_url, "insights").stdout
    assert "What goes with numbness or reconnection" in shown
    assert "tag work" in shown  # a factor is compared, so its explanation is on screen
    assert JARGON.findall(shown) == []
    # The JSON keeps its field names: they are a contract, not prose.
    data = json.loads(invoke("--db", sqlite_url, "insights", "--json").stdout)
    assert set(data["associations"]["tag"]["work"]["numbness"]) >= {"rate", "baseline_rate"}


def test_insights_count_one_week_and_days_in_plain_english(sqlite_url: str) -> None:
    one_week_of_entries(sqlite_url)
    shown = invoke("--db", sqlite_url, "insights").stdout
    assert "over 1 week" in shown
    assert "(s)" not in shown
    assert re.search(r"writing 7 days\b", shown), shown


def test_a_checkin_is_described_by_energy_and_pleasantness_not_a_colour(sqlite_url: str) -> None:
    saved = invoke(
        "--db", sqlite_url, "checkin", "--pleasantness", "2", "--energy", "2", "-f", "tired"
    ).stdout
    assert "low energy, unpleasant" in saved
    assert "blue" not in saved and JARGON.findall(saved) == []


def test_the_feelings_list_names_its_groups_without_colours() -> None:
    shown = invoke("checkin", "--list-feelings").stdout
    assert "Low energy, unpleasant" in shown
    assert re.findall(r"\((red|yellow|blue|green)\)", shown) == []


def test_an_entry_shows_its_tone_in_words_not_valence_or_granularity(sqlite_url: str) -> None:
    shown = invoke("--db", sqlite_url, "write", "I feel sad and tired today").stdout
    assert "feelings named: " in shown
    assert re.search(r"tone [+-]\d\.\d\d \(-1 unpleasant to \+1 pleasant\)", shown), shown
    assert "valence" not in shown and "granularity" not in shown


def test_leaving_a_selfcheck_after_one_answer_says_one_answer(sqlite_url: str) -> None:
    left = invoke("--db", sqlite_url, "check", stdin="2\n4\nq\n").stdout
    assert "Saved 1 answer. Run reconnect check to resume." in left
