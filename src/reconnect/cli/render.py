"""Rich rendering shared by the commands: consoles, result tables, trends and JSON output."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from reconnect.domain.wording import counted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pydantic import BaseModel

    from reconnect.contracts import SelfCheckResultOut
    from reconnect.domain.analysis import Analysis
    from reconnect.domain.entries import Entry
    from reconnect.domain.guide import AnswerCard
    from reconnect.domain.insights import Association

BAND_STYLES = {"few": "green", "some": "yellow", "many": "dark_orange", "strong": "red"}


# SAFE-7: under every list or view of signs (the full disclaimer closes self-checks and insights).
SIGNS_NOT_DIAGNOSIS = "These are signs and patterns in the words, not a diagnosis."


def console() -> Console:
    """A console on standard output."""
    return Console(highlight=False)


def error_console() -> Console:
    """A console on standard error, for errors, prompts and progress."""
    return Console(stderr=True, highlight=False)


def print_json(data: BaseModel | list[Any] | dict[str, Any]) -> None:
    """Write JSON to standard output, one document, no colour codes."""
    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        text = data.model_dump_json(indent=2)
    else:
        text = json.dumps(
            [item.model_dump(mode="json") if isinstance(item, BaseModel) else item for item in data]
            if isinstance(data, list)
            else data,
            indent=2,
            ensure_ascii=False,
        )
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def score_bar(score: float | None, width: int = 20, style: str = "") -> Text:
    """A horizontal bar for a 0-100 score."""
    if score is None:
        return Text("not scored", style="dim")
    filled = round(score / 100 * width)
    return Text("█" * filled + "░" * (width - filled), style=style)


def selfcheck_result(result: SelfCheckResultOut) -> Group:
    """The full result of a self-check: scores, contrast table, seek-help and disclaimer."""
    about = "you" if result.perspective == "self" else "your partner"
    scores = Table(
        title=f"Self-check about {about} — {result.taken_at:%Y-%m-%d %H:%M}",
        title_justify="left",
        expand=False,
    )
    scores.add_column("Dimension")
    scores.add_column("Score", justify="right")
    scores.add_column("", no_wrap=True)
    scores.add_column("Band")
    for dimension in result.dimensions.values():
        style = BAND_STYLES.get(dimension.band or "", "dim")
        scores.add_row(
            dimension.name,
            "—" if dimension.score is None else f"{dimension.score:.0f}",
            score_bar(dimension.score, style=style),
            Text(dimension.band_label or "not enough answers", style=style),
        )
    parts: list[Any] = [scores, Text("Higher scores mean more signs of detachment (0–100).")]

    notes = Table.grid(padding=(0, 1))
    for dimension in result.dimensions.values():
        if dimension.band_text:
            notes.add_row(Text(dimension.name, style="bold"), Text(dimension.band_text))
    parts.append(notes)

    contrast = Table(title="Detachment and healthy boundaries", title_justify="left")
    contrast.add_column("What detachment looks like")
    contrast.add_column("What healthy boundaries look like")
    contrast.add_column("In your answers")
    for row in result.contrast:
        contrast.add_row(
            row.detached,
            row.healthy,
            Text("signs found", style="dark_orange") if row.found else Text("—", style="dim"),
        )
    parts.append(contrast)

    if result.seek_help:
        help_lines = Table.grid(padding=(0, 1))
        for rule in result.seek_help:
            help_lines.add_row("•", Text(rule.condition, style="bold"))
            help_lines.add_row("", Text(rule.suggestion))
        parts.append(Panel(help_lines, title="When to talk to a professional", border_style="cyan"))
    else:
        parts.append(Text("None of the seek-help conditions hold for these answers.", style="dim"))

    if result.missing:
        parts.append(
            Text(
                f"{counted(len(result.missing), 'statement was', 'statements were')} skipped. "
                f"{result.missing_rule}",
                style="dim",
            )
        )
    parts.append(Panel(Text(result.disclaimer), border_style="dim"))
    return Group(*parts)


def item_list(listing: Any) -> Table:
    """The items of an instrument as a table (``listing`` is an InstrumentOut)."""
    table = Table(title=f"{listing.title} ({listing.perspective})", title_justify="left")
    table.add_column("Id")
    table.add_column("Dimension")
    table.add_column("Reverse")
    table.add_column("Text")
    for item in listing.items:
        table.add_row(item.id, item.dimension, "yes" if item.reverse else "", item.text)
    scale = ", ".join(f"{p.value} = {p.label}" for p in listing.scale)
    table.caption = f"Scale: {scale}"
    return table


MARKER_STYLES = {
    "crisis": "bold white on red",
    "reconnection": "bold green",
    "healthy_boundary": "green",
}


def resources_panel(resources: Any) -> Panel:
    """Crisis resources (a CrisisResourcesOut) as a panel with numbers to call or text."""
    body = Table.grid(padding=(0, 1))
    body.add_row(Text(resources.message))
    if resources.note:
        body.add_row(Text(resources.note, style="yellow"))
    body.add_row(Text(f"Emergency: {resources.emergency}", style="bold"))
    for service in [
        *resources.services,
        *(resources.international if resources.services != resources.international else []),
    ]:
        ways = [
            f"call {service.phone}" if service.phone else "",
            f"text {service.sms}" if service.sms else "",
            service.url or "",
        ]
        body.add_row(
            Text.assemble(
                (service.name, "bold"), f" — {', '.join(w for w in ways if w)} ({service.hours})"
            )
        )
    return Panel(
        body,
        title=f"You are not alone — help is available now ({resources.name})",
        border_style="red",
    )


def abuse_panel(resources: Any) -> Panel:
    """Domestic-abuse help (a CrisisResourcesOut with its own message), for the writer only."""
    panel = resources_panel(resources)
    panel.title = f"If someone close to you is hurting or controlling you ({resources.name})"
    panel.border_style = "magenta"
    return panel


def crisis_panel(country: str | None = None) -> Panel:
    """The crisis resources for a country, shown before anything else."""
    from reconnect.contracts import crisis_resources_out
    from reconnect.services.safety import crisis_resources

    return resources_panel(crisis_resources_out(crisis_resources(country)))


def safety_check_panel(with_choices: bool) -> Panel:
    """The calm safety check: its question and, when it can be answered here, the choices."""
    from reconnect.content import load_texts

    words = load_texts().safety_check
    body = Table.grid(padding=(0, 1))
    body.add_row(Text(words.question, style="bold"))
    if with_choices:
        body.add_row(Text(f"  1  {words.safe}"))
        body.add_row(Text(f"  2  {words.help}"))
    return Panel(body, border_style="cyan")


def analysis_view(text: str, result: Analysis) -> Group:
    """The text with evidence highlighted, then markers, feelings and valence."""
    highlighted = Text(text)
    for marker in result.markers:
        style = MARKER_STYLES.get(marker.name, "bold yellow")
        for span in marker.evidence:
            highlighted.stylize(style, span.start, span.end)
    table = Table(title_justify="left", show_header=True)
    table.add_column("Sign")
    table.add_column("Score", justify="right")
    table.add_column("Evidence")
    for marker in result.markers:
        table.add_row(
            marker.name.replace("_", " "),
            f"{marker.score:.2f}",
            " · ".join(f"“{span.text}”" for span in marker.evidence),
        )
    about = "you" if result.subject == "self" else "someone else"
    feelings = ", ".join(f"{e.name} ({e.family})" for e in result.emotions) or "none named"
    summary = Text(
        f"About: {about} · feelings named: {feelings} · "
        f"tone {result.valence:+.2f} (-1 unpleasant to +1 pleasant)",
        style="dim",
    )
    parts: list[Any] = [Panel(highlighted, border_style="dim")]
    if result.language != "en":
        from reconnect.content import load_texts

        parts.append(Text(load_texts().not_english, style="yellow"))
    else:
        parts.append(table if result.markers else Text("No signs of detachment found."))
    parts.append(summary)
    parts.append(Text(SIGNS_NOT_DIAGNOSIS, style="dim"))
    return Group(*parts)


def not_analysed_view(text: str) -> Group:
    """An entry's text without signs, saying its analysis must be read again."""
    from reconnect.content import load_texts

    words = load_texts().not_analysed
    return Group(
        Panel(Text(text), border_style="dim"),
        Text(words.message, style="yellow"),
        Text(words.hint, style="dim"),
    )


def entry_view(entry: Entry) -> Group:
    """One journal entry with its signs highlighted (or a note that it needs re-reading)."""
    labels = " ".join(
        [
            *(f"#{t}" for t in entry.tags),
            *(f"@{p}" for p in entry.people),
            *(f"+{a}" for a in entry.activities),
        ]
    )
    header = Text(f"Entry {entry.id} · {entry.written_at:%Y-%m-%d %H:%M}  {labels}", style="bold")
    if entry.analysis is None:
        return Group(header, not_analysed_view(entry.text))
    return Group(header, analysis_view(entry.text, entry.analysis))


def entry_table(entries: list[Entry]) -> Table:
    """A list of entries: id, date, the start of the text, and the signs found."""
    from reconnect.content import load_texts

    table = Table(title=counted(len(entries), "entry", "entries"), title_justify="left")
    table.add_column("Id", justify="right")
    table.add_column("Written")
    table.add_column("Text")
    table.add_column("Signs")
    not_read = load_texts().not_analysed.short
    for entry in entries:
        preview = entry.text.replace("\n", " ")
        table.add_row(
            str(entry.id),
            f"{entry.written_at:%Y-%m-%d %H:%M}",
            preview[:60] + ("…" if len(preview) > 60 else ""),
            not_read if entry.needs_reanalysis else ", ".join(sorted(entry.marker_names)) or "—",
        )
    table.caption = SIGNS_NOT_DIAGNOSIS
    return table


def feelings_table(quadrants: Any) -> Table:
    """The feelings vocabulary, one column per mood-meter quadrant, named by its label."""
    table = Table(title="Feelings to choose from", title_justify="left")
    for quadrant in quadrants:
        table.add_column(quadrant.label)
    longest = max(len(q.feelings) for q in quadrants)
    for row in range(longest):
        table.add_row(*(q.feelings[row] if row < len(q.feelings) else "" for q in quadrants))
    table.caption = "Or use: cannot-name-it"
    return table


def insights_view(out: Any, notable: Sequence[Association]) -> Group:
    """Insights (an InsightsOut): summary, weekly sparklines, notable associations, streaks.

    ``notable`` is ``Insights.notable``: the rows in the order the summary and the web page
    use. The JSON keeps the statistical field names (rate, baseline_rate, lift); this view
    says the same figures in words: the share of entries with a tag that show a sign, and
    without.
    """
    from reconnect.domain.insights import METHOD_IN_WORDS, NOTHING_STANDS_OUT, TONE_LABEL
    from reconnect.domain.selfcheck import trend

    parts: list[Any] = [Panel(Text(out.summary), title="This week", border_style="cyan")]
    if out.seek_help:
        lines = Table.grid(padding=(0, 1))
        for sign in out.seek_help:
            lines.add_row(Text(sign.condition, style="bold"))
            lines.add_row(Text(sign.suggestion))
        parts.append(Panel(lines, title="When to talk to a professional", border_style="cyan"))
    if not out.weekly:
        return Group(*parts, Text(out.disclaimer, style="dim"))
    trends = Table(
        title=f"Weekly trends over {counted(len(out.weekly), 'week')}", title_justify="left"
    )
    trends.add_column("Sign")
    trends.add_column("Trend (share of entries, oldest → newest)")
    trends.add_column("Latest", justify="right")
    for marker in out.weekly[-1].marker_rates:
        values = [w.marker_rates[marker] * 100 for w in out.weekly]
        if not any(values):
            continue
        trends.add_row(marker.replace("_", " "), trend(values[-40:]), f"{values[-1]:.0f}%")
    tone = [(w.mean_valence + 1) * 50 for w in out.weekly]
    trends.add_row(
        TONE_LABEL,
        trend(tone[-40:]),
        f"{out.weekly[-1].mean_valence:+.2f}",
    )
    granularity = [min(100.0, w.mean_granularity * 25) for w in out.weekly]
    trends.add_row(
        "feelings named per entry",
        trend(granularity[-40:]),
        f"{out.weekly[-1].mean_granularity:.1f}",
    )
    parts.append(trends)
    notable_table = Table(title="What goes with numbness or reconnection", title_justify="left")
    for column in ("In entries with", "Sign", "With it", "Without it", "Entries"):
        notable_table.add_column(
            column, justify="left" if column in ("In entries with", "Sign") else "right"
        )
    for a in notable:
        notable_table.add_row(
            f"{a.kind} {a.factor}",
            a.marker,
            f"{a.rate:.0%}",
            f"{a.baseline_rate:.0%}",
            f"{a.count} of {a.with_factor}",
        )
    parts.append(notable_table if notable else Text(NOTHING_STANDS_OUT, style="dim"))
    parts.append(Text(METHOD_IN_WORDS, style="dim"))
    days = out.streaks
    parts.append(
        Text(
            "Days in a row, up to your latest entry: "
            f"writing {counted(days['writing_days'], 'day')}, "
            f"numbness {counted(days['numbness_days'], 'day')}, "
            f"reconnection {counted(days['reconnection_days'], 'day')}.",
            style="dim",
        )
    )
    parts.append(Text(out.disclaimer, style="dim"))
    return Group(*parts)


def guide_answers(cards: Sequence[AnswerCard]) -> Group:
    """The guide's cards, best first: title, answer, source and the practices that fit."""
    from reconnect.content import load_practices

    titles = {p.id: p.title for p in load_practices()}
    parts: list[Any] = []
    for number, card in enumerate(cards, start=1):
        body = Table.grid(padding=(0, 1))
        body.add_row(Text(card.answer))
        body.add_row(
            Text(f"From: {card.seed_file}, “{card.section}”", style="dim", overflow="fold")
        )
        for practice in card.practices:
            body.add_row(
                Text(f"Try: {titles.get(practice, practice)} — reconnect practice show {practice}")
            )
        title = card.title if number == 1 else f"Also: {card.title}"
        parts.append(Panel(body, title=Text(title), title_align="left", border_style="cyan"))
    return Group(*parts)
