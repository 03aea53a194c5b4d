"""Setting up the journal's encryption: create the journal (encrypted or not), encrypt an
unencrypted one in place, and set a new passphrase. Each writes key slots; opening and
locking the journal are in ``vault`` (docs/decisions/0005-*).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.crypto.envelope import new_key
from reconnect.crypto.kdf import DEFAULT, FLOOR, KdfParams, check_params, new_salt
from reconnect.crypto.keys import PASSPHRASE, RECOVERY, make_slot
from reconnect.crypto.recovery import new_recovery_key, normalise_recovery_key
from reconnect.errors import InputError
from reconnect.services.vault import open_codec
from reconnect.storage import vault as vault_rows
from reconnect.storage.codec import (
    PlainCodec,
    VaultCodec,
    count_payload_rows,
    load_vault_codec,
    new_data_key,
    reseal_all,
)
from reconnect.storage.database import transaction

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy import Connection

    from reconnect.config import Settings
    from reconnect.services import Services

MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_CHARS = 1024


def default_params(settings: Settings) -> KdfParams:
    """The Argon2id parameters for new key slots.

    The test suite asks for the OWASP floor (never below it) so that hundreds of
    tests do not each spend 64 MiB and a few hundred milliseconds.
    """
    return FLOOR if settings.test_fast_kdf else DEFAULT


@dataclass(frozen=True, slots=True)
class NewJournal:
    """What creating a journal gives back: the recovery key, shown once (None if unencrypted)."""

    journal_id: str
    recovery_key: str | None


def check_new_passphrase(passphrase: str) -> str:
    """InputError unless the passphrase is long enough (no composition rules)."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InputError(
            f"the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters",
            hint="A few unrelated words make a strong passphrase that is easy to remember.",
        )
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise InputError(f"the passphrase is longer than {MAX_PASSPHRASE_CHARS} characters")
    return passphrase


def create_journal(
    services: Services,
    passphrase: str | None,
    *,
    encrypted: bool = True,
    params: KdfParams | None = None,
) -> NewJournal:
    """Create the journal; with encryption, a passphrase slot and a recovery slot.

    The journal is open afterwards. InputError when one already exists here.
    """
    params = check_params(params or default_params(services.settings))
    journal_id = uuid.uuid4().hex
    now = services.clock()
    if encrypted:
        if passphrase is None:
            raise InputError("a passphrase is needed to create an encrypted journal")
        check_new_passphrase(passphrase)
    with transaction(services.engine) as connection:
        if vault_rows.get_journal(connection) is not None:
            raise InputError(
                "a journal already exists here",
                hint="Use reconnect unlock, or reconnect delete --all to start again.",
            )
        _refuse_existing_content(connection)
        vault_rows.create_journal(connection, journal_id, encrypted, now)
        if not encrypted:
            services.keys.codec = PlainCodec()
            return NewJournal(journal_id, None)
        assert passphrase is not None
        recovery_key, services.keys.codec = _make_keys(
            connection, journal_id, passphrase, params, now
        )
    return NewJournal(journal_id, recovery_key)


def _make_keys(
    connection: Connection, journal_id: str, passphrase: str, params: KdfParams, now: datetime
) -> tuple[str, VaultCodec]:
    """A master key in a passphrase slot and a recovery slot, and a first data key."""
    master_key = new_key()
    recovery_key = new_recovery_key()
    canonical = normalise_recovery_key(recovery_key)
    for kind, secret, slot_params in (
        (PASSPHRASE, passphrase, params),
        (RECOVERY, canonical, None),
    ):
        slot = make_slot(journal_id, kind, master_key, secret, new_salt(), slot_params)
        vault_rows.put_slot(connection, slot, now)
    new_data_key(connection, journal_id, master_key)
    return recovery_key, load_vault_codec(connection, journal_id, master_key)


def _refuse_existing_content(connection: Connection) -> None:
    if count_payload_rows(connection):
        raise InputError(
            "this database already holds a journal from an older reconnect, unencrypted",
            hint="Run reconnect encrypt to encrypt it in place.",
        )


def encrypt_in_place(
    services: Services,
    passphrase: str,
    progress: Callable[[int, int], None] | None = None,
    params: KdfParams | None = None,
) -> NewJournal:
    """Encrypt an unencrypted journal in one transaction: all rows or, on any failure, none.

    Works on a journal made with ``--no-encryption`` and on one from before encryption
    existed. Returns the new recovery key, to be shown once.
    """
    check_new_passphrase(passphrase)
    params = check_params(params or default_params(services.settings))
    now = services.clock()
    with transaction(services.engine) as connection:
        info = vault_rows.get_journal(connection)
        if info is not None and info.encrypted:
            raise InputError("this journal is already encrypted")
        journal_id = info.journal_id if info is not None else uuid.uuid4().hex
        if info is None:
            vault_rows.create_journal(connection, journal_id, True, now)
        else:
            vault_rows.set_encrypted(connection, True)
        vault_rows.set_format_version(connection, vault_rows.FORMAT_VERSION)
        recovery_key, codec = _make_keys(connection, journal_id, passphrase, params, now)
        total = count_payload_rows(connection)
        reseal_all(
            connection,
            PlainCodec(),
            codec,
            None if progress is None else (lambda done: progress(done, total)),
        )
    services.keys.codec = codec
    return NewJournal(journal_id, recovery_key)


def set_passphrase(
    services: Services, new_passphrase: str, params: KdfParams | None = None
) -> None:
    """Re-wrap the master key under a new passphrase; only the passphrase slot changes (ENC-4).

    The journal must be open (with the old passphrase or the recovery key).
    """
    check_new_passphrase(new_passphrase)
    params = check_params(params or default_params(services.settings))
    codec = open_codec(services)
    if not isinstance(codec, VaultCodec):
        raise InputError("this journal is not encrypted, so it has no passphrase")
    slot = make_slot(
        codec.journal_id, PASSPHRASE, codec.master_key, new_passphrase, new_salt(), params
    )
    with transaction(services.engine) as connection:
        vault_rows.put_slot(connection, slot, services.clock())
