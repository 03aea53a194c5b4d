"""Read reconnect's own JSON export back, exactly, checking every value.

Derived data in the file (an entry's analysis, the crisis and concern flags, a self-check's
scores) is never read: it could be stale or forged, so it is worked out again on import.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import TYPE_CHECKING

from reconnect.domain.checkins import (
    MAX_NOTE_CHARS,
    SCALE_MAX,
    SCALE_MIN,
    check_feelings,
)
from reconnect.domain.reminders import parse_days
from reconnect.domain.safety_plan import MAX_ITEM_CHARS, MAX_ITEMS, SafetyPlan, build_plan
from reconnect.domain.selfcheck import Perspective, score_answers, validate_answers
from reconnect.errors import InputError
from reconnect.reports.exporters import FORMAT_NAME, FORMAT_VERSION
from reconnect.reports.importers import (
    ImportBatch,
    ImportedCheckIn,
    ImportedEntry,
    ImportedPractice,
    ImportedReminder,
    ImportedSelfCheck,
)
from reconnect.reports.importers import fields as f

if TYPE_CHECKING:
    from reconnect.reports.importers import Vocabulary

SECTIONS = ("entries", "checkins", "selfchecks", "practice_log", "reminders")


def parse_native(text: str, vocabulary: Vocabulary) -> ImportBatch:
    """Parse a ``reconnect export --format json`` document; InputError names the bad value."""
    data = f.load_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputError('this is not a reconnect export (no "format": "reconnect-export")')
    if data.get("version") != FORMAT_VERSION or isinstance(data.get("version"), bool):
        raise f.refuse("version", f"export version {FORMAT_VERSION}", data.get("version"))
    sections = {name: _in_id_order(f.items(data.get(name), name)) for name in SECTIONS}
    batch = ImportBatch()
    for index, value in sections["entries"]:
        batch.entries.append(_entry(f.Record(value, f"entries[{index}]")))
    for index, value in sections["checkins"]:
        batch.checkins.append(_checkin(f.Record(value, f"checkins[{index}]"), vocabulary))
    for index, value in sections["selfchecks"]:
        batch.selfchecks.append(_selfcheck(f.Record(value, f"selfchecks[{index}]"), vocabulary))
    for index, value in sections["practice_log"]:
        batch.practices.append(_practice(f.Record(value, f"practice_log[{index}]"), vocabulary))
    for index, value in sections["reminders"]:
        batch.reminders.append(_reminder(f.Record(value, f"reminders[{index}]"), vocabulary))
    if data.get("safety_plan") is not None:
        plan = _safety_plan(f.Record(data["safety_plan"], "safety_plan"))
        batch = replace(batch, safety_plan=plan)
    return batch


def _safety_plan(record: f.Record) -> SafetyPlan:
    sections = f.Record(record.raw("sections"), record.at("sections"))
    lines: dict[str, list[str]] = {}
    for key in sections.data:
        where = sections.at(str(key))
        values = f.string_list(sections.data[key], where, max_items=MAX_ITEMS)
        lines[str(key)] = [
            f.text_value(v, f"{where}[{i}]", MAX_ITEM_CHARS) for i, v in enumerate(values)
        ]
    try:
        plan = build_plan(lines)
    except InputError as exc:
        raise InputError(f"safety_plan: {exc.message}") from None
    updated_at = record.read("updated_at", f.moment, None)
    return replace(plan, updated_at=updated_at)


def _in_id_order(values: list[object]) -> list[tuple[int, object]]:
    """(index, record) pairs, in the order of the records' exported ids when all have one.

    An export lists entries by date, not by id; saving them in id order gives a fresh
    journal the same ids, so exporting it again gives the same file.
    """
    pairs = list(enumerate(values))
    ids: list[int] = []
    for value in values:
        found = value.get("id") if isinstance(value, dict) else None
        if not isinstance(found, int) or isinstance(found, bool):
            return pairs
        ids.append(found)
    return sorted(pairs, key=lambda pair: ids[pair[0]])


def _entry(record: f.Record) -> ImportedEntry:
    written_at = record.read("written_at", f.moment)
    text = record.read("text", f.entry_text)
    tags = record.read("tags", f.label_list, ())
    people = record.read("people", f.label_list, ())
    activities = record.read("activities", f.label_list, ())
    f.text_labels(text, record.where, tags, people, activities)
    return ImportedEntry(
        written_at=written_at,
        updated_at=record.read("updated_at", f.moment, written_at),
        text=text,
        tags=tags,
        people=people,
        activities=activities,
        safety_check=record.read("safety_check", f.safety_check, None),
    )


def _checkin(record: f.Record, vocabulary: Vocabulary) -> ImportedCheckIn:
    named = record.read("feelings", f.string_list, [])
    try:
        feelings = check_feelings(named, vocabulary.quadrants)
    except InputError as exc:
        raise InputError(
            f"{record.at('feelings')}: {exc.message}; expected feelings from the check-in list",
            hint=exc.hint,
        ) from None
    return ImportedCheckIn(
        checked_at=record.read("checked_at", f.moment),
        pleasantness=record.integer("pleasantness", SCALE_MIN, SCALE_MAX),
        energy=record.integer("energy", SCALE_MIN, SCALE_MAX),
        feelings=feelings,
        note=record.read("note", lambda v, w: f.text_value(v, w, MAX_NOTE_CHARS), ""),
        safety_check=record.read("safety_check", f.safety_check, None),
    )


def _selfcheck(record: f.Record, vocabulary: Vocabulary) -> ImportedSelfCheck:
    taken_at = record.read("taken_at", f.moment)
    instrument_id = record.raw("instrument")
    instrument = (
        vocabulary.instruments.get(instrument_id) if isinstance(instrument_id, str) else None
    )
    if instrument is None:
        known = ", ".join(sorted(vocabulary.instruments))
        raise f.refuse(record.at("instrument"), f"an instrument id ({known})", instrument_id)
    version = record.raw("instrument_version")
    if version != instrument.version or isinstance(version, bool):
        raise f.refuse(record.at("instrument_version"), f"version {instrument.version}", version)
    perspective = record.raw("perspective")
    choices = [p.value for p in Perspective]
    if perspective not in choices:
        raise f.refuse(record.at("perspective"), f"one of {', '.join(choices)}", perspective)
    answers = record.raw("answers")
    if not isinstance(answers, dict):
        raise f.refuse(record.at("answers"), "an object of item ids and answers", answers)
    try:
        checked = validate_answers(instrument, answers)
    except InputError as exc:
        raise InputError(f"{record.at('answers')}: {exc.message}") from None
    score = score_answers(instrument, checked, Perspective(perspective))
    return ImportedSelfCheck(taken_at, checked, score)


def _practice_id(record: f.Record, vocabulary: Vocabulary) -> str:
    value = record.raw("practice_id")
    if not isinstance(value, str) or value not in vocabulary.practice_ids:
        raise InputError(
            f"{record.at('practice_id')}: unknown practice {f.describe(value)}; "
            "expected a practice id from the library",
            hint="List them with: reconnect practice list",
        )
    return value


def _practice(record: f.Record, vocabulary: Vocabulary) -> ImportedPractice:
    limit = vocabulary.max_reflection_chars
    return ImportedPractice(
        done_at=record.read("done_at", f.moment),
        practice_id=_practice_id(record, vocabulary),
        reflection=record.read("reflection", lambda v, w: f.text_value(v, w, limit), ""),
        safety_check=record.read("safety_check", f.safety_check, None),
    )


def _days(value: object, where: str) -> tuple[str, ...]:
    days = f.string_list(value, where, max_items=7)
    try:
        return parse_days(",".join(days))
    except InputError:
        raise f.refuse(where, "a list of days such as mon, thu", value) from None


def _clock(value: object, where: str) -> time:
    expected = "a time like 21:15:00"
    if not isinstance(value, str) or len(value) > 20:
        raise f.refuse(where, expected, value)
    try:
        moment = time.fromisoformat(value)
    except ValueError:
        raise f.refuse(where, expected, value) from None
    if moment.tzinfo is not None:
        raise f.refuse(where, f"{expected} (local, without a time zone)", value)
    return moment


def _reminder(record: f.Record, vocabulary: Vocabulary) -> ImportedReminder:
    return ImportedReminder(
        created_at=record.read("created_at", f.moment),
        practice_id=_practice_id(record, vocabulary),
        days=record.read("days", _days),
        at=record.read("at", _clock),
    )
