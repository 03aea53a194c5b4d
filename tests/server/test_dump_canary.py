"""ENC-10 for the server: a canary scan of a ``pg_dump`` taken while people are logged in,
together with every file the server keeps (and the SQLite variant's server.db, its -wal and
-shm, and every journal file), finds no plaintext: no journal words, password, recovery
key, one-time-code secret or session cookie. The canaries are found in the API's answers,
so the scan can fail."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pyotp
import pytest

from reconnect.domain.safety_plan import SECTION_KEYS
from tests.server.conftest import PASSWORDS
from tests.server.test_authz_matrix import json_body

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient

    from tests.server.conftest import Clock, People


def canary() -> str:
    return f"canary-{uuid.uuid4().hex}"


def forms_of(secret: str) -> list[bytes]:
    """A secret as it could sit in a dump or a file: UTF-8, hex (bytea), UTF-16."""
    raw = secret.encode()
    return [raw, raw.hex().encode(), secret.encode("utf-16-le")]


def cookie_forms(cookie: str) -> list[bytes]:
    """The session cookie, and the raw id and secret inside it in raw and hex form."""
    raw = base64.urlsafe_b64decode(cookie + "==")
    return [cookie.encode(), raw, raw.hex().encode()]


def found_in(blob: bytes, needles: dict[str, list[bytes]]) -> list[str]:
    return sorted(name for name, forms in needles.items() if any(f in blob for f in forms))


def server_files(server_url: str) -> list[Path]:
    """Every file under the test's HOME, and the SQLite server's folder."""
    roots = [Path(os.environ["HOME"])]
    if server_url.startswith("sqlite"):
        roots.append(Path(server_url.removeprefix("sqlite:///")).parent)
    return [path for root in roots for path in root.rglob("*") if path.is_file()]


def test_a_dump_and_the_server_files_hold_no_plaintext_while_people_are_logged_in(
    server_url: str,
    people: People,
    client_for: Callable[[str | None], TestClient],
    clock: Clock,
) -> None:
    """ENC-10 (server): dump (or read) everything while both sessions are live; scan."""
    people.add("alex")
    people.add("sam")
    alex = client_for("alex")
    sam = client_for("sam")
    needles: dict[str, list[bytes]] = {}
    for who, client in (("alex", alex), ("sam", sam)):
        words = {kind: canary() for kind in ("entry", "note", "plan", "reflection")}
        entry = client.post(
            "/api/entries", json={"text": f"We argued about money again. {words['entry']} Hm."}
        )
        assert entry.status_code == 201, entry.text
        checkin = client.post(
            "/api/checkins",
            json={"pleasantness": 3, "energy": 6, "note": f"Restless. {words['note']}"},
        )
        assert checkin.status_code == 201, checkin.text
        assert client.post("/api/selfchecks", json=json_body("selfcheck", "")).status_code == 201
        plan = dict.fromkeys(SECTION_KEYS, f"Ring my brother. {words['plan']}")
        saved = client.post("/safety-plan", data=plan, follow_redirects=False)
        assert saved.status_code == 303, saved.text
        done = client.post(
            "/practices/box-breathing/done",
            data={"reflection": f"Slower now. {words['reflection']}"},
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        # The scan can fail: the words are there, in the clear, for their owner.
        assert words["entry"] in client.get(f"/api/entries/{entry.json()['id']}").text
        assert words["note"] in client.get("/api/checkins").text
        assert words["plan"] in client.get("/safety-plan").text
        for kind, word in words.items():
            needles[f"{who} {kind}"] = forms_of(word)
        needles[f"{who} password"] = forms_of(PASSWORDS[who])
        needles[f"{who} recovery key"] = forms_of(people.recovery[who])
        cookie = client.cookies.get("reconnect_session")
        assert cookie
        needles[f"{who} session cookie"] = cookie_forms(cookie)
    secret = sam.post("/api/totp/enrol").json()["secret"]
    confirmed = sam.post("/api/totp/confirm", json={"code": pyotp.TOTP(secret).at(clock.now)})
    assert confirmed.status_code == 204, confirmed.text
    needles["sam totp secret"] = [*forms_of(secret), base64.b32decode(secret)]
    assert sam.get("/api/me").json()["totp"] is True  # still logged in, with codes now
    assert alex.get("/api/entries").status_code == 200

    leaks: dict[str, list[str]] = {}
    if server_url.startswith("postgresql"):
        pg_dump = shutil.which("pg_dump")
        assert pg_dump is not None, "pg_dump is needed for this test"
        dump = subprocess.run(
            [pg_dump, "--no-owner", "-d", server_url],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
        assert b"CREATE TABLE" in dump and len(dump) > 10_000  # a real dump of the data
        leaks["pg_dump"] = found_in(dump, needles)
    files = server_files(server_url)
    if server_url.startswith("sqlite"):
        names = {path.name for path in files}
        assert "server.db" in names
        assert len([path for path in files if "journals" in path.parts]) >= 2
    for path in files:
        leaks[str(path)] = found_in(path.read_bytes(), needles)
    leaks = {where: found for where, found in leaks.items() if found}
    assert not leaks, leaks


@pytest.mark.parametrize("secret", ["otter", "kettle"])
def test_the_scanner_finds_what_is_there(secret: str) -> None:
    """The scan is not blind: plain, hex and UTF-16 forms are each found."""
    needles = {"x": forms_of(secret)}
    for form in forms_of(secret):
        assert found_in(b"..." + form + b"...", needles) == ["x"]
    assert found_in(b"nothing here", needles) == []
