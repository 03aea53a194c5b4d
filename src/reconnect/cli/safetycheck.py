"""The calm "are you safe right now?" check after text whose analysis has ``concern``.

Never shown with crisis language (then crisis resources come first). In a terminal it
asks and keeps the answer; otherwise it prints the question and where help is, and keeps
nothing. "Show me help" prints exactly what ``reconnect help-now`` prints.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.domain.safety import SafetyAnswer

MAX_TRIES = 3


def _read_answer() -> SafetyAnswer | None:
    """The answer typed in the terminal, or None when skipped, unclear or cancelled."""
    from reconnect.content import load_texts
    from reconnect.domain.safety import SafetyAnswer

    words = load_texts().safety_check
    choices = {
        "1": SafetyAnswer.SAFE,
        "safe": SafetyAnswer.SAFE,
        "2": SafetyAnswer.HELP,
        "help": SafetyAnswer.HELP,
    }
    for _ in range(MAX_TRIES):
        try:
            typed = typer.prompt(words.choose, default="", show_default=False, err=True)
        except typer.Abort:
            return None
        typed = str(typed).strip().casefold()
        if not typed:
            return None
        if typed in choices:
            return choices[typed]
    return None


def ask_safety_check(
    country: str | None, keep: Callable[[SafetyAnswer], object] | None = None
) -> SafetyAnswer | None:
    """Show the check; in a terminal ask it, ``keep`` the answer and act on it.

    ``keep`` stores the answer (None where there is nothing to store it with, as for
    ``reconnect analyze``). Returns the answer given, or None.
    """
    from reconnect.cli import render
    from reconnect.cli.helpnow import print_help_now
    from reconnect.content import load_texts
    from reconnect.domain.safety import SafetyAnswer

    words = load_texts().safety_check
    console = render.console()
    interactive = sys.stdin.isatty()
    console.print(render.safety_check_panel(interactive))
    if not interactive:
        console.print(words.later)
        return None
    answer = _read_answer()
    if answer is None:
        console.print(words.later)
        return None
    if answer is SafetyAnswer.HELP:
        print_help_now(country)  # help first, before anything that could fail
    if keep is not None:
        keep(answer)
    if answer is SafetyAnswer.SAFE:
        console.print(words.thanks)
        console.print(words.later)
    return answer
