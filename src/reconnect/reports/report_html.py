"""The report as one self-contained HTML file (inline CSS and SVG; nothing loaded from outside)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader

from reconnect.reports.charts import chart_dots, few_weeks_note, line_points

if TYPE_CHECKING:
    from reconnect.reports.report_data import ReportData

CHART_MARKERS = ("numbness", "autopilot", "withdrawal", "reconnection")
BOX = (40, 10, 550, 190)  # left, top, width, height of the plotting area in the 600 x 220 SVG


def render_html(data: ReportData) -> str:
    """The report as HTML."""
    folder = resources.files("reconnect.reports").joinpath("templates")
    environment = Environment(loader=FileSystemLoader(str(folder)), autoescape=True)
    weekly = data.insights.weekly
    chart = []
    for marker in CHART_MARKERS:
        rates = [w.marker_rates[marker] for w in weekly]
        chart.append(
            {
                "name": marker,
                "points": line_points(rates, *BOX),
                "dots": chart_dots(rates, *BOX),
            }
        )
    pleasantness = [(c.mean_pleasantness - 1) / 9 for c in data.insights.checkins_weekly]
    mood = {"points": line_points(pleasantness, *BOX), "dots": chart_dots(pleasantness, *BOX)}
    notes = {
        "signs": few_weeks_note(len(weekly), "entries"),
        "mood": few_weeks_note(len(pleasantness), "check-ins"),
    }
    return environment.get_template("report.html").render(
        data=data, chart=chart, mood=mood, notes=notes
    )
