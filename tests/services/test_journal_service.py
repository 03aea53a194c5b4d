"""Journal and check-in use cases on real databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.entries import MAX_ENTRY_CHARS
from reconnect.errors import InputError, NotFoundError
from reconnect.services import checkins, journal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=database_url))
    yield built
    built.close()


def test_an_entry_is_analysed_labelled_and_read_back(services: Services) -> None:
    entry = journal.write_entry(
        services,
        "Lunch with @Sam and #family. I said I'm fine but I feel nothing.",
        tags=["Work"],
        activities=["walk"],
        written_at=START,
    )
    again = journal.get_entry(services, entry.id)
    assert again == entry
    assert again.tags == ("family", "work")
    assert again.people == ("sam",)
    assert again.activities == ("walk",)
    assert {"numbness", "suppression"} <= again.marker_names
    assert again.analysis is not None and again.analysis.analyzer_version


def test_crisis_language_is_flagged_on_the_entry(services: Services) -> None:
    assert journal.write_entry(services, "I don't want to be here anymore.").crisis


def test_entries_are_listed_oldest_first_and_filtered(services: Services) -> None:
    for day, text in enumerate(
        ["I feel numb #work", "Lovely walk with @ana", "Dodged Dad's call again #family"]
    ):
        journal.write_entry(services, text, written_at=START + timedelta(days=day))
    all_entries = journal.list_entries(services)
    assert [e.text[:6] for e in all_entries] == ["I feel", "Lovely", "Dodged"]
    assert len(journal.list_entries(services, journal.EntryQuery(tag="#family"))) == 1
    assert len(journal.list_entries(services, journal.EntryQuery(person="ANA"))) == 1
    assert len(journal.list_entries(services, journal.EntryQuery(marker="numbness"))) == 1
    assert len(journal.list_entries(services, journal.EntryQuery(text="walk"))) == 1
    window = journal.EntryQuery(since=START + timedelta(days=1), until=START + timedelta(days=2))
    assert [e.text[:6] for e in journal.list_entries(services, window)] == ["Lovely"]


def test_editing_reanalyses_and_deleting_removes(services: Services) -> None:
    entry = journal.write_entry(services, "I feel numb")
    edited = journal.edit_entry(services, entry.id, "I opened up to my wife tonight #us")
    assert "reconnection" in edited.marker_names and edited.tags == ("us",)
    assert edited.written_at == entry.written_at
    journal.delete_entry(services, entry.id)
    with pytest.raises(NotFoundError):
        journal.get_entry(services, entry.id)
    with pytest.raises(NotFoundError, match="no entry with id 999"):
        journal.delete_entry(services, 999)
    with pytest.raises(NotFoundError):
        journal.edit_entry(services, 999, "x")


def test_limits_and_blank_entries(services: Services) -> None:
    assert journal.write_entry(services, "").text == ""
    journal.write_entry(services, "a" * MAX_ENTRY_CHARS)
    with pytest.raises(InputError, match="the limit is 20,000"):
        journal.write_entry(services, "a" * (MAX_ENTRY_CHARS + 1))
    with pytest.raises(InputError, match="NUL"):
        journal.write_entry(services, "bad\x00text")
    assert len(journal.list_entries(services)) == 2


def test_a_checkin_is_saved_with_its_quadrant_and_granularity(services: Services) -> None:
    saved = checkins.record_checkin(
        services, pleasantness=8, energy=3, feelings=["Calm", "grateful", "calm"], note="tea"
    )
    assert saved.quadrant == "green"
    assert saved.feelings == ("calm", "grateful")
    assert saved.granularity == 2
    assert checkins.list_checkins(services) == [saved]
    blank = checkins.record_checkin(services, pleasantness=2, energy=2, feelings=["cannot-name-it"])
    assert blank.granularity == 0
    assert not blank.crisis


def test_a_checkin_note_with_crisis_language_is_flagged(services: Services) -> None:
    saved = checkins.record_checkin(
        services, pleasantness=1, energy=1, note="honestly I want to disappear forever"
    )
    assert saved.crisis


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pleasantness": 0, "energy": 5}, "pleasantness must be from 1 to 10, not 0"),
        ({"pleasantness": 5, "energy": 11}, "energy must be from 1 to 10, not 11"),
        ({"pleasantness": 5, "energy": 5, "feelings": ["blorp"]}, "unknown feeling 'blorp'"),
        ({"pleasantness": 5, "energy": 5, "note": "x" * 2001}, "longer than 2,000"),
    ],
)
def test_bad_checkins_are_refused_and_nothing_is_saved(
    services: Services, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        checkins.record_checkin(services, **kwargs)  # type: ignore[arg-type]
    assert checkins.list_checkins(services) == []


def _as_if_read_by_an_older_analyzer(services: Services, entry_id: int) -> None:
    """Store an old-looking analysis (no markers, no crisis, version 2.2) for one entry."""
    from dataclasses import replace

    from reconnect.storage import entries as entry_rows

    with services.transaction() as connection:
        entry = entry_rows.get_entry(connection, entry_id)
        assert entry.analysis is not None
        old = replace(entry.analysis, analyzer_version="2.2", markers=(), crisis=False)
        entry_rows.replace_entry(connection, replace(entry, analysis=old))


def test_entries_of_an_older_analyzer_are_read_again(services: Services) -> None:
    from reconnect.analysis import ANALYZER_VERSION

    ordinary = journal.write_entry(services, "Lovely walk with @ana.", written_at=START)
    worrying = journal.write_entry(
        services, "I don't want to be here anymore.", written_at=START + timedelta(days=1)
    )
    for entry in (ordinary, worrying):
        _as_if_read_by_an_older_analyzer(services, entry.id)
    assert not journal.get_entry(services, worrying.id).crisis

    seen: list[tuple[int, int]] = []
    done = journal.reanalyse_entries(services, progress=lambda n, total: seen.append((n, total)))
    assert (done.read, done.newly_flagged, done.version) == (2, (worrying.id,), ANALYZER_VERSION)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    again = journal.get_entry(services, worrying.id)
    assert again.crisis
    assert again.analysis is not None and again.analysis.analyzer_version == ANALYZER_VERSION
    # Only the analysis changed: a new reading is not an edit.
    assert (again.text, again.written_at, again.updated_at) == (
        worrying.text,
        worrying.written_at,
        worrying.updated_at,
    )
    # Nothing is left to do, unless everything is asked for.
    assert journal.reanalyse_entries(services).read == 0
    everything = journal.reanalyse_entries(services, everything=True)
    assert (everything.read, everything.newly_flagged) == (2, ())
