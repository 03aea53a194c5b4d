"""ENC-9: data keys rotate after their limit, and an edited row moves to the new key.

The limit (2^31 encryptions, well under NIST SP 800-38D's 2^32) is lowered on the
unlocked codec, as ``tests/security/test_encryption.py`` does for the rotation itself.
"""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.crypto.envelope import key_id_of
from reconnect.services import checkins, journal, vault
from tests.conftest import TEST_PASSPHRASE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture
def opened(sqlite_url: str) -> Iterator[Services]:
    services = build_services(
        Settings(database_url=sqlite_url, test_fast_kdf=True, passphrase=None)
    )
    vault.unlock(services, TEST_PASSPHRASE)
    yield services
    services.close()


def _key_of_entry(url: str, entry_id: int) -> int:
    with sqlite3.connect(_path(url)) as db:
        payload = db.execute("SELECT payload FROM entries WHERE id=?", (entry_id,)).fetchone()[0]
    return key_id_of(base64.b64decode(payload))


def _keys(url: str) -> list[tuple[int, int, int]]:
    with sqlite3.connect(_path(url)) as db:
        return db.execute("SELECT id, encryptions, active FROM data_keys ORDER BY id").fetchall()


def _rotate(services: Services, limit: int) -> None:
    codec = services.keys.codec
    assert codec is not None
    codec.rotate_after = limit  # type: ignore[attr-defined]


def test_enc9_an_edited_entry_is_sealed_again_under_the_new_key(opened: Services) -> None:
    url = opened.settings.database_url
    first = journal.write_entry(opened, "written under the first key")
    second = journal.write_entry(opened, "also under the first key, never edited")
    old_key = _key_of_entry(url, first.id)
    assert _key_of_entry(url, second.id) == old_key

    _rotate(opened, 2)
    journal.write_entry(opened, "this write finds the limit reached")
    keys = _keys(url)
    assert [k[0] for k in keys if k[2]] != [old_key]
    new_key = next(k[0] for k in keys if k[2])

    journal.edit_entry(opened, first.id, "edited after the rotation")
    assert _key_of_entry(url, first.id) == new_key  # re-encrypted on edit
    assert _key_of_entry(url, second.id) == old_key  # lazily: untouched rows keep theirs

    # A person notices nothing: after locking and unlocking, every entry reads back.
    opened.keys.lock()
    vault.unlock(opened, TEST_PASSPHRASE)
    texts = {e.id: e.text for e in journal.list_entries(opened)}
    assert texts[first.id] == "edited after the rotation"
    assert texts[second.id] == "also under the first key, never edited"
    assert len(texts) == 3


def test_enc9_the_counter_counts_each_encryption_of_the_active_key(opened: Services) -> None:
    url = opened.settings.database_url
    before = {k[0]: k[1] for k in _keys(url)}
    active = next(k[0] for k in _keys(url) if k[2])
    entry = journal.write_entry(opened, "one")
    after_write = {k[0]: k[1] for k in _keys(url)}
    sealed_by_write = after_write[active] - before.get(active, 0)
    assert sealed_by_write >= 1
    journal.edit_entry(opened, entry.id, "two")
    after_edit = {k[0]: k[1] for k in _keys(url)}
    assert after_edit[active] - after_write[active] >= 1
    # Nothing counts against a key that is not the active one.
    assert {k: v for k, v in after_edit.items() if k != active} == {
        k: v for k, v in before.items() if k != active
    }


def test_enc9_rows_of_every_kind_stay_readable_across_two_rotations(opened: Services) -> None:
    url = opened.settings.database_url
    _rotate(opened, 1)
    for i in range(6):
        journal.write_entry(opened, f"entry {i}")
        checkins.record_checkin(opened, pleasantness=1, energy=1, note=f"note {i}")
    assert len(_keys(url)) >= 3
    assert sum(1 for k in _keys(url) if k[2]) == 1
    opened.keys.lock()
    vault.unlock(opened, TEST_PASSPHRASE)
    assert [e.text for e in journal.list_entries(opened)] == [f"entry {i}" for i in range(6)]
    assert sorted(c.note for c in checkins.list_checkins(opened)) == [f"note {i}" for i in range(6)]
