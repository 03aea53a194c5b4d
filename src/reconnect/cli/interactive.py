"""The self-check asked question by question in the terminal, resumable after quitting."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from reconnect.cli.render import console as stdout_console
from reconnect.domain.selfcheck import Perspective
from reconnect.domain.wording import counted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.domain.selfcheck import Instrument, SelfCheckResult
    from reconnect.services import Services

KEYS_HELP = "↑/↓ or a number to choose, Enter to confirm · b back · s skip · q save and quit"
LINE_HELP = "Type a number and Enter · b back · s skip · q save and quit"

UP = ("\x1b[A", "\x1bOA", "k")
DOWN = ("\x1b[B", "\x1bOB", "j")
BACK = ("b", "\x1b[D", "\x1bOD")
QUIT = ("q", "\x1b")
ENTER = ("\r", "\n")


def split_keys(chunk: str) -> list[str]:
    r"""Split what one terminal read returned into keys (fast typing sends several at once).

    >>> split_keys("\x1b[B\x1b[B\r")
    ['\x1b[B', '\x1b[B', '\r']
    """
    keys: list[str] = []
    index = 0
    while index < len(chunk):
        if chunk[index] == "\x1b" and chunk[index + 1 : index + 2] in ("[", "O"):
            keys.append(chunk[index : index + 3])
            index += 3
        else:
            keys.append(chunk[index])
            index += 1
    return keys


@dataclass(frozen=True, slots=True)
class Choice:
    """What the person did at one question."""

    action: str  # "answer", "back", "skip" or "quit"
    value: int | None = None


def _question_view(
    header: str, prompt: str, options: Sequence[tuple[int, str]], cursor: int, done: int, total: int
) -> Group:
    lines = Text()
    for index, (value, label) in enumerate(options):
        marker = "❯ " if index == cursor else "  "
        style = "bold cyan" if index == cursor else ""
        lines.append(f"{marker}{value}  {label}\n", style=style)
    progress = Text(header, style="dim")
    if total:
        filled = round(done / total * 30)
        progress.append(f"   {'█' * filled}{'░' * (30 - filled)}  {done} answered")
    return Group(
        progress,
        Panel(Text(prompt, style="bold"), border_style="cyan"),
        lines,
        Text(KEYS_HELP, style="dim"),
    )


def _ask_keys(
    out: Console,
    header: str,
    prompt: str,
    options: Sequence[tuple[int, str]],
    current: int | None,
    done: int,
    total: int,
) -> Choice:
    values = [value for value, _ in options]
    cursor = values.index(current) if current in values else 0
    with Live(
        _question_view(header, prompt, options, cursor, done, total),
        console=out,
        auto_refresh=False,
        transient=True,
    ) as live:
        while True:
            for key in split_keys(typer.getchar()):
                if key in UP:
                    cursor = (cursor - 1) % len(options)
                elif key in DOWN:
                    cursor = (cursor + 1) % len(options)
                elif key in ENTER:
                    return Choice("answer", values[cursor])
                elif key.isdigit() and int(key) in values:
                    cursor = values.index(int(key))  # a number chooses; Enter confirms it
                elif key in BACK:
                    return Choice("back")
                elif key == "s":
                    return Choice("skip")
                elif key in QUIT:
                    return Choice("quit")
            live.update(_question_view(header, prompt, options, cursor, done, total), refresh=True)


def _ask_lines(
    out: Console, header: str, prompt: str, options: Sequence[tuple[int, str]]
) -> Choice:
    values = [value for value, _ in options]
    out.print(Text(header, style="dim"))
    out.print(Text(prompt, style="bold"))
    out.print("  ".join(f"{value} = {label}" for value, label in options))
    while True:
        out.print(Text(LINE_HELP, style="dim"))
        line = sys.stdin.readline()
        if line == "":
            return Choice("quit")
        answer = line.strip().lower()
        if answer in ("q", "quit"):
            return Choice("quit")
        if answer in ("b", "back"):
            return Choice("back")
        if answer in ("s", "skip"):
            return Choice("skip")
        if answer.lstrip("-").isdigit() and int(answer) in values:
            return Choice("answer", int(answer))
        out.print(f"Please answer with one of {', '.join(str(v) for v in values)}, or b, s, q.")


def ask(
    header: str,
    prompt: str,
    options: Sequence[tuple[int, str]],
    current: int | None = None,
    done: int = 0,
    total: int = 0,
) -> Choice:
    """Ask one question: arrow keys in a terminal, numbered lines otherwise."""
    out = stdout_console()
    if sys.stdin.isatty() and out.is_terminal:
        return _ask_keys(out, header, prompt, options, current, done, total)
    return _ask_lines(out, header, prompt, options)


def _choose_perspective() -> Perspective | None:
    choice = ask(
        "Before you start",
        "Who is this self-check about?",
        [(1, "Me"), (2, "My partner")],
    )
    if choice.action != "answer":
        return None
    return Perspective.SELF if choice.value == 1 else Perspective.PARTNER


def run_selfcheck(
    services: Services, instrument: Instrument, perspective: Perspective | None
) -> SelfCheckResult | None:
    """Ask every item, saving a draft after each answer; None when the person quits."""
    from reconnect.services import selfcheck

    out = stdout_console()
    answers: dict[str, int] = {}
    draft = selfcheck.load_draft(services, instrument_id=instrument.id)
    if draft is not None and draft.answers and perspective in (None, draft.perspective):
        resume = ask(
            f"You have an unfinished self-check from {draft.updated_at:%Y-%m-%d %H:%M} "
            f"({len(draft.answers)} of {len(instrument.items)} answered).",
            "Resume where you left off?",
            [(1, "Yes, resume"), (2, "No, start again")],
        )
        if resume.action == "quit":
            return None
        if resume.value == 1:
            answers = dict(draft.answers)
            perspective = draft.perspective
        else:
            selfcheck.discard_draft(services, instrument_id=instrument.id)
    if perspective is None:
        perspective = _choose_perspective()
        if perspective is None:
            return None

    out.print(Text(instrument.description, style="dim"))
    options = list(zip(instrument.scale.values, instrument.scale.labels, strict=True))
    items = instrument.items
    index = next((i for i, item in enumerate(items) if item.id not in answers), len(items))
    while index < len(items):
        item = items[index]
        choice = ask(
            f"Question {index + 1} of {len(items)}",
            item.text_for(perspective),
            options,
            current=answers.get(item.id),
            done=len(answers),
            total=len(items),
        )
        if choice.action == "quit":
            selfcheck.save_draft(
                services, perspective=perspective, answers=answers, instrument_id=instrument.id
            )
            out.print(
                f"Saved {counted(len(answers), 'answer')}. Run [bold]reconnect check[/] to resume.",
                highlight=False,
            )
            return None
        if choice.action == "back":
            index = max(0, index - 1)
            continue
        if choice.action == "skip":
            answers.pop(item.id, None)
        elif choice.value is not None:
            answers[item.id] = choice.value
        selfcheck.save_draft(
            services, perspective=perspective, answers=answers, instrument_id=instrument.id
        )
        index += 1
    if not answers:
        out.print("Every question was skipped, so there is no result to save.")
        return None
    return selfcheck.take_selfcheck(
        services, perspective=perspective, answers=answers, instrument_id=instrument.id
    )
