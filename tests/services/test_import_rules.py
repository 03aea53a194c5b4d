"""Imported values meet the same rules as typed ones; derived data is worked out again."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.reminders import MAX_REMINDERS
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import InputError
from reconnect.services import journal, reminders, selfcheck, transfer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services

MOMENT = "2026-01-02T09:00:00+00:00"


@pytest.fixture
def services(sqlite_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=sqlite_url))
    yield built
    built.close()


def document(**sections: Any) -> str:
    return json.dumps({"format": "reconnect-export", "version": 1, **sections})


def selfcheck_record(**extra: Any) -> dict[str, Any]:
    instrument = selfcheck.get_instrument()
    return {
        "taken_at": MOMENT,
        "instrument": instrument.id,
        "instrument_version": instrument.version,
        "perspective": "self",
        "answers": {item.id: instrument.scale.values[-1] for item in instrument.items},
        "dimensions": [],
        "seek_help": [],
        "missing": [],
        **extra,
    }


def test_a_self_check_score_is_worked_out_again_from_its_answers(services: Services) -> None:
    batch = transfer.parse_import("json", document(selfchecks=[selfcheck_record()]))
    transfer.import_batch(services, batch)
    (saved,) = selfcheck.selfcheck_history(services)
    instrument = selfcheck.get_instrument()
    expected = selfcheck.take_selfcheck(
        services, perspective=Perspective.SELF, answers=dict(saved.answers)
    )
    assert saved.score == expected.score
    assert saved.score.dimensions and saved.score.seek_help == expected.score.seek_help
    assert instrument.id == saved.score.instrument_id


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        pytest.param(
            {"selfchecks": [selfcheck_record(answers={"nope": 1})]},
            r"selfchecks\[0\]\.answers: unknown item id 'nope'",
            id="unknown-item",
        ),
        pytest.param(
            {"selfchecks": [selfcheck_record(instrument_version=99)]},
            r"selfchecks\[0\]\.instrument_version: expected version \d+, not 99",
            id="instrument-version",
        ),
        pytest.param(
            {"entries": [{"written_at": "2026-01-02T09:00:00", "text": "x"}]},
            r"entries\[0\]\.written_at: expected a date-time with a time zone",
            id="naive-moment",
        ),
        pytest.param(
            {"entries": [{"written_at": MOMENT, "text": "x", "safety_check": {"answer": 1}}]},
            r'entries\[0\]\.safety_check: the answer must be "safe" or "help", not 1',
            id="safety-answer",
        ),
        pytest.param(
            {"checkins": [{"checked_at": MOMENT, "pleasantness": True, "energy": 3}]},
            r"checkins\[0\]\.pleasantness: expected a whole number from 1 to 10, not true",
            id="boolean-scale",
        ),
        pytest.param(
            {"reminders": [{"practice_id": "body-scan", "days": ["funday"], "at": "21:00"}]},
            r"reminders\[0\]\.created_at: missing",
            id="reminder-missing-field",
        ),
        pytest.param(
            {"entries": [[[[["deep"]]]]]},
            r"entries\[0\]: expected an object, not a list of 1",
            id="nested-list",
        ),
    ],
)
def test_a_bad_value_names_its_json_path(
    services: Services, sections: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        transfer.parse_import("json", document(**sections))


def test_reminders_beyond_the_limit_import_nothing(services: Services) -> None:
    for _ in range(MAX_REMINDERS - 1):
        reminders.add_reminder(services, "body-scan", days="mon", at="08:00")
    record = {"practice_id": "box-breathing", "days": ["thu"], "at": "21:15:00"}
    file = document(
        entries=[{"written_at": MOMENT, "text": "kept out"}],
        reminders=[{**record, "created_at": MOMENT}] * 2,
    )
    with pytest.raises(InputError, match=f"at most {MAX_REMINDERS} in all"):
        transfer.import_batch(services, transfer.parse_import("json", file))
    assert len(reminders.list_reminders(services)) == MAX_REMINDERS - 1
    assert journal.list_entries(services) == []
