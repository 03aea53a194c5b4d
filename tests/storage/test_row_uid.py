"""ENC-3: ciphertexts are bound to a random row uid, so a reused row id opens nothing old.

docs/decisions/0008-row-uid-in-aad.md; both tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from alembic import command
from sqlalchemy import text
from tests.conftest import TEST_PASSPHRASE

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.crypto.envelope import Place, seal
from reconnect.crypto.kdf import FLOOR
from reconnect.errors import TamperedDataError
from reconnect.services import journal
from reconnect.services.vault_setup import _make_keys
from reconnect.storage import vault as vault_rows
from reconnect.storage.database import make_engine, transaction
from reconnect.storage.migrate import alembic_config, current_revision, head_revision

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from reconnect.domain.entries import DamagedEntry

START = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_deleted_entrys_ciphertext_does_not_open_in_the_row_that_reuses_its_id(
    database_url: str,
) -> None:
    services = build_services(Settings(database_url=database_url))
    try:
        journal.write_entry(services, "an older entry that stays")
        deleted = journal.write_entry(services, "the deleted entry, private")
        with services.engine.begin() as connection:
            old_payload = connection.execute(
                text("SELECT payload FROM entries WHERE id = :id"), {"id": deleted.id}
            ).scalar_one()  # what an old backup still holds
        journal.delete_entry(services, deleted.id)
        if services.engine.dialect.name == "postgresql":
            # A sequence goes back after a restore from a dump; SQLite reuses the id by itself.
            with services.engine.begin() as connection:
                connection.execute(
                    text("SELECT setval(pg_get_serial_sequence('entries', 'id'), :id, false)"),
                    {"id": deleted.id},
                )
        reusing = journal.write_entry(services, "a new entry in the reused id")
        assert reusing.id == deleted.id
        with services.engine.begin() as connection:
            connection.execute(
                text("UPDATE entries SET payload = :payload WHERE id = :id"),
                {"payload": old_payload, "id": reusing.id},
            )
        with pytest.raises(TamperedDataError):
            journal.get_entry(services, reusing.id)
        damaged: list[DamagedEntry] = []
        shown = journal.list_entries(services, damaged=damaged)
        assert [e.text for e in shown] == ["an older entry that stays"]
        assert len(damaged) == 1
    finally:
        services.close()


def _legacy_journal(url: str, texts: list[str]) -> dict[int, str]:
    """A journal as reconnect wrote it before revision 0006: schema 0005, vault format 1,
    payloads bound to the row id alone. Returns the stored payload of each entry id."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        stored: dict[int, str] = {}
        with transaction(engine) as connection:
            journal_id = uuid.uuid4().hex
            vault_rows.create_journal(connection, journal_id, True, START)
            connection.execute(text("UPDATE vault SET format_version = 1"))
            _recovery, codec = _make_keys(connection, journal_id, TEST_PASSPHRASE, FLOOR, START)
            for entry_id, words in enumerate(texts, start=1):
                payload = json.dumps(
                    {"text": words, "tags": [], "people": [], "activities": [], "analysis": None}
                )
                envelope = seal(
                    codec.keys[codec.active_id],
                    codec.active_id,
                    payload.encode("utf-8"),
                    Place(journal_id, "entries", str(entry_id), "payload"),
                )
                stored[entry_id] = base64.b64encode(envelope).decode("ascii")
                connection.execute(
                    text(
                        "INSERT INTO entries (id, written_at, updated_at, analyzer_version, "
                        "payload) VALUES (:id, :at, :at, '', :payload)"
                    ),
                    {
                        "id": entry_id,
                        "at": START + timedelta(days=entry_id),
                        "payload": stored[entry_id],
                    },
                )
            if engine.dialect.name == "postgresql":  # ids were given, so move the sequence on
                connection.execute(
                    text("SELECT setval(pg_get_serial_sequence('entries', 'id'), :n)"),
                    {"n": len(texts)},
                )
        assert current_revision(engine) == "0005"
        return stored
    finally:
        engine.dispose()


def _uids(connection: Connection) -> dict[int, str]:
    rows = connection.execute(text("SELECT id, uid FROM entries")).all()
    return {int(row_id): str(uid) for row_id, uid in rows}


def test_an_older_journal_is_migrated_and_resealed_on_unlock_without_loss(
    empty_database_url: str,
) -> None:
    texts = ["first, from before the upgrade", "second, damaged before it", "third, plain days"]
    stored = _legacy_journal(empty_database_url, texts)
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:  # one row was already damaged before the upgrade
        spoiled = stored[2][:-6] + ("AAAAAA" if not stored[2].endswith("AAAAAA") else "BBBBBB")
        connection.execute(text("UPDATE entries SET payload = :p WHERE id = 2"), {"p": spoiled})
    engine.dispose()

    services = build_services(Settings(database_url=empty_database_url))
    try:
        assert current_revision(services.engine) == head_revision()
        damaged: list[DamagedEntry] = []
        shown = journal.list_entries(services, damaged=damaged)
        assert [e.text for e in shown] == [texts[0], texts[2]]
        assert [d.id for d in damaged] == [2]
        with services.engine.begin() as connection:
            version = connection.execute(text("SELECT format_version FROM vault")).scalar_one()
            uids = _uids(connection)
        assert version == vault_rows.FORMAT_VERSION == 2
        assert uids[2] == ""  # the damaged row was left exactly as it was
        assert len({uids[1], uids[3]}) == 2 and all(len(uids[i]) == 32 for i in (1, 3))
        # New writes and edits work, and a ciphertext from before the upgrade no longer opens.
        journal.write_entry(services, "written after the upgrade")
        with services.engine.begin() as connection:
            connection.execute(
                text("UPDATE entries SET payload = :p WHERE id = 3"), {"p": stored[3]}
            )
        with pytest.raises(TamperedDataError):
            journal.get_entry(services, 3)
        assert journal.get_entry(services, 1).text == texts[0]
    finally:
        services.close()
    # Unlocking again does not re-seal anything (the journal is at format 2).
    services = build_services(Settings(database_url=empty_database_url))
    try:
        with services.engine.begin() as connection:
            before = _uids(connection)
        assert journal.get_entry(services, 1).text == texts[0]
        with services.engine.begin() as connection:
            assert _uids(connection) == before
    finally:
        services.close()
