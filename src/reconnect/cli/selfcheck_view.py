"""Rich views of the self-check history: one history per person, and the two latest side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from reconnect.cli.render import BAND_STYLES
from reconnect.domain.selfcheck import Perspective, trend
from reconnect.domain.wording import signed

if TYPE_CHECKING:
    from reconnect.contracts import HistoryResultOut, PerspectiveHistoryOut
    from reconnect.domain.selfcheck import Instrument

ABOUT = {Perspective.SELF: "About you", Perspective.PARTNER: "About your partner"}
# What a falling line means depends on whom the answers describe.
MEANING = {
    Perspective.SELF: "Higher scores mean more signs of detachment. A lower score over time "
    "is progress.",
    Perspective.PARTNER: "These are your answers about your partner. Higher scores mean you "
    "noticed more signs; a lower score over time means you noticed fewer.",
}


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _signed(change: int | None) -> str:
    return "—" if change is None else signed(change)


def perspective_history(history: PerspectiveHistoryOut) -> Group:
    """One person's history: first, latest, change and trend per dimension, then each result."""
    about = ABOUT[history.perspective]
    count = len(history.results)
    table = Table(title=f"{about}: {count} result{'' if count == 1 else 's'}", title_justify="left")
    table.add_column("Dimension")
    table.add_column("First", justify="right")
    table.add_column("Latest", justify="right")
    table.add_column("Change", justify="right")
    table.add_column("Trend (oldest → newest)")
    for row in history.trends.values():
        table.add_row(
            row.name,
            _number(row.first),
            _number(row.latest),
            _signed(row.shown_change),
            trend(row.scores[-30:]),
        )
    dates = Table(title=f"Results {about.lower()}", title_justify="left")
    dates.add_column("Id", justify="right")
    dates.add_column("Taken")
    dates.add_column("Changes since the one before", overflow="fold")
    by_id = {result.id: result for result in history.results}
    for result in history.results:
        before = by_id.get(result.previous_id) if result.previous_id is not None else None
        dates.add_row(str(result.id), f"{result.taken_at:%Y-%m-%d %H:%M}", _changes(result, before))
    return Group(table, Text(MEANING[history.perspective]), dates)


def _changes(result: HistoryResultOut, before: HistoryResultOut | None) -> str:
    """The dimensions that moved since the result before, as the whole numbers shown move."""
    if before is None:
        return "— (the first)"
    moved = []
    for key in result.change:
        now, then = result.dimensions[key], before.dimensions[key]
        if now.score is not None and then.score is not None:
            change = round(now.score) - round(then.score)
            if change:
                moved.append(f"{now.name} {change:+d}")
    return ", ".join(moved) if moved else "no change"


def side_by_side(mine: HistoryResultOut, theirs: HistoryResultOut) -> Table:
    """The latest result about oneself next to the latest about one's partner, per dimension."""
    table = Table(title="Latest, side by side", title_justify="left")
    table.add_column("Dimension")
    table.add_column(f"About you ({mine.taken_at:%Y-%m-%d})")
    table.add_column(f"About your partner ({theirs.taken_at:%Y-%m-%d})")
    for key, own in mine.dimensions.items():
        other = theirs.dimensions.get(key)
        table.add_row(own.name, _score_and_band(own), _score_and_band(other))
    return table


def _score_and_band(dimension: Any) -> Text:
    if dimension is None or dimension.score is None:
        return Text("not scored", style="dim")
    style = BAND_STYLES.get(dimension.band or "", "")
    return Text(f"{dimension.score:.0f} {dimension.band_label}", style=style)


def history_view(instrument: Instrument, histories: list[PerspectiveHistoryOut]) -> Group:
    """Each person's history that has results, then the two latest side by side when both do."""
    shown = [h for h in histories if h.results]
    parts: list[Any] = [Text(instrument.title, style="bold")]
    for history in shown:
        parts.append(perspective_history(history))
    latest = {h.perspective: h.latest for h in shown}
    mine, theirs = latest.get(Perspective.SELF), latest.get(Perspective.PARTNER)
    if mine is not None and theirs is not None:
        parts.append(side_by_side(mine, theirs))
        parts.append(
            Text(
                "Each column describes a different person, so the two are shown side by side, "
                "never as a change from one to the other.",
                style="dim",
            )
        )
    parts.append(Text(shown[0].results[-1].disclaimer, style="dim"))
    return Group(*parts)
