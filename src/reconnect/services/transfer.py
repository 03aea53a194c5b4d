"""Export everything, and import a file all or nothing (own JSON, jrnl JSON, Daylio CSV)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect.content import load_feelings, load_instruments, load_practices
from reconnect.domain.entries import check_entry_text, labels_for
from reconnect.domain.reminders import MAX_REMINDERS
from reconnect.errors import InputError
from reconnect.reports import exporters
from reconnect.reports.importers import Vocabulary
from reconnect.reports.importers.daylio import parse_daylio
from reconnect.reports.importers.duplicates import Held, Skipped, new_records
from reconnect.reports.importers.jrnl import parse_jrnl
from reconnect.reports.importers.native import parse_native
from reconnect.services.journal import analyse_text
from reconnect.services.practices import MAX_REFLECTION_CHARS
from reconnect.storage import checkins as checkin_rows
from reconnect.storage import entries as entry_rows
from reconnect.storage import practices as practice_rows
from reconnect.storage import reminders as reminder_rows
from reconnect.storage import safety_plan as plan_rows
from reconnect.storage import selfchecks as selfcheck_rows

if TYPE_CHECKING:
    from reconnect.domain.analysis import Analysis
    from reconnect.domain.entries import DamagedEntry
    from reconnect.reports.importers import ImportBatch
    from reconnect.services import Services

FORMATS = ("json", "csv", "md")
IMPORT_KINDS = ("json", "jrnl", "daylio")
MAX_IMPORT_BYTES = 50_000_000


def export_text(services: Services, fmt: str, damaged: list[DamagedEntry] | None = None) -> str:
    """Everything in the journal in one format: json (complete, importable), csv or md.

    An entry that fails its integrity check raises TamperedDataError, unless a ``damaged``
    list is given: it is then named there and left out (the caller must say so).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    with services.transaction() as connection:
        entries = entry_rows.list_entries(connection, damaged=damaged)
        checkins = checkin_rows.list_checkins(connection)
        selfchecks = selfcheck_rows.list_results(connection)
        practice_log = practice_rows.list_logs(connection)
        reminders = reminder_rows.list_reminders(connection)
        plan = plan_rows.get_plan(connection) if fmt == "json" else None
    if fmt == "json":
        return exporters.to_json(entries, checkins, selfchecks, practice_log, reminders, plan)
    if fmt == "csv":
        return exporters.to_csv(entries)
    return exporters.to_markdown(entries, checkins)


TEMP_PREFIX = ".reconnect-export-"


def _sweep_leftovers(folder: Path) -> None:
    """Remove partial exports left by a reconnect that was killed while writing (private text)."""
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            pid = int(leftover.name.removeprefix(TEMP_PREFIX).split("-", 1)[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except (ValueError, OSError):
            continue


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write a file so that it is either absent or complete (temp file, fsync, rename).

    The file is private (0600) whatever the umask: it holds entry text. The temporary
    file is named after this process, so the next write removes one that a killed run
    left behind. A file already at ``path`` stays as it was until the new one is whole.
    """
    folder = path.parent if str(path.parent) else Path()
    _sweep_leftovers(folder)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
        _sync_folder(folder)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some file systems refuse it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def import_vocabulary() -> Vocabulary:
    """What the shipped content allows in an imported file (feelings, practices, instruments)."""
    return Vocabulary(
        quadrants=load_feelings(),
        practice_ids=frozenset(p.id for p in load_practices()),
        instruments={i.id: i for i in load_instruments()},
        max_reflection_chars=MAX_REFLECTION_CHARS,
    )


def parse_import(kind: str, text: str) -> ImportBatch:
    """Parse a whole import file's text; InputError names the bad line or JSON path."""
    if kind == "json":
        return parse_native(text, import_vocabulary())
    if kind == "jrnl":
        return parse_jrnl(text)
    if kind == "daylio":
        return parse_daylio(text)
    raise InputError(f"unknown import kind {kind!r}; use one of {', '.join(IMPORT_KINDS)}")


def read_import(kind: str, path: Path) -> ImportBatch:
    """Parse an import file completely before anything is saved."""
    if kind not in IMPORT_KINDS:
        raise InputError(f"unknown import kind {kind!r}; use one of {', '.join(IMPORT_KINDS)}")
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise InputError(f"{path} is larger than {MAX_IMPORT_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    return parse_import(kind, text)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import saved, and whether any imported text shows crisis language."""

    entries: int
    checkins: int
    selfchecks: int
    practices: int = 0
    reminders: int = 0
    safety_plan: bool = False  # the file's plan was saved (a journal's own plan is kept)
    crisis: bool = False  # the caller must show crisis resources (SAFE-3)
    # Records the journal already held, left out; the caller must say so.
    skipped: Skipped = field(default_factory=Skipped)


def _flags(analysis: Analysis | None) -> tuple[bool, bool]:
    """(crisis, concern) for a check-in note or practice reflection read now."""
    if analysis is None:
        return False, False
    return analysis.crisis, analysis.concern and not analysis.crisis


def _analyse_all(texts: list[str]) -> list[Analysis | None]:
    """Every non-blank text analysed now, in one pass; None for a blank one."""
    from reconnect.analysis import analyze_many

    readings = iter(analyze_many(t for t in texts if t.strip()))
    return [next(readings) if t.strip() else None for t in texts]


def _held(services: Services, batch: ImportBatch) -> Held:
    """What the journal holds that the batch could repeat (entries from the file's earliest on)."""
    written = [e.written_at for e in batch.entries]
    checked = [c.checked_at for c in batch.checkins]
    with services.transaction() as connection:
        return Held(
            # A damaged entry cannot be compared: the file's copy of it is imported.
            entries=(
                entry_rows.list_entries(connection, since=min(written), damaged=[])
                if written
                else []
            ),
            checkins=checkin_rows.list_checkins(connection, since=min(checked)) if checked else [],
            selfchecks=selfcheck_rows.list_results(connection) if batch.selfchecks else [],
            practices=practice_rows.list_logs(connection) if batch.practices else [],
            reminders=reminder_rows.list_reminders(connection) if batch.reminders else [],
        )


def import_batch(services: Services, batch: ImportBatch) -> ImportResult:
    """Save everything new in one transaction: all of it, or (on any error) none of it.

    Records the journal already holds (the same moment and the same words, see
    ``importers.duplicates``) are left out and counted in ``result.skipped``, so importing
    a file twice adds nothing the second time. Every entry, note and reflection saved is
    analysed now: an analysis in the file is never trusted (it could be stale or forged to
    hide crisis language). ``result.crisis`` asks the caller to show crisis resources.
    """
    for number, item in enumerate(batch.entries, start=1):  # the whole file is checked
        try:
            text = check_entry_text(item.text)
        except InputError as exc:
            raise InputError(f"entry {number}: {exc.message}") from None
        labels_for(text, item.tags, item.people, item.activities)
    batch, skipped = new_records(batch, _held(services, batch))
    prepared = []
    for item in batch.entries:
        tags, people, activities = labels_for(item.text, item.tags, item.people, item.activities)
        prepared.append((item, item.text, tags, people, activities))
    texts = [p[1] for p in prepared]
    notes = [c.note for c in batch.checkins]
    reflections = [p.reflection for p in batch.practices]
    readings = _analyse_all([*texts, *notes, *reflections])
    entry_analyses = readings[: len(texts)]
    note_flags = [_flags(a) for a in readings[len(texts) : len(texts) + len(notes)]]
    reflection_flags = [_flags(a) for a in readings[len(texts) + len(notes) :]]
    with services.transaction() as connection:
        held = len(reminder_rows.list_reminders(connection))
        if batch.reminders and held + len(batch.reminders) > MAX_REMINDERS:
            raise InputError(
                f"reminders: the file holds {len(batch.reminders)} and the journal {held}; "
                f"expected at most {MAX_REMINDERS} in all",
                hint="Remove some reminders first: reconnect remind list",
            )
        for (item, text, tags, people, activities), analysis in zip(
            prepared, entry_analyses, strict=True
        ):
            entry_rows.add_entry(
                connection,
                written_at=item.written_at,
                updated_at=item.updated_at,
                text=text,
                tags=tags,
                people=people,
                activities=activities,
                analysis=analysis if analysis is not None else analyse_text(text),
                safety_check=item.safety_check,
            )
        for c, (crisis, concern) in zip(batch.checkins, note_flags, strict=True):
            checkin_rows.add_checkin(
                connection,
                checked_at=c.checked_at,
                pleasantness=c.pleasantness,
                energy=c.energy,
                feelings=c.feelings,
                note=c.note,
                crisis=crisis,
                concern=concern,
                safety_check=c.safety_check,
            )
        for s in batch.selfchecks:
            selfcheck_rows.add_result(connection, s.taken_at, s.answers, s.score)
        for p, (crisis, concern) in zip(batch.practices, reflection_flags, strict=True):
            practice_rows.add_log(
                connection, p.practice_id, p.done_at, p.reflection, crisis, concern, p.safety_check
            )
        for r in batch.reminders:
            reminder_rows.add_reminder(connection, r.practice_id, r.days, r.at, r.created_at)
        plan_saved = False
        if batch.safety_plan is not None and not batch.safety_plan.is_empty:
            held_plan = plan_rows.get_plan(connection)
            if held_plan is None or held_plan.is_empty:  # the journal's own plan is never replaced
                when = batch.safety_plan.updated_at or services.clock()
                plan_rows.save_plan(connection, batch.safety_plan, when)
                plan_saved = True
    crisis = any(a is not None and a.crisis for a in readings)
    return ImportResult(
        entries=len(prepared),
        checkins=len(batch.checkins),
        selfchecks=len(batch.selfchecks),
        practices=len(batch.practices),
        reminders=len(batch.reminders),
        safety_plan=plan_saved,
        crisis=crisis,
        skipped=skipped,
    )
