"""Charts of a young journal and the PDF's mood section (issue 11, items 7 and 8).

With one week of data every chart was an empty frame: a line needs two points, and nothing
said why. Now each week is drawn as a dot and a note says lines come with the second week,
in ``insights --plot``, the HTML report and the PDF report. The PDF also gained the mood
check-ins section that the HTML report had.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import checkins, journal

if TYPE_CHECKING:
    from pathlib import Path

    from typer.testing import Result

ONE_WEEK_NOTE = (
    "Only one week of entries so far, so each line is a single dot. "
    "Lines over time appear once there are two weeks of entries."
)
ONE_WEEK_OF_CHECKINS = "Only one week of check-ins so far"
WORDS = ["I feel nothing at #work", "A walk with @sam, felt close again", "Numb, on autopilot"]


def fill(db: str, days: int, *, with_checkins: bool = True) -> None:
    """An entry (and a check-in) a day from Monday 5 January 2026 on."""
    services = build_services(Settings(database_url=db))
    try:
        start = datetime(2026, 1, 5, 20, tzinfo=UTC)
        for day in range(days):
            moment = start + timedelta(days=day)
            journal.write_entry(services, WORDS[day % 3], written_at=moment)
            if with_checkins:
                checkins.record_checkin(
                    services, pleasantness=3 + day % 4, energy=5, checked_at=moment
                )
    finally:
        services.close()


def invoke(db: str, *args: str) -> Result:
    from reconnect.cli import app

    result = CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def coloured_pixels(png: Path, across: tuple[float, float], down: tuple[float, float]) -> int:
    """Pixels of a clear colour (not white, grey or black) in a box given as page fractions."""
    from matplotlib.image import imread

    pixels = imread(png)[..., :3]
    height, width = pixels.shape[:2]
    box = pixels[
        int(down[0] * height) : int(down[1] * height),
        int(across[0] * width) : int(across[1] * width),
    ]
    return int((box.max(axis=2) - box.min(axis=2) > 0.25).sum())


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def last_page(pdf: Path, folder: Path) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))[-1]


def test_insights_plot_of_one_week_draws_its_dots_and_says_when_lines_appear(
    sqlite_url: str, tmp_path: Path
) -> None:
    fill(sqlite_url, 5)
    target = tmp_path / "trends.png"
    result = invoke(sqlite_url, "insights", "--plot", str(target))
    assert f"{target}: {ONE_WEEK_NOTE}" in result.stderr
    # The week sits in the middle of the signs chart (its legend is in the upper left).
    assert coloured_pixels(target, across=(0.45, 0.6), down=(0.12, 0.6)) > 20


def test_the_html_report_of_one_week_draws_dots_and_says_when_lines_appear(
    sqlite_url: str, tmp_path: Path
) -> None:
    fill(sqlite_url, 5)
    target = tmp_path / "report.html"
    invoke(sqlite_url, "report", "-o", str(target))
    html = target.read_text("utf-8")
    signs, mood = html.split("<h2>Mood check-ins</h2>")
    assert signs.count("<circle") == 4  # numbness, autopilot, withdrawal, reconnection
    assert mood.count("<circle") == 1
    assert ONE_WEEK_NOTE in signs
    assert "Only one week of check-ins so far" in mood
    assert "1 weeks" not in html


def test_the_pdf_report_of_one_week_draws_dots_and_says_when_lines_appear(
    sqlite_url: str, tmp_path: Path
) -> None:
    fill(sqlite_url, 5)
    target = tmp_path / "report.pdf"
    invoke(sqlite_url, "report", "--format", "pdf", "-o", str(target))
    text = pdf_text(target)
    assert ONE_WEEK_NOTE in text
    assert ONE_WEEK_OF_CHECKINS in text
    charts = last_page(target, tmp_path)
    assert coloured_pixels(charts, across=(0.45, 0.58), down=(0.08, 0.42)) > 3  # the signs
    assert coloured_pixels(charts, across=(0.45, 0.58), down=(0.55, 0.88)) > 0  # the mood


def test_two_weeks_draw_lines_and_need_no_note(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url, 9)
    html = tmp_path / "report.html"
    pdf = tmp_path / "report.pdf"
    invoke(sqlite_url, "report", "-o", str(html))
    invoke(sqlite_url, "report", "--format", "pdf", "-o", str(pdf))
    plot = invoke(sqlite_url, "insights", "--plot", str(tmp_path / "trends.svg"))
    for shown in (html.read_text("utf-8"), pdf_text(pdf), plot.stderr):
        assert "Only one week" not in shown
    assert "(share of entries, 2 weeks)" in html.read_text("utf-8")


def test_the_pdf_report_has_the_mood_check_ins_of_the_html_report(
    sqlite_url: str, tmp_path: Path
) -> None:
    fill(sqlite_url, 9)
    target = tmp_path / "report.pdf"
    invoke(sqlite_url, "report", "--format", "pdf", "-o", str(target))
    text = pdf_text(target)
    assert "Mood check-ins Mean pleasantness per week (1 to 10)." in text
    # Mondays 5 and 12 January: 7 check-ins (3, 4, 5, 6, 3, 4, 5) then 2 (6, 3).
    assert "Week of 05 Jan 2026: 7 check-ins, pleasantness 4.3, energy 5.0" in text
    assert "Week of 12 Jan 2026: 2 check-ins, pleasantness 4.5, energy 5.0" in text
    assert "mean pleasantness (1 to 10)" in text  # the chart's axis, on the charts page


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_report_without_check_ins_says_so(sqlite_url: str, tmp_path: Path, fmt: str) -> None:
    fill(sqlite_url, 3, with_checkins=False)
    target = tmp_path / f"report.{fmt}"
    invoke(sqlite_url, "report", "--format", fmt, "-o", str(target))
    text = target.read_text("utf-8") if fmt == "html" else pdf_text(target)
    assert "No check-ins in this period." in text


def test_a_long_chosen_entry_runs_on_to_further_pdf_pages(sqlite_url: str, tmp_path: Path) -> None:
    """The text page once stopped at its foot: a long entry lost its end without a word."""
    services = build_services(Settings(database_url=sqlite_url))
    try:
        long_text = " ".join(f"line{n:04d} of a long letter to myself." for n in range(400))
        chosen = journal.write_entry(services, long_text + " The very last words.")
    finally:
        services.close()
    target = tmp_path / "report.pdf"
    invoke(sqlite_url, "report", "--format", "pdf", "-o", str(target), "--entry", str(chosen.id))
    text = pdf_text(target)
    assert "line0399 of a long letter to myself. The very last words." in text


def test_the_plotted_tone_is_named_as_on_screen(sqlite_url: str, tmp_path: Path) -> None:
    fill(sqlite_url, 9, with_checkins=False)
    chart = tmp_path / "trends.svg"
    shown = invoke(sqlite_url, "insights", "--plot", str(chart)).stdout
    label = "tone (-1 unpleasant to +1 pleasant)"
    assert label in shown
    # Matplotlib draws text as paths and keeps each label as a comment beside them.
    svg = chart.read_text("utf-8")
    assert f"<!-- {label} -->" in svg
    assert "valence" not in svg
