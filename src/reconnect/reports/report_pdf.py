"""The report as a PDF, drawn with matplotlib (text pages and charts)."""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reconnect.reports.report_data import ReportData

CHART_MARKERS = ("numbness", "autopilot", "withdrawal", "reconnection")


def _text_page(lines: list[str]) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69))
    y = 0.95
    for line in lines:
        bold = line.startswith("# ")
        for part in textwrap.wrap(line.removeprefix("# "), 90) or [""]:
            figure.text(
                0.07, y, part, fontsize=13 if bold else 9.5, weight="bold" if bold else "normal"
            )
            y -= 0.03 if bold else 0.021
            if y < 0.05:
                return figure
    return figure


def render_pdf(data: ReportData) -> bytes:
    """The report as a PDF document, drawn in memory.

    The caller writes it privately and atomically (``services.transfer.write_atomically``):
    it holds entry text, so it must never be left half-written or readable by others.
    """
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    lines = ["# My reconnect report", f"Made {data.created_at:%d %B %Y}.", "", data.disclaimer, ""]
    lines.append("# Self-checks over time (0-100, higher = more signs of detachment)")
    for r in data.selfchecks:
        scores = ", ".join(
            f"{d.name}: {d.score:.0f}" if d.score is not None else f"{d.name}: -"
            for d in r.dimensions.values()
        )
        lines.append(f"{r.taken_at:%d %b %Y} ({r.perspective}): {scores}")
    if not data.selfchecks:
        lines.append("No self-checks in this period.")
    lines += ["", "# Summary of the journal", data.insights.summary, "", "# Practices done"]
    lines += [f"{g.done_at:%d %b %Y}: {g.practice_id} {g.reflection}" for g in data.practices]
    if not data.practices:
        lines.append("No practices logged in this period.")
    lines += ["", "# Entries I chose to share"]
    for e in data.entries:
        lines += [f"{e.written_at:%d %B %Y}", e.text, ""]
    if not data.entries:
        lines.append("None: entries are only included when I choose them.")

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "reconnect report", "Creator": "reconnect"}) as pdf:
        pdf.savefig(_text_page(lines))
        weekly = data.insights.weekly
        if weekly:
            figure = Figure(figsize=(8.27, 5.5))
            axis = figure.add_subplot()
            labels = [w.week_start for w in weekly]
            for marker in CHART_MARKERS:
                axis.plot(labels, [w.marker_rates[marker] * 100 for w in weekly], label=marker)
            axis.set_ylabel("share of entries (%)")
            axis.set_title("Signs in the journal, week by week")
            axis.legend(fontsize=8)
            step = max(1, len(labels) // 8)
            axis.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, fontsize=7)
            figure.tight_layout()
            pdf.savefig(figure)
    return buffer.getvalue()
