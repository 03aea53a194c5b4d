"""Small server-rendered charts (SVG geometry) for pages and reports; no JavaScript needed."""

from __future__ import annotations

from textwrap import wrap
from typing import TYPE_CHECKING

from reconnect.domain.insights import TONE_LABEL

if TYPE_CHECKING:
    from collections.abc import Sequence


def _sparkline_xy(
    values: Sequence[float | None], width: int, height: int, top: float
) -> list[tuple[float, float]]:
    pad = 1.0
    usable_w = width - 2 * pad
    usable_h = height - 2 * pad
    count = len(values)
    points = []
    for index, value in enumerate(values):
        if value is None:
            continue
        x = pad + (usable_w * index / (count - 1) if count > 1 else usable_w / 2)
        y = pad + usable_h * (1 - max(0.0, min(value, top)) / top)
        points.append((round(x, 1), round(y, 1)))
    return points


def sparkline_points(
    values: Sequence[float | None], width: int = 160, height: int = 32, top: float = 100.0
) -> str:
    """SVG polyline points for 0-``top`` values, oldest on the left; gaps are skipped.

    >>> sparkline_points([0, 100], width=10, height=10)
    '1.0,9.0 9.0,1.0'
    """
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in _sparkline_xy(values, width, height, top))


def sparkline_dots(
    values: Sequence[float | None], width: int = 160, height: int = 32, top: float = 100.0
) -> list[tuple[float, float]]:
    """Where every value of a sparkline sits, so each can carry a tooltip; gaps are skipped.

    >>> sparkline_dots([0, None, 100], width=10, height=10)
    [(1.0, 9.0), (9.0, 1.0)]
    """
    return _sparkline_xy(values, width, height, top)


def sparkline_dot(
    values: Sequence[float | None], width: int = 160, height: int = 32, top: float = 100.0
) -> tuple[float, float] | None:
    """Where the latest value of a sparkline sits, to mark it (alone, it is the whole trend).

    >>> sparkline_dot([0, 100], width=10, height=10), sparkline_dot([50], width=10, height=10)
    ((9.0, 1.0), (5.0, 5.0))
    """
    points = _sparkline_xy(values, width, height, top)
    return points[-1] if points else None


def chart_dots(
    values: Sequence[float], left: float, top: float, width: float, height: float
) -> list[tuple[float, float]]:
    """(x, y) of each 0-1 value spread across a box, oldest on the left; one value sits mid-way.

    A polyline through a single point draws nothing, so charts mark every point as well.

    >>> chart_dots([0.0, 1.0], 0, 0, 10, 10)
    [(0.0, 10.0), (10.0, 0.0)]
    >>> chart_dots([0.5], 0, 0, 10, 10)
    [(5.0, 5.0)]
    """
    count = len(values)
    return [
        (
            round(left + (width * index / (count - 1) if count > 1 else width / 2), 1),
            round(top + height * (1 - max(0.0, min(1.0, value))), 1),
        )
        for index, value in enumerate(values)
    ]


def line_points(
    values: Sequence[float], left: float, top: float, width: float, height: float
) -> str:
    """SVG polyline points for 0-1 values spread across a box, oldest on the left.

    >>> line_points([0.0, 1.0], 0, 0, 10, 10)
    '0.0,10.0 10.0,0.0'
    """
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in chart_dots(values, left, top, width, height))


def few_weeks_note(weeks: int, kind: str) -> str | None:
    """What a chart of ``weeks`` weeks of ``kind`` needs to show a trend, or None when it has it.

    >>> few_weeks_note(1, "check-ins").split(". ")[1]
    'Lines over time appear once there are two weeks of check-ins.'
    >>> few_weeks_note(2, "entries") is None
    True
    """
    if weeks != 1:
        return None  # no week at all is said where the chart would be; two draw a line
    return (
        f"Only one week of {kind} so far, so each line is a single dot. "
        f"Lines over time appear once there are two weeks of {kind}."
    )


def plot_insights(
    weeks: Sequence[str],
    rates: dict[str, Sequence[float]],
    valence: Sequence[float],
    granularity: Sequence[float],
    path: str,
) -> None:
    """Draw weekly trends (signs, tone, feelings named) to a PNG or SVG file with matplotlib.

    Every week is marked with a dot, so that one week (no line yet) still shows its values;
    the few-weeks note is then written under the title.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 6), sharex=True, gridspec_kw={"height_ratios": [2, 1]}
    )
    dots = {"marker": "o", "markersize": 4}
    for name, series in rates.items():
        top.plot(
            weeks, [v * 100 for v in series], label=name.replace("_", " "), linewidth=2, **dots
        )
    top.set_ylabel("share of entries (%)")
    top.set_ylim(-2, 102)
    top.legend(loc="upper left", fontsize=8, ncols=2)
    note = few_weeks_note(len(weeks), "entries")
    title = "Weekly trends" if note is None else "\n".join(["Weekly trends", *wrap(note, 90)])
    top.set_title(title, fontsize=10)
    bottom.plot(weeks, valence, label=TONE_LABEL, color="#2f6f73", **dots)
    bottom.plot(weeks, granularity, label="feelings named per entry", color="#c46a2b", **dots)
    bottom.legend(loc="upper left", fontsize=8)
    step = max(1, len(weeks) // 10)
    bottom.set_xticks(range(0, len(weeks), step), [weeks[i] for i in range(0, len(weeks), step)])
    bottom.tick_params(axis="x", labelrotation=45, labelsize=7)
    if len(weeks) == 1:  # one week sits in the middle rather than on the frame's edge
        bottom.set_xlim(-1, 1)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None} if path.endswith(".png") else None)
    plt.close(figure)
