"""Export and import: the round trip loses nothing; bad files import nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from tests.conftest import create_journal

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import InputError
from reconnect.services import (
    checkins,
    journal,
    practices,
    reminders,
    safety_plan,
    selfcheck,
    transfer,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from reconnect.services import Services

JRNL = {
    "tags": {"@work": 1},
    "entries": [
        {
            "title": "Flat day.",
            "body": "I feel nothing at work.",
            "date": "2025-03-01",
            "time": "21:30",
            "tags": ["@work"],
            "starred": False,
        },
        {
            "title": "Called Mum and opened up to her.",
            "body": "",
            "date": "2025-03-02",
            "time": "08:05",
            "tags": [],
            "starred": True,
        },
    ],
}
DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2025-03-02,March 2,Sunday,8:15 pm,good,friends | walk,,Lovely walk with Ana\n"
    "2025-03-01,March 1,Saturday,21:00,awful,work,Tired,I feel numb and empty\n"
    "2025-02-28,February 28,Friday,10:00 am,meh,,,\n"
)


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url))
    yield built
    built.close()


def fill(services: Services) -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for day, text in enumerate(
        ["I feel nothing #work @sam", "Walk +outside, calm", "Ünïcode ✨ 😶"]
    ):
        journal.write_entry(services, text, written_at=start + timedelta(days=day))
    checkins.record_checkin(services, pleasantness=3, energy=2, feelings=["numb"], note="meh")
    answers = {item.id: 2 for item in selfcheck.get_instrument().items}
    selfcheck.take_selfcheck(services, perspective=Perspective.PARTNER, answers=answers)
    practices.log_practice(services, "body-scan", reflection="felt my feet for once")
    reminders.add_reminder(services, "box-breathing", days="mon,thu", at="21:15")
    safety_plan.save_plan(
        services, {"warning_signs": ["I stop eating"], "reasons": ["my sister", "the sea ✨"]}
    )


def test_json_export_then_import_into_an_empty_database_gives_the_same_journal(
    services: Services, tmp_path: Path, sqlite_url: str
) -> None:
    fill(services)
    first = transfer.export_text(services, "json")
    path = tmp_path / "export.json"
    transfer.write_atomically(path, first)
    other = build_services(Settings(database_url=create_journal(f"sqlite:///{tmp_path / 'e.db'}")))
    try:
        done = transfer.import_batch(other, transfer.read_import("json", path))
        assert (done.entries, done.checkins, done.selfchecks, done.crisis) == (3, 1, 1, False)
        assert transfer.export_text(other, "json") == first
    finally:
        other.close()


def test_priv2_every_table_holding_content_is_in_the_json_export(services: Services) -> None:
    from reconnect.storage.codec import payload_tables

    fill(services)
    document = json.loads(transfer.export_text(services, "json"))
    exported = {
        "entries": "entries",
        "checkins": "checkins",
        "selfcheck_results": "selfchecks",
        "practice_log": "practice_log",
        "reminders": "reminders",
        "safety_plan": "safety_plan",
    }
    for table, _key in payload_tables():
        name = table.__tablename__
        if name == "selfcheck_drafts":
            continue  # an unfinished questionnaire, discarded or finished by its owner
        assert document[exported[name]], name


def test_csv_and_markdown_exports_hold_the_entries(services: Services) -> None:
    fill(services)
    csv_text = transfer.export_text(services, "csv")
    assert csv_text.splitlines()[0].startswith("id,written_at,text")
    assert "numbness" in csv_text and "Ünïcode ✨ 😶" in csv_text
    markdown = transfer.export_text(services, "md")
    assert "# My reconnect journal" in markdown and "pleasantness 3" in markdown


def test_a_jrnl_export_is_imported_with_its_tags(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(JRNL), encoding="utf-8")
    done = transfer.import_batch(services, transfer.read_import("jrnl", path))
    assert (done.entries, done.checkins, done.selfchecks) == (2, 0, 0)
    first, second = journal.list_entries(services)
    assert first.text == "Flat day.\n\nI feel nothing at work."
    assert first.tags == ("work",)
    assert first.written_at == datetime(2025, 3, 1, 21, 30, tzinfo=UTC)
    assert "numbness" in first.marker_names
    assert "reconnection" in second.marker_names


def test_a_daylio_export_gives_checkins_and_entries(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    done = transfer.import_batch(services, transfer.read_import("daylio", path))
    assert (done.entries, done.checkins, done.selfchecks) == (2, 3, 0)
    moods = sorted((c.checked_at, c.pleasantness) for c in checkins.list_checkins(services))
    assert [p for _, p in moods] == [5, 1, 7]
    walk = journal.list_entries(services, journal.EntryQuery(activity="walk"))
    assert [e.text for e in walk] == ["Lovely walk with Ana"]
    assert walk[0].written_at == datetime(2025, 3, 2, 20, 15, tzinfo=UTC)


def test_daylio_activities_become_plain_labels(services: Services, tmp_path: Path) -> None:
    # Issue 11, item 14: "movies / tv" became "movies-/-tv".
    path = tmp_path / "daylio.csv"
    path.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2025-03-02,March 2,Sunday,8:15 pm,good,movies / tv | good meal |  | café,,Film night\n",
        encoding="utf-8",
    )
    transfer.import_batch(services, transfer.read_import("daylio", path))
    (entry,) = journal.list_entries(services)
    assert entry.activities == ("movies-tv", "good-meal", "café")


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        (
            "daylio",
            DAYLIO.replace("8:15 pm,good", "8:15 pm,ecstatic"),
            "line 2, field mood: unknown mood",
        ),
        (
            "daylio",
            DAYLIO.replace("2025-03-01,March 1", "2025-13-01,March 1"),
            "line 3, fields full_date and time: invalid date",
        ),
        ("daylio", "date,mood\n1,good\n", "line 1: this is not a Daylio export"),
        ("jrnl", json.dumps({"entries": [{"title": "x"}]}), r"entries\[0\]\.date: missing"),
        ("jrnl", "{not json", "line 1: not valid JSON"),
        ("json", json.dumps({"format": "other"}), "this is not a reconnect export"),
        (
            "json",
            json.dumps({"format": "reconnect-export", "version": 1, "entries": [{"text": "x"}]}),
            r"entries\[0\]",
        ),
    ],
)
def test_a_bad_file_names_its_line_and_imports_nothing(
    services: Services, tmp_path: Path, kind: str, content: str, message: str
) -> None:
    path = tmp_path / "bad"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        transfer.import_batch(services, transfer.read_import(kind, path))
    assert journal.list_entries(services) == []
    assert checkins.list_checkins(services) == []


def test_missing_and_binary_files_are_clear_errors(services: Services, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        transfer.read_import("json", tmp_path / "none.json")
    binary = tmp_path / "bin"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="not UTF-8"):
        transfer.read_import("jrnl", binary)
    with pytest.raises(InputError, match="unknown import kind"):
        transfer.read_import("diaro", binary)


def test_an_export_that_cannot_be_written_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    with pytest.raises(InputError, match="cannot write"):
        transfer.write_atomically(target, "{}")
    assert not target.exists()
    ok = tmp_path / "out.json"
    transfer.write_atomically(ok, "complete")
    assert ok.read_text() == "complete"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_safe9_the_safety_plan_travels_in_the_json_export(
    services: Services, tmp_path: Path
) -> None:
    fill(services)
    document = json.loads(transfer.export_text(services, "json"))
    assert document["safety_plan"]["sections"]["reasons"] == ["my sister", "the sea ✨"]
    other = build_services(Settings(database_url=create_journal(f"sqlite:///{tmp_path / 'p.db'}")))
    try:
        done = transfer.import_batch(other, transfer.parse_import("json", json.dumps(document)))
        assert done.safety_plan
        assert safety_plan.get_plan(other).section("warning_signs") == ("I stop eating",)
        # A journal's own plan is never replaced by an imported one.
        safety_plan.save_plan(other, {"reasons": ["mine"]})
        again = transfer.import_batch(other, transfer.parse_import("json", json.dumps(document)))
        assert not again.safety_plan
        assert safety_plan.get_plan(other).section("reasons") == ("mine",)
    finally:
        other.close()


def test_safe9_a_hostile_safety_plan_in_a_file_imports_nothing(services: Services) -> None:
    document = json.loads(transfer.export_text(services, "json"))
    document["entries"] = [{"written_at": "2026-01-01T09:00:00+00:00", "text": "a day"}]
    document["safety_plan"] = {"sections": {"coping": ["ok", "x" * 100_000]}}
    with pytest.raises(InputError, match="safety_plan"):
        transfer.import_batch(services, transfer.parse_import("json", json.dumps(document)))
    document["safety_plan"] = {"sections": {"coping": ["a\x00b"]}}
    with pytest.raises(InputError, match="NUL"):
        transfer.import_batch(services, transfer.parse_import("json", json.dumps(document)))
    assert journal.list_entries(services) == []
    assert safety_plan.get_plan(services).is_empty
