"""The report as one self-contained HTML file (inline CSS and SVG; nothing loaded from outside)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader

from reconnect.reports.charts import line_points

if TYPE_CHECKING:
    from reconnect.reports.report_data import ReportData

CHART_MARKERS = ("numbness", "autopilot", "withdrawal", "reconnection")


def render_html(data: ReportData) -> str:
    """The report as HTML."""
    folder = resources.files("reconnect.reports").joinpath("templates")
    environment = Environment(loader=FileSystemLoader(str(folder)), autoescape=True)
    weekly = data.insights.weekly
    chart = [
        {"name": m, "points": line_points([w.marker_rates[m] for w in weekly], 40, 10, 550, 190)}
        for m in CHART_MARKERS
    ]
    mood = line_points(
        [(c.mean_pleasantness - 1) / 9 for c in data.insights.checkins_weekly], 40, 10, 550, 190
    )
    return environment.get_template("report.html").render(data=data, chart=chart, mood=mood)
