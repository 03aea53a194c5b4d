"""The report as a PDF, drawn with matplotlib: text pages, then the weekly charts."""

from __future__ import annotations

import io
import textwrap
from datetime import date
from typing import TYPE_CHECKING

from reconnect.reports.charts import few_weeks_note

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from reconnect.reports.report_data import ReportData

CHART_MARKERS = ("numbness", "autopilot", "withdrawal", "reconnection")
A4 = (8.27, 11.69)
MOOD_CAPTION = "Mean pleasantness per week (1 to 10)."


def text_pages(lines: list[str], size: float = 9.5) -> list[Figure]:
    """The lines on as many A4 pages as they need (a long text goes on to the next page).

    A line starting with "# " is a bold heading. ``size`` is the body's type size.
    """
    from matplotlib.figure import Figure

    scale = size / 9.5
    pages = [Figure(figsize=A4)]
    y = 0.95
    for line in lines:
        bold = line.startswith("# ")
        for part in textwrap.wrap(line.removeprefix("# "), int(90 / scale)) or [""]:
            if y < 0.05:
                pages.append(Figure(figsize=A4))
                y = 0.95
            pages[-1].text(
                0.07,
                y,
                part,
                fontsize=(13 if bold else 9.5) * scale,
                weight="bold" if bold else "normal",
            )
            y -= (0.03 if bold else 0.021) * scale
    return pages


def _week(week_start: str) -> str:
    return f"{date.fromisoformat(week_start):%d %b %Y}"


def _mood_lines(data: ReportData) -> list[str]:
    """The mood section as text: one line per week of check-ins, as the chart draws them."""
    weeks = data.insights.checkins_weekly
    if not weeks:
        return ["No check-ins in this period."]
    lines = [MOOD_CAPTION]
    for w in weeks:
        count = f"{w.checkins} check-in{'' if w.checkins == 1 else 's'}"
        lines.append(
            f"Week of {_week(w.week_start)}: {count}, pleasantness {w.mean_pleasantness:.1f}, "
            f"energy {w.mean_energy:.1f}"
        )
    return lines


def _empty(axis: Axes, title: str, message: str) -> None:
    axis.set_title(title)
    axis.set_axis_off()
    axis.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, transform=axis.transAxes)


def _note(axis: Axes, note: str | None) -> None:
    """The few-weeks note under a chart, when it has too few weeks for a line."""
    if note is not None:
        wrapped = "\n".join(textwrap.wrap(note, 100))
        axis.text(0.0, -0.3, wrapped, fontsize=8.5, va="top", transform=axis.transAxes)


def _x_labels(axis: Axes, labels: list[str]) -> None:
    step = max(1, len(labels) // 8)
    axis.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, fontsize=7)
    if len(labels) == 1:  # one week sits in the middle rather than on the frame's edge
        axis.set_xlim(-1, 1)


def _charts_page(data: ReportData) -> Figure:
    """The signs in the journal and the mood check-ins, week by week, on one page."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=A4)
    signs, mood = figure.subplots(2, 1, gridspec_kw={"hspace": 0.7})
    weekly = data.insights.weekly
    if weekly:
        labels = [w.week_start for w in weekly]
        for marker in CHART_MARKERS:
            rates = [w.marker_rates[marker] * 100 for w in weekly]
            signs.plot(labels, rates, label=marker, marker="o", markersize=4)
        signs.set_ylabel("share of entries (%)")
        signs.set_ylim(-2, 102)
        signs.set_title("Signs in the journal, week by week")
        signs.legend(loc="upper left", fontsize=8)
        _x_labels(signs, labels)
        _note(signs, few_weeks_note(len(weekly), "entries"))
    else:
        _empty(signs, "Signs in the journal, week by week", "No journal entries in this period.")
    weeks = data.insights.checkins_weekly
    if weeks:
        labels = [w.week_start for w in weeks]
        pleasantness = [w.mean_pleasantness for w in weeks]
        mood.plot(labels, pleasantness, color="#2f6f73", marker="o", markersize=4)
        mood.set_ylabel("mean pleasantness (1 to 10)")
        mood.set_ylim(0.5, 10.5)
        mood.set_title("Mood check-ins")
        _x_labels(mood, labels)
        _note(mood, few_weeks_note(len(weeks), "check-ins"))
    else:
        _empty(mood, "Mood check-ins", "No check-ins in this period.")
    return figure


def render_pdf(data: ReportData) -> bytes:
    """The report as a PDF document, drawn in memory.

    The caller writes it privately and atomically (``services.transfer.write_atomically``):
    it holds entry text, so it must never be left half-written or readable by others.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    voice = data.voice
    lines = [f"# {voice.title}", f"Made {data.created_at:%d %B %Y}.", "", data.disclaimer, ""]
    if voice.shows("selfchecks"):
        lines.append("# Self-checks over time (0-100, higher = more signs of detachment)")
        for r in data.selfchecks:
            scores = ", ".join(
                f"{d.name}: {d.score:.0f}" if d.score is not None else f"{d.name}: -"
                for d in r.dimensions.values()
            )
            about = voice.about_self if r.perspective == "self" else voice.about_partner
            lines.append(f"{r.taken_at:%d %b %Y} ({about}): {scores}")
        if not data.selfchecks:
            lines.append("No self-checks in this period.")
        lines.append("")
    if voice.sections is None:
        lines += ["# Summary of the journal", data.insights.summary, ""]
    if voice.shows("checkin_trends"):
        lines += ["# Mood check-ins", *_mood_lines(data), ""]
    if voice.shows("practices"):
        lines.append("# Practices done")
        lines += [f"{g.done_at:%d %b %Y}: {g.practice_id} {g.reflection}" for g in data.practices]
        if not data.practices:
            lines.append("No practices logged in this period.")
        lines.append("")
    if voice.shows("entries"):
        lines.append(f"# {voice.entries_heading}")
        for e in data.entries:
            lines += [f"{e.written_at:%d %B %Y}", e.text, ""]
        if not data.entries:
            lines.append(voice.no_entries)

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "reconnect report", "Creator": "reconnect"}) as pdf:
        for page in text_pages(lines):
            pdf.savefig(page)
        if data.insights.weekly or data.insights.checkins_weekly:
            pdf.savefig(_charts_page(data))
    return buffer.getvalue()
