"""Small server-rendered charts (SVG geometry) for pages and reports; no JavaScript needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def sparkline_points(
    values: Sequence[float | None], width: int = 160, height: int = 32, top: float = 100.0
) -> str:
    """SVG polyline points for 0-``top`` values, oldest on the left; gaps are skipped.

    >>> sparkline_points([0, 100], width=10, height=10)
    '1.0,9.0 9.0,1.0'
    """
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
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def line_points(
    values: Sequence[float], left: float, top: float, width: float, height: float
) -> str:
    """SVG polyline points for 0-1 values spread across a box, oldest on the left.

    >>> line_points([0.0, 1.0], 0, 0, 10, 10)
    '0.0,10.0 10.0,0.0'
    """
    count = len(values)
    points = []
    for index, value in enumerate(values):
        x = left + (width * index / (count - 1) if count > 1 else width / 2)
        y = top + height * (1 - max(0.0, min(1.0, value)))
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def plot_insights(
    weeks: Sequence[str],
    rates: dict[str, Sequence[float]],
    valence: Sequence[float],
    granularity: Sequence[float],
    path: str,
) -> None:
    """Draw weekly trends (signs, valence, feelings named) to a PNG or SVG file with matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 6), sharex=True, gridspec_kw={"height_ratios": [2, 1]}
    )
    for name, series in rates.items():
        top.plot(weeks, [v * 100 for v in series], label=name.replace("_", " "), linewidth=2)
    top.set_ylabel("share of entries (%)")
    top.set_ylim(0, 100)
    top.legend(loc="upper left", fontsize=8, ncols=2)
    top.set_title("Weekly trends")
    bottom.plot(weeks, valence, label="valence (-1 to 1)", color="#2f6f73")
    bottom.plot(weeks, granularity, label="feelings named per entry", color="#c46a2b")
    bottom.legend(loc="upper left", fontsize=8)
    step = max(1, len(weeks) // 10)
    bottom.set_xticks(range(0, len(weeks), step), [weeks[i] for i in range(0, len(weeks), step)])
    bottom.tick_params(axis="x", labelrotation=45, labelsize=7)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None} if path.endswith(".png") else None)
    plt.close(figure)
