"""``reconnect import`` as a user runs it: analysis is read again, bad files import nothing."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import pytest
from tests.forked_cli import run_cli

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.services import journal, transfer

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

CRISIS = "I want to kill myself tonight"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--db", db, *args], env={**os.environ, "RECONNECT_COUNTRY": "US"}, timeout=120)


def export_document(db: str) -> dict[str, Any]:
    """Everything in the journal, read in this process (as ``reconnect export`` writes it)."""
    services = build_services(Settings(database_url=db))
    try:
        data: dict[str, Any] = json.loads(transfer.export_text(services, "json"))
    finally:
        services.close()
    return data


def write_entry(db: str, text: str) -> None:
    services = build_services(Settings(database_url=db))
    try:
        journal.write_entry(services, text)
    finally:
        services.close()


def native(**parts: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"format": "reconnect-export", "version": 1}
    return {**document, **parts}


def entry(text: str, **extra: Any) -> dict[str, Any]:
    moment = "2026-01-02T09:00:00+00:00"
    return {
        "written_at": moment,
        "updated_at": moment,
        "text": text,
        "tags": [],
        "people": [],
        "activities": [],
        "safety_check": None,
        **extra,
    }


def checkin(**extra: Any) -> dict[str, Any]:
    return {
        "checked_at": "2026-01-02T10:00:00+00:00",
        "pleasantness": 4,
        "energy": 3,
        "feelings": ["numb"],
        "note": "",
        "safety_check": None,
        **extra,
    }


def practice(**extra: Any) -> dict[str, Any]:
    return {
        "practice_id": "body-scan",
        "done_at": "2026-01-02T11:00:00+00:00",
        "reflection": "",
        "safety_check": None,
        **extra,
    }


def reminder(**extra: Any) -> dict[str, Any]:
    return {
        "practice_id": "box-breathing",
        "days": ["mon", "thu"],
        "at": "21:15:00",
        "created_at": "2026-01-02T12:00:00+00:00",
        **extra,
    }


# Defect 4: an imported analysis is never trusted.


def test_a_forged_analysis_is_read_again_and_crisis_shows_resources(
    sqlite_url: str, tmp_path: Path
) -> None:
    forged = native(
        entries=[
            entry("I feel nothing at work", analysis={"markers": "zzz"}),
            entry(CRISIS, analysis={"crisis": False, "markers": [], "concern": False}),
        ],
        checkins=[checkin(note=CRISIS, crisis=False, concern=False)],
        practice_log=[practice(reflection=CRISIS, crisis=False)],
    )
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(forged), encoding="utf-8")

    done = run(sqlite_url, "import", "json", str(path))
    assert done.returncode == 0, done.stderr
    assert "help is available now" in "\n".join(done.stdout.splitlines()[:4])
    assert "988" in done.stdout
    assert "Traceback" not in done.stderr

    for command in (["log"], ["show", "1"], ["insights"]):
        shown = run(sqlite_url, *command)
        assert shown.returncode == 0, (command, shown.stderr)
        assert "unexpected problem" not in shown.stderr
    report = tmp_path / "report.html"
    assert run(sqlite_url, "report", "-o", str(report)).returncode == 0
    listed = json.loads(run(sqlite_url, "log", "--json").stdout)
    assert [e["crisis"] for e in listed] == [False, True]
    assert "numbness" in [m["name"] for m in listed[0]["analysis"]["markers"]]
    assert all(e["needs_reanalysis"] is False for e in listed)
    saved = export_document(sqlite_url)
    assert saved["checkins"][0]["crisis"] is True
    assert saved["practice_log"][0]["crisis"] is True


def test_import_json_output_carries_counts_and_crisis_resources(
    sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "forged.json"
    document = native(
        entries=[entry(CRISIS, analysis={"crisis": False})],
        checkins=[checkin()],
        practice_log=[practice()],
        reminders=[reminder()],
    )
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run(sqlite_url, "import", "json", "--json", str(path))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["entries"], data["checkins"], data["selfchecks"]) == (1, 1, 0)
    assert (data["practice_logs"], data["reminders"], data["crisis"]) == (1, 1, True)
    assert "988" in json.dumps(data["crisis_resources"])

    calm = tmp_path / "calm.json"
    calm.write_text(json.dumps(native(entries=[entry("A quiet walk")])), encoding="utf-8")
    quiet = json.loads(run(sqlite_url, "import", "json", "--json", str(calm)).stdout)
    assert (quiet["crisis"], quiet["crisis_resources"]) == (False, None)


def test_the_summary_counts_practice_logs_and_reminders(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    document = native(practice_log=[practice(), practice()], reminders=[reminder()])
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run(sqlite_url, "import", "json", str(path))
    assert done.returncode == 0, done.stderr
    assert "2 practice logs and 1 reminder." in done.stderr


# Defect 5: every bad input names where, what and what was expected; nothing is imported.


def daylio(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def daylio_row(day: int, note: str = "a note") -> str:
    return f"2025-03-{day:02d},March {day},Sunday,8:15 pm,good,walk | friends,,{note}"


ROWS = [daylio_row(day) for day in range(1, 10)]
UNCLOSED = [*ROWS[:2], daylio_row(3, '"I said "no" and left'), *ROWS[3:]]
UNCLOSED_TO_END = [*ROWS[:2], daylio_row(3, '"the quote never closes'), *ROWS[3:]]

BAD_FILES = [
    pytest.param(
        "json",
        native(checkins=[checkin(pleasantness=99)]),
        ["checkins[0].pleasantness", "1 to 10", "99"],
        id="pleasantness-99",
    ),
    pytest.param(
        "json",
        native(checkins=[checkin(energy=-5)]),
        ["checkins[0].energy", "1 to 10", "-5"],
        id="energy-minus-5",
    ),
    pytest.param(
        "json",
        native(checkins=[checkin(feelings=["numb", "blorp"])]),
        ["checkins[0].feelings", "unknown feeling", "blorp"],
        id="unknown-feeling",
    ),
    pytest.param(
        "json",
        native(practice_log=[practice(practice_id="../../etc/passwd")]),
        ["practice_log[0].practice_id", "unknown practice", "../../etc/passwd"],
        id="practice-path",
    ),
    pytest.param(
        "json",
        native(reminders=[reminder(), reminder(practice_id="../../etc/passwd")]),
        ["reminders[1].practice_id", "unknown practice"],
        id="reminder-practice-path",
    ),
    pytest.param(
        "json",
        native(entries=[entry("fine"), entry("x", tags=5)]),
        ["entries[1].tags", "expected a list", "5"],
        id="tags-5",
    ),
    pytest.param(
        "json",
        native(entries=[entry("x" * 200_000)]),
        ["entries[0].text", "20,000"],
        id="huge-text",
    ),
    pytest.param(
        "json",
        "[" * 100_000 + "]" * 100_000,
        ["line 1", "nested"],
        id="deeply-nested",
    ),
    pytest.param(
        "jrnl",
        {"entries": [{"date": "2025-03-01", "title": "ok"}, {"date": "2025-03-02", "tags": 5}]},
        ["entries[1].tags", "expected a list"],
        id="jrnl-tags-5",
    ),
    pytest.param(
        "jrnl",
        {"entries": [{"date": "2025-03-01", "time": "25:99", "title": "ok"}]},
        ["entries[0].time", "expected"],
        id="jrnl-bad-time",
    ),
    pytest.param(
        "jrnl",
        {"entries": [{"date": "2025-03-01", "body": "x" * 200_000}]},
        ["entries[0]", "20,000"],
        id="jrnl-huge-body",
    ),
    pytest.param(
        "jrnl", '{"a":' * 50_000 + "1" + "}" * 50_000, ["line 1", "nested"], id="jrnl-deeply-nested"
    ),
    pytest.param("daylio", daylio(UNCLOSED), ["line 4", "quote"], id="daylio-stray-quote"),
    pytest.param(
        "daylio", daylio(UNCLOSED_TO_END), ["line 4", "quote"], id="daylio-unclosed-quote"
    ),
    pytest.param(
        "daylio",
        daylio([*ROWS[:2], "2025-03-03,March 3"]),
        ["line 4", "expected 8 fields", "found 2"],
        id="daylio-short-row",
    ),
    pytest.param(
        "daylio",
        daylio([ROWS[0], daylio_row(2, "x" * 200_000)]),
        ["line 3", "note", "20,000"],
        id="daylio-200k-field",
    ),
    pytest.param(
        "daylio",
        daylio([ROWS[0], daylio_row(2, "x" * 30_000)]),
        ["line 3", "note", "20,000"],
        id="daylio-30k-note",
    ),
    pytest.param(
        "daylio",
        daylio([ROWS[0], ROWS[1].replace("walk | friends", "a | " + "b" * 60)]),
        ["line 3", "activities"],
        id="daylio-long-activity",
    ),
]


@pytest.mark.parametrize(("kind", "content", "expected"), BAD_FILES)
def test_a_bad_file_says_where_and_what_and_imports_nothing(
    sqlite_url: str, tmp_path: Path, kind: str, content: Any, expected: list[str]
) -> None:
    write_entry(sqlite_url, "Already here #kept")
    before = export_document(sqlite_url)
    path = tmp_path / "bad"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")

    done = run(sqlite_url, "import", kind, str(path))
    assert done.returncode == 2, (done.stdout, done.stderr)
    message = done.stderr.strip().splitlines()[0]
    assert "unexpected problem" not in done.stderr and "Traceback" not in done.stderr
    for words in expected:
        assert words in message, message
    assert export_document(sqlite_url) == before
