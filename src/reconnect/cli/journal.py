"""The journal from the terminal: write, log, show, edit and delete entries."""

from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.entry_text import read_text, sweep_editor_leftovers
from reconnect.cli.options import (
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    command_settings,
    parse_moment,
)
from reconnect.domain.wording import counted
from reconnect.errors import InputError, TamperedDataError

if TYPE_CHECKING:
    from reconnect.domain.entries import DamagedEntry, Entry
    from reconnect.services import Services

TagOption = Annotated[
    list[str] | None, typer.Option("--tag", "-t", help="A tag (also written as #tag in the text).")
]
PersonOption = Annotated[
    list[str] | None,
    typer.Option("--person", "-p", help="A person (also written as @name in the text)."),
]
ActivityOption = Annotated[
    list[str] | None,
    typer.Option("--activity", "-a", help="An activity (also written as +activity in the text)."),
]


def _services(ctx: typer.Context, db: str | None) -> "Services":
    from reconnect.cli.session import open_services

    return open_services(command_settings(ctx, db))


def _show(entries: "list[Entry]", json_output: bool, country: str | None) -> None:
    from reconnect.cli import render
    from reconnect.contracts import entry_out

    if any(entry.crisis for entry in entries) and not json_output:
        render.console().print(render.crisis_panel(country))
    if json_output:
        outs = [entry_out(entry, country) for entry in entries]
        render.print_json(outs[0] if len(outs) == 1 else [o.model_dump(mode="json") for o in outs])
        return
    for entry in entries:
        render.console().print(render.entry_view(entry))
    if len(entries) == 1:
        from reconnect.contracts import abuse_help_out

        # Help for the writer alone when the words describe abuse or control.
        abuse = abuse_help_out(entries[0].text, country)
        if abuse is not None:
            render.console().print(render.abuse_panel(abuse))


def _say_not_analysed(entries: "list[Entry]") -> None:
    """Name, on standard error, the entries whose stored analysis could not be read."""
    unread = [str(e.id) for e in entries if e.needs_reanalysis]
    if unread:
        from reconnect.content import load_texts

        typer.echo(f"{load_texts().not_analysed.several} {', '.join(unread)}.", err=True)


def _after_saving(
    services: "Services", entry: "Entry", json_output: bool, country: str | None
) -> None:
    """Show the saved entry; when its analysis is unsure, ask the calm safety check."""
    from reconnect.cli.safetycheck import ask_safety_check
    from reconnect.services.safety_checks import answer_entry_check

    _show([entry], json_output, country)
    if entry.concern and not json_output:
        ask_safety_check(country, lambda answer: answer_entry_check(services, entry.id, answer))


def write(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="What you want to write. Without it: standard input, or $EDITOR."),
    ] = None,
    tag: TagOption = None,
    person: PersonOption = None,
    activity: ActivityOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="WHEN", help="When it happened (YYYY-MM-DD[THH:MM]); default now."
        ),
    ] = None,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Write a journal entry (up to 20,000 characters). It is read for signs at once."""
    from reconnect.services import journal

    sweep_editor_leftovers()
    body = read_text(text)
    settings = command_settings(ctx, db)
    services = _services(ctx, db)
    try:
        entry = journal.write_entry(
            services,
            body,
            tags=tag or (),
            people=person or (),
            activities=activity or (),
            written_at=parse_moment(date, "--date", zone=settings.zone),
        )
        _after_saving(services, entry, json_output, settings.country)
    finally:
        services.close()


def log(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Words to look for.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only entries with this tag.")] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Only entries naming this person.")
    ] = None,
    marker: Annotated[
        str | None, typer.Option("--marker", help="Only entries showing this sign, e.g. numbness.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List journal entries, oldest first, optionally filtered."""
    from reconnect.cli import render
    from reconnect.domain.markers import MARKER_NAMES  # not the analyzer: listing reads none
    from reconnect.services import journal

    if marker is not None and marker not in MARKER_NAMES:
        hint = f"Known markers: {', '.join(MARKER_NAMES)}"
        raise InputError(f"unknown marker {marker!r}", hint=hint)
    settings = command_settings(ctx, db)
    query = journal.EntryQuery(
        text=search,
        tag=tag,
        person=person,
        marker=marker,
        since=parse_moment(since, "--since", zone=settings.zone),
        until=parse_moment(until, "--until", end_of_day=True, zone=settings.zone),
    )
    services = _services(ctx, db)
    damaged: list[DamagedEntry] = []
    try:
        entries = journal.list_entries(services, query, damaged)
    finally:
        services.close()
    if json_output:
        from reconnect.contracts import entry_out  # pydantic's models: about 0.2 s to import

        render.print_json([entry_out(e, settings.country).model_dump(mode="json") for e in entries])
    else:
        render.console().print(render.entry_table(entries))
    _say_not_analysed(entries)
    if damaged:
        ids = ", ".join(str(d.id) for d in damaged)
        raise TamperedDataError(
            f"{counted(len(damaged), 'entry', 'entries')} failed their integrity check and "
            f"{'is' if len(damaged) == 1 else 'are'} not shown: {ids}",
            hint="They were changed outside reconnect. Restore them from a backup.",
        )


def show(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(help="The entry's id (see reconnect log).")],
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show one entry with the signs found in it."""
    from reconnect.services import journal

    settings = command_settings(ctx, db)
    services = _services(ctx, db)
    try:
        entry = journal.get_entry(services, entry_id)
    finally:
        services.close()
    _show([entry], json_output, settings.country)


def edit(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(help="The entry's id.")],
    text: Annotated[
        str | None, typer.Argument(help="The new text. Without it: standard input, or $EDITOR.")
    ] = None,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Replace an entry's text; it is read for signs again."""
    from reconnect.services import journal

    body = read_text(text)
    settings = command_settings(ctx, db)
    services = _services(ctx, db)
    try:
        entry = journal.edit_entry(services, entry_id, body)
        _after_saving(services, entry, json_output, settings.country)
    finally:
        services.close()


def delete(
    ctx: typer.Context,
    entry_id: Annotated[int | None, typer.Argument(help="The entry's id.")] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help=(
                "Delete the whole journal: the database, its side files and the backups "
                "reconnect made. No passphrase needed."
            ),
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete an entry for good, or with --all everything reconnect stored."""
    from reconnect.errors import InputError
    from reconnect.services import journal

    if everything:
        _delete_everything(ctx, db, yes)
        return
    if entry_id is None:
        raise InputError("say which entry to delete (its id), or --all for everything")
    if not yes and not typer.confirm(f"Delete entry {entry_id} for good?", err=True):
        raise typer.Exit(1)
    services = _services(ctx, db)
    try:
        journal.delete_entry(services, entry_id)
    finally:
        services.close()
    typer.echo(f"Deleted entry {entry_id}.", err=True)


def _delete_everything(ctx: typer.Context, db: str | None, yes: bool) -> None:
    from reconnect.bootstrap import build_services
    from reconnect.services.datafiles import delete_all

    settings = command_settings(ctx, db)
    question = (
        "Delete your whole journal, its side files and backups for good? This cannot be undone."
    )
    if not yes and not typer.confirm(question, err=True):
        raise typer.Exit(1)
    done = delete_all(build_services(settings))
    for item in done.removed:
        typer.echo(f"Removed {item}", err=True)
    for item, why in done.kept:
        typer.echo(f"Left {item} as it is: {why}.", err=True)
    typer.echo("Everything reconnect stored in this journal is gone.", err=True)
    if done.kept:
        typer.echo(
            f"{counted(len(done.kept), 'file')} where reconnect once wrote a backup "
            f"{'was' if len(done.kept) == 1 else 'were'} left untouched; "
            "check them and remove them yourself if you no longer want them.",
            err=True,
        )


def reanalyze(
    ctx: typer.Context,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Read every entry again, not only those of older versions."),
    ] = False,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Read saved entries again with this version of the analyzer (after an update).

    Only entries analysed by an older version, unless --all. Safe to interrupt: what
    was done is kept, and the next run goes on with the rest.
    """
    from rich.progress import Progress

    from reconnect.cli import render
    from reconnect.services import journal

    settings = command_settings(ctx, db)
    services = _services(ctx, db)
    try:
        with Progress(console=render.error_console(), transient=True) as progress:
            task = progress.add_task("Reading entries again", total=None)
            done = journal.reanalyse_entries(
                services,
                everything=everything,
                progress=lambda n, total: progress.update(task, completed=n, total=total),
            )
    finally:
        services.close()
    if json_output:
        from reconnect.contracts import crisis_resources_out
        from reconnect.services.safety import crisis_resources

        resources = (
            crisis_resources_out(crisis_resources(settings.country)).model_dump(mode="json")
            if done.crisis
            else None
        )
        render.print_json(
            {
                "analyzer_version": done.version,
                "read": done.read,
                "newly_flagged": list(done.newly_flagged),
                "damaged": list(done.damaged),
                "crisis_resources": resources,
            }
        )
    if done.crisis and not json_output:
        render.console().print(render.crisis_panel(settings.country))
    if done.newly_flagged:
        ids = ", ".join(str(i) for i in done.newly_flagged)
        one = len(done.newly_flagged) == 1
        typer.echo(
            f"Read with this version, {'entry' if one else 'entries'} {ids} now "
            f"{'shows' if one else 'show'} signs of crisis language.",
            err=True,
        )
    if done.damaged:
        ids = ", ".join(str(i) for i in done.damaged)
        typer.echo(f"Left as they were (failed their integrity check): {ids}.", err=True)
    typer.echo(
        f"Read {counted(done.read, 'entry', 'entries')} again with analyzer {done.version}.",
        err=True,
    )
