"""The share summary: scopes, the entry rule, the allow-list and the PAIR-5 deny-list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reconnect.domain.entries import Entry
from reconnect.domain.insights import CheckInWeek, WeekTrend
from reconnect.domain.practices import PracticeLog
from reconnect.domain.share_summary import (
    NOT_A_DIAGNOSIS,
    Scope,
    ShareSummary,
    check_entry_ids,
    checkin_section,
    denied_keys_in,
    entry_section,
    marker_section,
    parse_scopes,
    practice_section,
    refuse_unsafe_entries,
    summary_from_json,
    summary_to_json,
)
from reconnect.errors import InputError

AT = datetime(2026, 12, 6, 9, tzinfo=UTC)


def test_scopes_are_read_in_a_fixed_order_and_unknown_ones_are_refused() -> None:
    assert parse_scopes(["entries", "selfchecks", "entries"]) == (Scope.SELFCHECKS, Scope.ENTRIES)
    with pytest.raises(InputError, match="unknown scope"):
        parse_scopes(["diary"])
    with pytest.raises(InputError, match="at least one"):
        parse_scopes([])


def test_entries_are_shared_only_when_named_and_only_with_the_entries_scope() -> None:
    assert check_entry_ids((Scope.ENTRIES,), [3, 3, 1]) == (3, 1)
    with pytest.raises(InputError, match="needs the ids"):
        check_entry_ids((Scope.ENTRIES,), [])
    with pytest.raises(InputError, match="only shared with the entries scope"):
        check_entry_ids((Scope.SELFCHECKS,), [1])


def test_an_entry_about_harm_is_refused_by_id() -> None:
    calm = Entry(1, AT, AT, "A walk.")
    refuse_unsafe_entries([calm])
    with pytest.raises(InputError, match="entry 1 cannot be shared"):
        refuse_unsafe_entries([calm], harmful=[1])


def test_sections_copy_only_their_allowed_fields_and_round_trip() -> None:
    week = WeekTrend(date(2026, 11, 30), 7, {"numbness": 0.5}, -0.2, 1.5)
    mood = CheckInWeek(date(2026, 11, 30), 3, 5.333, 4.0, 1.0, 1)
    logs = [PracticeLog(1, "box-breathing", AT, reflection="private", crisis=True)]
    summary = ShareSummary(
        made_at=AT.isoformat(),
        scopes=("checkin_trends", "marker_trends", "practices", "entries"),
        notice=NOT_A_DIAGNOSIS,
        checkin_trends=checkin_section([mood]),
        marker_trends=marker_section([week]),
        practices=practice_section(logs, {"box-breathing": "Box breathing"}),
        entries=entry_section([Entry(2, AT, AT, "Shared words.", tags=("work",))]),
    )
    data = summary_to_json(summary)
    assert "selfchecks" not in data
    assert data["marker_trends"] == [
        {"week_start": "2026-11-30", "marker_rates": {"numbness": 0.5}}
    ]
    assert data["checkin_trends"][0]["mean_pleasantness"] == 5.33
    assert data["practices"] == [
        {"practice_id": "box-breathing", "title": "Box breathing", "done_at": AT.isoformat()}
    ]
    assert data["entries"] == [{"id": 2, "written_at": AT.isoformat(), "text": "Shared words."}]
    assert "private" not in str(data) and not denied_keys_in(data)
    assert summary_from_json(data) == summary


def test_the_deny_list_is_found_at_any_depth() -> None:
    assert denied_keys_in({"a": [{"b": {"streaks": 1}}], "crisis": False}) == {"streaks", "crisis"}
