"""The typed analysis in storage, and answers to the calm safety check, on real databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select, update
from tests.analysis_texts import CONCERN_TEXT, CRISIS_TEXT, ORDINARY_TEXT
from tests.conftest import create_journal

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.contracts import entry_out
from reconnect.domain.safety import SafetyAnswer
from reconnect.errors import InputError, NotFoundError
from reconnect.services import checkins, insights, journal, practices, transfer
from reconnect.services.safety_checks import (
    answer_checkin_check,
    answer_entry_check,
    answer_practice_check,
)
from reconnect.storage.codec import open_payload, seal_payload
from reconnect.storage.tables import EntryRow

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from reconnect.services import Services

NOW = datetime(2026, 5, 4, 21, 30, tzinfo=UTC)


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url), clock=lambda: NOW)
    yield built
    built.close()


def _stored(services: Services, entry_id: int) -> dict[str, Any]:
    """The entry's payload as stored, opened with the journal's own key."""
    with services.transaction() as connection:
        row = connection.execute(
            select(EntryRow.payload, EntryRow.uid).where(EntryRow.id == entry_id)
        ).one()
        return dict(json.loads(open_payload(connection, "entries", entry_id, row.payload, row.uid)))


def _store(services: Services, entry_id: int, payload: dict[str, Any]) -> None:
    """Put a payload in place as another version (or a bug) would have written it."""
    with services.transaction() as connection:
        sealed = seal_payload(connection, "entries", entry_id, json.dumps(payload))
        connection.execute(update(EntryRow).where(EntryRow.id == entry_id).values(**sealed))


def test_an_unsure_entry_asks_and_keeps_the_answer_encrypted_with_it(services: Services) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    assert entry.concern and not entry.crisis and entry.safety_check is None
    answered = answer_entry_check(services, entry.id, "safe")
    again = journal.get_entry(services, entry.id)
    assert again == answered
    assert again.safety_check is not None
    assert (again.safety_check.answer, again.safety_check.answered_at) == (
        SafetyAnswer.SAFE,
        NOW,
    )
    assert _stored(services, entry.id)["safety_check"] == {
        "answer": "safe",
        "answered_at": NOW.isoformat(),
    }
    with services.transaction() as connection:
        raw = connection.execute(select(EntryRow.payload).where(EntryRow.id == entry.id)).one()
    assert "safe" not in raw.payload and "answered_at" not in raw.payload


def test_a_later_answer_replaces_the_earlier_one(services: Services) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    answer_entry_check(services, entry.id, SafetyAnswer.SAFE)
    answer_entry_check(services, entry.id, SafetyAnswer.HELP)
    check = journal.get_entry(services, entry.id).safety_check
    assert check is not None and check.answer is SafetyAnswer.HELP


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        pytest.param("maybe", 'the answer must be "safe" or "help", not \'maybe\'', id="word"),
        pytest.param("", 'the answer must be "safe" or "help", not \'\'', id="empty"),
        pytest.param("SAFE", "not 'SAFE'", id="upper-case"),
        pytest.param(None, "not NoneType", id="none"),
        pytest.param(["safe"], "not list", id="list"),
    ],
)
def test_anything_but_safe_or_help_is_refused(
    services: Services, answer: Any, message: str
) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    with pytest.raises(InputError, match=message):
        answer_entry_check(services, entry.id, answer)
    assert journal.get_entry(services, entry.id).safety_check is None


def test_only_an_entry_that_asked_can_be_answered(services: Services) -> None:
    ordinary = journal.write_entry(services, ORDINARY_TEXT)
    crisis = journal.write_entry(services, CRISIS_TEXT)
    for entry in (ordinary, crisis):
        with pytest.raises(InputError, match="did not ask whether you are safe"):
            answer_entry_check(services, entry.id, "safe")
    with pytest.raises(NotFoundError, match="no entry with id 999"):
        answer_entry_check(services, 999, "safe")
    with pytest.raises(NotFoundError):
        answer_entry_check(services, 2**70, "help")


def test_im_safe_never_silences_a_later_crisis(services: Services) -> None:
    first = journal.write_entry(services, CONCERN_TEXT)
    answer_entry_check(services, first.id, "safe")
    later = journal.write_entry(services, CRISIS_TEXT)
    assert later.crisis
    out = entry_out(journal.get_entry(services, later.id), "US")
    assert out.crisis_resources is not None and out.crisis_resources.services


def test_editing_asks_again_and_reading_again_keeps_the_answer(services: Services) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    answer_entry_check(services, entry.id, "safe")
    again = journal.reanalyse_entries(services, everything=True)
    assert again.read == 1
    assert journal.get_entry(services, entry.id).safety_check is not None
    edited = journal.edit_entry(services, entry.id, CONCERN_TEXT + " Still here.")
    assert edited.safety_check is None
    assert journal.get_entry(services, entry.id).safety_check is None


def test_checkin_notes_and_reflections_ask_and_keep_their_answers(services: Services) -> None:
    checkin = checkins.record_checkin(services, pleasantness=4, energy=3, note=CONCERN_TEXT)
    assert checkin.concern and not checkin.crisis
    answer_checkin_check(services, checkin.id, "help")
    [saved] = checkins.list_checkins(services)
    assert saved.safety_check is not None and saved.safety_check.answer is SafetyAnswer.HELP
    calm = checkins.record_checkin(services, pleasantness=7, energy=6, note=ORDINARY_TEXT)
    with pytest.raises(InputError, match=f"check-in {calm.id} did not ask"):
        answer_checkin_check(services, calm.id, "safe")

    logged = practices.log_practice(services, "body-scan", CONCERN_TEXT)
    assert logged.concern and not logged.crisis
    answer_practice_check(services, logged.id, "safe")
    [done] = practices.practice_history(services)
    assert done.safety_check is not None and done.safety_check.answer is SafetyAnswer.SAFE
    with pytest.raises(NotFoundError):
        answer_practice_check(services, 404, "safe")


def test_an_analysis_stored_by_an_older_version_still_loads(services: Services) -> None:
    entry = journal.write_entry(services, "I feel nothing, numb all day.")
    old = _stored(services, entry.id)
    # Version 2.2 wrote no concern, no language and no subject on a marker.
    for key in ("concern", "language"):
        del old["analysis"][key]
    for marker in old["analysis"]["markers"]:
        del marker["subject"]
    old["analysis"]["analyzer_version"] = "2.2"
    _store(services, entry.id, old)
    again = journal.get_entry(services, entry.id)
    assert again.analysis is not None
    assert "numbness" in again.marker_names
    assert (again.analysis.language, again.concern, again.needs_reanalysis) == ("en", False, False)
    assert {m.subject for m in again.analysis.markers} == {"self"}


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param({"markers": "numbness"}, id="markers-not-a-list"),
        pytest.param({"markers": [{"name": "numbness"}]}, id="marker-without-score"),
        pytest.param({"valence": "very low"}, id="valence-not-a-number"),
        pytest.param({"crisis": "yes"}, id="crisis-not-a-flag"),
        pytest.param("not an object", id="analysis-a-string"),
    ],
)
def test_a_damaged_analysis_is_not_analysed_until_read_again(
    services: Services, damage: Any
) -> None:
    start = datetime(2026, 5, 1, 9, tzinfo=UTC)
    for day in range(3):
        journal.write_entry(services, "I feel nothing, numb.", written_at=start + timedelta(day))
    payload = _stored(services, 2)
    payload["analysis"] = {**payload["analysis"], **damage} if isinstance(damage, dict) else damage
    _store(services, 2, payload)

    entries = journal.list_entries(services)
    assert [e.needs_reanalysis for e in entries] == [False, True, False]
    assert entries[1].marker_names == frozenset() and not entries[1].crisis
    assert entry_out(entries[1]).analysis is None
    found = insights.compute_insights(services)
    assert (found.entries, found.not_analysed) == (2, 1)
    assert journal.list_entries(services, journal.EntryQuery(marker="numbness")) == [
        entries[0],
        entries[2],
    ]

    done = journal.reanalyse_entries(services)
    assert done.read == 1
    mended = journal.get_entry(services, 2)
    assert not mended.needs_reanalysis and "numbness" in mended.marker_names


def test_an_import_reads_every_text_again_and_trusts_no_analysis_in_the_file(
    services: Services, tmp_path: Path
) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    answer_entry_check(services, entry.id, "safe")
    journal.write_entry(services, CRISIS_TEXT)
    checkins.record_checkin(services, pleasantness=2, energy=2, note=CRISIS_TEXT)
    practices.log_practice(services, "body-scan", CONCERN_TEXT)
    document = json.loads(transfer.export_text(services, "json"))
    assert document["entries"][0]["safety_check"] == {
        "answer": "safe",
        "answered_at": NOW.isoformat(),
    }
    assert document["entries"][0]["analysis"]["concern"] is True
    assert document["practice_log"][0]["concern"] is True
    # A file that says nothing worrying was ever written: forged or stale, it is not believed.
    for item in document["entries"]:
        item["analysis"] = {"markers": [], "crisis": False, "concern": False}
    document["checkins"][0]["crisis"] = False
    document["practice_log"][0]["concern"] = False
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    fresh = create_journal(f"sqlite:///{tmp_path / 'imported.db'}")
    other = build_services(Settings(database_url=fresh), clock=lambda: NOW)
    try:
        done = transfer.import_batch(other, transfer.read_import("json", path))
        assert (done.entries, done.checkins, done.crisis) == (2, 1, True)
        first, second = journal.list_entries(other)
        assert first.concern and second.crisis
        assert first.safety_check is not None and first.safety_check.answer is SafetyAnswer.SAFE
        [checkin] = checkins.list_checkins(other)
        assert checkin.crisis
        [logged] = practices.practice_history(other)
        assert logged.concern
    finally:
        other.close()


def test_an_import_of_calm_texts_says_no_crisis(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "jrnl.json"
    path.write_text(
        json.dumps({"entries": [{"title": ORDINARY_TEXT, "body": "", "date": "2026-01-02"}]}),
        encoding="utf-8",
    )
    done = transfer.import_batch(services, transfer.read_import("jrnl", path))
    assert (done.entries, done.crisis) == (1, False)


def test_a_damaged_answer_in_an_import_names_the_item(services: Services, tmp_path: Path) -> None:
    entry = journal.write_entry(services, CONCERN_TEXT)
    answer_entry_check(services, entry.id, "safe")
    document = json.loads(transfer.export_text(services, "json"))
    document["entries"][0]["safety_check"]["answer"] = "fine"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match=r"entries\[0\]\.safety_check: the answer must be"):
        transfer.read_import("json", path)
