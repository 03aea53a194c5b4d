"""The stand-down suite (issue 14): abuse or coercion in a partner's private writing pauses
the shared check-ins for both, and a look-alike does not. Run end to end through the API:
the writer saves a journal entry, the other partner reads this week's check-in.

The suite is the detector's dev set (35 statements, 35 look-alikes, written by a helper who
never saw the rules) and its dev2 set (150 and 150, partly tuned on). Before round two the
detector (rules and learned layer) found 40 of 50, 35 of 60 and 45 of 100 statements of three
sets it had not been tuned on (tests/analysis/test_harm.py); those sets are now development
data and are all found, so "every abuse statement pauses" holds here, not yet on unseen
writing. With the sentence reader (``analysis/harm_reader.py``) the detector finds 69 and 60
of 100 statements of two later held-out sets (fresh2, fresh3).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from reconnect.analysis.harm import find_harm
from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.services import accounts
from reconnect.web.app import create_app
from tests.analysis.test_harm_reader import UNSEEN_STATEMENTS
from tests.server.conftest import BASE, PASSWORDS, log_in

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).resolve().parents[1] / "analysis" / "data"


def _load(name: str) -> list[tuple[str, bool]]:
    rows = [
        json.loads(line)
        for line in (DATA / f"coercion_{name}.jsonl").read_text("utf-8").splitlines()
    ]
    return [(row["text"], bool(row["harm"])) for row in rows]


SUITE = _load("dev") + _load("dev2")
STATEMENTS = [text for text, harm in SUITE if harm]
LOOK_ALIKES = [text for text, harm in SUITE if not harm]


@pytest.fixture(scope="module")
def couple(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient]]:
    """Alex and Sam, paired, on one SQLite server for the whole module."""
    folder = tmp_path_factory.mktemp("stand-down")
    settings = Settings(
        server_database_url=f"sqlite:///{folder / 'server' / 'server.db'}", test_fast_kdf=True
    )
    server = build_server(settings)
    for name in ("alex", "sam"):
        accounts.add_account(server, name, PASSWORDS[name])
    app = create_app(settings, server=server)
    with TestClient(app, base_url=BASE) as alex, TestClient(app, base_url=BASE) as sam:
        log_in(alex, "alex")
        log_in(sam, "sam")
        code = alex.post("/api/couple/invite").json()["code"]
        assert sam.post("/api/couple/join", json={"code": code}).status_code == 200
        yield alex, sam
    server.close()


def test_the_suite_is_large_enough() -> None:
    assert len(STATEMENTS) >= 40
    assert len(LOOK_ALIKES) >= 40


def _paused_for_alex(alex: TestClient) -> bool:
    seen = alex.get("/api/couple").json()
    return bool(seen["paused"])


def test_each_statement_the_detector_reads_pauses_check_ins_for_both(
    couple: tuple[TestClient, TestClient],
) -> None:
    alex, sam = couple
    found = [text for text in STATEMENTS if find_harm(text)]
    assert len(found) >= 179  # dev 35/35 and dev2 144/150 when measured
    for text in found:
        assert sam.post("/api/entries", json={"text": text}).status_code == 201
        seen = alex.get("/api/couple")
        assert seen.json()["paused"] is True, text
        assert text not in seen.text
        assert sam.post("/api/couple/resume").status_code == 204  # the writer alone resumes
    assert sam.get("/api/couple").json()["paused"] is False


def test_no_look_alike_pauses_anything(couple: tuple[TestClient, TestClient]) -> None:
    alex, sam = couple
    for text in LOOK_ALIKES:
        assert sam.post("/api/entries", json={"text": text}).status_code == 201
        assert not _paused_for_alex(alex), text


# Ordinary journal entries about someone close (``tests/analysis/data/markers_fresh2.jsonl``,
# written by a helper who saw no code) that round four's sentence reader read as abuse.
ORDINARY_ENTRIES = [
    "Held hands with Dan on the walk home. First time in months I reached for him first.",
    'Told my husband I\'ve been feeling far away from him for months. He said "me too". We sat '
    "in the kitchen talking until two.",
    "Told him about my childhood last night, properly, the bits I've never said. Woke up this "
    "morning wanting to take it all back and move to another city.",
    "Every time Leo asks what I'm thinking I say \"nothing\". If he saw what's actually in my "
    "head he'd go, and I'd rather he didn't get the chance.",
    'He said "I think I\'m falling for you" and I made a joke about Bridget Jones and then '
    "didn't text him back for four days.",
    "Said to Mum: I'll ring every Sunday, but I won't talk about my weight. She tried once, I "
    'said "Mum", she moved on. Lovely chat after that.',
]


def test_ordinary_entries_about_a_partner_or_family_pause_nothing(
    couple: tuple[TestClient, TestClient],
) -> None:
    alex, sam = couple
    for text in ORDINARY_ENTRIES:
        assert sam.post("/api/entries", json={"text": text}).status_code == 201
        assert not _paused_for_alex(alex), text
        assert not sam.get("/api/couple").json()["paused"], text


def test_a_statement_only_the_learned_readers_find_pauses_check_ins_too(
    couple: tuple[TestClient, TestClient],
) -> None:
    alex, sam = couple
    learned_only = [
        t for t in UNSEEN_STATEMENTS if find_harm(t) and not find_harm(t, learned=False)
    ]
    assert len(learned_only) >= 3, learned_only
    for text in learned_only:
        assert sam.post("/api/entries", json={"text": text}).status_code == 201
        seen = alex.get("/api/couple")
        assert seen.json()["paused"] is True, text
        assert text not in seen.text
        assert sam.post("/api/couple/resume").status_code == 204
