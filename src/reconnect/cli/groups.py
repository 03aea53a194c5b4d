"""The Click group class behind every command group: plain-text help that keeps whole summaries.

Help is printed by Click's own formatter, not Typer's Rich panels: those import Rich's
console, tables, Markdown and syntax highlighting (about a third of ``reconnect --help``'s
start-up) for text that reads the same without them. Click would cut each command's
summary at its first full stop or at the column's width ("Export your journal, check-ins
and self-checks." without "The file holds your words: keep it safe."); here the whole
first paragraph is kept and wrapped, as Typer's Rich help did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter

# Wide enough for the longest option name and its help side by side; narrower terminals win.
MAX_HELP_WIDTH = 100


def summary(command: Command) -> str:
    """A command's short help if it sets one, else the first paragraph of its help, on one line."""
    text = command.short_help or command.help or ""
    words = text.strip().split("\n\n", 1)[0].split()
    if words[:1] == ["\b"]:  # Click's "do not rewrap" marker
        words = words[1:]
    return " ".join(words)


class Group(TyperGroup):
    """A Typer group whose command list shows each command's whole summary."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # Click prints the help for a bare group on standard error; Typer's Rich help, which
        # this replaces, printed it on standard output (still exit 2), where a pager finds it.
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(2)
        return super().parse_args(ctx, args)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
