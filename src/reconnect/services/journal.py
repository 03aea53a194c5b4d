"""Journal use cases: write, list, search, show, edit and delete entries, analysed on save."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reconnect.domain.entries import Entry, check_entry_text, labels_for
from reconnect.errors import NotFoundError, TamperedDataError
from reconnect.storage import entries as entry_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from sqlalchemy import Connection

    from reconnect.domain.analysis import Analysis
    from reconnect.domain.entries import DamagedEntry
    from reconnect.services import Services


def analyse_text(text: str) -> Analysis:
    """What the analyzer finds in a text (DESIGN.md "the analysis contract").

    ``crisis`` asks the caller to show crisis resources first; ``concern`` (never with
    ``crisis``) asks for the calm "are you safe right now?" check.
    """
    from reconnect.analysis import analyze

    return analyze(text)


def write_entry(
    services: Services,
    text: str,
    *,
    tags: Iterable[str] = (),
    people: Iterable[str] = (),
    activities: Iterable[str] = (),
    written_at: datetime | None = None,
) -> Entry:
    """Analyse and save a new entry; labels in the text are merged with those given.

    Returns the saved entry; when ``entry.crisis`` is true the caller must show
    crisis resources before anything else, and when ``entry.concern`` is true it asks the
    safety check (``services.safety_checks.answer_entry_check`` keeps the answer).
    """
    text = check_entry_text(text)
    found_tags, found_people, found_activities = labels_for(text, tags, people, activities)
    analysis = analyse_text(text)
    with services.transaction() as connection:
        return entry_rows.add_entry(
            connection,
            written_at=written_at or services.clock(),
            text=text,
            tags=found_tags,
            people=found_people,
            activities=found_activities,
            analysis=analysis,
        )


def edit_entry(
    services: Services,
    entry_id: int,
    text: str,
    *,
    tags: Iterable[str] = (),
    people: Iterable[str] = (),
    activities: Iterable[str] = (),
) -> Entry:
    """Replace an entry's text (labels re-read from it) and analyse it again.

    An earlier answer to the safety check is dropped: it answered the text as it was.
    """
    text = check_entry_text(text)
    with services.transaction() as connection:
        old = entry_rows.get_entry(connection, entry_id)
        found_tags, found_people, found_activities = labels_for(text, tags, people, activities)
        new = replace(
            old,
            text=text,
            tags=found_tags,
            people=found_people,
            activities=found_activities,
            updated_at=services.clock(),
            analysis=analyse_text(text),
            safety_check=None,
        )
        return entry_rows.replace_entry(connection, new)


@dataclass(frozen=True, slots=True)
class Reanalysis:
    """What a re-reading of saved entries did."""

    version: str
    read: int
    newly_flagged: tuple[int, ...]  # ids whose crisis flag the new reading raised
    damaged: tuple[int, ...] = ()  # ids that failed their integrity check, left as they were

    @property
    def crisis(self) -> bool:
        """Whether any entry now shows crisis language it did not show before."""
        return bool(self.newly_flagged)


def count_read_by_older_analyzers(services: Services) -> int:
    """How many saved entries were analysed by another ``ANALYZER_VERSION`` than this one."""
    from reconnect.domain.analysis import ANALYZER_VERSION

    with services.transaction() as connection:
        return len(entry_rows.ids_analysed_by_other_versions(connection, ANALYZER_VERSION))


def reanalyse_entries(
    services: Services,
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Reanalysis:
    """Read saved entries again with the current analyzer and store the new results.

    By default only entries analysed by another ``ANALYZER_VERSION`` or whose stored
    analysis could not be read; with ``everything``, all of them. Each entry is saved in
    its own transaction, so an interrupted run keeps what it finished and the next run
    carries on with the rest. Text, labels, dates (``updated_at`` too: a new reading is
    not an edit) and the answer to the safety check are untouched.
    """
    from reconnect.analysis import ANALYZER_VERSION

    with services.transaction() as connection:
        if everything:
            ids = entry_rows.all_ids(connection)
        else:
            ids = entry_rows.ids_analysed_by_other_versions(connection, ANALYZER_VERSION)
            ids = _with_unreadable(connection, ids)
    flagged: list[int] = []
    damaged: list[int] = []
    read = 0
    if progress is not None:
        progress(0, len(ids))
    for done, entry_id in enumerate(ids, 1):
        try:
            with services.transaction() as connection:
                old = entry_rows.get_entry(connection, entry_id)
                new = replace(old, analysis=analyse_text(old.text))
                entry_rows.replace_entry(connection, new)
        except NotFoundError:
            continue  # deleted meanwhile
        except TamperedDataError:
            damaged.append(entry_id)
            continue
        read += 1
        if new.crisis and not old.crisis:
            flagged.append(entry_id)
        if progress is not None:
            progress(done, len(ids))
    return Reanalysis(ANALYZER_VERSION, read, tuple(flagged), tuple(damaged))


def _with_unreadable(connection: Connection, ids: list[int]) -> list[int]:
    """``ids`` plus the entries whose stored analysis could not be read, oldest first."""
    wanted = set(ids)
    entries = entry_rows.list_entries(connection, damaged=[])
    wanted.update(e.id for e in entries if e.needs_reanalysis)
    return [i for i in entry_rows.all_ids(connection) if i in wanted]


def count_not_analysed(entries: Iterable[Entry]) -> int:
    """How many of these entries carry no readable analysis (``reconnect reanalyze`` mends them)."""
    return sum(1 for e in entries if e.needs_reanalysis)


def get_entry(services: Services, entry_id: int) -> Entry:
    """One entry; NotFoundError when there is none with that id."""
    with services.transaction() as connection:
        return entry_rows.get_entry(connection, entry_id)


def delete_entry(services: Services, entry_id: int) -> None:
    """Delete one entry for good; NotFoundError when there is none with that id."""
    with services.transaction() as connection:
        entry_rows.delete_entry(connection, entry_id)


@dataclass(frozen=True, slots=True)
class EntryQuery:
    """What to look for: words in the text, labels, a marker and a date range (all optional)."""

    text: str | None = None
    tag: str | None = None
    person: str | None = None
    activity: str | None = None
    marker: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _matches(entry: Entry, query: EntryQuery) -> bool:
    if query.text and query.text.casefold() not in entry.text.casefold():
        return False
    if query.tag and query.tag.lstrip("#").casefold() not in entry.tags:
        return False
    if query.person and query.person.lstrip("@").casefold() not in entry.people:
        return False
    if query.activity and query.activity.lstrip("+").casefold() not in entry.activities:
        return False
    return not (query.marker and query.marker not in entry.marker_names)


def skipped_damaged_error(damaged: list[DamagedEntry], what: str) -> TamperedDataError:
    """The error that ends a command which went on past damaged entries (exit 1).

    ``what`` says what holds the rest, e.g. "the export holds every other entry".
    """
    count = len(damaged)
    named = ", ".join(d.describe() for d in damaged)
    return TamperedDataError(
        f"{count} damaged {'entry was' if count == 1 else 'entries were'} skipped ({named}); "
        f"{what}",
        hint=(
            "They failed their integrity check: they were changed outside reconnect. Restore "
            "them from a backup, or delete them with reconnect delete ID."
        ),
    )


def list_entries(
    services: Services, query: EntryQuery | None = None, damaged: list[DamagedEntry] | None = None
) -> list[Entry]:
    """Entries matching the query, oldest first.

    With a ``damaged`` list, entries that fail their integrity check are named
    there and left out; without one, the first such entry raises TamperedDataError.

    Matching happens after loading, not in SQL, because entry content is stored
    as one payload (and will be encrypted; docs/decisions/0001-storage.md).
    """
    query = query or EntryQuery()
    with services.transaction() as connection:
        found = entry_rows.list_entries(connection, query.since, query.until, damaged)
    return [entry for entry in found if _matches(entry, query)]
