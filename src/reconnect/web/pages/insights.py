"""The insights page: a summary, weekly trend lines as SVG, notable associations, streaks."""

from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from reconnect.contracts import insights_out, resources_if
from reconnect.domain.insights import METHOD_IN_WORDS, NOTHING_STANDS_OUT, TONE_LABEL
from reconnect.reports.charts import (
    chart_dots,
    few_weeks_note,
    line_points,
    sparkline_dot,
    sparkline_dots,
    sparkline_points,
)
from reconnect.services.insights import compute_insights
from reconnect.services.journal import count_read_by_older_analyzers, reanalyse_entries
from reconnect.web.deps import ServicesDep, render

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.contracts.insights import InsightsOut, WeekOut
    from reconnect.domain.entries import DamagedEntry

router = APIRouter()
CHART_MARKERS = ("numbness", "autopilot", "withdrawal", "reconnection")
BOX = (72, 30, 508, 190)  # left, top, width, height of the plotting area in the 600 x 260 SVG


@router.post("/insights/reanalyze", response_class=HTMLResponse)
def reanalyze(request: Request, services: ServicesDep) -> HTMLResponse:
    """Read entries of older analyzer versions again, then show the insights page."""
    done = reanalyse_entries(services)
    return _page(request, services, reread=done.read, newly_flagged=done.newly_flagged)


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, services: ServicesDep) -> HTMLResponse:
    return _page(request, services)


def _row(
    name: str,
    values: list[float],
    latest: str,
    weeks: list[str],
    says: list[str],
    scale: tuple[str, str],
) -> dict[str, Any]:
    """One row of the every-sign table: its sparkline (the latest week marked) and value.

    ``values`` run 0-100; ``scale`` names the bottom and top of that range in the row's own
    terms, and each week's dot carries a tooltip: "Week of 2 Nov: " plus that week's ``says``.
    """
    return {
        "name": name,
        "points": sparkline_points(values),
        "dot": sparkline_dot(values),
        "dots": [
            {"x": x, "y": y, "title": f"Week of {week}: {said}"}
            for (x, y), week, said in zip(sparkline_dots(values), weeks, says, strict=True)
        ],
        "latest": latest,
        "scale": scale,
        "first": weeks[0],
        "last": weeks[-1],
    }


def _week(week_start: str) -> str:
    """'2 Nov' for an ISO date: short enough for an axis label and a tooltip."""
    day = date.fromisoformat(week_start)
    return f"{day.day} {day:%b}"


def _entries(count: int) -> str:
    return "entry" if count == 1 else "entries"


def _series(marker: str, weeks: "Sequence[WeekOut]") -> dict[str, Any]:
    """One line of the trend chart, each week a dot whose tooltip says what it counts."""
    rates = [w.marker_rates[marker] for w in weeks]
    name = marker.replace("_", " ")
    return {
        "name": marker,
        "points": line_points(rates, *BOX),
        "dots": [
            {"x": x, "y": y, "week": _week(w.week_start), "counted": counted}
            for (x, y), w, counted in zip(
                chart_dots(rates, *BOX),
                weeks,
                # The rate is count / entries, so the count comes back exactly when rounded.
                (
                    f"{round(r * w.entries)} of {w.entries} {_entries(w.entries)}"
                    for r, w in zip(rates, weeks, strict=True)
                ),
                strict=True,
            )
        ],
        "label": name,
    }


def _rows(out: "InsightsOut") -> list[dict[str, Any]]:
    """The every-sign table: each sign seen, tone and feelings named, as sparklines of 0-100."""
    weeks = [_week(w.week_start) for w in out.weekly]
    rows = [
        _row(
            marker.replace("_", " "),
            [w.marker_rates[marker] * 100 for w in out.weekly],
            f"{out.weekly[-1].marker_rates[marker]:.0%}",
            weeks,
            [
                f"{marker.replace('_', ' ')} in {round(w.marker_rates[marker] * w.entries)} "
                f"of {w.entries} {_entries(w.entries)}"
                for w in out.weekly
            ],
            ("0%", "100%"),
        )
        for marker in (out.weekly[-1].marker_rates if out.weekly else {})
        if any(w.marker_rates[marker] for w in out.weekly)
    ]
    if out.weekly:
        rows.append(
            _row(
                TONE_LABEL,
                [(w.mean_valence + 1) * 50 for w in out.weekly],
                f"{out.weekly[-1].mean_valence:+.2f}",
                weeks,
                [f"tone {w.mean_valence:+.2f}" for w in out.weekly],
                ("\u22121", "+1"),
            )
        )
        rows.append(
            _row(
                "feelings named per entry",
                [min(100.0, w.mean_granularity * 25) for w in out.weekly],
                f"{out.weekly[-1].mean_granularity:.1f}",
                weeks,
                [f"{w.mean_granularity:.1f} feelings named per entry" for w in out.weekly],
                ("0", "4+"),
            )
        )
    if len(out.checkins_weekly) > 0:
        rows.append(
            _row(
                "feelings named per check-in",
                [min(100.0, c.mean_granularity * 25) for c in out.checkins_weekly],
                f"{out.checkins_weekly[-1].mean_granularity:.1f}",
                [_week(c.week_start) for c in out.checkins_weekly],
                [
                    f"{c.mean_granularity:.1f} feelings named per check-in"
                    for c in out.checkins_weekly
                ],
                ("0", "4+"),
            )
        )
    return rows


def _page(
    request: Request,
    services: ServicesDep,
    reread: int | None = None,
    newly_flagged: tuple[int, ...] = (),
) -> HTMLResponse:
    # A damaged entry is named and left out, so that one bad row never hides the rest.
    damaged: list[DamagedEntry] = []
    found = compute_insights(services, damaged=damaged)
    out = insights_out(found)
    older = count_read_by_older_analyzers(services)
    country = request.app.state.settings.country
    chart = [_series(marker, out.weekly) for marker in CHART_MARKERS]
    rows = _rows(out)
    return render(
        request,
        "insights/index.html",
        {
            "insights": out,
            "chart": chart,
            "weeks": [_week(w.week_start) for w in out.weekly],
            # In the order and by the rule the summary uses (domain notable_associations).
            "notable": found.notable,
            "rows": rows,
            "older": older,
            "reread": reread,
            "newly_flagged": newly_flagged,
            "damaged": damaged,
            "resources": resources_if(bool(newly_flagged), country),
            "few_weeks": few_weeks_note(len(out.weekly), "entries"),
            # The API's method names its fields (rate, baseline_rate, lift); people read this.
            "method": METHOD_IN_WORDS,
            "nothing_stands_out": NOTHING_STANDS_OUT,
        },
    )
