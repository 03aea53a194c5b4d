"""The journal's keys: unlock and lock the journal, open it with its recovery key or its
master key, keep the key in the OS keyring. Creating the journal and changing its
passphrase are in ``vault_setup``.

The keys of an open journal live only in this process (``JournalKeys``); the
database holds the master key wrapped in key slots (docs/decisions/0005-*).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from time import monotonic
from typing import TYPE_CHECKING

from reconnect.crypto.keys import PASSPHRASE, RECOVERY, open_slot
from reconnect.crypto.recovery import normalise_recovery_key
from reconnect.errors import (
    CryptoError,
    InputError,
    LockedError,
    NotSetUpError,
    WrongPassphraseError,
)
from reconnect.storage import keyring_store
from reconnect.storage import vault as vault_rows
from reconnect.storage.codec import (
    PayloadCodec,
    PlainCodec,
    VaultCodec,
    load_vault_codec,
    reseal_all,
)
from reconnect.storage.database import transaction

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection

    from reconnect.services import Services

MAX_ATTEMPTS = 3


@dataclass
class JournalKeys:
    """This process's view of the journal's keys: unknown, locked or open."""

    unlocker: Callable[[int], str | None] | None = None
    codec: PayloadCodec | None = None
    last_used: float = field(default_factory=monotonic)
    idle_limit: float | None = None  # seconds; the keys are forgotten after this idle time
    use_keyring: bool = False  # the command line looks in the OS keyring if the person opted in

    def lock(self) -> None:
        """Forget the keys."""
        if isinstance(self.codec, VaultCodec):
            self.codec.wipe()
        self.codec = None

    @property
    def is_open(self) -> bool:
        return self.codec is not None

    @property
    def can_lock(self) -> bool:
        """Whether locking would shut anything: an encrypted journal is open.

        An unencrypted journal (the demo among them) opens again at once, so it never locks.
        """
        return isinstance(self.codec, VaultCodec)


def journal_info(services: Services) -> vault_rows.JournalInfo | None:
    """The journal's id and whether it is encrypted, or None when there is none yet."""
    with transaction(services.engine) as connection:
        return vault_rows.get_journal(connection)


def journal_state(services: Services) -> str:
    """The journal's state: "none" (not created yet), "plain" (unencrypted) or "encrypted"."""
    info = journal_info(services)
    if info is None:
        return "none"
    return "encrypted" if info.encrypted else "plain"


def enable_keyring(services: Services) -> str:
    """Keep the open journal's master key in the OS keyring; returns the backend's name."""
    codec = open_codec(services)
    if not isinstance(codec, VaultCodec):
        raise InputError("this journal is not encrypted, so there is no key to keep")
    keyring_store.store_master_key(codec.journal_id, codec.master_key)
    return keyring_store.backend_name()


def disable_keyring(services: Services) -> bool:
    """Remove the journal's key from the OS keyring; True when there was one."""
    info = journal_info(services)
    return info is not None and keyring_store.forget_master_key(info.journal_id)


def _open_from_keyring(services: Services, journal_id: str) -> bool:
    master_key = keyring_store.load_master_key(journal_id)
    if master_key is None:
        return False
    try:
        with transaction(services.engine) as connection:
            codec = load_vault_codec(connection, journal_id, master_key)
            info = vault_rows.get_journal(connection)
            if info is not None:
                _bind_rows_to_uids(connection, info, codec)
            services.keys.codec = codec
    except CryptoError:
        return False  # a stale or foreign entry: fall back to the passphrase
    return True


def unlock(services: Services, passphrase: str) -> None:
    """Open the journal with its passphrase: WrongPassphraseError or DamagedKeySlotError."""
    _open_with(services, PASSPHRASE, passphrase)


def unlock_with_recovery_key(services: Services, typed: str) -> None:
    """Open the journal with the recovery key; a typo fails before any key derivation."""
    _open_with(services, RECOVERY, normalise_recovery_key(typed))


def _open_with(services: Services, kind: str, secret: str) -> None:
    with transaction(services.engine) as connection:
        info = vault_rows.get_journal(connection)
        if info is None:
            raise _not_set_up()
        if not info.encrypted:
            services.keys.codec = PlainCodec()
            return
        slot = vault_rows.get_slot(connection, kind)
        if slot is None:
            raise CryptoError(f"this journal has no {kind} key slot")
        master_key = open_slot(info.journal_id, slot, secret)
        codec = load_vault_codec(connection, info.journal_id, master_key)
        _bind_rows_to_uids(connection, info, codec)
        services.keys.codec = codec
    services.keys.last_used = monotonic()


def open_with_master_key(services: Services, master_key: bytes) -> None:
    """Open the journal with its master key (server mode: the key a session carries).

    CryptoError when the key is not this journal's; nothing is derived from a passphrase.
    """
    with transaction(services.engine) as connection:
        info = vault_rows.get_journal(connection)
        if info is None:
            raise _not_set_up()
        if not info.encrypted:
            raise CryptoError("this journal is not encrypted, so no key opens it")
        services.keys.codec = load_vault_codec(connection, info.journal_id, master_key)
    services.keys.last_used = monotonic()


def master_key_of(services: Services) -> bytes:
    """The open journal's master key (server mode seals it into a session)."""
    codec = open_codec(services)
    if not isinstance(codec, VaultCodec):
        raise CryptoError("this journal is not encrypted, so it has no master key")
    return codec.master_key


def _bind_rows_to_uids(
    connection: Connection, info: vault_rows.JournalInfo, codec: VaultCodec
) -> None:
    """Bring a format 1 journal to format 2 on its first unlock: every payload is re-sealed
    bound to a fresh random row uid, in the unlock's transaction (docs/decisions/0008-*).

    A row that was already damaged is left as it was (it is named as damaged when read).
    """
    if info.format_version >= vault_rows.ROW_UID_FORMAT:
        return
    reseal_all(connection, codec, codec, legacy=True)
    vault_rows.set_format_version(connection, vault_rows.FORMAT_VERSION)


def confirm_secret(services: Services, typed: str) -> None:
    """Check that ``typed`` is this journal's passphrase or its recovery key, before a
    change that needs it; WrongPassphraseError otherwise. What is open stays as it is."""
    with transaction(services.engine) as connection:
        info = vault_rows.get_journal(connection)
        if info is None:
            raise _not_set_up()
        if not info.encrypted:
            return
        tries = [(PASSPHRASE, typed)]
        # Not shaped like a recovery key: then only the passphrase can match.
        with suppress(InputError):
            tries.append((RECOVERY, normalise_recovery_key(typed)))
        for kind, secret in tries:
            slot = vault_rows.get_slot(connection, kind)
            if slot is None:
                continue
            try:
                open_slot(info.journal_id, slot, secret)
            except WrongPassphraseError:
                continue
            return
    raise WrongPassphraseError("that is not this journal's passphrase or recovery key")


def lock(services: Services) -> None:
    """Forget the keys held by this process."""
    services.keys.lock()


def _not_set_up() -> NotSetUpError:
    return NotSetUpError(
        "there is no journal here yet",
        hint="Create one with reconnect init (or open the web app to set it up).",
    )


def open_codec(services: Services) -> PayloadCodec:
    """The codec of the open journal, unlocking it first through the unlocker if needed."""
    keys = services.keys
    now = monotonic()
    idle = keys.idle_limit
    if keys.codec is not None and idle is not None and now - keys.last_used > idle:
        keys.lock()
    if keys.codec is not None:
        keys.last_used = now
        return keys.codec
    info = journal_info(services)
    if info is None:
        raise _not_set_up()
    if not info.encrypted:
        keys.codec = PlainCodec()
        return keys.codec
    if keys.use_keyring and _open_from_keyring(services, info.journal_id):
        assert keys.codec is not None
        return keys.codec
    if keys.unlocker is None:
        raise LockedError(
            "the journal is locked",
            hint="Unlock it: set RECONNECT_PASSPHRASE, or run the command in a terminal.",
        )
    error: WrongPassphraseError | None = None
    for attempt in range(1, MAX_ATTEMPTS + 1):
        passphrase = keys.unlocker(attempt)
        if passphrase is None:
            break
        try:
            unlock(services, passphrase)
        except WrongPassphraseError as exc:
            error = exc
            continue
        assert keys.codec is not None
        return keys.codec
    if error is not None:
        raise error
    raise LockedError(
        "the journal is locked: no passphrase was given",
        hint="Set RECONNECT_PASSPHRASE, or run the command in a terminal to be asked.",
    )
